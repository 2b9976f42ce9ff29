// Issue 8.5: `npm run bench -- --quick` runs in CI as a smoke test. It must
// finish and produce every section's figures; nothing is asserted about
// timings (they belong to the full bench on a quiet machine).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Results {
  quick: boolean;
  machine: { cpus: number };
  figures: { section: string; name: string; value: number; unit: string }[];
}

t.test('the quick bench runs every section to the end and writes finite figures for each', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'replyby-bench-smoke-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const out = path.join(dir, 'results.json');
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/index.ts', '--quick', `--out=${out}`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-6000)));
  child.stderr.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-6000)));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  t.equal(code, 0, `the bench exits cleanly\n${log}`);
  const results = JSON.parse(await readFile(out, 'utf8')) as Results;
  t.equal(results.quick, true);
  t.ok(results.machine.cpus >= 1, 'the machine is described');
  const sections = new Set(results.figures.map((f) => f.section));
  for (const s of ['engine', 'checks', 'ingest single events', 'ingest batches of 100', 'ingest single events, two instances', 'message check endpoint', 'ingestion groups (no HTTP), two round trips', 'ingestion groups (no HTTP), one round trip', 'reports', 'sweep']) {
    t.ok(sections.has(s), `section ${s}`);
  }
  const bad = results.figures.filter((f) => typeof f.value !== 'number' || !Number.isFinite(f.value));
  t.same(bad, [], 'every figure is a finite number');
  const errors = results.figures.filter((f) => f.name.includes('errors/non-2xx'));
  t.ok(errors.length >= 3, 'error counts are reported');
  t.same(errors.filter((f) => f.value !== 0).map((f) => `${f.section}: ${f.value}`), [], 'no request failed under load');
  t.match(log, /bench finished in \d+ s \(quick\)/);
});
