// The read models the dashboard (web/) is built on (issue 9). Each route
// declares its access; staff reads of report-like data are audited.
import type { FastifyInstance } from 'fastify';
import { absencePreviewRoute } from './absence-preview.js';
import { meRoute } from './me.js';
import { messagesRoute } from './messages.js';
import { overviewRoute } from './overview.js';
import { sellerCasesRoute } from './seller-cases.js';
import { trendsRoute } from './trends.js';

export async function dashboardRoutes(app: FastifyInstance) {
  await app.register(meRoute);
  await app.register(overviewRoute);
  await app.register(messagesRoute);
  await app.register(sellerCasesRoute);
  await app.register(trendsRoute);
  await app.register(absencePreviewRoute);
}
