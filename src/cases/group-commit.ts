// Group commit: requests that arrive while earlier ones are being stored
// wait briefly and are then stored together, in one transaction, and each is
// acknowledged only after that transaction commits. Under light load every
// request runs alone (no added latency); under heavy load the per-request
// cost of round trips and commits is shared. Each request keeps its own
// all-or-nothing: a request whose events conflict is refused (409) and the
// rest of its group is stored without it.
import type { IncomingEvent } from './incoming.js';
import { IngestConflict, type IngestResult } from './ingest.js';

export interface RequestOutcome {
  readonly accepted: number;
  readonly duplicates: number;
}

interface Pending {
  readonly events: readonly IncomingEvent[];
  resolve(o: RequestOutcome): void;
  reject(err: unknown): void;
}

export interface GroupCommitOptions {
  /** Events per group at most (a larger single request still runs, alone). */
  readonly maxEvents: number;
  /** Groups in flight at once (each holds one database connection). */
  readonly maxConcurrent: number;
  /**
   * A second group starts beside a running one only when at least this many
   * events wait: small requests are stored faster in one larger group than
   * in two small ones competing for the same two cores (measured by
   * `npm run bench`), large batches gain from overlapping one group's fold
   * with another's writes.
   */
  readonly parallelAfter?: number;
}

export class GroupCommitter {
  private readonly queue: Pending[] = [];
  private running = 0;

  constructor(
    private readonly store: (events: readonly IncomingEvent[]) => Promise<IngestResult>,
    private readonly opts: GroupCommitOptions = { maxEvents: 1000, maxConcurrent: 2, parallelAfter: 64 },
    private readonly onStored?: (r: IngestResult) => void,
  ) {}

  submit(events: readonly IncomingEvent[]): Promise<RequestOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.opts.maxConcurrent && this.queue.length > 0 && (this.running === 0 || this.waitingEvents() >= (this.opts.parallelAfter ?? 0))) {
      const group = this.take();
      this.running++;
      void this.runGroup(group).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private waitingEvents(): number {
    let n = 0;
    for (const p of this.queue) n += p.events.length;
    return n;
  }

  private take(): Pending[] {
    const group: Pending[] = [this.queue.shift()!];
    let n = group[0]!.events.length;
    while (this.queue.length > 0 && n + this.queue[0]!.events.length <= this.opts.maxEvents) {
      const next = this.queue.shift()!;
      n += next.events.length;
      group.push(next);
    }
    return group;
  }

  private async runGroup(group: Pending[]): Promise<void> {
    let members = group;
    while (members.length > 0) {
      try {
        const result = await this.store(members.flatMap((m) => m.events));
        this.onStored?.(result);
        const counted = new Set<string>();
        for (const m of members) {
          let accepted = 0;
          for (const e of m.events) {
            if (result.insertedIds.has(e.id) && !counted.has(e.id)) {
              counted.add(e.id);
              accepted++;
            }
          }
          m.resolve({ accepted, duplicates: m.events.length - accepted });
        }
        return;
      } catch (err) {
        if (!(err instanceof IngestConflict)) {
          for (const m of members) m.reject(err);
          return;
        }
        // Refuse only the request the conflicting event belongs to; store the others.
        let offset = 0;
        const owner = members.findIndex((m) => {
          if (err.index < offset + m.events.length) return true;
          offset += m.events.length;
          return false;
        });
        members[owner]!.reject(new IngestConflict(err.index - offset, err.field, err.message));
        members = members.filter((_, i) => i !== owner);
      }
    }
  }
}
