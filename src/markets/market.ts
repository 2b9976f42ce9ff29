// A loaded market: the file's facts, its policy with defaults resolved, and
// its compiled schedule.
import { createHash } from 'node:crypto';
import { compileSchedule, parseWallTime, weekStartOf, type Schedule, type ScheduleSpec, type WallInterval, type Weekday } from '../calendar/index.js';
import { holidaysOfYear } from './holidays.js';
import { WEEKDAY_KEYS, type DisputeReason, type MarketFile } from './schema.js';

export interface MarketPolicy {
  readonly replyWithinMinutes: number;
  readonly takeover: { readonly onBreach: boolean; readonly disputeReasons: readonly DisputeReason[] };
  readonly absence: { readonly maxWorkingDaysWithoutNotice: number; readonly minNoticeDays: number };
  readonly retentionDays: number;
  readonly absentAfterMinutes: number;
  readonly warnAtPercent: number;
  readonly contactSharing: 'flag' | { readonly takeoverAfter: number };
  readonly autoReplies: 'flag' | 'strict';
}

export interface Market {
  readonly code: string;
  readonly name: string;
  readonly timeZone: string;
  readonly languages: readonly string[];
  /** ISO country for phone numbers and holidays (the holidays country, else a two-letter code). */
  readonly country: string | undefined;
  readonly policy: MarketPolicy;
  readonly schedule: Schedule;
  /** The data the schedule was compiled from (the bench's day-by-day reference reads it). */
  readonly spec: ScheduleSpec;
  /** First day of its week (0 = Sunday … 6 = Saturday), the day after its weekly days off: weekStartOf(spec.weekly). */
  readonly weekStartsOn: Weekday;
  /** Hash of the file and the holiday data version: a deadline decided under one version stays with it. */
  readonly fingerprint: string;
  readonly file: MarketFile;
}

const toIntervals = (hours: readonly (readonly [string, string])[]): WallInterval[] =>
  hours.map(([s, e]) => [parseWallTime(s)!, parseWallTime(e)!] as const);

export function resolvePolicy(p: MarketFile['policy']): MarketPolicy {
  return {
    replyWithinMinutes: p.replyWithinMinutes,
    takeover: { onBreach: p.takeover.onBreach, disputeReasons: [...p.takeover.disputeReasons] },
    absence: { ...p.absence },
    retentionDays: p.retentionDays,
    absentAfterMinutes: p.absentAfterMinutes ?? 2 * p.replyWithinMinutes,
    warnAtPercent: p.warnAtPercent ?? 80,
    contactSharing: p.contactSharing ?? 'flag',
    autoReplies: p.autoReplies ?? 'flag',
  };
}

/** Builds a market from a file that validateMarketFile accepted. */
export function buildMarket(file: MarketFile, holidayDataVersion: string): Market {
  const holidaysOf = file.holidays ? holidaysOfYear(file.holidays) : () => [];
  const spec: ScheduleSpec = {
    timeZone: file.timeZone,
    weekly: WEEKDAY_KEYS.map((k) => toIntervals(file.workingHours[k])),
    exceptions: (file.exceptions ?? []).map((e) => ({ date: e.date, name: e.name, hours: toIntervals(e.hours) })),
    holidaysOf,
  };
  const schedule = compileSchedule(spec);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify(file))
    .update(file.holidays ? `date-holidays@${holidayDataVersion}` : '')
    .digest('hex')
    .slice(0, 16);
  return {
    code: file.market,
    name: file.name,
    timeZone: file.timeZone,
    languages: file.languages,
    country: file.holidays?.country ?? (/^[A-Z]{2}$/.test(file.market) ? file.market : undefined),
    policy: resolvePolicy(file.policy),
    schedule,
    spec,
    weekStartsOn: weekStartOf(spec.weekly),
    fingerprint,
    file,
  };
}
