// The contract's error shape everywhere: { error, message, details? }, the
// right status, never a stack trace to the client. A database that cannot be
// reached is 503 with Retry-After, never a crash.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { echoRequestId } from './request-context.js';

export type ErrorDetail = object;

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: readonly ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: readonly ErrorDetail[]) => new HttpError(400, 'bad_request', message, details);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message, undefined, { 'www-authenticate': 'Bearer' });
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const conflict = (message: string, details?: readonly ErrorDetail[]) => new HttpError(409, 'conflict', message, details);
export const unprocessable = (message: string, details?: readonly ErrorDetail[]) => new HttpError(422, 'unprocessable', message, details);

const DB_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300']);

export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (e.code && (DB_DOWN.has(e.code) || e.code.startsWith('08'))) return true;
  return /timeout exceeded when trying to connect|Connection terminated|connection is insecure|the database system is (starting up|shutting down)/i.test(e.message ?? '');
}

const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'bad_request'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request'],
  FST_ERR_CTP_INVALID_TYPE: [415, 'unsupported_media_type'],
};

/** The dotted field a schema error is about (a missing or unknown property named), prefixed with the request part. */
export function fieldOf(e: { instancePath?: string; params?: Record<string, unknown> }, context: string | undefined): string {
  const missing = e.params?.missingProperty as string | undefined;
  const extra = e.params?.additionalProperty as string | undefined;
  const p = `${e.instancePath ?? ''}${missing ? `/${missing}` : extra ? `/${extra}` : ''}`;
  return `${context ?? ''}${p.replace(/\//g, '.')}`.replace(/^\./, '');
}

interface SchemaFailure {
  keyword?: string;
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/**
 * Schema failures as problems. A union of literals (format json|csv) fails
 * once per literal and once more as the union: that is one problem, naming
 * the values the field takes.
 */
export function validationProblems(errors: readonly SchemaFailure[], context: string | undefined): { field: string; message: string }[] {
  const literals = new Map<string, unknown[]>();
  for (const e of errors) if (e.keyword === 'const') literals.set(e.instancePath ?? '', [...(literals.get(e.instancePath ?? '') ?? []), e.params?.allowedValue]);
  const named = new Set<string>();
  return errors.flatMap((e) => {
    const values = literals.get(e.instancePath ?? '');
    if (values && (e.keyword === 'const' || e.keyword === 'anyOf')) {
      if (named.has(e.instancePath ?? '')) return [];
      named.add(e.instancePath ?? '');
      return [{ field: fieldOf(e, context), message: `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}` }];
    }
    return [{ field: fieldOf(e, context), message: e.message ?? 'is invalid' }];
  });
}

/** Fastify's errors before routing (a malformed URL), as `frameworkErrors` of the Fastify options. */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  echoRequestId(req, reply); // no onRequest hook runs before these
  const bad = err.code === 'FST_ERR_BAD_URL';
  void reply.status(bad ? 400 : 500).send(bad ? { error: 'bad_request', message: err.message } : { error: 'internal_error', message: 'internal error' });
}

const CLIENT_ERRORS: Record<string, readonly [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'the request did not arrive within the request timeout'],
  HPE_HEADER_OVERFLOW: [431, 'request_header_fields_too_large', 'the request line or headers are too large'],
};

/**
 * Errors Node's HTTP parser raises before there is a request (a body too
 * slow, headers or URL too large, bytes that are not HTTP), written on the
 * socket, as `clientErrorHandler` of the Fastify options.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'bad_request', 'the request is not valid HTTP/1.1'];
  const body = JSON.stringify({ error: code, message });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether close() has begun (set by errorsPlugin's preClose hook). */
    isClosing(): boolean;
  }
}

export const errorsPlugin = fp(async (app: FastifyInstance) => {
  // While closing, a request arriving on a kept-alive connection is refused with 503 (Fastify's own answer,
  // return503OnClosing, is not in the contract's shape); requests already in progress finish.
  let closing = false;
  app.decorate('isClosing', () => closing);
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onRequest', (_req, reply, done) => {
    if (!closing) return done();
    void reply.status(503).header('retry-after', '5').send({ error: 'service_unavailable', message: 'the service is shutting down; retry shortly' });
  });

  app.setErrorHandler((err: FastifyError & Partial<HttpError>, req, reply) => {
    let status = 500;
    let code = 'internal_error';
    let message = 'internal error';
    let details: readonly ErrorDetail[] | undefined;
    if (err instanceof HttpError) {
      ({ statusCode: status, code, message, details } = err);
      for (const [k, v] of Object.entries(err.headers ?? {})) reply.header(k, v);
    } else if (err.validation) {
      status = 400;
      code = 'bad_request';
      const problems = validationProblems(err.validation as never, err.validationContext);
      details = problems;
      message = `invalid ${err.validationContext ?? 'request'}: ${problems.map((d) => `${d.field} ${d.message}`).join('; ')}`;
    } else if (err.code && FASTIFY_CODES[err.code]) {
      [status, code] = FASTIFY_CODES[err.code]!;
      message = err.message;
    } else if (isDatabaseUnavailable(err)) {
      status = 503;
      code = 'service_unavailable';
      message = 'the database is unavailable; retry shortly';
      reply.header('retry-after', '5');
    } else if (err.statusCode === 429) {
      status = 429;
      code = 'too_many_requests';
      message = err.message;
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
      message = err.message;
    }
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ status, code, message }, 'request refused');
    return reply.status(status).send({ error: code, message, ...(details ? { details } : {}) });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` }));
});
