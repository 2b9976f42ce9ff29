// Operations the routes, the jobs and the CLI share: each one opens its own
// transactions and updates metrics; none of them knows about HTTP.
import type { FastifyInstance } from 'fastify';
import { Counter } from 'prom-client';
import { storedMarkets, takeOverByHand, withdrawManualTakeover, type ManualTakeoverOutcome, type ManualWithdrawalOutcome } from './cases/index.js';
import { flagAbsentSellers } from './jobs/absent-sellers.js';
import { sendAtRiskWarnings } from './jobs/at-risk.js';
import { deliverDueNotifications } from './jobs/outbox.js';
import { recomputePendingDeadlines } from './jobs/recompute.js';
import { sweepDueCases } from './jobs/sweep.js';

export interface Services {
  /** Breaches and takeovers, then at-risk warnings, then absent-seller episodes (flagged = opened, cleared = closed). */
  sweep(): Promise<{ breached: number; takenOver: number; atRisk: number; flagged: number; cleared: number; ms: { breaches: number; atRisk: number; absent: number } }>;
  reloadMarkets(): Promise<{ changed: string[]; recomputed: number }>;
  recomputeAll(): Promise<number>;
  /** Markets that stored cases name but no market file loads (start-up warns: their SLA is not enforced). */
  marketsWithoutFile(): Promise<string[]>;
  /**
   * The breach sweep for one case or one market, now, before a read shows
   * them: between two runs of SWEEP_CRON an obligation past its deadline is
   * still stored as pending. Cheap when nothing is due (one index probe).
   */
  settleDue(only: { caseId: string } | { market: string }): Promise<void>;
  /** Staff take a case over by hand now (reason `manual`), unless it is closed or taken over already. */
  takeOverByHand(caseId: string, by: { actor: string; note: string }): Promise<ManualTakeoverOutcome>;
  /** Staff withdraw a manual takeover; the case is refolded without it (a deadline passed meanwhile may take it over for its own reason). */
  withdrawManualTakeover(caseId: string, by: { actor: string; note: string }): Promise<ManualWithdrawalOutcome>;
  /** One delivery pass; true when there may be more to deliver now. */
  deliverNotifications(): Promise<boolean>;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export function makeServices(
  app: FastifyInstance,
  opts: { takeoverWebhookUrl?: string | undefined; secret: string; fetch?: typeof fetch; onNotifications?: () => void },
): Services {
  const m = app.metrics;
  const registers = [m.registry];
  const atRiskWarnings = new Counter({ name: 'replyby_at_risk_warnings_total', help: 'obligation.at_risk notifications written', registers });
  const sellerFlags = new Counter({ name: 'replyby_seller_flags_total', help: 'Absent-seller episodes opened and closed', labelNames: ['change'], registers });
  const counted = (r: { breached: number; takeovers: readonly { notice: string; reason: string }[] }) => {
    m.obligationsBreached.inc(r.breached);
    for (const t of r.takeovers) if (t.notice === 'case.taken_over') m.takeovers.inc({ reason: t.reason });
  };
  /** Counts what a refold wrote and wakes the outbox when it wrote notices. */
  const written = <T extends { breached: number; takeovers: readonly { notice: string; reason: string }[] }>(r: T): T => {
    counted(r);
    if (r.takeovers.length > 0) opts.onNotifications?.();
    return r;
  };
  return {
    async settleDue(only) {
      written(await sweepDueCases(app.db, app.markets.lookup, app.clock.now(), 500, 1, only));
    },
    async takeOverByHand(caseId, by) {
      return written(await takeOverByHand(app.db, app.markets.lookup, caseId, app.clock.now(), by));
    },
    async withdrawManualTakeover(caseId, by) {
      return written(await withdrawManualTakeover(app.db, app.markets.lookup, caseId, app.clock.now(), by));
    },
    async sweep() {
      const end = m.sweepDuration.startTimer();
      const now = app.clock.now();
      const t0 = performance.now();
      const r = await sweepDueCases(app.db, app.markets.lookup, now);
      const t1 = performance.now();
      // After the breaches: an obligation that just became breached is no longer at risk.
      const warn = await sendAtRiskWarnings(app.db, app.markets.lookup, now);
      const t2 = performance.now();
      const absent = await flagAbsentSellers(app.db, app.markets.lookup, now);
      const ms = { breaches: Math.round(t1 - t0), atRisk: Math.round(t2 - t1), absent: Math.round(performance.now() - t2) };
      end();
      counted(r);
      atRiskWarnings.inc(warn.warned);
      sellerFlags.inc({ change: 'opened' }, absent.flagged);
      sellerFlags.inc({ change: 'closed' }, absent.cleared);
      if (r.cases + warn.warned + absent.flagged + absent.cleared > 0) {
        app.log.info({ breached: r.breached, takenOver: r.takenOver, cases: r.cases, atRisk: warn.warned, flagged: absent.flagged, cleared: absent.cleared, ms }, 'sweep');
      }
      return { breached: r.breached, takenOver: r.takenOver, atRisk: warn.warned, flagged: absent.flagged, cleared: absent.cleared, ms };
    },
    async reloadMarkets() {
      const changed = await app.markets.reload();
      const recomputed = await recomputePendingDeadlines(app.db, app.markets.lookup, changed, app.clock.now());
      app.log.info({ changed, recomputed }, 'market files reloaded');
      return { changed, recomputed };
    },
    async recomputeAll() {
      return recomputePendingDeadlines(app.db, app.markets.lookup, app.markets.all().map((x) => x.code), app.clock.now());
    },
    async marketsWithoutFile() {
      return (await storedMarkets(app.db)).filter((code) => !app.markets.get(code));
    },
    async deliverNotifications() {
      if (!opts.takeoverWebhookUrl) return false;
      const r = await deliverDueNotifications(app.db, {
        url: opts.takeoverWebhookUrl,
        secret: opts.secret,
        now: () => app.clock.now(),
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
        onDelivered: (kind) => m.notifications.inc({ kind, outcome: 'delivered' }),
        onFailed: (kind, error) => {
          m.notifications.inc({ kind, outcome: 'failed' });
          app.log.warn({ kind, error }, 'notification delivery failed; will retry');
        },
      });
      return r.delivered + r.failed > 0;
    },
  };
}
