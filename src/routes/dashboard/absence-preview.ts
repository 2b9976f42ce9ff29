// GET /v1/sellers/{sellerId}/absences/preview?market=&from=&to= (that seller,
// or admin: those who may register): what registering the absence would
// answer — working days, notice days, compliant or late_notice under the
// market's policy, and the same with the live absences it adjoins — computed
// by the same pure rules (domain/absences) and refused with the same 400/422,
// plus the live absences it would overlap (409 on registration). Nothing is
// stored.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { formatDate, parseDate } from '../../calendar/index.js';
import { assessAbsence, continuousAbsence, localToday, overlapping } from '../../domain/absences/index.js';
import { assertSellerScope } from '../../plugins/auth.js';
import { badRequest, unprocessable } from '../../plugins/errors.js';
import { inPart } from '../params.js';
import { continuousWire, liveAbsences } from '../sellers/absences-live.js';
import { PreviewQuery, PreviewResponse, SellerParams } from './schemas.js';

// The years the registration accepts (routes/sellers/absences.ts).
const FIRST_DAY = parseDate('2000-01-01')!;
const LAST_DAY = parseDate('2099-12-31')!;

export async function absencePreviewRoute(app: FastifyInstance) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/v1/sellers/:sellerId/absences/preview',
    {
      config: { access: ['admin', 'seller'] },
      schema: {
        tags: ['sellers', 'dashboard'],
        'x-errors': [422],
        summary: 'What registering an absence would answer (notice rule outcome), without registering it',
        params: SellerParams,
        querystring: PreviewQuery,
        response: { 200: PreviewResponse },
      },
    },
    async (req) => {
      const { sellerId } = req.params;
      assertSellerScope(req, sellerId);
      const q = req.query;
      const problems: { field: string; message: string }[] = [];
      const market = app.markets.get(q.market);
      if (!market) problems.push({ field: 'querystring.market', message: `is not a known market (${q.market})` });
      const from = parseDate(q.from);
      const to = parseDate(q.to);
      for (const [field, day] of [['querystring.from', from], ['querystring.to', to]] as const) {
        if (day === null) problems.push({ field, message: 'must be a local date YYYY-MM-DD' });
        else if (day < FIRST_DAY || day > LAST_DAY) problems.push({ field, message: 'must lie in the years 2000 to 2099' });
      }
      if (problems.length > 0) throw badRequest(`invalid query: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
      const range = { from: from!, to: to! };
      const now = app.clock.now();
      const assessed = assessAbsence(market!, range, now);
      if (!assessed.ok) {
        const problems = inPart('querystring', assessed.problems);
        throw unprocessable(`the absence cannot be registered: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
      }
      const live = await liveAbsences(app.db, sellerId, market!.code);
      const clashes = overlapping(live, range);
      const { figures } = assessed;
      const continuous = clashes.length === 0 ? continuousAbsence(live, { ...range, workingDays: figures.workingDays, noticeDays: figures.noticeDays }, market!) : null;
      return {
        sellerId,
        market: market!.code,
        from: formatDate(range.from),
        to: formatDate(range.to),
        today: formatDate(localToday(market!.timeZone, now)),
        workingDays: figures.workingDays,
        noticeDays: figures.noticeDays,
        compliant: figures.compliant,
        ...(figures.violation ? { violation: figures.violation } : {}),
        ...(continuous ? { continuous: continuousWire(continuous) } : {}),
        rule: { ...market!.policy.absence },
        overlaps: clashes.map((c) => ({ id: c.id, from: c.dates[0], to: c.dates[1] })),
      };
    },
  );
}
