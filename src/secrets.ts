// The webhook secret: WEBHOOK_SECRET, or one generated on first start and
// kept in DATA_DIR (readable by its owner only).
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function webhookSecrets(configured: readonly string[] | undefined, dataDir: string): Promise<{ secrets: readonly string[]; generated: boolean; file?: string }> {
  if (configured) return { secrets: configured, generated: false };
  const file = path.join(dataDir, 'webhook-secret');
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing?.trim()) return { secrets: [existing.trim()], generated: false, file };
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' }).catch(async (err: { code?: string }) => {
    if (err.code !== 'EEXIST') throw err;
  });
  return { secrets: [(await readFile(file, 'utf8')).trim()], generated: true, file };
}
