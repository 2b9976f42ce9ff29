// GET /v1/sellers/{sellerId}/scorecard (issue 4.2): staff, or that seller's
// own token. Loads one seller's facts of the period (each query on a
// seller-first index) and lets domain/reports compute every figure.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { absenceOverlaps, scorecard, UTC_ISO_WEEKS, type WeekRule } from '../../domain/reports/index.js';
import { assertSellerScope } from '../../plugins/auth.js';
import { iso } from '../params.js';
import { auditReportRead } from '../reports/audit.js';
import { parsePeriod, queryMarket } from '../reports/period.js';
import { ScorecardParams, ScorecardQuery, ScorecardResponse } from './scorecard-schemas.js';

export async function scorecardRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/v1/sellers/:sellerId/scorecard',
    {
      config: { access: ['admin', 'compliance', 'seller'] },
      schema: {
        tags: ['sellers', 'reports'],
        summary: "A seller scorecard for a period, with the same figures per week (each market's own week)",
        params: ScorecardParams,
        querystring: ScorecardQuery,
        response: { 200: ScorecardResponse },
      },
    },
    async (req) => {
      const { sellerId } = req.params;
      assertSellerScope(req, sellerId);
      const market = req.query.market !== undefined ? queryMarket(app, req.query.market) : null;
      const period = parsePeriod(req.query);
      const from = new Date(period.from);
      const to = new Date(period.to);
      // Deadlines passed since the last sweep are settled first, as the breach and sellers reports do
      // (every market when none is given: the seller may have cases in any).
      for (const m of market ? [market] : app.markets.all()) await app.services.settleDue({ market: m.code });
      const db = app.db;
      const [obligations, takeovers, flagged, charges, absences] = await Promise.all([
        db
          .selectFrom('obligations')
          .select(['market', 'state', 'requested_at', 'response_minutes'])
          .where('seller_id', '=', sellerId)
          .where('requested_at', '>=', from)
          .where('requested_at', '<', to)
          .$if(market !== null, (q) => q.where('market', '=', market!.code))
          .execute(),
        db
          .selectFrom('takeovers')
          .select(['market', 'at', 'reason'])
          .where('seller_id', '=', sellerId)
          .where('at', '>=', from)
          .where('at', '<', to)
          .where('withdrawn_at', 'is', null)
          .$if(market !== null, (q) => q.where('market', '=', market!.code))
          .execute(),
        db
          .selectFrom('events')
          .select(['market', 'occurred_at', 'flags'])
          .where('seller_id', '=', sellerId)
          .where(sql<boolean>`type = 'message.created' AND author = 'seller' AND flags <> '[]'::jsonb`)
          .where('occurred_at', '>=', from)
          .where('occurred_at', '<', to)
          .$if(market !== null, (q) => q.where('market', '=', market!.code))
          .execute(),
        // Charges of takeovers withdrawn since are on record (the charges report) but not charged here.
        db
          .selectFrom('charges as c')
          .innerJoin('takeovers as t', 't.id', 'c.takeover_id')
          .select(['c.market', 'c.created_at', 'c.currency', 'c.amount_minor'])
          .where('c.seller_id', '=', sellerId)
          .where('c.created_at', '>=', from)
          .where('c.created_at', '<', to)
          .where('t.withdrawn_at', 'is', null)
          .$if(market !== null, (q) => q.where('c.market', '=', market!.code))
          .execute(),
        db
          .selectFrom('absences')
          .selectAll()
          .where('seller_id', '=', sellerId)
          .where('cancelled_at', 'is', null)
          .$if(market !== null, (q) => q.where('market', '=', market!.code))
          .orderBy('from_date')
          .execute(),
      ]);
      await auditReportRead(app, req, 'scorecard', { sellerId, ...req.query });

      // A market no longer loaded keeps its facts, in UTC ISO weeks.
      const weeksOf = (code: string): WeekRule => app.markets.get(code) ?? UTC_ISO_WEEKS;
      const used = new Set<string>([...obligations, ...takeovers, ...flagged, ...charges].map((x) => x.market));
      // With no market and nothing in the period, the UTC ISO weeks: the trend is listed, empty, not missing.
      const listed = market ? [market] : used.size > 0 ? [...used].map(weeksOf) : [UTC_ISO_WEEKS];
      const card = scorecard(
        {
          obligations: obligations.map((o) => ({ market: o.market, state: o.state, requestedAt: o.requested_at.getTime(), responseMinutes: o.response_minutes })),
          takeovers: takeovers.map((t) => ({ market: t.market, at: t.at.getTime(), reason: t.reason })),
          flags: flagged.flatMap((e) => (e.flags as { kind?: unknown }[]).map((f) => ({ market: e.market, at: e.occurred_at.getTime(), kind: String(f.kind) }))),
          charges: charges.map((c) => ({ market: c.market, at: c.created_at.getTime(), currency: c.currency, amountMinor: c.amount_minor })),
        },
        period,
        weeksOf,
        listed,
      );
      const meeting = absences.filter((a) => absenceOverlaps(weeksOf(a.market).timeZone, a.from_date, a.to_date, period));
      return {
        sellerId,
        market: market?.code ?? null,
        from: iso(period.from),
        to: iso(period.to),
        ...card,
        // alone or as a piece of a longer absence (domain/absences/continuous.ts)
        // a piece of a late whole counts when it has a working day (a weekend piece adds nothing to cover)
        lateNoticeAbsences: meeting.filter((a) => a.violation === 'late_notice' || (a.continuous_violation === 'late_notice' && a.working_days > 0)).length,
        absences: meeting.map((a) => ({
            id: a.id,
            market: a.market,
            from: a.from_date,
            to: a.to_date,
            workingDays: a.working_days,
            noticeDays: a.notice_days,
            compliant: a.compliant,
            violation: a.violation,
            continuousViolation: a.continuous_violation,
          })),
      };
    },
  );
}
