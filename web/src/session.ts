// The signed-in token: kept in sessionStorage only (this tab, gone when it
// closes; never in localStorage or a cookie), sent as a Bearer header.
const KEY = 'replyby.token';

export interface Me {
  readonly name: string;
  readonly role: 'admin' | 'compliance' | 'seller';
  readonly sellerId: string | null;
  /** The service clock when the dashboard signed in (periods start from it). */
  readonly now: string;
}

export const storedToken = (): string | null => sessionStorage.getItem(KEY);
export const storeToken = (token: string) => sessionStorage.setItem(KEY, token);
export const forgetToken = () => sessionStorage.removeItem(KEY);

export const isStaff = (me: Me) => me.role === 'admin' || me.role === 'compliance';
/** Who may register and preview absences for a seller: that seller, or admin. */
export const mayRegisterAbsence = (me: Me, sellerId: string) => me.role === 'admin' || (me.role === 'seller' && me.sellerId === sellerId);
