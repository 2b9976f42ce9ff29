// Operator routes (admin tokens): run the sweep now, reload market files.
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { MarketFileError } from '../../markets/index.js';
import { HttpError } from '../../plugins/errors.js';

export interface AdminRoutesOptions {
  readonly sweep: () => Promise<{ breached: number; takenOver: number; atRisk: number; flagged: number; cleared: number }>;
  readonly reloadMarkets: () => Promise<{ changed: string[]; recomputed: number }>;
}

export async function adminRoutes(app: FastifyInstance, opts: AdminRoutesOptions) {
  const config = { access: ['admin'] } as const;
  app.post(
    '/v1/admin/sweep',
    {
      config,
      schema: {
        tags: ['admin'],
        summary: 'Run the breach sweep now',
        description: 'breached and takenOver per CONTRACT §5; atRisk: at-risk warnings sent; flagged/cleared: absent-seller episodes opened/closed.',
        response: {
          200: Type.Object({ breached: Type.Integer(), takenOver: Type.Integer(), atRisk: Type.Integer(), flagged: Type.Integer(), cleared: Type.Integer() }),
        },
      },
    },
    async () => opts.sweep(),
  );
  app.post(
    '/v1/admin/markets/reload',
    {
      config,
      schema: {
        tags: ['admin'],
        summary: 'Reload calendars/*.json; recompute pending deadlines of changed markets',
        'x-errors': [422],
        response: { 200: Type.Object({ changed: Type.Array(Type.String()), recomputed: Type.Integer() }) },
      },
    },
    async () => {
      try {
        return await opts.reloadMarkets();
      } catch (err) {
        if (err instanceof MarketFileError) {
          throw new HttpError(422, 'invalid_market_file', `market files not reloaded; the previous calendars stay in force: ${err.message}`, err.problems.map((p) => ({ file: err.file, ...p })));
        }
        throw err;
      }
    },
  );
}
