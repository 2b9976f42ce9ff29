// Access control, walked over every route of the app (issue 6.1, CONTRACT §8).
// The routes come from the app itself (app.routeList, filled by the auth
// plugin's onRoute hook), so a route added later is walked without anyone
// editing this file. Each route is called with no token, a bad token, a
// revoked token, each role, and a seller token for another seller; the answer
// must be 401 (not authenticated), 403 (not allowed) or "success" (auth
// passed: any status but 401/403, and never a 5xx).
import t from 'tap';
import type { Role } from '../../src/db/index.js';
import type { RouteAccess } from '../../src/plugins/auth.js';
import { revokeToken } from '../../src/tokens/index.js';
import { build } from '../helpers/app.js';
import { buyerSays, event } from '../helpers/events.js';

const NOW = '2026-03-16T10:00:00Z';

/** Routes a seller token may call that are NOT about one seller's own data (none so far): add one here only with a reason. */
const NOT_SELLER_SCOPED = new Set<string>([
  // The caller's own token (name, role, seller): every valid token may read itself.
  'GET /v1/me',
  'HEAD /v1/me',
]);

type Caller = 'none' | 'bad' | 'revoked' | 'admin' | 'compliance' | 'seller' | 'otherSeller' | 'integration';
type Outcome = 401 | 403 | 'success';

function expected(route: RouteAccess, caller: Caller): Outcome {
  const { access } = route;
  if (access === 'public') return 'success';
  if (access === 'webhook') return 401; // a bearer token is no signature (signatures: test/routes/events.test.ts)
  if (caller === 'none' || caller === 'bad' || caller === 'revoked') return 401;
  const role: Role = caller === 'otherSeller' ? 'seller' : caller;
  if (!access.includes(role)) return 403;
  if (caller === 'otherSeller' && !NOT_SELLER_SCOPED.has(`${route.method} ${route.url}`)) return 403;
  return 'success';
}

t.test('every route answers 401, 403 or success as its declared access says, for every kind of caller', async (t) => {
  const app = await build(t, { now: NOW, rateLimit: { authFailures: 1_000_000 } });
  const db = app.app.db;

  // Realistic data of seller A: a case, a taken-over case, an absence.
  await app.post({
    events: [
      buyerSays('2026-03-16T08:00:00Z', { caseId: 'case-a', sellerId: 'seller-a' }),
      event({ caseId: 'case-a2', sellerId: 'seller-a', type: 'dispute.opened', occurredAt: '2026-03-16T08:30:00Z', dispute: { reason: 'counterfeit' } }),
    ],
  });
  const takeover = await db.selectFrom('takeovers').select('id').where('case_id', '=', 'case-a2').executeTakeFirstOrThrow();
  const absence = await db
    .insertInto('absences')
    .values({ seller_id: 'seller-a', market: 'LV', from_date: '2026-06-01', to_date: '2026-06-03', working_days: 3, notice_days: 77, compliant: true })
    .returning('id')
    .executeTakeFirstOrThrow();

  const revoked = await app.token('admin');
  await revokeToken(db, 'admin-x');
  const tokens: Record<Caller, string | undefined> = {
    none: undefined,
    bad: 'rby_' + 'A'.repeat(43),
    revoked,
    admin: await app.token('admin'),
    compliance: await app.token('compliance'),
    seller: await app.token('seller', 'seller-a'),
    otherSeller: await app.token('seller', 'seller-b'),
    integration: await app.token('integration'),
  };

  const param = (url: string, name: string): string => {
    if (name === 'id' && url.includes('/takeovers/')) return String(takeover.id);
    if (name === 'id' && url.includes('/absences/')) return absence.id;
    const known: Record<string, string> = { caseId: 'case-a', sellerId: 'seller-a', market: 'LV', '*': 'index.html' };
    return known[name] ?? 'x';
  };
  const concrete = (url: string) =>
    url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(param(url, name))).replace(/\*$/, param(url, '*')) +
    '?market=LV&from=2026-03-01T00:00:00Z&to=2026-03-17T00:00:00Z';

  const routes = app.app.routeList;
  for (const must of ['GET /v1/cases/:caseId', 'POST /v1/admin/sweep', 'POST /v1/events', 'GET /metrics', 'GET /v1/markets/:market/deadline']) {
    t.ok(routes.some((r) => `${r.method} ${r.url}` === must), `the list holds ${must}`);
  }
  t.ok(routes.length >= 15, `${routes.length} routes walked`);

  const order: Caller[] = ['none', 'bad', 'revoked', 'otherSeller', 'integration', 'compliance', 'seller', 'admin'];
  const wrong: string[] = [];
  for (const route of routes) {
    for (const caller of order) {
      const token = tokens[caller];
      const hasBody = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
      const res = await app.app.inject({
        method: route.method as 'GET',
        url: concrete(route.url),
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(hasBody ? { 'content-type': 'application/json' } : {}) },
        ...(hasBody ? { payload: '{}' } : {}),
      });
      const want = expected(route, caller);
      const got: Outcome | number = res.statusCode === 401 || res.statusCode === 403 ? res.statusCode : 'success';
      if (got !== want || res.statusCode >= 500) wrong.push(`${route.method} ${route.url} as ${caller}: ${res.statusCode} (want ${want}) ${res.body.slice(0, 160)}`);
    }
  }
  t.same(wrong, [], 'every route and caller as declared');
  t.same(
    routes.filter((r) => Array.isArray(r.access) && r.access.includes('integration')).map((r) => `${r.method} ${r.url}`),
    ['POST /v1/checks/message'],
    'an integration token reaches only the synchronous message check',
  );
  t.ok(
    routes.some((r) => Array.isArray(r.access) && r.access.includes('seller')),
    'some routes admit sellers, so the other-seller check is exercised',
  );
});

t.test('a route that declares no access stops the start', async (t) => {
  const { buildApp } = await import('../../src/app.js');
  const { MarketRegistry } = await import('../../src/plugins/markets.js');
  const { CALENDARS, SECRET } = await import('../helpers/app.js');
  const app = await buildApp({ databaseUrl: 'postgres://unused:x@127.0.0.1:1/none', markets: await MarketRegistry.load(CALENDARS), webhookSecrets: [SECRET] });
  t.teardown(() => app.close());
  t.throws(() => app.get('/v1/forgotten', async () => ({})), /declares no config.access/);
});
