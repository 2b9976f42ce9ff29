// Issue 2.7 / 8.4: due() and workingMinutes() per second for 1440-minute
// spans on LV and SA, against the day-by-day reference in the same run, and
// the memory of 20 markets compiled over 10 years.
import path from 'node:path';
import type { ScheduleSpec } from '../src/calendar/index.js';
import { opsPerSecond, type Report } from './report.js';
import { serviceModule } from './servers.js';

const ZONES = ['Europe/Tallinn', 'Europe/Riga', 'Europe/Vilnius', 'Europe/Warsaw', 'Asia/Riyadh', 'Africa/Cairo', 'Asia/Dubai', 'Europe/Berlin', 'Europe/Paris', 'Europe/London', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Tokyo', 'Asia/Kolkata', 'America/Sao_Paulo', 'Europe/Istanbul', 'Asia/Jakarta', 'Africa/Lagos', 'America/Mexico_City'];

export async function benchEngine(report: Report, quick: boolean, compiled = true): Promise<void> {
  // the engine as `npm start` runs it (compiled), and its reference from the same build
  const { compileSchedule, referenceSchedule } = await serviceModule<typeof import('../src/calendar/index.js')>(compiled, 'calendar/index.js', () => import('../src/calendar/index.js'));
  const { loadMarkets } = await serviceModule<typeof import('../src/markets/index.js')>(compiled, 'markets/index.js', () => import('../src/markets/index.js'));
  const markets = await loadMarkets(path.resolve(import.meta.dirname, '../calendars'));
  const ms = quick ? 200 : 1500;
  const n = 1 << 16;
  const from = Date.parse('2026-01-01T00:00:00Z');
  const span = 4 * 365 * 86_400_000;
  const starts = Float64Array.from({ length: n }, (_, i) => from + Math.floor(((i * 2654435761) % 1_000_003) / 1_000_003 * span));

  for (const code of ['LV', 'SA']) {
    const m = markets.get(code)!;
    const s = m.schedule;
    s.due(from, 1); // warm the compiled years
    s.due(from + span, 1440);
    let sink = 0;
    // workingMinutes over the same 1440-working-minute spans: from each start to its deadline
    const ends = starts.map((a) => s.due(a, 1440));
    const due = opsPerSecond((i) => (sink += s.due(starts[i & (n - 1)]!, 1440)), ms);
    const wm = opsPerSecond((i) => (sink += s.workingMinutes(starts[i & (n - 1)]!, ends[i & (n - 1)]!)), ms);
    const ref = referenceSchedule(m.spec);
    const refDue = opsPerSecond((i) => (sink += ref.due(starts[i & (n - 1)]!, 1440)), ms);
    const refWm = opsPerSecond((i) => (sink += ref.workingMinutes(starts[i & (n - 1)]!, ends[i & (n - 1)]!)), ms);
    report.add({ section: 'engine', name: `${code} due(start, 1440) per second`, value: due, unit: 'ops/s', target: { op: '>=', value: 3_000_000 } });
    report.add({ section: 'engine', name: `${code} due() ÷ day-by-day reference`, value: due / refDue, unit: '×', target: { op: '>=', value: 100 }, note: `reference ${Math.round(refDue)} ops/s` });
    report.add({ section: 'engine', name: `${code} workingMinutes(start, due(start, 1440)) per second`, value: wm, unit: 'ops/s' });
    report.add({ section: 'engine', name: `${code} workingMinutes() ÷ day-by-day reference`, value: wm / refWm, unit: '×' });
    if (sink === 42) process.stderr.write('');
  }

  // 20 markets over 10 years: the LV calendar in 20 time zones, each compiled for 2026–2035.
  const lv = markets.get('LV')!.spec;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  // the heap and the typed arrays' storage (interval starts, ends and cumulative times live in ArrayBuffers, outside heapUsed)
  const used = () => {
    const u = process.memoryUsage();
    return u.heapUsed + u.arrayBuffers;
  };
  const before = used();
  const kept = ZONES.map((zone) => {
    const s = compileSchedule({ ...lv, timeZone: zone } satisfies ScheduleSpec);
    s.workingMinutes(Date.parse('2026-01-01T00:00:00Z'), Date.parse('2035-12-31T00:00:00Z'));
    return s;
  });
  gc?.();
  const mib = (used() - before) / 2 ** 20;
  report.add({ section: 'engine', name: `memory of ${kept.length} markets × 10 years${gc ? '' : ' (no --expose-gc: rough)'}`, value: mib, unit: 'MiB', target: { op: '<=', value: 20 } });
}
