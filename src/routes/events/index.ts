// POST /v1/events (CONTRACT §4): signed, idempotent, all or nothing,
// acknowledged only after the transaction commits.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FoldCache, GroupCommitter, ingestEvents, OneTripGate, IngestConflict, type GroupCommitOptions, type IncomingEvent, type MessageChecks } from '../../cases/index.js';
import { verifySignature } from '../../domain/signature.js';
import { HttpError, badRequest, conflict, unauthorized } from '../../plugins/errors.js';
import { parseJsonBody } from '../../plugins/json-body.js';
import { IngestBody, IngestResponse } from './schemas.js';
import { eventsOf, validateEvent, type Problem } from './validate.js';

export interface EventRoutesOptions {
  readonly secrets: () => readonly string[];
  readonly bodyLimit: number;
  /** The message checks (contact sharing, language, repeats) whose flags are stored with each message. */
  readonly checks: MessageChecks;
  /** Cases whose fold inputs are kept between groups (cases/fold-cache.ts); 0 turns it off. */
  readonly foldCacheCases: number;
  /** How concurrent requests are grouped into transactions (see cases/group-commit.ts). */
  readonly groupCommit?: GroupCommitOptions;
  readonly onAuthFailure?: (req: FastifyRequest) => void;
  /** Called after a commit that wrote notifications (wakes the outbox worker). */
  readonly onNotifications?: () => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    signatureVerified?: boolean;
  }
}

const problemsError = (problems: readonly Problem[]) => {
  const first = problems[0]!;
  return badRequest(`${first.index !== undefined ? `event ${first.index}: ` : ''}${first.field} ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, problems.slice(0, 100));
};

export async function eventRoutes(app: FastifyInstance, opts: EventRoutesOptions) {
  const verify = (req: FastifyRequest, raw: Buffer) => {
    const header = req.headers['x-helpdesk-signature'];
    const check = verifySignature(Array.isArray(header) ? header[0] : header, raw, opts.secrets(), Math.floor(app.clock.now() / 1000));
    if (!check.ok) {
      opts.onAuthFailure?.(req);
      throw unauthorized(check.reason);
    }
    req.signatureVerified = true;
  };

  // Kept per app: each app has its own database.
  const cache = opts.foldCacheCases > 0 ? { cases: new FoldCache(opts.foldCacheCases), gate: new OneTripGate() } : undefined;
  const groupsByTrips = [0, 1, 2].map((n) => app.metrics.ingestGroups.labels(String(n))); // children looked up once, not per group
  const groups = new GroupCommitter(
    (events) => ingestEvents(app.pipelined, app.db, app.markets.lookup, events, { now: app.clock.now(), actor: 'webhook', checks: opts.checks, ...(cache ? { cache } : {}) }),
    opts.groupCommit,
    (result) => {
      app.metrics.obligationsBreached.inc(result.breached);
      groupsByTrips[result.roundTrips]!.inc();
      for (const t of result.takeovers) if (t.notice === 'case.taken_over') app.metrics.takeovers.inc({ reason: t.reason });
      if (result.takeovers.length > 0) opts.onNotifications?.();
    },
  );

  // Only JSON, read as raw bytes: the signature covers exactly what was sent.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: opts.bodyLimit }, (req, raw, done) => {
    try {
      verify(req, raw as Buffer);
      done(null, parseJsonBody(raw as Buffer));
    } catch (err) {
      done(err as HttpError, undefined);
    }
  });

  app.post(
    '/v1/events',
    {
      config: { access: 'webhook' },
      bodyLimit: opts.bodyLimit,
      schema: {
        tags: ['events'],
        'x-errors': [409],
        summary: 'Receive helpdesk events from the marketplace',
        description: `Signed with X-Helpdesk-Signature. Bodies over ${opts.bodyLimit} bytes get 413; anything but application/json gets 415.`,
        body: IngestBody,
        response: { 202: IngestResponse },
      },
      // Validated in the handler, so that errors name each bad event's index and field.
      validatorCompiler: () => () => true,
    },
    async (req, reply) => {
      if (!req.signatureVerified) {
        verify(req, Buffer.alloc(0));
        throw badRequest('the body must be an event or a batch of events');
      }
      const list = eventsOf(req.body);
      if (!Array.isArray(list)) throw problemsError([list]);
      const now = app.clock.now();
      const ctx = { now, knownMarket: (code: string) => app.markets.get(code) !== undefined };
      const events: IncomingEvent[] = [];
      const problems: Problem[] = [];
      list.forEach((value, index) => {
        const r = validateEvent(value, index, ctx);
        if ('event' in r) events.push(r.event);
        else problems.push(...r.problems);
      });
      if (problems.length > 0) throw problemsError(problems);
      let result;
      try {
        result = await groups.submit(events);
      } catch (err) {
        if (err instanceof IngestConflict) throw conflict(err.message, [{ index: err.index, field: err.field, message: err.message }]);
        throw err;
      }
      app.metrics.eventsAccepted.inc(result.accepted);
      app.metrics.eventsDuplicate.inc(result.duplicates);
      return reply.code(202).send({ accepted: result.accepted, duplicates: result.duplicates });
    },
  );
}
