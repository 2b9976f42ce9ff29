// Local dates of the report filters (web/src/format.ts): a date in the URL is
// used only when it is a real calendar date; anything else falls back to the
// page's default period instead of a day the browser rolls it over to.
import t from 'tap';
import { isDate, periodOf } from '../../web/src/format.js';

t.test('when a filter date is a real calendar date, then it is taken', async (t) => {
  for (const d of ['2026-02-28', '2028-02-29', '2026-03-29', '2026-12-31', '2026-01-01']) t.ok(isDate(d), d);
  t.same(periodOf('2026-02-01', '2026-02-28', 'Europe/Riga'), { from: '2026-01-31T22:00:00.000Z', to: '2026-02-28T22:00:00.000Z' });
});

t.test('when a filter date does not exist (29 February of a common year, 31 April), then it is not a date, not the day after', async (t) => {
  // V8 reads "2026-02-29T00:00:00Z" as 1 March: "to=2026-02-29" silently added March 1 to a February report.
  for (const d of ['2026-02-29', '2026-02-30', '2026-04-31', '2026-06-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '', null, undefined]) t.notOk(isDate(d), String(d));
});
