// The OpenAPI document, generated from the route schemas, and its UI at /docs.
// Error answers and the CSV variant of reports are added to the document
// only (transformObject), never as route response schemas: those would
// change how errors and CSV are serialised.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifySchema {
    /** Error statuses this route answers beyond the generic ones (documented only; see errorStatuses). */
    'x-errors'?: readonly number[];
  }
}

interface Operation {
  parameters?: { name: string; in: string; schema?: unknown }[];
  requestBody?: unknown;
  security?: Record<string, unknown>[];
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
  'x-errors'?: readonly number[];
  [key: string]: unknown;
}
type Paths = Record<string, Record<string, Operation>>;

/** The contract's error shape: `{ error, message, details? }`. */
const ERROR_SCHEMA = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'a machine-readable code, e.g. bad_request, unauthorized, not_found' },
    message: { type: 'string', description: 'a human sentence' },
    details: { type: 'array', items: { type: 'object', additionalProperties: true }, description: 'what is wrong, item by item (e.g. field, index, message)' },
  },
  additionalProperties: false,
};

const ERROR_TEXT: Record<number, string> = {
  400: 'Bad request: a parameter or the body is invalid (details name the fields)',
  401: 'Missing or bad credentials',
  403: 'The token has not the right to this route or this seller',
  404: 'The thing the path names does not exist',
  409: 'Conflicts with what is stored',
  413: 'The body is larger than BODY_LIMIT',
  415: 'The body is not application/json',
  422: 'Well-formed but refused (details say why)',
  429: 'Too many requests or failed authentications (see Retry-After)',
  503: 'The database cannot be reached (see Retry-After)',
};

const CSV_SCHEMA = { type: 'string', description: 'format=csv: every row of the period, streamed, with a header row of the column names' };

const schemesOf = (op: Operation) => (op.security ?? []).flatMap((s) => Object.keys(s));

/** A generic set from what the operation is (authenticated, with a body, naming a thing), plus its own x-errors. */
function errorStatuses(path: string, op: Operation): number[] {
  const schemes = schemesOf(op);
  const statuses = new Set(op['x-errors'] ?? []);
  if ((op.parameters?.length ?? 0) > 0 || op.requestBody) statuses.add(400);
  if (schemes.length > 0) statuses.add(401).add(503); // credentials are checked against the database
  if (schemes.includes('bearer')) statuses.add(403).add(429); // roles; rate limits per token and per failing address
  if (path.includes('{')) statuses.add(404);
  if (op.requestBody) statuses.add(413).add(415);
  return [...statuses].sort((a, b) => a - b);
}

const offersCsv = (op: Operation) => (op.parameters ?? []).some((p) => p.in === 'query' && p.name === 'format' && JSON.stringify(p.schema ?? {}).includes('"csv"'));

function withCsv(responses: NonNullable<Operation['responses']>): NonNullable<Operation['responses']> {
  const ok = Object.keys(responses).find((code) => code.startsWith('2'));
  if (ok === undefined) return responses;
  const answer = responses[ok]!;
  return { ...responses, [ok]: { ...answer, content: { ...answer.content, 'text/csv': { schema: CSV_SCHEMA } } } };
}

function documentErrors(path: string, op: Operation): Operation {
  const { 'x-errors': _own, ...rest } = op;
  const responses = offersCsv(op) ? withCsv(op.responses ?? {}) : { ...op.responses };
  for (const status of errorStatuses(path, op)) {
    responses[status] ??= { description: ERROR_TEXT[status] ?? 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  return { ...rest, responses };
}

function withErrors<T extends { paths?: Paths; components?: { schemas?: Record<string, unknown> } }>(doc: T): T {
  const paths = Object.fromEntries(
    Object.entries(doc.paths ?? {}).map(([path, item]) => [path, Object.fromEntries(Object.entries(item).map(([method, op]) => [method, documentErrors(path, op)]))]),
  );
  return { ...doc, paths, components: { ...doc.components, schemas: { ...doc.components?.schemas, Error: ERROR_SCHEMA } } };
}

export const docsPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'replyby',
        version: '1',
        description: 'Helpdesk SLA compliance for online marketplaces: working-time reply deadlines, breaches, takeovers, reports.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A token from `npm run --silent cli -- token create`' },
          signature: { type: 'apiKey', in: 'header', name: 'X-Helpdesk-Signature', description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">' },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const access = route.config?.access;
      const security = access === 'public' ? [] : access === 'webhook' ? [{ signature: [] }] : [{ bearer: [] }];
      const roles = Array.isArray(access) ? `\n\nAllowed roles: ${access.join(', ')}.` : '';
      return { schema: { ...schema, security, ...(schema?.description || roles ? { description: `${schema?.description ?? ''}${roles}` } : {}) } as never, url };
    },
    transformObject: (documents) => ('openapiObject' in documents ? withErrors(documents.openapiObject as Parameters<typeof withErrors>[0]) : documents.swaggerObject),
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
});
