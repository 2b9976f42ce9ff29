// GET /v1/reports/contact-sharing (issue 7, POLICIES A, C, D): the messages
// flagged contact_sharing in a market and period, for compliance staff.
// JSON pages by keyset cursor; CSV streams the whole period in keyset
// chunks. Every read appends a report.read audit row.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { iso } from '../params.js';
import { auditReportRead } from '../reports/audit.js';
import { keysetRows, sendCsv } from '../reports/csv.js';
import { decodeCursor, encodeCursor } from '../reports/cursor.js';
import { fileStamp, parsePeriod, queryMarket } from '../reports/period.js';
import { cursorAfter, cursorKey, isCursorKey, readPage, type ReportRow } from './query.js';
import { ContactSharingQuery, ContactSharingResponse, CSV_COLUMNS, MAX_LIMIT } from './schemas.js';

const csvRecord = (r: ReportRow) => ({
  ...r,
  matchTypes: [...new Set(r.matches.map((m) => m.type))].join(';'),
  // purged evidence (retention) leaves no text: an empty cell, not bare separators
  evidence: r.matches.flatMap((m) => (m.text === undefined ? [] : [m.text])).join(' | '),
});

export async function contactSharingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/v1/reports/contact-sharing',
    {
      config: { access: ['admin', 'compliance'] },
      schema: {
        tags: ['reports'],
        summary: 'Messages flagged contact_sharing in a market and period',
        description: `Rows in (occurredAt, eventId) order. JSON: pages of at most ${MAX_LIMIT} rows with an opaque nextCursor. format=csv: every row of the period, with a header row (columns ${CSV_COLUMNS.join(', ')}); limit and cursor do not apply.`,
        querystring: ContactSharingQuery,
        response: { 200: ContactSharingResponse },
      },
    },
    async (req, reply) => {
      const q = req.query;
      // An unknown market is a 400, as in the other reports: an empty report would read as "nothing flagged".
      const period = { market: queryMarket(app, q.market).code, ...parsePeriod(q) };
      const csv = q.format === 'csv';
      const key = !csv && q.cursor !== undefined ? decodeCursor(q.cursor, isCursorKey) : null;
      const after = key ? { at: Date.parse(key[0]), id: key[1] } : null;
      await auditReportRead(app, req, 'contact-sharing', { market: period.market, from: iso(period.from), to: iso(period.to), format: csv ? 'csv' : 'json', ...(key ? { cursor: q.cursor } : {}) });
      if (csv) {
        const rows = keysetRows(async (last: ReportRow | null, limit) => {
          const page = await readPage(app.db, period, last && cursorAfter(last), limit);
          return { rows: page, keys: page };
        }, MAX_LIMIT);
        const records = (async function* () {
          for await (const row of rows) yield csvRecord(row);
        })();
        return sendCsv(reply, `contact-sharing-${period.market}-${fileStamp(period.from)}-${fileStamp(period.to)}.csv`, CSV_COLUMNS, records) as never;
      }
      const limit = q.limit ?? 100;
      const rows = await readPage(app.db, period, after, limit + 1);
      const page = rows.slice(0, limit);
      return { rows: page, nextCursor: rows.length > limit ? encodeCursor(cursorKey(cursorAfter(page[page.length - 1]!))) : null };
    },
  );
}
