// CSV reports streamed in constant memory: rows are fetched by keyset in
// chunks and written through csv-stringify to the reply, so an export of a
// million rows holds one chunk at a time. RFC 4180: CRLF records, a header
// row, fields quoted when they hold a comma, a quote or a line break; UTF-8.
// Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the
// start: buyer- or seller-written text can reach a report) is prefixed with
// an apostrophe, as OWASP advises against CSV injection.
import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';

export const CSV_CHUNK = 1000;
const FORMULA_START = /^[=+\-@\t\r]/;

/** Pages through `page(after)` until a short page, yielding rows one chunk at a time. */
export async function* keysetRows<R, K>(page: (after: K | null, limit: number) => Promise<{ rows: R[]; keys: K[] }>, chunk = CSV_CHUNK): AsyncGenerator<R> {
  let after: K | null = null;
  for (;;) {
    const p = await page(after, chunk);
    yield* p.rows;
    if (p.rows.length < chunk) return;
    after = p.keys[p.keys.length - 1]!;
  }
}

export function sendCsv(reply: FastifyReply, filename: string, columns: readonly string[], rows: AsyncIterable<Record<string, unknown>>) {
  const csv = stringify({
    header: true,
    columns: [...columns],
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
    cast: { boolean: (v) => (v ? 'true' : 'false'), number: (v) => String(v), string: (v) => (FORMULA_START.test(v) ? `'${v}` : v) },
  });
  const out = pipeline(Readable.from(rows), csv, (err) => {
    if (err) reply.log.error({ err }, 'CSV report stream failed');
  });
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(out);
}
