// A calendars directory for one test: the shipped market files, with the
// policy of some markets changed (policy.contactSharing, policy.autoReplies).
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CALENDARS } from '../helpers/app.js';

export async function calendarsWith(t: { teardown(fn: () => unknown): void }, policies: Record<string, Record<string, unknown>>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'replyby-calendars-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  for (const name of (await readdir(CALENDARS)).filter((f) => f.endsWith('.json'))) {
    const file = JSON.parse(await readFile(path.join(CALENDARS, name), 'utf8'));
    const extra = policies[path.basename(name, '.json')];
    if (extra) file.policy = { ...file.policy, ...extra };
    await writeFile(path.join(dir, name), JSON.stringify(file));
  }
  return dir;
}
