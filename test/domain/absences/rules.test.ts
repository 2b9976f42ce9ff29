// Absence figures and validation (CONTRACT §7, POLICIES D: an absence of more
// than 5 working days is announced at least two weeks ahead), on the shipped
// market files so that holidays and exceptions are the real ones.
import path from 'node:path';
import t from 'tap';
import { parseDate } from '../../../src/calendar/index.js';
import { assessAbsence, compliance, localToday, MAX_ABSENCE_DAYS, noticeDays, rangeProblems, workingDays } from '../../../src/domain/absences/index.js';
import { loadMarkets, type Market } from '../../../src/markets/index.js';

const markets = await loadMarkets(path.resolve(import.meta.dirname, '../../../calendars'));
const market = (code: string): Market => markets.get(code)!;
const d = (s: string) => parseDate(s)!;
const days = (code: string, from: string, to: string) => workingDays(market(code).schedule, d(from), d(to));
const policy = { maxWorkingDaysWithoutNotice: 5, minNoticeDays: 14 };

t.test('POLICIES D: more than 5 working days needs 14 days of notice; exactly 14 is enough, 13 is late', async (t) => {
  t.same(compliance(6, 14, policy), { compliant: true }, '14 days of notice');
  t.same(compliance(6, 13, policy), { compliant: false, violation: 'late_notice' }, '13 days of notice');
  t.same(compliance(5, 0, policy), { compliant: true }, '5 working days need no notice');
  t.same(compliance(6, 0, policy), { compliant: false, violation: 'late_notice' }, '6 working days do');
});

t.test('the numbers come from the market policy, not from code', async (t) => {
  const strict = { maxWorkingDaysWithoutNotice: 0, minNoticeDays: 30 };
  t.same(compliance(1, 29, strict), { compliant: false, violation: 'late_notice' });
  t.same(compliance(1, 30, strict), { compliant: true });
  t.same(compliance(0, 0, strict), { compliant: true }, 'no working day missed: nothing to announce');
});

t.test('workingDays counts the open days of the market calendar: 5 in a plain LV week, 6 with the next Monday', async (t) => {
  t.equal(days('LV', '2026-05-11', '2026-05-15'), 5, 'Monday to Friday');
  t.equal(days('LV', '2026-05-11', '2026-05-18'), 6, 'Monday to the next Monday (the weekend is not counted)');
  t.equal(days('LV', '2026-05-11', '2026-05-11'), 1, 'a single working day');
});

t.test('workingDays leaves out public holidays and follows exceptions (LV and EE around Midsummer 2026)', async (t) => {
  // LV: Mon 22 June is a transferred day off (exception), 23–24 June are public
  // holidays, Sat 27 June is a transferred working day (exception).
  t.equal(days('LV', '2026-06-22', '2026-06-26'), 2, 'LV Mon–Fri holds a day off and two holidays: only Thu 25 and Fri 26');
  t.equal(days('LV', '2026-06-19', '2026-06-29'), 5, 'LV 11 calendar days, 5 working days (Fri 19, Thu 25, Fri 26, Sat 27, Mon 29)');
  // EE: 23 June Victory Day and 24 June Midsummer Day; 22 June is a normal Monday.
  t.equal(days('EE', '2026-06-22', '2026-06-26'), 3, 'EE Mon–Fri with two holidays: Mon 22, Thu 25, Fri 26');
});

t.test('a weekend-only absence has 0 working days and is compliant whatever the notice', async (t) => {
  t.equal(days('LV', '2026-05-16', '2026-05-17'), 0);
  const now = Date.parse('2026-05-16T06:00:00Z'); // Saturday morning in Riga
  t.same(assessAbsence(market('LV'), { from: d('2026-05-16'), to: d('2026-05-17') }, now), {
    ok: true,
    figures: { workingDays: 0, noticeDays: 0, compliant: true },
  });
});

t.test('SA: the weekend is Friday–Saturday, so Friday and Saturday are not working days and Sunday is', async (t) => {
  t.equal(days('SA', '2026-06-12', '2026-06-13'), 0, 'Fri–Sat: 0');
  t.equal(days('SA', '2026-06-07', '2026-06-11'), 5, 'Sun–Thu: 5');
  t.equal(days('SA', '2026-06-07', '2026-06-14'), 6, 'Sun–Sun: 6 (Fri and Sat skipped)');
  t.equal(days('LV', '2026-06-07', '2026-06-14'), 5, 'the same dates in LV: Mon–Fri, 5');
  const now = Date.parse('2026-06-01T09:00:00Z');
  const sa = assessAbsence(market('SA'), { from: d('2026-06-07'), to: d('2026-06-14') }, now);
  t.same(sa, { ok: true, figures: { workingDays: 6, noticeDays: 6, compliant: false, violation: 'late_notice' } });
});

t.test("noticeDays counts calendar days from the market's local today, not the UTC date", async (t) => {
  // 22:30 UTC on Sunday 15 March is 00:30 on Monday 16 March in Riga.
  const now = Date.parse('2026-03-15T22:30:00Z');
  t.equal(localToday('Europe/Riga', now), d('2026-03-16'));
  t.equal(localToday('UTC', now), d('2026-03-15'));
  t.equal(noticeDays(localToday('Europe/Riga', now), d('2026-03-30')), 14);
  const r = assessAbsence(market('LV'), { from: d('2026-03-29'), to: d('2026-04-08') }, now);
  t.same(r, { ok: true, figures: { workingDays: 6, noticeDays: 13, compliant: false, violation: 'late_notice' } }, 'UTC would have said 14 and compliant');
  const past = assessAbsence(market('LV'), { from: d('2026-03-15'), to: d('2026-03-20') }, now);
  t.same(past, { ok: false, problems: [{ field: 'from', message: "must not be before the market's local today" }] }, 'the UTC date is already yesterday in Riga');
});

t.test('validation: from not before today, to not before from, at most 365 days', async (t) => {
  const today = d('2026-03-16');
  t.same(rangeProblems({ from: today, to: today }, today), [], 'starting today is allowed');
  t.match(rangeProblems({ from: today - 1, to: today }, today), [{ field: 'from' }]);
  t.match(rangeProblems({ from: today + 2, to: today + 1 }, today), [{ field: 'to', message: 'must not be before from' }]);
  t.same(rangeProblems({ from: today, to: today + MAX_ABSENCE_DAYS - 1 }, today), [], '365 days');
  t.match(rangeProblems({ from: today, to: today + MAX_ABSENCE_DAYS }, today), [{ field: 'to', message: /at most 365 days/ }], '366 days');
  t.equal(rangeProblems({ from: today - 3, to: today - 4 }, today).length, 2, 'every problem is reported');
});
