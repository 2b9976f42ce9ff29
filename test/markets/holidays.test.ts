// date-holidays closes whole local calendar days (CONTRACT §1).
import t from 'tap';
import { compileSchedule } from '../../src/calendar/index.js';
import { coveredDates, holidaysOfYear } from '../../src/markets/index.js';
import { at, iso, spec, sunToThu } from '../helpers/schedules.js';

t.test('a multi-day holiday closes every one of its days', async (t) => {
  const sa = holidaysOfYear({ country: 'SA', types: ['public'] })(2025);
  const eid = sa.filter((h) => /Fitr|الفطر/.test(h.name)).map((h) => h.date);
  t.same(eid, ['2025-03-30', '2025-03-31', '2025-04-01', '2025-04-02'], 'date-holidays: Eid al-Fitr 2025, four days');
});

t.test('a holiday the data source starts at sunset does not close the evening before', async (t) => {
  t.same(
    coveredDates({ date: '2025-06-05 00:00:00 -0600', start: new Date('2025-06-04T15:00:00Z'), end: new Date('2025-06-08T15:00:00Z') }),
    ['2025-06-05', '2025-06-06', '2025-06-07', '2025-06-08'],
  );
  // Riyadh, Eid al-Adha 2025 in date-holidays starts Wednesday 4 June at 18:00.
  const s = compileSchedule({ ...spec('Asia/Riyadh', sunToThu), holidaysOf: holidaysOfYear({ country: 'SA', types: ['public'] }) });
  t.equal(iso(s.due(at('2025-06-04T14:00:00Z'), 120)), '2025-06-04T16:00:00.000Z', 'Wednesday 17:00 + 120 → 19:00 the same evening');
  t.equal(s.workingMinutes(at('2025-06-04T05:00:00Z'), at('2025-06-04T17:00:00Z')), 720, 'the whole eve, 08:00–20:00, is working time');
  t.equal(s.workingMinutes(at('2025-06-04T21:00:00Z'), at('2025-06-05T21:00:00Z')), 0, 'Thursday 5 June, the first day, is closed');
});

t.test('holiday names carry the English name when the local one differs', async (t) => {
  const lv = holidaysOfYear({ country: 'LV', types: ['public'] })(2026);
  const ligo = lv.find((h) => h.date === '2026-06-23');
  t.match(ligo?.name ?? '', /Līgo.*\(.+\)/);
});
