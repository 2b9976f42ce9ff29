// `npm run bench [-- --quick]`: what replyby exists for, measured on this
// machine, all load on 127.0.0.1: one table of figures and ratios, and
// bench/results.json. --quick is CI's smoke test: small, fast, no assertions.
import { execSync } from 'node:child_process';
import { benchChecks } from './checks.js';
import { benchDatabase } from './database.js';
import { benchEngine } from './engine.js';
import { benchGroups } from './groups.js';
import { benchIngest } from './ingest.js';
import { benchReports } from './reports.js';
import { benchSweep } from './sweep.js';
import { Report } from './report.js';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
/**
 * Where the figures go: bench/results.json for a full run (docs/performance.md quotes it), and for a quick or
 * partial run bench/results.partial.json (not kept in git), so that a smoke run or one section never replaces the
 * full run's figures; --out= chooses.
 */
const out = process.argv.find((a) => a.startsWith('--out='))?.slice(6) ?? (quick || only ? 'bench/results.partial.json' : 'bench/results.json');
const run = (name: string) => !only || only.includes(name);
const report = new Report();
const started = Date.now();

// The service runs compiled, as `npm start` runs it (falling back to the sources through tsx if the build fails).
let compiled = false;
if (['engine', 'checks', 'ingest', 'groups', 'reports', 'sweep'].some(run)) {
  try {
    // The server only (dist/*.js); the dashboard's build is not needed and may be in use by browser tests.
    execSync(`"${process.execPath}" node_modules/typescript/bin/tsc -p tsconfig.build.json`, { stdio: 'inherit' });
    compiled = true;
  } catch {
    process.stderr.write('  (build failed: the bench runs the service from source with tsx)\n');
  }
  report.notes.serverCompiled = compiled;
}
if (run('engine')) await benchEngine(report, quick, compiled);
if (run('checks')) await benchChecks(report, quick, compiled);
for (const [name, section] of [
  ['ingest', benchIngest],
  ['groups', benchGroups],
  ['reports', benchReports],
  ['sweep', benchSweep],
] as const) {
  if (!run(name)) continue;
  const db = await benchDatabase();
  try {
    await section(report, quick, db.url, compiled);
  } finally {
    await db.stop();
  }
}

report.print();
await report.write(out, quick);
process.stdout.write(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(0)} s${quick ? ' (quick)' : ''}; figures in ${out}\n`);
