// An absence as instants: its local dates in the market's zone, starting no
// earlier than its registration (an absence cannot cover what came before it).
import t from 'tap';
import { absenceWindows } from '../../src/cases/index.js';

const at = (s: string) => Date.parse(s);

t.test('registered before its first day: it runs from 00:00 of that day to 00:00 after the last', async (t) => {
  t.same(absenceWindows('Europe/Riga', [['2026-12-07', '2026-12-08', at('2026-11-01T10:00:00Z')]]), [{ start: at('2026-12-06T22:00:00Z'), end: at('2026-12-08T22:00:00Z') }]);
  t.same(absenceWindows('Europe/Riga', [['2026-12-07', '2026-12-08']]), [{ start: at('2026-12-06T22:00:00Z'), end: at('2026-12-08T22:00:00Z') }], 'without a registration: the dates alone');
});

t.test('registered on its first day: it runs from the registration', async (t) => {
  t.same(absenceWindows('Europe/Riga', [['2026-12-07', '2026-12-08', at('2026-12-07T16:55:00Z')]]), [{ start: at('2026-12-07T16:55:00Z'), end: at('2026-12-08T22:00:00Z') }]);
});

t.test('a registration after its end leaves it empty, never inverted', async (t) => {
  t.same(absenceWindows('Asia/Riyadh', [['2026-12-07', '2026-12-07', at('2026-12-09T00:00:00Z')]]), [{ start: at('2026-12-07T21:00:00Z'), end: at('2026-12-07T21:00:00Z') }]);
});
