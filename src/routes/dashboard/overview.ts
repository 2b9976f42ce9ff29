// GET /v1/overview?market= (staff): the figures on the dashboard's first page.
// Each query reads one index:
//   open cases          cases_market_status (market, status)
//   due soon, overdue   obligations_market_pending_due (market, due_at) WHERE state = 'pending'
//   breached            obligations_market_seller_breached (market, seller_id, due_at, id) WHERE state = 'breached', each case by its key
//   takeovers           takeovers_market_at (market, at)
//   breaches per day    obligations_breach_report (market, due_at, id) WHERE state IN ('late', 'breached')
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { breachesPerDay, overviewWindow, type DayCount } from '../../domain/dashboard/index.js';
import { iso } from '../params.js';
import { auditReportRead } from '../reports/audit.js';
import { queryMarket } from '../reports/period.js';
import { OverviewQuery, OverviewResponse } from './schemas.js';

const LISTED = 10;

export async function overviewRoute(app: FastifyInstance) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/v1/overview',
    {
      config: { access: ['admin', 'compliance'] },
      schema: {
        tags: ['dashboard'],
        summary: 'A market at a glance: open cases, due within 4 working hours, breached now, takeovers this week, breaches per day',
        querystring: OverviewQuery,
        response: { 200: OverviewResponse },
      },
    },
    async (req) => {
      const market = queryMarket(app, req.query.market);
      // Deadlines passed since the last sweep are settled first, so that open cases, takeovers this week and
      // the chart count them too (breached now would count them anyway, as pending past the deadline).
      await app.services.settleDue({ market: market.code });
      const w = overviewWindow(market, app.clock.now());
      const code = market.code;
      const now = new Date(w.now);
      const db = app.db;
      const pending = () => db.selectFrom('obligations').where('market', '=', code).where(sql<boolean>`state = 'pending'`);
      // Breached and never answered, in a case not closed: a buyer still waits. A closed case leaves the count (its
      // breach stays in the reports), so the figure is a state, not a tally that only grows.
      const breached = () =>
        db
          .selectFrom('obligations as o')
          .innerJoin('cases as c', 'c.id', 'o.case_id')
          .where('o.market', '=', code)
          .where(sql<boolean>`o.state = 'breached'`)
          .where('c.status', '<>', 'closed');
      const count = sql<number>`count(*)`.as('n');
      const [open, soon, soonList, overdue, overdueList, breachedCount, oldest, takeovers, days] = await Promise.all([
        db.selectFrom('cases').select(count).where('market', '=', code).where('status', '=', 'open').executeTakeFirstOrThrow(),
        pending().select(count).where('due_at', '>', now).where('due_at', '<=', new Date(w.dueSoonUntil)).executeTakeFirstOrThrow(),
        pending()
          .select(['case_id', 'seller_id', 'due_at'])
          .where('due_at', '>', now)
          .where('due_at', '<=', new Date(w.dueSoonUntil))
          .orderBy('due_at')
          .orderBy('id')
          .limit(LISTED)
          .execute(),
        // Pending past the deadline: breached in fact, until the next sweep writes it.
        pending().select(count).where('due_at', '<=', now).executeTakeFirstOrThrow(),
        pending().select(['case_id', 'seller_id', 'due_at']).where('due_at', '<=', now).orderBy('due_at').orderBy('id').limit(LISTED).execute(),
        breached().select(count).executeTakeFirstOrThrow(),
        breached().select(['o.case_id', 'o.seller_id', 'o.due_at']).orderBy('o.due_at').orderBy('o.id').limit(LISTED).execute(),
        db
          .selectFrom('takeovers')
          .select(['reason', count])
          .where('market', '=', code)
          .where('at', '>=', new Date(w.weekStart))
          .where('at', '<=', now)
          .where('withdrawn_at', 'is', null)
          .groupBy('reason')
          .execute(),
        sql<DayCount>`
          SELECT to_char(due_at AT TIME ZONE ${market.timeZone}, 'YYYY-MM-DD') AS date, state, count(*) AS count
          FROM obligations
          WHERE market = ${code} AND state IN ('late', 'breached') AND due_at >= ${new Date(w.daysFrom)} AND due_at < ${new Date(w.daysTo)}
          GROUP BY 1, 2`.execute(db),
      ]);
      await auditReportRead(app, req, 'overview', req.query);
      const due = (o: { case_id: string; seller_id: string; due_at: Date }) => ({ caseId: o.case_id, sellerId: o.seller_id, dueAt: o.due_at.toISOString() });
      const unanswered = [...overdueList, ...oldest].sort((a, b) => a.due_at.getTime() - b.due_at.getTime()).slice(0, LISTED);
      const byReason = Object.fromEntries(takeovers.map((t) => [t.reason, t.n]));
      return {
        market: code,
        timeZone: market.timeZone,
        at: iso(w.now),
        openCases: open.n,
        dueSoon: { count: soon.n, until: iso(w.dueSoonUntil), cases: soonList.map(due) },
        breachedNow: { count: breachedCount.n + overdue.n, cases: unanswered.map(due) },
        takeoversThisWeek: { count: takeovers.reduce((s, t) => s + t.n, 0), since: iso(w.weekStart), byReason },
        breachesPerDay: breachesPerDay(w.days, days.rows),
      };
    },
  );
}
