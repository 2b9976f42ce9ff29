// Collects the bench's figures, prints one table, writes bench/results.json.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface Figure {
  readonly section: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** A target when the issue sets one: the figure must be ≥ (or ≤) it. */
  readonly target?: { readonly op: '>=' | '<='; readonly value: number };
  readonly note?: string;
}

export class Report {
  readonly figures: Figure[] = [];
  readonly notes: Record<string, unknown> = {};

  add(f: Figure): void {
    this.figures.push(f);
    const t = f.target ? `${f.target.op} ${fmt(f.target.value)}` : '';
    const ok = f.target ? (f.target.op === '>=' ? f.value >= f.target.value : f.value <= f.target.value) : undefined;
    process.stderr.write(`  ${f.section} · ${f.name}: ${fmt(f.value)} ${f.unit}${t ? ` (target ${t}: ${ok ? 'met' : 'MISSED'})` : ''}\n`);
  }

  print(): void {
    const rows = this.figures.map((f) => {
      const ok = f.target ? (f.target.op === '>=' ? f.value >= f.target.value : f.value <= f.target.value) : undefined;
      return [f.section, f.name, `${fmt(f.value)} ${f.unit}`, f.target ? `${f.target.op} ${fmt(f.target.value)}` : '', ok === undefined ? '' : ok ? 'met' : 'MISSED'];
    });
    const head = ['section', 'figure', 'value', 'target', ''];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
    process.stdout.write(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
  }

  async write(file: string, quick: boolean): Promise<void> {
    const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
    await writeFile(path.resolve(file), JSON.stringify({ date: new Date().toISOString(), quick, machine, figures: this.figures, notes: this.notes }, null, 2) + '\n');
  }
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** Runs fn repeatedly for about `ms` and returns operations per second. */
export function opsPerSecond(fn: (i: number) => unknown, ms: number): number {
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 1000; i++) fn(ops + i);
    ops += 1000;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
