// CPU time of the bench's processes, from Linux /proc (null elsewhere).
import { readdirSync, readFileSync } from 'node:fs';

/** A process's CPU ticks so far: its own, plus (withChildren) those of its children that ended and were waited for. */
function ticks(pid: number, withChildren = false): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0);
}

/** CPU seconds used so far by a process (Linux /proc; USER_HZ is 100), or null elsewhere. */
export function cpuSeconds(pid: number): number | null {
  try {
    return ticks(pid) / 100;
  } catch {
    return null;
  }
}

/**
 * CPU seconds of PostgreSQL: the postmaster, its live backends, and the
 * backends that have ended (the ingestion pool replaces its connections
 * every 10 s; the postmaster's children times keep what they used).
 */
export function postgresCpuSeconds(): number | null {
  try {
    const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
    const postgres = new Map<number, number>(); // pid → parent pid
    for (const d of procs) {
      try {
        if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'postgres') continue;
        postgres.set(Number(d), Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]));
      } catch {
        // the process ended meanwhile
      }
    }
    let total = 0;
    for (const [pid, parent] of postgres) {
      try {
        total += ticks(pid, !postgres.has(parent));
      } catch {
        // ended meanwhile: its time moves to the postmaster's children times
      }
    }
    return postgres.size > 0 ? total / 100 : null;
  } catch {
    return null;
  }
}

/**
 * CPU seconds the whole machine has spent idle so far, all cores (idle and
 * I/O wait from /proc/stat), or null elsewhere. Over a round, idle time says
 * whether the work waited on the CPU or on something else (round trips, the
 * WAL flush): a CPU-bound run leaves none.
 */
export function machineIdleSeconds(): number | null {
  try {
    const [, , , , idle, iowait] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    return (Number(idle) + Number(iowait)) / 100;
  } catch {
    return null;
  }
}
