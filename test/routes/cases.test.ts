// GET /v1/cases/{caseId} (CONTRACT §5) through the real app.
import t from 'tap';
import { build } from '../helpers/app.js';
import { buyerSays, event } from '../helpers/events.js';

t.test('flags of messages at one instant are listed in the same order whatever order they arrived in (state depends on occurredAt only, CONTRACT §4)', async (t) => {
  const app = await build(t, { now: '2026-03-16T12:00:00Z' });
  const admin = await app.token('admin');
  const said = (caseId: string, n: number) =>
    event({ id: `${caseId}-e${n}`, caseId, occurredAt: '2026-03-16T10:00:00Z', message: { id: `${caseId}-m${n}`, author: 'seller', body: `Call me on +371 2000000${n}` } });
  for (const e of [said('x', 1), said('x', 2)]) t.equal((await app.post(e)).statusCode, 202);
  for (const e of [said('y', 2), said('y', 1)]) t.equal((await app.post(e)).statusCode, 202);
  const flags = async (id: string) => (await app.get(`/v1/cases/${id}`, admin)).json().flags.map((f: { eventId: string }) => f.eventId.replace(id, 'CASE'));
  t.same(await flags('x'), ['CASE-e1', 'CASE-e2']);
  t.same(await flags('y'), ['CASE-e1', 'CASE-e2'], 'arrived the other way round: the same list');
});

t.test('a seller token cannot tell whether another seller’s case exists: an unknown case is 403 to it, as another’s is; 404 to staff', async (t) => {
  const app = await build(t, { now: '2026-03-16T12:00:00Z' });
  t.equal((await app.post(buyerSays('2026-03-16T10:00:00Z', { caseId: 'theirs', sellerId: 's2' }))).statusCode, 202);
  const s1 = await app.token('seller', 's1');
  for (const path of ['', '/messages']) {
    const other = await app.get(`/v1/cases/theirs${path}`, s1);
    const none = await app.get(`/v1/cases/no-such-case${path}`, s1);
    t.equal(other.statusCode, 403, `another seller's case${path}`);
    t.same([none.statusCode, none.json()], [other.statusCode, other.json()], `an unknown case${path} reads the same`);
    t.equal((await app.get(`/v1/cases/no-such-case${path}`, await app.token('compliance'))).statusCode, 404, `staff${path}: 404`);
  }
});
