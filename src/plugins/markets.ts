// The market registry: loaded at start, swapped whole on reload, so a bad
// file on reload keeps the old calendars and reports the error.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { loadMarkets, type Market } from '../markets/index.js';

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

  /** Reloads the directory; throws (keeping the old markets) if any file is invalid. Returns the codes that changed. */
  async reload(): Promise<string[]> {
    const next = await loadMarkets(this.dir);
    const changed = [...next.values()].filter((m) => this.markets.get(m.code)?.fingerprint !== m.fingerprint).map((m) => m.code);
    this.markets = next;
    return changed;
  }

  readonly lookup = (code: string): Market | undefined => this.markets.get(code);
}

export const marketsPlugin = fp(async (app: FastifyInstance, opts: { markets: MarketRegistry }) => {
  app.decorate('markets', opts.markets);
});
