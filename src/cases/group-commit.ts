// Group commit: requests that arrive while earlier ones are being stored
// wait briefly and are then stored together, in one transaction, and each is
// acknowledged only after that transaction commits. Under light load every
// request runs alone (no added latency); under heavy load the per-request
// cost of round trips and commits is shared. Each request keeps its own
// all-or-nothing: a request whose events conflict is refused (409) and the
// rest of its group is stored without it.
//
// Groups in flight at once never share a case: each transaction locks its
// cases, so a group sharing one would wait for the whole of the other
// (measured: with batches of 100, a second group waited on a case lock for
// about 40% of the time). A request that names a case of a running group,
// or of a request held back before it, waits for a later group.
import type { IncomingEvent } from './incoming.js';
import { IngestConflict, type IngestResult } from './ingest.js';

export interface RequestOutcome {
  readonly accepted: number;
  readonly duplicates: number;
}

interface Pending {
  readonly events: readonly IncomingEvent[];
  readonly cases: ReadonlySet<string>;
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
   * events wait: a group of one or two events costs PostgreSQL nearly what a
   * group of eight does (measured: with none, single events slowed by a
   * tenth), while a second group keeps both cores busy, one group folding in
   * JavaScript while the other is in PostgreSQL (8 rather than 64: single
   * events +5-25%, batches +4-8%, alternating runs).
   */
  readonly parallelAfter?: number;
}

export class GroupCommitter {
  private readonly queue: Pending[] = [];
  private running = 0;
  /** The cases of the groups in flight. */
  private readonly busy = new Set<string>();

  constructor(
    private readonly store: (events: readonly IncomingEvent[]) => Promise<IngestResult>,
    private readonly opts: GroupCommitOptions = { maxEvents: 1000, maxConcurrent: 2, parallelAfter: 8 },
    private readonly onStored?: (r: IngestResult) => void,
  ) {}

  submit(events: readonly IncomingEvent[]): Promise<RequestOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ events, cases: new Set(events.map((e) => e.caseId)), resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.opts.maxConcurrent && this.queue.length > 0 && (this.running === 0 || this.waitingEvents() >= (this.opts.parallelAfter ?? 0))) {
      const group = this.take();
      if (group.length === 0) return; // every waiting request names a case in flight
      const cases = new Set<string>();
      for (const m of group) for (const c of m.cases) cases.add(c);
      for (const c of cases) this.busy.add(c);
      this.running++;
      void this.runGroup(group).finally(() => {
        for (const c of cases) this.busy.delete(c);
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

  /**
   * The next group, in arrival order, leaving out the requests that name a
   * case in flight and those that name a case of a request left out before
   * them (so the events of one case are stored in the order they came).
   */
  private take(): Pending[] {
    const group: Pending[] = [];
    const kept: Pending[] = [];
    const held = new Set<string>();
    let n = 0;
    let i = 0;
    for (; i < this.queue.length; i++) {
      const p = this.queue[i]!;
      if (group.length > 0 && n + p.events.length > this.opts.maxEvents) break;
      if (this.names(p, this.busy) || this.names(p, held)) {
        for (const c of p.cases) held.add(c);
        kept.push(p);
        continue;
      }
      group.push(p);
      n += p.events.length;
    }
    this.queue.splice(0, i, ...kept);
    return group;
  }

  private names(p: Pending, cases: ReadonlySet<string>): boolean {
    if (cases.size === 0) return false;
    for (const c of p.cases) if (cases.has(c)) return true;
    return false;
  }

  private async runGroup(group: Pending[]): Promise<void> {
    let members = group;
    // Requests put off until the members before them are stored: see the conflict below.
    let later: Pending[] = [];
    while (members.length > 0 || later.length > 0) {
      if (members.length === 0) [members, later] = [later, []];
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
        members = [];
      } catch (err) {
        if (!(err instanceof IngestConflict)) {
          for (const m of members) m.reject(err);
          members = [];
          continue;
        }
        const ownerOf = (index: number) => {
          let offset = 0;
          const owner = members.findIndex((m) => {
            if (index < offset + m.events.length) return true;
            offset += m.events.length;
            return false;
          });
          return { owner, offset };
        };
        const { owner, offset } = ownerOf(err.index);
        if (err.earlierIndex !== undefined && ownerOf(err.earlierIndex).owner !== owner) {
          // The clash is between two requests, not inside one: the later is judged once the earlier is stored,
          // against what is stored then (a duplicate, or a conflict with the stored event), as if it came after.
          later.push(members[owner]!);
        } else {
          // Refuse only the request the conflicting event belongs to; store the others.
          members[owner]!.reject(new IngestConflict(err.index - offset, err.field, err.message));
        }
        members = members.filter((_, i) => i !== owner);
      }
    }
  }
}
