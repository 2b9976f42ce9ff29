// The app: sign-in, then the pages a role may see. Staff start at the
// overview; a seller at its own scorecard.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, setUnauthorizedHandler } from './api';
import { Layout } from './components/Layout';
import { Forbidden, Loading, NotFound } from './components/Status';
import { SessionContext, useSession, type MarketInfo } from './context';
import { BreachesPage } from './pages/Breaches';
import { CasePage } from './pages/Case';
import { ContactSharingPage } from './pages/ContactSharing';
import { OverviewPage } from './pages/Overview';
import { SellerPage } from './pages/Seller';
import { SellersPage } from './pages/Sellers';
import { SignIn } from './pages/SignIn';
import { match, navigate, useLocation } from './router';
import { arrived, forgetToken, isStaff, storeToken, storedToken, type Me } from './session';

const STAFF_PAGES: Record<string, () => JSX.Element> = { '/breaches': BreachesPage, '/sellers': SellersPage, '/contact-sharing': ContactSharingPage };

function Routes() {
  const { path } = useLocation();
  const { me } = useSession();
  const staff = isStaff(me);
  const own = me.sellerId ? `/sellers/${encodeURIComponent(me.sellerId)}` : '/';
  useEffect(() => {
    if (path === '/' && !staff) navigate(own, { replace: true });
  }, [path, staff, own]);
  let params: Record<string, string> | null;
  if (path === '/') return staff ? <OverviewPage /> : <Loading what="your scorecard" />;
  if ((params = match('/cases/:caseId', path))) return <CasePage key={params.caseId} caseId={params.caseId!} />;
  if ((params = match('/sellers/:sellerId', path))) return <SellerPage key={params.sellerId} sellerId={params.sellerId!} />;
  const Page = STAFF_PAGES[path.replace(/\/+$/, '')];
  if (Page) return staff ? <Page /> : <Forbidden message="Reports are for compliance and admin tokens." />;
  return <NotFound what={`There is no page at ${path}.`} />;
}

export function App() {
  const [token, setToken] = useState(storedToken);
  const [me, setMe] = useState<Me | null>(null);
  const [markets, setMarkets] = useState<MarketInfo[] | null>(null);
  const [failure, setFailure] = useState('');
  const [notice, setNotice] = useState('');
  /** Bumped by "Try again" on the failure screen: the start-up requests run again. */
  const [attempt, setAttempt] = useState(0);

  const signOut = (message = '') => {
    forgetToken();
    setToken(null);
    setMe(null);
    setNotice(message);
  };
  useEffect(() => setUnauthorizedHandler(() => signOut('Your token is no longer valid; sign in again.')), []);

  useEffect(() => {
    if (markets) return;
    api<{ markets: MarketInfo[] }>('/v1/markets').then(
      (r) => setMarkets(r.markets),
      (err: unknown) => setFailure(`Could not load the markets: ${err instanceof Error ? err.message : String(err)}`),
    );
  }, [attempt]);
  useEffect(() => {
    if (!token || me) return;
    api<Me>('/v1/me', {}, token).then((m) => setMe(arrived(m)), (err: unknown) => {
      if (!(err instanceof ApiError && err.status === 401)) setFailure(`Could not reach the service: ${err instanceof Error ? err.message : String(err)}`);
    });
  }, [token, me, attempt]);

  if (failure) {
    // A refusal at start-up (429 while rate-limited, 5xx, no network) passes: offer to ask again, or to leave this token.
    return (
      <main id="main">
        <h1>replyby</h1>
        <p role="alert">{failure}</p>
        <p class="actions">
          <button
            type="button"
            onClick={() => {
              setFailure('');
              setAttempt((n) => n + 1);
            }}
          >
            Try again
          </button>{' '}
          {token && (
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setFailure('');
                signOut();
              }}
            >
              Sign out
            </button>
          )}
        </p>
      </main>
    );
  }
  if (!token) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(t, m) => {
          storeToken(t);
          setToken(t);
          setMe(arrived(m));
          setNotice('');
        }}
      />
    );
  }
  if (!me || !markets) return <Loading what="the dashboard" />;
  return (
    <SessionContext.Provider value={{ me, markets, signOut: () => signOut() }}>
      <Layout>
        <Routes />
      </Layout>
    </SessionContext.Provider>
  );
}
