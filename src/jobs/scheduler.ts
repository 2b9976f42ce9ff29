// Background work of a running service: the breach sweep on SWEEP_CRON, the
// outbox worker, and any other cron jobs. Each job runs at most once at a
// time per process; across processes the jobs' own locks decide.
import type { FastifyBaseLogger } from 'fastify';
import cron, { type ScheduledTask } from 'node-cron';

export interface Job {
  readonly name: string;
  readonly cron: string;
  readonly run: () => Promise<unknown>;
}

/** A polling loop that can be woken early and drained on shutdown. */
export class Poller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private again = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<boolean>,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Run as soon as possible (new work was committed). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.running) return;
    let more = false;
    this.running = (async () => {
      try {
        more = await this.work();
      } catch (err) {
        this.log.warn({ err, job: this.name }, 'background job failed; will retry');
      }
    })();
    await this.running;
    this.running = null;
    const soon = more || this.again;
    this.again = false;
    if (!this.stopped) this.schedule(soon ? 0 : this.intervalMs);
  }

  /** Stops polling and waits for the pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}

export class Scheduler {
  private tasks: ScheduledTask[] = [];
  private inFlight = new Set<Promise<unknown>>();

  constructor(private readonly log: FastifyBaseLogger) {}

  add(job: Job): void {
    const task = cron.schedule(
      job.cron,
      async () => {
        const p = job.run().catch((err) => this.log.error({ err, job: job.name }, 'scheduled job failed'));
        this.inFlight.add(p);
        await p;
        this.inFlight.delete(p);
      },
      { name: job.name, noOverlap: true },
    );
    this.tasks.push(task);
  }

  async stop(): Promise<void> {
    for (const t of this.tasks) await t.destroy();
    this.tasks = [];
    await Promise.all(this.inFlight);
  }
}
