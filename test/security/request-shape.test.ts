// What a request may look like before its route runs: a query string that
// decodes, a body only where the route takes one, and the caller's right to
// the route judged before anything it sent.
import t from 'tap';
import { build } from '../helpers/app.js';

const NOW = '2026-03-16T10:00:00Z';
const FROM = 'from=2026-03-13T13:00:00Z';

t.test('when a query value or name is not percent-encoded UTF-8, then 400 names the field (as a path that does not decode is 400)', async (t) => {
  const app = await build(t, { now: NOW });
  const admin = await app.token('admin');
  const cases: [string, string, string | undefined, string][] = [
    ['a truncated UTF-8 sequence', '/v1/markets/LV/deadline?from=%E0%A4&minutes=5', undefined, 'querystring.from'],
    ['an encoded lone surrogate', `/v1/markets/LV/deadline?${FROM}&minutes=5&explain=%ED%A0%80`, undefined, 'querystring.explain'],
    ['a % not followed by two hex digits', `/v1/markets/LV/deadline?${FROM}%ZZ&minutes=5`, undefined, 'querystring.from'],
    ['a name that does not decode', `/v1/markets/LV/deadline?${FROM}&minutes=5&%E0=1`, undefined, 'querystring'],
    ['a field named in its encoded form', `/v1/reports/breaches?market=LV&${FROM}&to=2026-03-14T00:00:00Z&seller%49d=%C0%80`, admin, 'querystring.sellerId'],
  ];
  for (const [name, url, token, field] of cases) {
    const res = await app.get(url, token);
    t.equal(res.statusCode, 400, `${name}: 400`);
    t.match(res.json(), { error: 'bad_request', message: /percent-encoded UTF-8/, details: [{ field, message: 'must be percent-encoded UTF-8' }] }, `${name}: names ${field}`);
  }
  const fine = await app.get(`/v1/markets/LV/deadline?from=2026-03-13T13%3A00%3A00Z&minutes=5&x=%C3%A9%F0%9F%98%80+a`);
  t.equal(fine.statusCode, 200, 'well-formed escapes, multi-byte and astral ones included, are served');
});
