// Validates a parsed market file: the schema first, then the rules a schema
// cannot express. Every problem names the field it is about.
import Holidays from 'date-holidays';
import { Compile } from 'typebox/compile';
import { isValidTimeZone, parseDate, parseWallTime } from '../calendar/index.js';
import { MarketFileSchema, WEEKDAY_KEYS, type MarketFile } from './schema.js';

export interface Problem {
  /** Dotted path of the field, e.g. `workingHours.mon[1]` or `policy.replyWithinMinutes`. */
  readonly field: string;
  readonly message: string;
}

const validator = Compile(MarketFileSchema);

function fieldOf(pointer: string): string {
  if (pointer === '') return '(file)';
  return pointer
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
}

function schemaProblems(value: unknown): Problem[] {
  const errors = [...validator.Errors(value)];
  // A `false` subschema (an extra field or item) fails as "schema is false"; its parent's
  // additionalProperties or maxItems error says it better, so it is dropped only when that is there.
  const explained = new Set(errors.filter((e) => e.keyword === 'additionalProperties' || e.keyword === 'maxItems').map((e) => e.instancePath));
  // A union of literals (holiday types, dispute reasons) fails once per literal and once more as the
  // union: that is one problem, naming the values the field takes.
  const literals = new Map<string, unknown[]>();
  for (const e of errors) if (e.keyword === 'const') literals.set(e.instancePath, [...(literals.get(e.instancePath) ?? []), (e.params as { allowedValue?: unknown }).allowedValue]);
  const named = new Set<string>();
  return errors.flatMap((e): Problem[] => {
    if (e.keyword === 'boolean' && explained.has(e.instancePath.slice(0, e.instancePath.lastIndexOf('/')))) return [];
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperties?: string[] }).additionalProperties ?? [];
      return extra.map((k) => ({ field: fieldOf(`${e.instancePath}/${k}`), message: `unknown field "${k}"` }));
    }
    if (e.keyword === 'required') {
      const missing = (e.params as { requiredProperties?: string[] }).requiredProperties ?? [];
      return missing.map((k) => ({ field: fieldOf(`${e.instancePath}/${k}`), message: 'is required' }));
    }
    const values = literals.get(e.instancePath);
    if (values && (e.keyword === 'const' || e.keyword === 'anyOf')) {
      if (named.has(e.instancePath)) return [];
      named.add(e.instancePath);
      return [{ field: fieldOf(e.instancePath), message: `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}` }];
    }
    return [{ field: fieldOf(e.instancePath), message: e.message }];
  });
}

function hoursProblems(field: string, hours: readonly (readonly [string, string])[]): Problem[] {
  const out: Problem[] = [];
  let previousEnd = -1;
  hours.forEach(([s, e], i) => {
    const start = parseWallTime(s)!;
    const end = parseWallTime(e)!;
    if (end <= start) out.push({ field: `${field}[${i}]`, message: `end ${e} is not after start ${s}` });
    if (start < previousEnd) out.push({ field: `${field}[${i}]`, message: `starts at ${s}, before the previous interval ends (intervals must be sorted and must not overlap)` });
    previousEnd = Math.max(previousEnd, end);
  });
  return out;
}

const countries = new Holidays().getCountries() as Record<string, string>;

export function validateMarketFile(value: unknown, expectedCode: string): Problem[] {
  const problems = schemaProblems(value);
  if (problems.length > 0) return problems;
  const file = value as MarketFile;
  if (file.market !== expectedCode) problems.push({ field: 'market', message: `is "${file.market}" but the file is named ${expectedCode}.json` });
  if (!isValidTimeZone(file.timeZone)) problems.push({ field: 'timeZone', message: `unknown IANA time zone "${file.timeZone}"` });
  else {
    // Intl reads zone names in any case; integrators' libraries (java.time, zoneinfo) do not, and /v1/markets passes it on.
    const spelt = new Intl.DateTimeFormat('en-US', { timeZone: file.timeZone }).resolvedOptions().timeZone;
    if (spelt !== file.timeZone && spelt.toLowerCase() === file.timeZone.toLowerCase()) {
      problems.push({ field: 'timeZone', message: `is spelt "${spelt}" in the IANA time zone database (names are case-sensitive)` });
    }
  }
  for (const key of WEEKDAY_KEYS) problems.push(...hoursProblems(`workingHours.${key}`, file.workingHours[key]));
  if (WEEKDAY_KEYS.every((k) => file.workingHours[k].length === 0)) {
    problems.push({ field: 'workingHours', message: 'has no working interval on any weekday' });
  }
  if (file.holidays) {
    const { country, state } = file.holidays;
    if (!(country in countries)) problems.push({ field: 'holidays.country', message: `"${country}" is not a country known to date-holidays` });
    else if (state !== undefined && !(state in ((new Holidays().getStates(country) as Record<string, string> | undefined) ?? {}))) {
      problems.push({ field: 'holidays.state', message: `"${state}" is not a state of ${country} known to date-holidays` });
    }
  }
  const seen = new Set<string>();
  (file.exceptions ?? []).forEach((ex, i) => {
    if (parseDate(ex.date) === null) problems.push({ field: `exceptions[${i}].date`, message: `"${ex.date}" is not a real date` });
    if (seen.has(ex.date)) problems.push({ field: `exceptions[${i}].date`, message: `a second exception for ${ex.date} (at most one per date)` });
    seen.add(ex.date);
    problems.push(...hoursProblems(`exceptions[${i}].hours`, ex.hours));
  });
  return problems;
}
