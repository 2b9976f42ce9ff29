// `npm run bench [-- --quick]`: what replyby exists for, measured on this
// machine, all load on 127.0.0.1: one table of figures and ratios, and
// bench/results.json. --quick is CI's smoke test: small, fast, no assertions.
import { benchEngine } from './engine.js';
import { Report } from './report.js';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const run = (name: string) => !only || only.includes(name);
const report = new Report();
const started = Date.now();

if (run('engine')) await benchEngine(report, quick);

report.print();
await report.write('bench/results.json', quick);
process.stdout.write(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(0)} s${quick ? ' (quick)' : ''}; figures in bench/results.json\n`);
