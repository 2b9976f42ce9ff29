// GET /v1/reports/contact-sharing (issue 7, POLICIES A, C, D): the messages
// flagged contact_sharing in a market and period, for compliance staff.
// JSON pages by keyset cursor; CSV streams the whole period in keyset
// chunks. Every read appends a report.read audit row.
import { pipeline, Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify';
import type { FastifyInstance } from 'fastify';
import { iso } from '../params.js';
import { cursorAfter, decodeCursor, encodeCursor, parsePeriod, readPage, type Period, type ReportRow } from './query.js';
import { ContactSharingQuery, ContactSharingResponse, CSV_COLUMNS, MAX_LIMIT } from './schemas.js';

const csvRecord = (r: ReportRow) => ({
  ...r,
  matchTypes: [...new Set(r.matches.map((m) => m.type))].join(';'),
  evidence: r.matches.map((m) => m.text).join(' | '),
});

const compact = (t: number) => iso(t).replace(/[-:]|\.000/g, '');

export async function contactSharingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  async function* allRows(period: Period) {
    let after = null;
    for (;;) {
      const rows = await readPage(app.db, period, after, MAX_LIMIT);
      for (const row of rows) yield csvRecord(row);
      if (rows.length < MAX_LIMIT) return;
      after = cursorAfter(rows[rows.length - 1]!);
    }
  }

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
      const period = parsePeriod(q);
      const csv = q.format === 'csv';
      const after = !csv && q.cursor !== undefined ? decodeCursor(q.cursor) : null;
      await app.db
        .insertInto('audit')
        .values({
          actor: `token:${req.principal!.tokenId}`,
          action: 'report.read',
          subject: 'contact-sharing',
          details: JSON.stringify({ market: period.market, from: iso(period.from), to: iso(period.to), format: csv ? 'csv' : 'json', ...(after ? { cursor: q.cursor } : {}) }),
        })
        .execute();
      if (csv) {
        const out = pipeline(Readable.from(allRows(period)), stringify({ header: true, columns: [...CSV_COLUMNS] }), (err) => {
          if (err) req.log.error({ err }, 'contact-sharing CSV stream failed');
        });
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="contact-sharing-${period.market}-${compact(period.from)}-${compact(period.to)}.csv"`)
          .send(out as never); // a stream is sent as is; the JSON schema does not apply
      }
      const limit = q.limit ?? 100;
      const rows = await readPage(app.db, period, after, limit + 1);
      const page = rows.slice(0, limit);
      return { rows: page, nextCursor: rows.length > limit ? encodeCursor(cursorAfter(page[page.length - 1]!)) : null };
    },
  );
}
