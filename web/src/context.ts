// What every page needs: who is signed in, and the markets (GET /v1/markets).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { lastMarket, rememberMarket, type Me } from './session';

export interface MarketInfo {
  readonly market: string;
  readonly name: string;
  readonly timeZone: string;
  readonly languages: readonly string[];
  readonly policy: {
    readonly replyWithinMinutes: number;
    readonly absence: { readonly maxWorkingDaysWithoutNotice: number; readonly minNoticeDays: number };
    readonly [key: string]: unknown;
  };
}

export interface Session {
  readonly me: Me;
  readonly markets: readonly MarketInfo[];
  readonly signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}

export const marketOf = (markets: readonly MarketInfo[], code: string | null | undefined): MarketInfo | undefined => markets.find((m) => m.market === code);

/** The market a page shows: the URL's, else the one last looked at in this tab, else the first; remembered for the next page. */
export function chosenMarket(markets: readonly MarketInfo[], code: string | null | undefined): MarketInfo {
  const m = marketOf(markets, code) ?? marketOf(markets, lastMarket()) ?? markets[0]!;
  rememberMarket(m.market);
  return m;
}
