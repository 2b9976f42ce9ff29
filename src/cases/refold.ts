// Refolds locked cases: load inputs, run the pure fold, diff against what is
// stored, write the differences. Shared by ingestion, the sweep, absences
// and calendar reloads, so every path decides state the same way.
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { foldCase, takeoverNotice, type CaseState, type Obligation } from '../domain/obligations/index.js';
import type { Market } from '../markets/index.js';
import { absenceWindows, loadCaseInputs, type CaseInputs, type StoredObligation } from './inputs.js';
import { writeCaseResults, type AuditEntry, type CaseUpdate, type CaseWrites, type ObligationUpsert, type WrittenTakeover } from './write.js';

export interface RefoldResult {
  readonly takeovers: WrittenTakeover[];
  /** Obligations that became breached in this refold. */
  readonly breached: number;
  readonly changedCases: number;
  /** Cases still due after this refold (their market file is missing): a sweep must not take them again. */
  readonly stillDue: string[];
}

export type MarketLookup = (code: string) => Market | undefined;

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function foldInputs(inp: CaseInputs, market: Market, now: number): CaseState {
  const pinned = new Map<string, number>();
  for (const o of inp.obligations.values()) if (o.state !== 'pending') pinned.set(o.requestEventId, o.dueAt);
  return foldCase(inp.events, {
    now,
    due: market.schedule.due,
    workingMinutes: market.schedule.workingMinutes,
    policy: market.policy,
    absences: absenceWindows(market.timeZone, inp.absenceDates),
    pinnedDueAt: pinned,
    recordedTakeover: inp.manualTakeoverAt !== null ? { at: inp.manualTakeoverAt, reason: 'manual' } : null,
  });
}

function sameObligation(o: Obligation, s: StoredObligation | undefined, fingerprint: string): boolean {
  return (
    s !== undefined &&
    s.dueAt === o.dueAt &&
    s.warnAt === o.warnAt &&
    s.answeredAt === o.answeredAt &&
    s.answerEventId === o.answerEventId &&
    s.state === o.state &&
    s.decidedAt === o.decidedAt &&
    s.fingerprint === fingerprint
  );
}

interface Breach {
  caseId: string;
  requestEventId: string;
  dueAt: string | null;
}

function diff(inp: CaseInputs, market: Market, state: CaseState, w: CaseWrites, breaches: Breach[], writeCase: boolean): { breached: number; changed: boolean } {
  let breached = 0;
  let changed = false;
  for (const o of state.obligations) {
    const stored = inp.obligations.get(o.requestEventId);
    // A decided outcome keeps the calendar version it was decided under.
    const fingerprint = stored && stored.state !== 'pending' ? stored.fingerprint : market.fingerprint;
    if (o.state === 'breached' && stored?.state !== 'breached') {
      breached++;
      breaches.push({ caseId: inp.id, requestEventId: o.requestEventId, dueAt: iso(o.dueAt) });
    }
    if (sameObligation(o, stored, fingerprint)) continue;
    changed = true;
    w.obligations.push(obligationRow(inp, o, fingerprint, stored?.id ?? null));
  }
  const keep = state.obligations.map((o) => o.requestEventId);
  if (inp.obligations.size > 0 && [...inp.obligations.keys()].some((k) => !keep.includes(k))) {
    w.keep.push({ case_id: inp.id, keep });
    changed = true;
  }
  const takeover = state.takeover;
  const notice = takeoverNotice(inp.notified, takeover);
  if (notice) {
    const shown = takeover ?? inp.notified!;
    w.takeovers.push({ case_id: inp.id, market: inp.market, seller_id: inp.sellerId, at: iso(shown.at)!, reason: shown.reason, withdrawn: !takeover, notice });
  }
  const caseChanged =
    state.status !== inp.status ||
    (takeover?.at ?? null) !== (inp.takeover?.at ?? null) ||
    state.checkAt !== inp.checkAt ||
    state.lastEventAt !== inp.lastEventAt ||
    state.lastSellerMessageAt !== inp.lastSellerMessageAt;
  // A case whose fold writes anything, or that has new events, is written
  // whole, so that its fold_version moves (sql/0013: one-trip ingestion
  // folds from kept inputs, and checks only the version).
  if (caseChanged || changed || notice || writeCase) w.cases.push(caseRow(inp.id, state));
  return { breached, changed: changed || caseChanged };
}

/** A case row as written: from a fold's state, or (market file missing) from the stored inputs unchanged. */
function caseRow(
  id: string,
  s: { status: string; takeover: { at: number; reason: string } | null; checkAt: number | null; lastEventAt: number | null; lastSellerMessageAt: number | null },
): CaseUpdate {
  return {
    id,
    status: s.status,
    takeover_at: s.takeover?.at ?? null,
    takeover_reason: s.takeover?.reason ?? null,
    check_at: s.checkAt,
    last_event_at: s.lastEventAt,
    last_seller_message_at: s.lastSellerMessageAt,
  };
}

function obligationRow(inp: CaseInputs, o: Obligation, fingerprint: string, id: number | null): ObligationUpsert {
  return {
    id,
    case_id: inp.id,
    market: inp.market,
    seller_id: inp.sellerId,
    request_event_id: o.requestEventId,
    requested_at: o.requestedAt,
    due_at: o.dueAt,
    warn_at: o.warnAt,
    answered_at: o.answeredAt,
    answer_event_id: o.answerEventId,
    state: o.state,
    decided_at: o.decidedAt,
    response_minutes: o.responseMinutes,
    late_by_minutes: o.lateByMinutes,
    calendar_fingerprint: fingerprint,
  };
}

/** What a refold decided, before it is written. */
export interface RefoldPlan {
  readonly writes: CaseWrites;
  readonly breached: number;
  readonly changedCases: number;
  readonly stillDue: string[];
}

/**
 * Folds each case's inputs and diffs the result against what is stored (pure: no I/O).
 * `newEvents`: the inputs hold events stored by this transaction, so every case row is written (its version must move).
 */
export function planRefold(inputs: readonly CaseInputs[], marketOf: MarketLookup, now: number, audit: readonly AuditEntry[] = [], newEvents = false): RefoldPlan {
  const w: CaseWrites = { cases: [], obligations: [], keep: [], takeovers: [], audit: [...audit] };
  let breached = 0;
  let changedCases = 0;
  const breaches: Breach[] = [];
  const stillDue: string[] = [];
  for (const inp of inputs) {
    const market = marketOf(inp.market);
    if (!market) {
      stillDue.push(inp.id); // market file removed: keep the stored state as it is
      if (newEvents) w.cases.push(caseRow(inp.id, inp)); // …but move its version: it has new events
      continue;
    }
    const state = foldInputs(inp, market, now);
    if (state.checkAt !== null && state.checkAt <= now) stillDue.push(inp.id);
    const d = diff(inp, market, state, w, breaches, newEvents);
    breached += d.breached;
    if (d.changed) changedCases++;
  }
  // One audit row for the obligations this refold found breached, listing each.
  if (breaches.length > 0) w.audit.push({ actor: 'system', action: 'obligation.breached', subject: breaches.length === 1 ? breaches[0]!.caseId : null, details: { breaches } });
  return { writes: w, breached, changedCases, stillDue };
}

/**
 * Refolds cases whose advisory locks the caller's transaction holds.
 * `audit` rows are written with the results (e.g. the events that caused them).
 */
export async function refoldLockedCases(
  tx: Kysely<Database>,
  marketOf: MarketLookup,
  ids: readonly string[],
  now: number,
  audit: AuditEntry[] = [],
): Promise<RefoldResult> {
  const plan = planRefold(await loadCaseInputs(tx, ids), marketOf, now, audit);
  const takeovers = await writeCaseResults(tx, plan.writes, now);
  return { takeovers, breached: plan.breached, changedCases: plan.changedCases, stillDue: plan.stillDue };
}
