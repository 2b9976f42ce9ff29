// build(t): a ready app on a fresh database, with a settable clock, a webhook
// secret, signed posting and tokens. Closed and dropped in t.teardown.
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../../src/app.js';
import type { Role } from '../../src/db/index.js';
import { signatureHeader } from '../../src/domain/signature.js';
import { MarketRegistry } from '../../src/plugins/markets.js';
import { createToken } from '../../src/tokens/index.js';
import { freshDatabase } from './db.js';

export const SECRET = 'test-secret-0123456789abcdef';
export const CALENDARS = path.resolve(import.meta.dirname, '../../calendars');

export class TestClock {
  constructor(public t: number) {}
  now = () => this.t;
  set(iso: string | number) {
    this.t = typeof iso === 'number' ? iso : Date.parse(iso);
  }
  advance(ms: number) {
    this.t += ms;
  }
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

export interface TestApp {
  app: FastifyInstance;
  clock: TestClock;
  url: string;
  /** POSTs a body to /v1/events, signed with the test secret at the clock's time. */
  post(body: unknown, opts?: { secret?: string; t?: number; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  token(role: Role, sellerId?: string): Promise<string>;
  get(url: string, token?: string): Promise<LightMyRequestResponse>;
  restart(): Promise<void>;
}

export async function build(t: Teardown, opts: Partial<AppOptions> & { now?: string; calendarsDir?: string } = {}): Promise<TestApp> {
  const db = await freshDatabase();
  const clock = new TestClock(Date.parse(opts.now ?? '2026-03-16T10:00:00Z'));
  const markets = opts.markets ?? (await MarketRegistry.load(opts.calendarsDir ?? CALENDARS));
  const make = () => buildApp({ databaseUrl: db.url, markets, webhookSecrets: [SECRET], clock, poolSize: 4, ...opts });
  const ctx: TestApp = {
    app: await make(),
    clock,
    url: db.url,
    post: (body, o = {}) => {
      const payload = typeof body === 'string' ? body : JSON.stringify(body);
      const ts = o.t ?? Math.floor(clock.now() / 1000);
      return ctx.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { 'content-type': 'application/json', 'x-helpdesk-signature': signatureHeader(o.secret ?? SECRET, ts, payload), ...o.headers },
        payload,
      });
    },
    token: async (role, sellerId) => (await createToken(ctx.app.db, { role, sellerId: sellerId ?? null, name: `${role}-${sellerId ?? 'x'}` })).token,
    get: (url, token) => ctx.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} }),
    restart: async () => {
      await ctx.app.close();
      ctx.app = await make();
    },
  };
  await ctx.app.ready();
  t.teardown(async () => {
    await ctx.app.close();
    await db.drop();
  });
  return ctx;
}
