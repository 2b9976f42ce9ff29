// Turns parsed JSON into validated events, or problems that name each bad
// event's index and field. Runs once, at the edge; nothing downstream re-checks.
import { Compile } from 'typebox/compile';
import type { IncomingEvent } from '../../cases/index.js';
import type { EventType } from '../../domain/obligations/index.js';
import { instantOrProblem } from '../params.js';
import { EventSchema, MAX_BATCH } from './schemas.js';

export interface Problem {
  /** The event at fault; absent for a problem of the body as a whole (no event is at fault). */
  readonly index?: number;
  readonly field: string;
  readonly message: string;
}

const check = Compile(EventSchema);
const FUTURE_SKEW_MS = 300_000;

const field = (pointer: string) => pointer.replace(/^\//, '').replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.') || '(event)';

/** The literals of the union a `const` error's schema path (…/anyOf/<n>) points into. */
function literalsAt(schemaPath: string): unknown[] {
  let node: unknown = EventSchema;
  for (const key of schemaPath.replace(/^#\//, '').split('/').slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(node) ? node.map((s: { const?: unknown }) => s.const) : [];
}

function schemaProblems(value: unknown, index: number): Problem[] {
  const errors = [...check.Errors(value)];
  // A union of literals fails once per literal (and the error list is capped): one problem per field, naming the
  // values its union in the schema allows.
  const named = new Set<string>();
  return errors.flatMap((e) => {
    if (e.keyword === 'boolean' || e.keyword === 'anyOf') return [];
    if (e.keyword === 'const') {
      if (named.has(e.instancePath)) return [];
      named.add(e.instancePath);
      const values = literalsAt(e.schemaPath);
      if (values.length === 0) return [{ index, field: field(e.instancePath), message: e.message }];
      return [{ index, field: field(e.instancePath), message: values.length === 1 ? `must be ${JSON.stringify(values[0])}` : `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}` }];
    }
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperties?: string[] }).additionalProperties ?? [];
      return extra.map((k) => ({ index, field: field(`${e.instancePath}/${k}`), message: 'is not a field of an event' }));
    }
    if (e.keyword === 'required') {
      const missing = (e.params as { requiredProperties?: string[] }).requiredProperties ?? [];
      return missing.map((k) => ({ index, field: field(`${e.instancePath}/${k}`), message: 'is required' }));
    }
    return [{ index, field: field(e.instancePath), message: e.message }];
  });
}

function textProblem(s: string | null | undefined): string | null {
  if (s == null) return null;
  if (s.includes('\u0000')) return 'must not contain NUL characters';
  if (!s.isWellFormed()) return 'must be well-formed Unicode (no lone surrogates)';
  return null;
}

export function validateEvent(value: unknown, index: number, ctx: { now: number; knownMarket: (code: string) => boolean }): { event: IncomingEvent } | { problems: Problem[] } {
  const problems = schemaProblems(value, index);
  if (problems.length > 0) return { problems };
  const v = value as {
    id: string;
    type: EventType;
    occurredAt: string;
    market: string;
    caseId: string;
    sellerId: string;
    buyerId?: string | null;
    orderId?: string | null;
    message?: { id: string; author: 'buyer' | 'seller' | 'platform'; body: string; automated?: boolean };
    dispute?: { reason: string; note?: string | null };
  };
  const add = (f: string, message: string) => problems.push({ index, field: f, message });
  const t = instantOrProblem(v.occurredAt);
  if (typeof t === 'string') add('occurredAt', t);
  else if (t > ctx.now + FUTURE_SKEW_MS) add('occurredAt', 'is more than 5 minutes in the future');
  if (!ctx.knownMarket(v.market)) add('market', `unknown market ${v.market}`);
  if (v.type === 'message.created' && !v.message) add('message', 'is required for message.created');
  if (v.type !== 'message.created' && v.message) add('message', `is only for message.created, not ${v.type}`);
  if (v.type === 'dispute.opened' && !v.dispute) add('dispute', 'is required for dispute.opened');
  if (v.type !== 'dispute.opened' && v.dispute) add('dispute', `is only for dispute.opened, not ${v.type}`);
  const bodyProblem = textProblem(v.message?.body) ?? null;
  if (bodyProblem) add('message.body', bodyProblem);
  const noteProblem = textProblem(v.dispute?.note);
  if (noteProblem) add('dispute.note', noteProblem);
  if (problems.length > 0) return { problems };
  return {
    event: {
      id: v.id,
      type: v.type,
      occurredAt: t as number,
      market: v.market,
      caseId: v.caseId,
      sellerId: v.sellerId,
      buyerId: v.buyerId ?? null,
      orderId: v.orderId ?? null,
      message: v.message ? { id: v.message.id, author: v.message.author, body: v.message.body, automated: v.message.automated ?? false } : null,
      dispute: v.dispute ? { reason: v.dispute.reason, note: v.dispute.note ?? null } : null,
    },
  };
}

/** The events of a body: one event, or { events: [...] }. */
export function eventsOf(body: unknown): unknown[] | Problem {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { field: '(body)', message: 'must be an event object or { "events": [...] }' };
  if (!('events' in body)) return [body];
  const keys = Object.keys(body);
  const events = (body as { events: unknown }).events;
  if (keys.length !== 1) return { field: keys.find((k) => k !== 'events')!, message: 'a batch has only the field "events"' };
  if (!Array.isArray(events)) return { field: 'events', message: 'must be an array of events' };
  if (events.length === 0) return { field: 'events', message: 'must hold at least one event' };
  if (events.length > MAX_BATCH) return { index: MAX_BATCH, field: 'events', message: `holds at most ${MAX_BATCH} events` };
  return events;
}
