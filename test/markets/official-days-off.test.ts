// The shipped markets' closed days for 2025–2027 equal a table written from
// the official sources (test/fixtures/official-days-off.json; sources in
// calendars/SOURCES.md). Compared through the real engine and market files.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { formatDate, parseDate } from '../../src/calendar/index.js';
import { loadMarkets } from '../../src/markets/index.js';

interface DayEntry {
  date: string;
  name: string;
}
type Table = Record<string, { sources: string[] } & Record<string, { closed: DayEntry[]; open: DayEntry[] }>>;

const root = path.resolve(import.meta.dirname, '../..');
const table = JSON.parse(await readFile(path.join(root, 'test/fixtures/official-days-off.json'), 'utf8')) as Table;
const markets = await loadMarkets(path.join(root, 'calendars'));

t.test('every shipped market has an official table, and every table a market', async (t) => {
  t.same(Object.keys(table).sort(), [...markets.keys()].sort());
  for (const code of ['EE', 'LV', 'SA', 'LT', 'PL', 'EG', 'AE']) t.ok(markets.has(code), `ships ${code}`);
});

for (const [code, market] of markets) {
  for (const year of ['2025', '2026', '2027']) {
    t.test(`${code} ${year}: closed working days and opened weekend days match the official sources`, async (t) => {
      const official = table[code]?.[year];
      t.ok(official, 'the table has this year');
      t.ok((table[code]?.sources.length ?? 0) > 0, 'the table names its sources');
      const days = market.schedule.days(parseDate(`${year}-01-01`)!, parseDate(`${year}-12-31`)!);
      const closed = days.filter((d) => d.regularlyOpen && d.hours.length === 0).map((d) => formatDate(d.day));
      const open = days.filter((d) => !d.regularlyOpen && d.hours.length > 0).map((d) => formatDate(d.day));
      t.same(closed, official!.closed.map((d) => d.date).sort(), `closed days of ${code} ${year}`);
      t.same(open, official!.open.map((d) => d.date).sort(), `transferred working days of ${code} ${year}`);
    });
  }
}

t.test('each exception in a shipped market file names its source', async (t) => {
  for (const [code, m] of markets) for (const e of m.file.exceptions ?? []) t.match(e.name, /source/i, `${code} ${e.date}`);
});

t.test('EE and LV reply within 1440 working minutes on Mon–Fri 00:00–24:00; SA works Sun–Thu 08:00–20:00', async (t) => {
  for (const [code, zone] of [['EE', 'Europe/Tallinn'], ['LV', 'Europe/Riga']] as const) {
    const m = markets.get(code)!;
    t.equal(m.timeZone, zone);
    t.equal(m.policy.replyWithinMinutes, 1440);
    t.same(m.file.workingHours.mon, [['00:00', '24:00']]);
    t.same(m.file.workingHours.sat, []);
  }
  const sa = markets.get('SA')!;
  t.equal(sa.timeZone, 'Asia/Riyadh');
  t.same(sa.file.workingHours.sun, [['08:00', '20:00']]);
  t.same(sa.file.workingHours.fri, []);
});
