// The signed-in token: kept in sessionStorage only (this tab, gone when it
// closes; never in localStorage or a cookie), sent as a Bearer header.
const KEY = 'replyby.token';

export interface Me {
  readonly name: string;
  readonly role: 'admin' | 'compliance' | 'seller';
  readonly sellerId: string | null;
  /** The service clock when the dashboard signed in (read it through serviceNow). */
  readonly now: string;
}

// When each Me arrived, on this tab's monotonic clock.
const arrivedAt = new WeakMap<Me, number>();

/** Notes when `me` arrived from GET /v1/me, for serviceNow. */
export function arrived(me: Me): Me {
  arrivedAt.set(me, performance.now());
  return me;
}

/**
 * The service's clock now: its `now` at sign-in, moved on by the time this
 * tab has run since. A tab left open past midnight starts reports and the
 * absence form on the new day, and the service's clock, not the computer's,
 * decides the day (as it does for the service itself).
 */
export function serviceNow(me: Me): string {
  const since = performance.now() - (arrivedAt.get(me) ?? performance.now());
  return new Date(Date.parse(me.now) + since).toISOString();
}

const MARKET = 'replyby.market';

export const storedToken = (): string | null => sessionStorage.getItem(KEY);
/** The market last looked at in this tab: pages without one in their URL start there. */
export const lastMarket = (): string | null => sessionStorage.getItem(MARKET);
export const rememberMarket = (code: string) => sessionStorage.setItem(MARKET, code);
export const storeToken = (token: string) => sessionStorage.setItem(KEY, token);
export const forgetToken = () => sessionStorage.removeItem(KEY);

export const isStaff = (me: Me) => me.role === 'admin' || me.role === 'compliance';
/** Who may register and preview absences for a seller: that seller, or admin. */
export const mayRegisterAbsence = (me: Me, sellerId: string) => me.role === 'admin' || (me.role === 'seller' && me.sellerId === sellerId);
