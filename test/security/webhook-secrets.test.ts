// Webhook secrets (issue 6.6). Already covered in test/routes/events.test.ts:
// a signature outside the 300 s window is 401 (both sides), a valid request
// replayed inside the window is a duplicate and never a second event (and 401
// once the window has passed), and two comma-separated secrets both verify
// during rotation. Here: the rest of a rotation, the configuration rules, and
// the generated secret's file.
import { stat } from 'node:fs/promises';
import t from 'tap';
import { ConfigError, loadConfig } from '../../src/config.js';
import { sign } from '../../src/domain/signature.js';
import { webhookSecrets } from '../../src/secrets.js';
import { build } from '../helpers/app.js';
import { buyerSays } from '../helpers/events.js';

const NOW = '2026-03-16T10:00:00Z';
const NEW = 'new-secret-0123456789';
const OLD = 'old-secret-0123456789';

t.test('WEBHOOK_SECRET holds the current secret and at most one previous one, each of at least 16 characters', async (t) => {
  t.same(loadConfig({ WEBHOOK_SECRET: `${NEW}, ${OLD}` }).webhookSecrets, [NEW, OLD], 'current first, previous second');
  t.same(loadConfig({ WEBHOOK_SECRET: NEW }).webhookSecrets, [NEW]);
  t.throws(() => loadConfig({ WEBHOOK_SECRET: `${NEW},${OLD},third-secret-0123456` }), ConfigError, 'three are refused');
  t.throws(() => loadConfig({ WEBHOOK_SECRET: `${NEW},short` }), ConfigError, 'a short one is refused');
});

t.test('a rotation from start to end: old only, then both, then new only; the old secret stops working at the end', async (t) => {
  const e = (minute: number) => buyerSays(`2026-03-16T08:${String(minute).padStart(2, '0')}:00Z`, { caseId: `c${minute}` });
  const before = await build(t, { now: NOW, webhookSecrets: [OLD] });
  t.equal((await before.post(e(1), { secret: OLD })).statusCode, 202, 'before: the old secret');
  t.equal((await before.post(e(2), { secret: NEW })).statusCode, 401, 'before: the new one is not known yet');
  const during = await build(t, { now: NOW, webhookSecrets: [NEW, OLD] });
  t.equal((await during.post(e(3), { secret: OLD })).statusCode, 202, 'during: the old secret');
  t.equal((await during.post(e(4), { secret: NEW })).statusCode, 202, 'during: the new secret');
  const after = await build(t, { now: NOW, webhookSecrets: [NEW] });
  const refused = await after.post(e(5), { secret: OLD });
  t.equal(refused.statusCode, 401, 'after: the old secret is refused');
  t.equal(refused.json().message, 'signature does not match');
  t.equal((await after.post(e(6), { secret: NEW })).statusCode, 202, 'after: the new secret');
  const stored = await after.app.db.selectFrom('events').select('id').execute();
  t.equal(stored.length, 1, 'nothing stored from the refused request');
  t.equal((await after.app.db.selectFrom('audit').select('id').execute()).length, 1, 'and nothing audited for it');
});

t.test('a sender in the middle of a rotation may send one v1 per secret; any match verifies, none is 401', async (t) => {
  const app = await build(t, { now: NOW, webhookSecrets: [NEW] });
  const body = JSON.stringify(buyerSays('2026-03-16T08:00:00Z'));
  const ts = Math.floor(app.clock.now() / 1000);
  const send = (header: string) => app.app.inject({ method: 'POST', url: '/v1/events', headers: { 'content-type': 'application/json', 'x-helpdesk-signature': header }, payload: body });
  t.equal((await send(`t=${ts},v1=${sign(OLD, ts, body)},v1=${sign(NEW, ts, body)}`)).statusCode, 202);
  t.equal((await send(`t=${ts},v1=${sign(OLD, ts, body)},v1=${sign('another-secret-012345', ts, body)}`)).statusCode, 401);
  t.equal((await send(`t=${ts - 400},v1=${sign(NEW, ts - 400, body)}`)).statusCode, 401, 'the window applies to t whatever the secret');
});

t.test('a generated secret is 32 random bytes, kept in DATA_DIR readable by its owner only, and reused', async (t) => {
  const dir = t.testdir({});
  const first = await webhookSecrets(undefined, dir);
  t.match(first.secrets[0], /^[0-9a-f]{64}$/);
  t.ok(first.generated);
  t.equal((await stat(first.file!)).mode & 0o777, 0o600);
  const again = await webhookSecrets(undefined, dir);
  t.same(again.secrets, first.secrets);
  t.notOk(again.generated);
});
