// DATABASE_URL when set; otherwise the embedded PostgreSQL of DATA_DIR.
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.js';

export async function resolveDatabase(
  databaseUrl: string | undefined,
  dataDir: string,
  log: (msg: string, extra?: Record<string, unknown>) => void,
): Promise<EmbeddedDatabase> {
  if (databaseUrl) return { url: databaseUrl, owned: false, stop: async () => undefined };
  return startEmbeddedPostgres(dataDir, log);
}
