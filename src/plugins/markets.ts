// The market registry: loaded at start, swapped whole on reload, so a bad
// file on reload keeps the old calendars and reports the error. A reload
// never removes a market: a deleted file (a mistaken rm, a partial deploy)
// would otherwise silently stop SLA enforcement for its cases.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { loadMarkets, MarketFileError, type Market } from '../markets/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    markets: MarketRegistry;
  }
}

export class MarketRegistry {
  private markets: ReadonlyMap<string, Market>;

  constructor(
    private readonly dir: string,
    initial: ReadonlyMap<string, Market>,
  ) {
    this.markets = initial;
  }

  static async load(dir: string): Promise<MarketRegistry> {
    return new MarketRegistry(dir, await loadMarkets(dir));
  }

  get(code: string): Market | undefined {
    return this.markets.get(code);
  }

  all(): Market[] {
    return [...this.markets.values()];
  }

  /** Reloads the directory; throws (keeping the old markets) if any file is invalid or missing. Returns the codes that changed. */
  async reload(): Promise<string[]> {
    const next = await loadMarkets(this.dir);
    this.refuseRemoval(next);
    const changed = [...next.values()].filter((m) => this.markets.get(m.code)?.fingerprint !== m.fingerprint).map((m) => m.code);
    this.markets = next;
    return changed;
  }

  private refuseRemoval(next: ReadonlyMap<string, Market>): void {
    const missing = [...this.markets.keys()].filter((code) => !next.has(code));
    if (missing.length === 0) return;
    const others = missing.length > 1 ? ` (missing too: ${missing.slice(1).map((c) => `${c}.json`).join(', ')})` : '';
    throw new MarketFileError(path.join(this.dir, `${missing[0]}.json`), [
      { field: '(file)', message: `is missing${others}: a loaded market cannot be removed by a reload; restore the file (removing a market takes a restart)` },
    ]);
  }

  readonly lookup = (code: string): Market | undefined => this.markets.get(code);
}

export const marketsPlugin = fp(async (app: FastifyInstance, opts: { markets: MarketRegistry }) => {
  app.decorate('markets', opts.markets);
});
