// Is a string of digits a phone number? libphonenumber-js with the full
// ("max") metadata decides, for the market's country and internationally
// (POLICIES A, C, D: a number shared in a message, in any market).
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** Countries whose national formats are tried when the market is unknown, or with a phone cue. */
export const NEARBY_COUNTRIES: readonly CountryCode[] = ['EE', 'LV', 'LT', 'PL', 'FI', 'RU', 'SA', 'EG', 'AE', 'KW', 'QA', 'BH', 'OM', 'JO'];

/** Calling codes accepted when a number is written with its country code but without "+" or "00". */
const KNOWN_CALLING_CODES = ['372', '371', '370', '48', '358', '7', '966', '20', '971', '965', '974', '973', '968', '962', '44', '49', '380', '375'];

export interface PhoneQuery {
  /** Latin digits only */
  digits: string;
  /** written with "+" (or "00", which the caller leaves in digits) */
  plus: boolean;
  /** ISO 3166 alpha-2 of the market, if known */
  country: string | undefined;
  /** a phone word ("call me", "tel.", "رقمي", a messenger name) is near */
  cue: boolean;
}

/** A budget of parser calls, so that one message cannot take unbounded work. */
export interface Budget {
  left: number;
}

function parse(text: string, country: CountryCode | undefined, budget: Budget) {
  if (budget.left <= 0) return undefined;
  budget.left--;
  try {
    return parsePhoneNumberFromString(text, country);
  } catch {
    return undefined;
  }
}

function asCountry(country: string | undefined): CountryCode | undefined {
  if (!country || !/^[A-Za-z]{2}$/.test(country)) return undefined;
  return country.toUpperCase() as CountryCode;
}

/** True when the digits are a valid phone number under the rules above. */
export function isPhoneNumber(q: PhoneQuery, budget: Budget): boolean {
  const { digits } = q;
  if (q.plus) return digits.length >= 7 && digits.length <= 15 && !!parse(`+${digits}`, undefined, budget)?.isValid();
  if (digits.startsWith('00')) {
    return digits.length >= 9 && digits.length <= 17 && !!parse(`+${digits.slice(2)}`, undefined, budget)?.isValid();
  }
  if (digits.length < 7 || digits.length > 15) return false;
  const market = asCountry(q.country);
  if (market && parse(digits, market, budget)?.isValid()) return true;
  if (digits.length >= 10 && KNOWN_CALLING_CODES.some((cc) => digits.startsWith(cc))) {
    if (parse(`+${digits}`, undefined, budget)?.isValid()) return true;
  }
  // another market's national format: with a phone cue, or an unmistakable
  // trunk-0 mobile of ten or more digits (05x… in the Gulf, 01x… in Egypt)
  if (!q.cue && !(digits.startsWith('0') && digits.length >= 10)) return false;
  for (const c of NEARBY_COUNTRIES) {
    if (c === market) continue;
    const p = parse(digits, c, budget);
    if (!p?.isValid()) continue;
    if (q.cue || p.getType() === 'MOBILE') return true;
  }
  return false;
}
