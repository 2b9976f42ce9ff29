// Hand-computed cases of CONTRACT §2, each named by the rule it checks.
import t from 'tap';
import { compileSchedule, parseDate, referenceSchedule } from '../../src/calendar/index.js';
import { at, everyDay24, iso, spec, sunToThu, weekdays24 } from '../helpers/schedules.js';

const riga = compileSchedule(spec('Europe/Riga', weekdays24));
const riyadh = compileSchedule(spec('Asia/Riyadh', sunToThu));

t.test('24 working hours on working days (POLICIES C, D)', async (t) => {
  t.equal(iso(riga.due(at('2026-03-13T13:00:00Z'), 1440)), '2026-03-16T13:00:00.000Z', 'Friday 15:00 in Riga + 1440 → Monday 15:00');
  t.equal(iso(riyadh.due(at('2026-03-12T16:00:00Z'), 120)), '2026-03-15T06:00:00.000Z', 'Riyadh Thursday 19:00 + 120 → Sunday 09:00');
});

t.test('when the count completes exactly at the end of an interval, due is that end', async (t) => {
  t.equal(iso(riyadh.due(at('2026-03-12T15:00:00Z'), 120)), '2026-03-12T17:00:00.000Z', 'Thursday 18:00 + 120 → Thursday 20:00, not Sunday 08:00');
  t.equal(iso(riga.due(at('2026-03-12T22:00:00Z'), 1440)), '2026-03-13T22:00:00.000Z', 'Friday 00:00 + 1440 → Friday 24:00');
});

t.test('minutes = 0 gives start itself, even outside working time', async (t) => {
  const saturday = at('2026-03-14T10:00:00Z');
  t.equal(riga.due(saturday, 0), saturday);
});

t.test('a start outside working time counts from the next working interval', async (t) => {
  t.equal(iso(riyadh.due(at('2026-03-13T07:00:00Z'), 60)), '2026-03-15T06:00:00.000Z', 'Friday 10:00 Riyadh + 60 → Sunday 09:00');
  t.equal(iso(riyadh.due(at('2026-03-15T02:00:00Z'), 30)), '2026-03-15T05:30:00.000Z', 'Sunday 05:00 + 30 → Sunday 08:30');
});

t.test('holidays close whole local days', async (t) => {
  const lv = compileSchedule(
    spec('Europe/Riga', weekdays24, {
      holidays: [
        { date: '2026-05-04', name: 'Restoration of Independence Day' },
        { date: '2026-06-23', name: 'Midsummer Eve' },
        { date: '2026-06-24', name: 'Midsummer Day' },
      ],
    }),
  );
  t.equal(iso(lv.due(at('2026-05-04T07:00:00Z'), 1440)), '2026-05-05T21:00:00.000Z', 'start on a holiday (Mon 10:00) → counting begins Tuesday 00:00, due Wednesday 00:00');
  t.equal(iso(lv.due(at('2026-06-22T09:00:00Z'), 1440)), '2026-06-25T09:00:00.000Z', 'the eve of a two-day holiday is a whole working day: Mon 12:00 + 1440 → Thu 12:00');
  t.equal(lv.workingMinutes(at('2026-06-22T21:00:00Z'), at('2026-06-24T21:00:00Z')), 0, 'every day of a multi-day holiday is closed');
});

t.test('exceptions win over weekday hours and holidays', async (t) => {
  const lv = compileSchedule(
    spec('Europe/Riga', weekdays24, {
      holidays: [{ date: '2026-03-18', name: 'A holiday' }],
      exceptions: [
        { date: '2026-03-14', hours: [['00:00', '24:00']], name: 'Transferred working Saturday' },
        { date: '2026-03-17', hours: [], name: 'Announced day off' },
        { date: '2026-03-18', hours: [['09:00', '17:00']], name: 'Holiday moved away' },
      ],
    }),
  );
  t.equal(iso(lv.due(at('2026-03-13T13:00:00Z'), 1440)), '2026-03-14T13:00:00.000Z', 'an exception opens a transferred working day on a Saturday');
  t.equal(
    iso(lv.due(at('2026-03-16T13:00:00Z'), 1440)),
    '2026-03-19T05:00:00.000Z',
    'an exception closes an announced weekday, another shortens a holiday to 09–17: Mon 15:00 (540) → Tue closed → Wed 09–17 (480) → Thu 07:00',
  );
  const [day] = lv.days(parseDate('2026-03-18')!, parseDate('2026-03-18')!);
  t.same(day?.hours, [[540, 1020]], 'the exception replaces the holiday');
  t.equal(day?.holiday, 'A holiday');
  t.equal(day?.exception, 'Holiday moved away');
});

t.test('split and overnight working intervals', async (t) => {
  const pl = compileSchedule(spec('Europe/Warsaw', { mon: [['08:00', '12:00'], ['13:00', '17:00']] }));
  t.equal(iso(pl.due(at('2026-03-16T10:00:00Z'), 120)), '2026-03-16T13:00:00.000Z', 'Mon 11:00 + 120 skips the lunch break → 14:00');
  t.equal(iso(pl.due(at('2026-03-16T10:00:00Z'), 60)), '2026-03-16T11:00:00.000Z', 'a count ending at the start of the break ends at 12:00');
  const night = compileSchedule(spec('Europe/Riga', { fri: [['22:00', '24:00']], sat: [['00:00', '02:00']] }));
  t.equal(iso(night.due(at('2026-03-13T21:00:00Z'), 120)), '2026-03-13T23:00:00.000Z', 'Fri 23:00 + 120 runs over midnight → Sat 01:00');
  t.equal(night.workingMinutes(at('2026-03-13T00:00:00Z'), at('2026-03-15T00:00:00Z')), 240, 'an overnight shift of Fri 22:00–Sat 02:00 is 240 minutes');
});

t.test('daylight saving time: working time is real elapsed time', async (t) => {
  const riga7 = compileSchedule(spec('Europe/Riga', everyDay24));
  t.equal(iso(riga7.due(at('2026-03-28T10:00:00Z'), 1440)), '2026-03-29T10:00:00.000Z', 'spring forward: Sat 12:00 EET + 1440 → Sun 13:00 EEST (24 real hours)');
  t.equal(iso(riga7.due(at('2026-10-24T09:00:00Z'), 1440)), '2026-10-25T09:00:00.000Z', 'fall back: Sat 12:00 EEST + 1440 → Sun 11:00 EET');
  const early = compileSchedule(spec('Europe/Riga', { sun: [['03:00', '05:00']] }));
  t.equal(early.workingMinutes(at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z')), 60, 'a start in the spring-forward gap moves forward by the gap: 03:00 → 04:00, so 03:00–05:00 is one hour');
  t.equal(early.workingMinutes(at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z')), 180, 'an ambiguous start takes its earlier instant: 03:00 EEST–05:00 EET is three hours');
});

t.test('zones that change at midnight (America/Santiago)', async (t) => {
  const sat = compileSchedule(spec('America/Santiago', { sat: [['00:00', '24:00']] }));
  t.equal(sat.workingMinutes(at('2026-04-03T00:00:00Z'), at('2026-04-07T00:00:00Z')), 1500, 'Saturday 4 April 2026 lasts 25 hours: its 24:00 is Sunday 00:00 after the clocks went back');
  const sun = compileSchedule(spec('America/Santiago', { sun: [['00:00', '24:00']] }));
  t.equal(sun.workingMinutes(at('2026-09-05T00:00:00Z'), at('2026-09-08T00:00:00Z')), 1380, 'Sunday 6 September 2026 starts at 01:00 (00:00 does not exist) and lasts 23 hours');
  const all = compileSchedule(spec('America/Santiago', everyDay24));
  t.equal(iso(all.due(at('2026-04-05T01:00:00Z'), 120)), '2026-04-05T03:00:00.000Z', 'Sat 22:00 −03 + 120 → 23:00 −04 (two real hours)');
});

t.test('30-minute shifts (Australia/Lord_Howe)', async (t) => {
  const sun = compileSchedule(spec('Australia/Lord_Howe', { sun: [['00:00', '24:00']] }));
  t.equal(sun.workingMinutes(at('2026-04-03T00:00:00Z'), at('2026-04-07T00:00:00Z')), 1470, 'Sunday 5 April 2026 lasts 24.5 hours');
  t.equal(sun.workingMinutes(at('2026-10-02T00:00:00Z'), at('2026-10-06T00:00:00Z')), 1410, 'Sunday 4 October 2026 lasts 23.5 hours');
  const all = compileSchedule(spec('Australia/Lord_Howe', everyDay24));
  t.equal(iso(all.due(at('2026-10-03T14:30:00Z'), 120)), '2026-10-03T16:30:00.000Z', 'Sun 01:00 +10:30 + 120 → 03:30 +11');
});

t.test('workingMinutes is exact to the millisecond', async (t) => {
  t.equal(riga.workingMinutes(at('2026-03-16T07:00:00.000Z'), at('2026-03-16T07:00:00.001Z')), 1 / 60000);
  t.equal(riga.workingMinutes(at('2026-03-16T07:00:00Z'), at('2026-03-16T07:00:00Z')), 0, 'an empty range is 0');
  t.equal(riga.workingMinutes(at('2026-03-13T13:00:00Z'), at('2026-03-16T13:00:00Z')), 1440, 'the weekend does not count');
});

t.test('spans of several years', async (t) => {
  const s = at('2026-01-05T09:30:00Z');
  const d = riyadh.due(s, 1_000_000);
  t.ok(d > at('2031-01-01T00:00:00Z') && d < at('2032-01-01T00:00:00Z'), `1,000,000 minutes at 60 h a week is about 5.3 years: ${iso(d)}`);
  t.equal(riyadh.workingMinutes(s, d), 1_000_000);
  t.equal(riga.workingMinutes(at('2026-01-05T00:00:00Z'), at('2036-01-07T00:00:00Z')), 522 * 5 * 1440, 'ten years of Riga weekdays: both Mondays, 3654 days = 522 weeks apart');
});

t.test('explain lists the intervals counted and the closed days skipped', async (t) => {
  const lv = compileSchedule(spec('Europe/Riga', weekdays24, { holidays: [{ date: '2026-03-16', name: 'A Monday holiday' }] }));
  const e = lv.explainDue(at('2026-03-13T13:00:00Z'), 1440);
  t.equal(iso(e.due), '2026-03-17T13:00:00.000Z');
  t.same(
    e.counted.map((c) => [iso(c.from), iso(c.to), c.minutes]),
    [
      ['2026-03-13T13:00:00.000Z', '2026-03-13T22:00:00.000Z', 540],
      ['2026-03-16T22:00:00.000Z', '2026-03-17T13:00:00.000Z', 900],
    ],
  );
  t.same(e.skipped, [
    { date: '2026-03-14', reason: 'Saturday, not a working day' },
    { date: '2026-03-15', reason: 'Sunday, not a working day' },
    { date: '2026-03-16', reason: 'A Monday holiday' },
  ]);
  t.equal(e.truncated, false);
});

t.test('lazy compilation in either direction gives the same answers', async (t) => {
  const fresh = () => compileSchedule(spec('Asia/Riyadh', sunToThu));
  const a = fresh();
  const b = fresh();
  a.due(at('2030-06-01T00:00:00Z'), 10);
  t.equal(a.due(at('2024-12-31T19:00:00Z'), 5000), b.due(at('2024-12-31T19:00:00Z'), 5000), 'a year compiled before an earlier one');
  t.equal(a.workingMinutes(at('2020-01-01T00:00:00Z'), at('2030-01-01T00:00:00Z')), b.workingMinutes(at('2020-01-01T00:00:00Z'), at('2030-01-01T00:00:00Z')));
});

t.test('bad input is refused, not answered', async (t) => {
  t.throws(() => riga.due(Number.NaN, 1), RangeError);
  t.throws(() => riga.due(0, -1), RangeError);
  t.throws(() => riga.due(at('2399-12-01T00:00:00Z'), 1_000_000), RangeError, 'beyond the supported years');
});

t.test('a day whose hours lie wholly inside the spring-forward gap is closed: no working time, listed as closed, skipped with the reason', async (t) => {
  // Riga jumps from 03:00 to 04:00 on Sunday 29 March 2026: 03:30 moves forward to 04:30, after 04:10.
  const gap = compileSchedule(spec('Europe/Riga', { sun: [['03:30', '04:10']] }));
  const sunday = parseDate('2026-03-29')!;
  const [day] = gap.days(sunday, sunday);
  t.same(day!.hours, [[210, 250]], 'the wall hours are as the file says');
  t.equal(day!.open, false, 'but the day is not open');
  t.equal(gap.days(sunday + 7, sunday + 7)[0]!.open, true, 'the next Sunday is');
  t.equal(gap.workingMinutes(Date.parse('2026-03-28T00:00:00Z'), Date.parse('2026-03-30T00:00:00Z')), 0);
  const explained = gap.explainDue(Date.parse('2026-03-28T00:00:00Z'), 10);
  t.equal(new Date(explained.due).toISOString(), '2026-04-05T00:40:00.000Z');
  t.same(explained.skipped.find((s) => s.date === '2026-03-29'), { date: '2026-03-29', reason: 'its hours fall in the clock change (daylight saving time)' });
});

t.test('explain: a deadline at the end of a working day skips no day after it', async (t) => {
  // Friday 00:00 Riga + 1440 → Friday 24:00, which is Saturday 00:00: Saturday was not skipped on the way.
  const e = riga.explainDue(at('2026-03-12T22:00:00Z'), 1440);
  t.equal(iso(e.due), '2026-03-13T22:00:00.000Z');
  t.same(e.skipped, []);
  // Thursday 19:00 Riyadh + 60 → Thursday 20:00: the weekend after it is not listed either.
  t.same(riyadh.explainDue(at('2026-03-12T16:00:00Z'), 60).skipped, []);
  // A deadline at a local midnight after closed days still lists those days.
  const lv = compileSchedule(spec('Europe/Riga', weekdays24, { holidays: [{ date: '2026-03-16', name: 'A Monday holiday' }] }));
  t.same(
    lv.explainDue(at('2026-03-13T21:00:00Z'), 1500).skipped.map((s) => s.date),
    ['2026-03-14', '2026-03-15', '2026-03-16'],
    'Friday 23:00 + 1500 → Tuesday 24:00: the weekend and the holiday, not Wednesday',
  );
});

t.test('working time is the union of the mapped intervals: two intervals that overlap once the gap moves one forward count once', async (t) => {
  // Riga, Sunday 29 March 2026, 03:00 → 04:00: 03:00–03:30 moves to 04:00–04:30 and overlaps 04:10–05:00.
  const s = spec('Europe/Riga', { sun: [['03:00', '03:30'], ['04:10', '05:00']] });
  for (const [name, engine] of [['compiled', compileSchedule(s)], ['reference', referenceSchedule(s)]] as const) {
    t.equal(engine.workingMinutes(at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z')), 60, `${name}: 04:00–05:00 EEST, one hour`);
    t.equal(iso(engine.due(at('2026-03-28T00:00:00Z'), 60)), '2026-03-29T02:00:00.000Z', `${name}: 60 minutes end at 05:00`);
    t.equal(iso(engine.due(at('2026-03-28T00:00:00Z'), 70)), '2026-04-05T00:10:00.000Z', `${name}: the 61st minute is the next Sunday's`);
  }
});
