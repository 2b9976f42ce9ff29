// The filters of a report page from the URL, with defaults: the market last looked at,
// the last `days` local days up to the service's today in that market.
import { chosenMarket, type MarketInfo } from './context';
import { addDays, isDate, localDate, periodOf } from './format';
import type { Location } from './router';
import { serviceNow, type Me } from './session';

export interface ReportFilters {
  readonly market: MarketInfo;
  readonly from: string;
  readonly to: string;
  /** [local 00:00 of from, local 00:00 after to) as UTC instants. */
  readonly period: { readonly from: string; readonly to: string };
}

export function reportFilters(loc: Location, me: Me, markets: readonly MarketInfo[], days: number): ReportFilters {
  const market = chosenMarket(markets, loc.query.get('market'));
  const today = localDate(serviceNow(me), market.timeZone);
  const to = isDate(loc.query.get('to')) ? loc.query.get('to')! : today;
  const from = isDate(loc.query.get('from')) ? loc.query.get('from')! : addDays(to, -(days - 1));
  return { market, from, to, period: periodOf(from, to, market.timeZone) };
}
