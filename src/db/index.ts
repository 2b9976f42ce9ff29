export { resolveDatabase } from './connect.js';
export { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.js';
export { clusterDirectory, reachableEmbeddedPostgres, unreachableDirectory } from './reachable.js';
export { migrate, SQL_DIR } from './migrate.js';
export { kyselyOver, pgTypes, poolOptions } from './pool.js';
export type * from './schema.js';
export { fromEpochMs, toEpochMs } from './instants.js';
export { PIPELINED_SETTINGS, PipelinedPool, type PipelinedTransaction } from './pipelined.js';
