// The injected clock (DESIGN: Time): tests and backfills place the service at any instant.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface Clock {
  now(): number;
}

declare module 'fastify' {
  interface FastifyInstance {
    clock: Clock;
  }
}

export const systemClock: Clock = { now: () => Date.now() };

export const clockPlugin = fp(async (app: FastifyInstance, opts: { clock?: Clock }) => {
  app.decorate('clock', opts.clock ?? systemClock);
});
