// The public market endpoints of CONTRACT §3, through the real app.
import t from 'tap';
import { referenceSchedule } from '../../src/calendar/index.js';
import { build } from '../helpers/app.js';

const app = await build(t);
const get = (url: string) => app.get(url);

t.test('GET /v1/markets lists markets with their policies', async (t) => {
  const res = await get('/v1/markets');
  t.equal(res.statusCode, 200);
  const lv = res.json().markets.find((m: { market: string }) => m.market === 'LV');
  t.match(lv, { market: 'LV', name: 'Latvia', timeZone: 'Europe/Riga', languages: ['lv'], policy: { replyWithinMinutes: 1440, absentAfterMinutes: 2880 }, weekStartsOn: 'monday' });
  t.match(res.json().markets.find((m: { market: string }) => m.market === 'SA'), { market: 'SA', weekStartsOn: 'sunday' }, 'closed Friday and Saturday: its week starts on Sunday');
});

t.test('deadline: Friday 15:00 in Riga + 1440 → Monday 15:00, answered in UTC with milliseconds', async (t) => {
  const res = await get('/v1/markets/LV/deadline?from=2026-03-13T15:00:00%2B02:00&minutes=1440');
  t.equal(res.statusCode, 200);
  t.same(res.json(), { market: 'LV', from: '2026-03-13T13:00:00.000Z', minutes: 1440, due: '2026-03-16T13:00:00.000Z' });
});

t.test('an offset whose + was not encoded in the query string is refused saying so', async (t) => {
  const res = await get('/v1/markets/LV/deadline?from=2026-03-13T15:00:00+02:00&minutes=1440');
  t.equal(res.statusCode, 400);
  t.match(res.json(), { error: 'bad_request', details: [{ field: 'querystring.from', message: /space where its offset’s \+ should be.*%2B/ }] });
  const minus = await get('/v1/markets/LV/deadline?from=2026-03-13T15:00:00 02&minutes=1440');
  t.match(minus.json().details, [{ message: /must be an RFC 3339 instant/ }], 'other malformed instants keep the general message');
});

t.test('deadline with explain=true lists intervals counted and closed days skipped with their names', async (t) => {
  // Eid al-Fitr 2026 in SA: Thursday 19 March to Sunday 22, and two compensation days.
  const res = await get('/v1/markets/SA/deadline?from=2026-03-18T16:00:00Z&minutes=120&explain=true');
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.equal(body.due, '2026-03-25T06:00:00.000Z', 'Wednesday 19:00 + 120 → Wednesday 25 March 09:00');
  t.same(body.explain.counted, [
    { from: '2026-03-18T16:00:00.000Z', to: '2026-03-18T17:00:00.000Z', minutes: 60 },
    { from: '2026-03-25T05:00:00.000Z', to: '2026-03-25T06:00:00.000Z', minutes: 60 },
  ]);
  const skipped = body.explain.skipped as { date: string; reason: string }[];
  t.same(skipped.map((s) => s.date), ['2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24']);
  t.match(skipped[0]!.reason, /Eid al-Fitr|الفطر/);
  t.match(skipped[4]!.reason, /compensation/);
});

t.test('working-minutes answers spans up to 10 years', async (t) => {
  const res = await get('/v1/markets/LV/working-minutes?from=2026-03-13T13:00:00Z&to=2026-03-16T13:00:00Z');
  t.same(res.json(), { market: 'LV', from: '2026-03-13T13:00:00.000Z', to: '2026-03-16T13:00:00.000Z', minutes: 1440 });
  t.equal((await get('/v1/markets/SA/working-minutes?from=2026-01-01T00:00:00Z&to=2035-12-31T00:00:00Z')).statusCode, 200);
});

t.test('working-minutes: ten years of market time are answered across a clock change', async (t) => {
  // Tuesday 26 October 2027 00:00 in Riga is summer time (EEST), 26 October 2037 winter time (EET):
  // ten local years (3653 days, three of them leap days) are 3653 days and one hour of UTC.
  const ok = await get('/v1/markets/LV/working-minutes?from=2027-10-26T00:00:00%2B03:00&to=2037-10-26T00:00:00%2B02:00');
  t.equal(ok.statusCode, 200, ok.body);
  const lv = app.app.markets.get('LV')!;
  t.equal(ok.json().minutes, referenceSchedule(lv.spec).workingMinutes(Date.parse('2027-10-25T21:00:00Z'), Date.parse('2037-10-25T22:00:00Z')), 'as the day-by-day reference counts them');
  const over = await get('/v1/markets/LV/working-minutes?from=2027-10-26T00:00:00%2B03:00&to=2037-10-26T00:00:00.001%2B02:00');
  t.equal(over.statusCode, 400, 'a millisecond more is over ten years');
  // The other way round: ten years of UTC from winter to summer time are 3653 days and one hour of Riga's clock.
  t.equal((await get('/v1/markets/LV/working-minutes?from=2026-10-25T12:00:00Z&to=2036-10-25T12:00:00Z')).statusCode, 200, 'ten years of UTC are answered too');
});

t.test('calendar lists local days with hours, holidays and exceptions', async (t) => {
  const res = await get('/v1/markets/LV/calendar?from=2026-06-19&to=2026-06-24');
  t.equal(res.statusCode, 200);
  const days = res.json().days as { date: string; open: boolean; hours: string[][]; holiday?: string; exception?: string }[];
  t.same(days.map((d) => [d.date, d.open]), [
    ['2026-06-19', true],
    ['2026-06-20', false],
    ['2026-06-21', false],
    ['2026-06-22', false],
    ['2026-06-23', false],
    ['2026-06-24', false],
  ]);
  t.same(days[0]!.hours, [['00:00', '24:00']]);
  t.match(days[3]!.exception, /Transferred/i, '22 June 2026 is a transferred day off');
  t.match(days[4]!.holiday, /Līgo/);
});

t.test('unknown market → 404', async (t) => {
  for (const url of ['/v1/markets/XX/deadline?from=2026-03-13T13:00:00Z&minutes=1', '/v1/markets/XX/working-minutes?from=2026-03-13T13:00:00Z&to=2026-03-14T13:00:00Z', '/v1/markets/XX/calendar?from=2026-03-13&to=2026-03-14']) {
    const res = await get(url);
    t.equal(res.statusCode, 404, url);
    t.equal(res.json().error, 'not_found');
  }
});

t.test('an unknown market is 404 whatever the parameters: the market is checked before them', async (t) => {
  for (const url of [
    '/v1/markets/XX/deadline?minutes=1',
    '/v1/markets/XX/deadline?from=2026-03-13T13:00:00Z&minutes=0x10',
    '/v1/markets/XX/deadline?from=2026-03-13T13:00:00Z&minutes=-1',
    '/v1/markets/XX/deadline?from=bad&minutes=1',
    '/v1/markets/XX/working-minutes?from=2026-03-13T13:00:00Z',
    '/v1/markets/XX/working-minutes?from=2026-03-14T13:00:00Z&to=2026-03-13T13:00:00Z',
    '/v1/markets/XX/calendar?from=2026-03-13',
    '/v1/markets/lv/calendar?from=2026-02-30&to=2026-03-01',
  ]) {
    const res = await get(url);
    t.equal(res.statusCode, 404, url);
    t.same(res.json(), { error: 'not_found', message: `unknown market ${url.split('/')[3]}` }, url);
  }
});

const bad: [string, string][] = [
  ['a non-RFC 3339 instant', '/v1/markets/LV/deadline?from=2026-03-13%2013:00&minutes=1'],
  ['an instant without a time zone', '/v1/markets/LV/deadline?from=2026-03-13T13:00:00&minutes=1'],
  ['an impossible date', '/v1/markets/LV/deadline?from=2026-02-30T13:00:00Z&minutes=1'],
  ['negative minutes', '/v1/markets/LV/deadline?from=2026-03-13T13:00:00Z&minutes=-1'],
  ['non-integer minutes', '/v1/markets/LV/deadline?from=2026-03-13T13:00:00Z&minutes=1.5'],
  ['over-limit minutes', '/v1/markets/LV/deadline?from=2026-03-13T13:00:00Z&minutes=1000001'],
  ['missing minutes', '/v1/markets/LV/deadline?from=2026-03-13T13:00:00Z'],
  ['to before from', '/v1/markets/LV/working-minutes?from=2026-03-14T13:00:00Z&to=2026-03-13T13:00:00Z'],
  ['a span over 10 years', '/v1/markets/LV/working-minutes?from=2026-01-01T00:00:00Z&to=2036-06-01T00:00:00Z'],
  ['a calendar range over 400 days', '/v1/markets/LV/calendar?from=2026-01-01&to=2027-02-05'],
  ['a malformed calendar date', '/v1/markets/LV/calendar?from=2026-1-01&to=2026-02-05'],
  ['calendar to before from', '/v1/markets/LV/calendar?from=2026-02-01&to=2026-01-05'],
  ['hexadecimal minutes', '/v1/markets/LV/deadline?from=2026-03-13T13:00:00Z&minutes=0x10'],
  ['minutes with an exponent', '/v1/markets/LV/deadline?from=2026-03-13T13:00:00Z&minutes=1e3'],
  ['minutes with a plus sign', '/v1/markets/LV/deadline?from=2026-03-13T13:00:00Z&minutes=%2B5'],
  ['a calendar date before 2000', '/v1/markets/LV/calendar?from=1999-12-31&to=2000-01-02'],
  ['a calendar date after 2099', '/v1/markets/LV/calendar?from=2100-01-01&to=2100-01-02'],
];
for (const [name, url] of bad) {
  t.test(`${name} → 400 with the contract's error shape`, async (t) => {
    const res = await get(url);
    t.equal(res.statusCode, 400);
    t.equal(res.json().error, 'bad_request');
    t.type(res.json().message, 'string');
  });
}

t.test('a calendar range of exactly 400 days is answered', async (t) => {
  t.equal((await get('/v1/markets/LV/calendar?from=2026-01-01&to=2027-02-04')).statusCode, 200);
});
