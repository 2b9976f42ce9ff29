// Planned seller absences (CONTRACT §7, POLICIES D). A seller registers the
// local dates it will be away; the platform covers its buyers. The rules are
// pure (domain/absences); this shell stores the absence, then refolds, in the
// same transaction, every case of the seller in that market it could change,
// because absences are an input of the obligation fold. A new absence that
// adjoins live ones is also judged with them (domain/absences/continuous.ts).
//
// Access: a seller token acts only for its own seller id, admin for anyone;
// compliance may list (it audits sellers) but not register or cancel.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql, type Kysely, type Selectable } from 'kysely';
import Type from 'typebox';
import { formatDate, parseDate } from '../../calendar/index.js';
import { absenceWindows, refoldLockedCases, type AuditEntry, type MarketLookup } from '../../cases/index.js';
import type { AbsencesTable, Database } from '../../db/index.js';
import { assessAbsence, continuousAbsence, overlapping, type ContinuousAbsence, type DayRange } from '../../domain/absences/index.js';
import type { Market } from '../../markets/index.js';
import { assertSellerScope, isStaff } from '../../plugins/auth.js';
import { badRequest, conflict, fieldOf, notFound, unprocessable } from '../../plugins/errors.js';
import { inPart, iso } from '../params.js';
import { continuousWire, liveAbsences } from './absences-live.js';
import { AbsenceBody, AbsenceList, AbsenceListQuery, AbsenceParams, Absence as AbsenceSchema, continuousOnWire, SellerParams } from './absences.schemas.js';

export interface AbsenceRoutesOptions {
  /** Called when a refold wrote takeover notices to the outbox (wakes the delivery worker). */
  readonly onNotifications?: () => void;
}

type AbsenceRow = Selectable<AbsencesTable>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIRST_DAY = parseDate('2000-01-01')!;
const LAST_DAY = parseDate('2099-12-31')!;
const REFOLD_BATCH = 500;

const actorOf = (req: FastifyRequest) => `token:${req.principal!.tokenId}`;

interface SchemaError {
  instancePath?: string;
  message?: string;
  params?: { missingProperty?: string; additionalProperty?: string };
}

/** Body schema failures as a 400 naming fields as the checks below do (body.from). */
function schemaProblems(errors: readonly SchemaError[]) {
  const problems = errors.map((e) => ({
    field: fieldOf(e, 'body'),
    message: e.params?.missingProperty ? 'is required' : e.params?.additionalProperty ? 'is not a field of an absence' : (e.message ?? 'is invalid'),
  }));
  return badRequest(`invalid body: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
}

/** Local dates and market of a request body, or a 400 naming every bad field. */
function parseRequest(body: { market: string; from: string; to: string }, marketOf: MarketLookup): { market: Market; range: DayRange } {
  const problems: { field: string; message: string }[] = [];
  const day = (name: 'from' | 'to') => {
    const d = parseDate(body[name]);
    const field = `body.${name}`;
    if (d === null) problems.push({ field, message: 'must be a local date YYYY-MM-DD' });
    else if (d < FIRST_DAY || d > LAST_DAY) problems.push({ field, message: 'must lie in the years 2000 to 2099' });
    return d ?? 0;
  };
  const range = { from: day('from'), to: day('to') };
  const market = marketOf(body.market);
  if (!market) problems.push({ field: 'body.market', message: `is not a known market (${body.market})` });
  if (problems.length > 0) throw badRequest(`invalid body: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  return { market: market!, range };
}

/** Serialises the absences of one seller in one market (registration, cancellation). */
async function lockSellerMarket(tx: Kysely<Database>, sellerId: string, market: string): Promise<void> {
  // The two-key form lives in a key space apart from the cases' one-key locks.
  await sql`SELECT pg_advisory_xact_lock(hashtext('replyby.absences'), hashtext(${`${sellerId}\n${market}`}))`.execute(tx);
}

/**
 * Refolds every case of the seller in the market that an absence starting at
 * `start` could change: cases with a scheduled check (every open case with a
 * pending obligation has one; it is taken over at the start, or, on
 * cancellation, its check moves back to the deadline) and cases with events
 * on or after the start (a buyer message inside the absence). An open case
 * with neither has nothing the absence can change. Case locks are taken in
 * case-id order, as ingestion and the sweep take them.
 */
async function refoldSellerCases(tx: Kysely<Database>, marketOf: MarketLookup, sellerId: string, market: string, start: number, now: number, audit: AuditEntry[]) {
  const { rows } = await sql<{ id: string }>`
    SELECT id, pg_advisory_xact_lock(hashtextextended(id, 42)) FROM (
      SELECT id FROM cases
      WHERE seller_id = ${sellerId} AND market = ${market}
        -- every stored case has events (cases_seller_activity indexes those)
        AND last_event_at IS NOT NULL
        AND (check_at IS NOT NULL OR last_event_at >= ${new Date(start)})
      ORDER BY id
    ) s`.execute(tx);
  const ids = rows.map((r) => r.id);
  // The first batch carries the audit row, so it is written even when no case is affected.
  let takeovers = (await refoldLockedCases(tx, marketOf, ids.slice(0, REFOLD_BATCH), now, audit)).takeovers.length;
  for (let i = REFOLD_BATCH; i < ids.length; i += REFOLD_BATCH) {
    takeovers += (await refoldLockedCases(tx, marketOf, ids.slice(i, i + REFOLD_BATCH), now)).takeovers.length;
  }
  return { cases: ids.length, takeovers };
}

const continuousColumns = (c: ContinuousAbsence | null) => ({
  continuous_from: c ? formatDate(c.from) : null,
  continuous_to: c ? formatDate(c.to) : null,
  continuous_working_days: c?.workingDays ?? null,
  continuous_violation: c?.violation ?? null,
});

/**
 * After a cancellation, the live absences whose whole held the cancelled one
 * are judged again without it: with the live absences inside their whole
 * (what they were judged with, less the cancelled one) and the notice each was given.
 * A late piece whose long absence was cut short no longer counts as late.
 */
async function rejudgePieces(tx: Kysely<Database>, market: Market, cancelled: AbsenceRow) {
  const affected = await tx
    .selectFrom('absences')
    .selectAll()
    .where('seller_id', '=', cancelled.seller_id)
    .where('market', '=', cancelled.market)
    .where('cancelled_at', 'is', null)
    .where('continuous_from', '<=', cancelled.to_date)
    .where('continuous_to', '>=', cancelled.from_date)
    .execute();
  if (affected.length === 0) return [];
  const live = await liveAbsences(tx, cancelled.seller_id, cancelled.market);
  const out: { id: string; continuous: ReturnType<typeof continuousWire> | null }[] = [];
  for (const a of affected) {
    const [from, to, wholeFrom, wholeTo] = [a.from_date, a.to_date, a.continuous_from!, a.continuous_to!].map((d) => parseDate(d)!) as [number, number, number, number];
    const others = live.filter((l) => l.id !== a.id && l.from >= wholeFrom && l.to <= wholeTo);
    const continuous = continuousAbsence(others, { from, to, workingDays: a.working_days, noticeDays: a.notice_days }, market);
    await tx.updateTable('absences').set(continuousColumns(continuous)).where('id', '=', a.id).execute();
    out.push({ id: a.id, continuous: continuous && continuousWire(continuous) });
  }
  return out;
}

function toWire(row: AbsenceRow, market: Market | undefined) {
  const window = market ? absenceWindows(market.timeZone, [[row.from_date, row.to_date, row.created_at.getTime()]])[0] : undefined;
  return {
    id: row.id,
    sellerId: row.seller_id,
    market: row.market,
    from: row.from_date,
    to: row.to_date,
    workingDays: row.working_days,
    noticeDays: row.notice_days,
    compliant: row.compliant,
    ...(row.violation ? { violation: row.violation as 'late_notice' } : {}),
    ...(row.continuous_from !== null && row.continuous_to !== null && row.continuous_working_days !== null
      ? { continuous: continuousOnWire({ from: row.continuous_from, to: row.continuous_to, workingDays: row.continuous_working_days, violation: row.continuous_violation }) }
      : {}),
    ...(row.note !== null ? { note: row.note } : {}),
    ...(window ? { startsAt: iso(window.start), endsAt: iso(window.end) } : {}),
    createdAt: row.created_at.toISOString(),
    ...(row.cancelled_at ? { cancelledAt: row.cancelled_at.toISOString() } : {}),
  };
}

export async function absenceRoutes(app: FastifyInstance, opts: AbsenceRoutesOptions = {}) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['sellers'];

  r.post(
    '/v1/sellers/:sellerId/absences',
    {
      config: { access: ['admin', 'seller'] },
      schema: { tags, summary: 'Register a planned absence (the platform covers the buyers)', 'x-errors': [409, 422], params: SellerParams, body: AbsenceBody, response: { 201: AbsenceSchema } },
      attachValidation: true,
    },
    async (req, reply) => {
      const { sellerId } = req.params;
      assertSellerScope(req, sellerId);
      if (req.validationError) {
        const v = req.validationError as { validationContext?: string; validation?: SchemaError[] };
        if (v.validationContext !== 'body' || !v.validation) throw req.validationError;
        throw schemaProblems(v.validation);
      }
      const { market, range } = parseRequest(req.body, app.markets.lookup);
      const now = app.clock.now();
      const assessed = assessAbsence(market, range, now);
      if (!assessed.ok) {
        const problems = inPart('body', assessed.problems);
        throw unprocessable(`the absence cannot be registered: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
      }
      const { figures } = assessed;
      const from = formatDate(range.from);
      const to = formatDate(range.to);
      const [window] = absenceWindows(market.timeZone, [[from, to]]);

      const { row, refold } = await app.db.transaction().execute(async (tx) => {
        await lockSellerMarket(tx, sellerId, market.code);
        const live = await liveAbsences(tx, sellerId, market.code);
        const clashes = overlapping(live, range);
        if (clashes.length > 0) {
          throw conflict(
            `the absence overlaps ${clashes.length === 1 ? 'another absence' : `${clashes.length} other absences`} of seller ${sellerId} in ${market.code}; cancel or change it first`,
            clashes.map((c) => ({ field: 'body.from', id: c.id, from: c.dates[0], to: c.dates[1] })),
          );
        }
        // judged under the lock: the live absences cannot change until this one is stored
        const continuous = continuousAbsence(live, { ...range, workingDays: figures.workingDays, noticeDays: figures.noticeDays }, market);
        const row = await tx
          .insertInto('absences')
          .values({
            seller_id: sellerId,
            market: market.code,
            from_date: from,
            to_date: to,
            note: req.body.note ?? null,
            working_days: figures.workingDays,
            notice_days: figures.noticeDays,
            compliant: figures.compliant,
            violation: figures.violation ?? null,
            ...continuousColumns(continuous),
            created_at: new Date(now),
            created_by: actorOf(req),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        if (continuous) {
          // The whole changed: every live piece of it carries the whole as it now is, so what the pieces show (and
          // the late-notice counts) does not depend on the order they were registered in.
          await tx
            .updateTable('absences')
            .set(continuousColumns(continuous))
            .where('seller_id', '=', sellerId)
            .where('market', '=', market.code)
            .where('cancelled_at', 'is', null)
            .where('from_date', '>=', formatDate(continuous.from))
            .where('to_date', '<=', formatDate(continuous.to))
            .where('id', '!=', row.id)
            .execute();
        }
        const audit: AuditEntry = {
          actor: actorOf(req),
          action: 'absence.registered',
          subject: row.id,
          details: {
            sellerId,
            market: market.code,
            from,
            to,
            workingDays: figures.workingDays,
            noticeDays: figures.noticeDays,
            compliant: figures.compliant,
            violation: figures.violation ?? null,
            ...(continuous ? { continuous: continuousWire(continuous) } : {}),
          },
        };
        const refold = await refoldSellerCases(tx, app.markets.lookup, sellerId, market.code, window!.start, now, [audit]);
        return { row, refold };
      });
      if (refold.takeovers > 0) opts.onNotifications?.();
      req.log.info({ absence: row.id, sellerId, market: market.code, compliant: row.compliant, refolded: refold.cases }, 'absence registered');
      return reply.code(201).send(toWire(row, market));
    },
  );

  r.get(
    '/v1/sellers/:sellerId/absences',
    {
      config: { access: ['admin', 'compliance', 'seller'] },
      schema: { tags, summary: "A seller's absences, earliest first", params: SellerParams, querystring: AbsenceListQuery, response: { 200: AbsenceList } },
    },
    async (req) => {
      const { sellerId } = req.params;
      assertSellerScope(req, sellerId);
      const { includeCancelled, market } = req.query;
      let q = app.db.selectFrom('absences').selectAll().where('seller_id', '=', sellerId);
      if (market) q = q.where('market', '=', market);
      if (!includeCancelled) q = q.where('cancelled_at', 'is', null);
      const rows = await q.orderBy('from_date').orderBy('created_at').orderBy('id').execute();
      if (isStaff(req)) {
        await app.db
          .insertInto('audit')
          .values({ actor: actorOf(req), action: 'absences.read', subject: sellerId, details: JSON.stringify({ market: market ?? null, includeCancelled: includeCancelled ?? false, count: rows.length }) })
          .execute();
      }
      return { absences: rows.map((row) => toWire(row, app.markets.get(row.market))) };
    },
  );

  r.delete(
    '/v1/sellers/:sellerId/absences/:id',
    {
      config: { access: ['admin', 'seller'] },
      schema: { tags, summary: 'Cancel an absence before it starts (local 00:00 of from)', 'x-errors': [409], params: AbsenceParams, response: { 204: Type.Null({ description: 'cancelled (or already cancelled)' }) } },
    },
    async (req, reply) => {
      const { sellerId, id } = req.params;
      assertSellerScope(req, sellerId);
      const missing = () => notFound(`no absence ${id} of seller ${sellerId}`);
      if (!UUID.test(id)) throw missing();
      const found = await app.db.selectFrom('absences').select(['market']).where('id', '=', id).where('seller_id', '=', sellerId).executeTakeFirst();
      if (!found) throw missing();
      const now = app.clock.now();
      const takeovers = await app.db.transaction().execute(async (tx) => {
        await lockSellerMarket(tx, sellerId, found.market);
        const row = await tx.selectFrom('absences').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
        if (row.cancelled_at) return 0; // DELETE is idempotent: already cancelled, nothing changes
        const market = app.markets.get(row.market);
        if (!market) throw conflict(`market ${row.market} is no longer configured; the absence cannot be cancelled`);
        // Its start as it covers: 00:00 of its first day, or its registration when later (as startsAt shows).
        const [window] = absenceWindows(market.timeZone, [[row.from_date, row.to_date, row.created_at.getTime()]]);
        if (now >= window!.start) {
          throw conflict(`the absence started at ${iso(window!.start)} (its startsAt); only an absence that has not started can be cancelled`);
        }
        await tx.updateTable('absences').set({ cancelled_at: new Date(now) }).where('id', '=', id).execute();
        const rejudged = await rejudgePieces(tx, market, row);
        const audit: AuditEntry = {
          actor: actorOf(req),
          action: 'absence.cancelled',
          subject: id,
          details: { sellerId, market: row.market, from: row.from_date, to: row.to_date, ...(rejudged.length > 0 ? { rejudged } : {}) },
        };
        return (await refoldSellerCases(tx, app.markets.lookup, sellerId, row.market, window!.start, now, [audit])).takeovers;
      });
      if (takeovers > 0) opts.onNotifications?.();
      return reply.code(204).send(null);
    },
  );
}
