// Every staff read of a report leaves an audit row with the query it asked.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isStaff } from '../../plugins/auth.js';

export async function auditReportRead(app: FastifyInstance, req: FastifyRequest, report: string, query: object): Promise<void> {
  if (!isStaff(req)) return;
  await app.db
    .insertInto('audit')
    .values({ actor: `token:${req.principal!.tokenId}`, action: 'report.read', subject: report, details: JSON.stringify({ report, ...query }) })
    .execute();
}
