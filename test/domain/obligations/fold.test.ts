// The obligation rules of CONTRACT §5 and §7, case by case (24/7 UTC schedule, 24 h to reply).
import t from 'tap';
import { foldCase, takeoverNotice } from '../../../src/domain/obligations/index.js';
import { buyer, ctx, ev, H, policy, seller, T0 } from '../../helpers/fold.js';

const at = (h: number) => T0 + h * H;

t.test('a buyer message opens an obligation due replyWithinMinutes later; a seller reply before it is met', async (t) => {
  const s = foldCase([buyer(0), seller(5)], ctx(at(100)));
  t.equal(s.obligations.length, 1);
  t.match(s.obligations[0], { requestedAt: at(0), dueAt: at(24), answeredAt: at(5), state: 'met', responseMinutes: 300, lateByMinutes: null });
  t.equal(s.status, 'open');
  t.equal(s.checkAt, null);
});

t.test('while unanswered and not yet due, the obligation is pending and the case is checked again at its deadline', async (t) => {
  const s = foldCase([buyer(0)], ctx(at(10)));
  t.equal(s.obligations[0]?.state, 'pending');
  t.equal(s.obligations[0]?.warnAt, at(24 * 0.8), 'warned at 80% of its working time');
  t.equal(s.checkAt, at(24));
});

t.test('unanswered past dueAt is breached, and the market policy takes the case over (reply_overdue)', async (t) => {
  const s = foldCase([buyer(0)], ctx(at(30)));
  t.equal(s.obligations[0]?.state, 'breached');
  t.same(s.takeover, { at: at(24), reason: 'reply_overdue' });
  t.equal(s.status, 'taken_over');
  t.equal(s.checkAt, null);
  const noTakeover = foldCase([buyer(0)], ctx(at(30), { policy: { ...policy, takeover: { ...policy.takeover, onBreach: false } } }));
  t.equal(noTakeover.obligations[0]?.state, 'breached');
  t.equal(noTakeover.takeover, null, 'no takeover when the market does not take over on breach');
});

t.test('a reply exactly at dueAt is on time; a late answer turns breached into late', async (t) => {
  t.equal(foldCase([buyer(0), seller(24)], ctx(at(30))).obligations[0]?.state, 'met');
  const s = foldCase([buyer(0), seller(27)], ctx(at(30)));
  t.match(s.obligations[0], { state: 'late', answeredAt: at(27), lateByMinutes: 180 });
  t.same(s.takeover, { at: at(24), reason: 'reply_overdue' }, 'the takeover at the breach stands');
});

t.test('further buyer messages while an obligation is open open no new one; the next one after an answer does', async (t) => {
  const s = foldCase([buyer(0), buyer(1), buyer(2), seller(3), buyer(4), seller(6)], ctx(at(100)));
  t.same(
    s.obligations.map((o) => [o.requestedAt, o.state]),
    [
      [at(0), 'met'],
      [at(4), 'met'],
    ],
  );
});

t.test('an automated seller reply does not answer', async (t) => {
  const s = foldCase([buyer(0), seller(1, { automated: true })], ctx(at(10)));
  t.equal(s.obligations[0]?.state, 'pending');
  t.equal(s.lastSellerMessageAt, null, 'nor does it count as seller activity');
});

t.test('a seller reply that occurred before the buyer message it seems to answer answers nothing', async (t) => {
  const s = foldCase([seller(0), buyer(1)], ctx(at(10)));
  t.equal(s.obligations[0]?.state, 'pending');
});

t.test('at the same instant, the buyer message comes before the seller reply', async (t) => {
  const s = foldCase([seller(1), buyer(1)], ctx(at(10)));
  t.equal(s.obligations[0]?.state, 'met');
});

t.test('a case closed before dueAt cancels the obligation; closed after it, the breach stands', async (t) => {
  const before = foldCase([buyer(0), ev('case.closed', 5)], ctx(at(30)));
  t.match(before.obligations[0], { state: 'cancelled', decidedAt: at(5) });
  t.equal(before.status, 'closed');
  t.equal(before.takeover, null);
  const after = foldCase([buyer(0), ev('case.closed', 26)], ctx(at(30)));
  t.equal(after.obligations[0]?.state, 'breached');
  t.equal(after.status, 'closed');
});

t.test('a closed case opens no obligation until it is reopened', async (t) => {
  const s = foldCase([ev('case.closed', 0), buyer(1), ev('case.reopened', 2), buyer(3)], ctx(at(10)));
  t.same(s.obligations.map((o) => o.requestedAt), [at(3)]);
  t.equal(s.status, 'open');
});

t.test('a buyer message at the instant the case is reopened opens an obligation (the reopening comes first); a closing at the same instant comes after it', async (t) => {
  const s = foldCase([buyer(0), seller(1), ev('case.closed', 2), buyer(5), ev('case.reopened', 5)], ctx(at(10)));
  t.same(s.obligations.map((o) => [o.requestedAt, o.state]), [[at(0), 'met'], [at(5), 'pending']], 'the message that reopened the case needs an answer');
  t.equal(s.status, 'open');
  const closing = foldCase([buyer(0), seller(1), ev('case.closed', 2), ev('case.reopened', 5), buyer(5), ev('case.closed', 5)], ctx(at(10)));
  t.equal(closing.status, 'closed', 'reopened and closed at one instant: closed');
  t.match(closing.obligations[1], { requestedAt: at(5), state: 'cancelled' });
});

t.test('reply.waived before dueAt waives the pending obligation; after dueAt the breach stands', async (t) => {
  t.match(foldCase([buyer(0), ev('reply.waived', 2)], ctx(at(30))).obligations[0], { state: 'waived', decidedAt: at(2) });
  t.equal(foldCase([buyer(0), ev('reply.waived', 25)], ctx(at(30))).obligations[0]?.state, 'breached');
});

t.test('a dispute whose reason the market lists takes the case over at once; other reasons do not', async (t) => {
  const s = foldCase([buyer(0), ev('dispute.opened', 2, { disputeReason: 'counterfeit' }), buyer(3)], ctx(at(30)));
  t.same(s.takeover, { at: at(2), reason: 'dispute:counterfeit' });
  t.same(s.obligations.map((o) => o.state), ['cancelled'], 'the pending obligation is cancelled; no new one opens');
  const other = foldCase([buyer(0), ev('dispute.opened', 2, { disputeReason: 'other' })], ctx(at(10)));
  t.equal(other.takeover, null);
});

t.test('contact sharing: takeoverAfter N flagged seller messages takes the case over', async (t) => {
  const p = { ...policy, contactSharing: { takeoverAfter: 2 } as const };
  const flagged = { flags: ['contact_sharing'] };
  const one = foldCase([buyer(0), seller(1, flagged)], ctx(at(10), { policy: p }));
  t.equal(one.takeover, null);
  const two = foldCase([buyer(0), seller(1, flagged), buyer(2), seller(3, flagged)], ctx(at(10), { policy: p }));
  t.same(two.takeover, { at: at(3), reason: 'contact_sharing' });
  t.equal(foldCase([buyer(0), seller(1, flagged), seller(3, flagged)], ctx(at(10))).takeover, null, '"flag" never takes over');
  const auto = foldCase([buyer(0), seller(1, { ...flagged, automated: true }), seller(2, flagged)], ctx(at(10), { policy: p }));
  t.same(auto.takeover, { at: at(2), reason: 'contact_sharing' }, 'contact details in an automated seller message count too');
});

t.test('autoReplies "strict": a suspected canned reply does not answer', async (t) => {
  const canned = { flags: ['automated_reply_suspected'] };
  t.equal(foldCase([buyer(0), seller(1, canned)], ctx(at(10))).obligations[0]?.state, 'met', '"flag" only flags');
  t.equal(foldCase([buyer(0), seller(1, canned)], ctx(at(10), { policy: { ...policy, autoReplies: 'strict' } })).obligations[0]?.state, 'pending');
});

t.test('absences (CONTRACT §7)', async (t) => {
  const absences = [{ start: at(48), end: at(96) }];
  const during = foldCase([buyer(50)], ctx(at(200), { absences }));
  t.same(during.takeover, { at: at(50), reason: 'seller_absence' }, 'a buyer message during an absence takes the case over at once');
  t.same(during.obligations, [], 'and opens no obligation');
  const pendingAtStart = foldCase([buyer(40)], ctx(at(200), { absences }));
  t.same(pendingAtStart.takeover, { at: at(48), reason: 'seller_absence' }, 'an obligation pending when the absence starts is taken over at its start');
  t.match(pendingAtStart.obligations[0], { state: 'cancelled', decidedAt: at(48) }, 'and never counts as a breach');
  t.equal(foldCase([buyer(40)], ctx(at(45), { absences })).checkAt, at(48), 'before the start, the case is checked again at the absence start');
  t.equal(foldCase([buyer(96)], ctx(at(100), { absences })).obligations[0]?.state, 'pending', 'the end is exclusive: a message at the first instant after is normal');
  t.equal(foldCase([buyer(40), seller(47)], ctx(at(200), { absences })).takeover, null, 'answered before the start: nothing happens');
});

t.test('a decided deadline stays pinned when the calendar changes; a pending one is recomputed', async (t) => {
  const events = [buyer(0), seller(30), buyer(40)];
  const first = events[0]!.id;
  const keepCase = { ...policy, takeover: { ...policy.takeover, onBreach: false } };
  const s = foldCase(events, ctx(at(50), { policy: keepCase, pinnedDueAt: new Map([[first, at(10)]]) }));
  t.equal(s.obligations[0]?.dueAt, at(10));
  t.equal(s.obligations[0]?.state, 'late');
  t.equal(s.obligations[1]?.dueAt, at(64));
});

t.test('a recorded takeover is never undone by late-arriving events', async (t) => {
  const recordedTakeover = { at: at(24), reason: 'reply_overdue' };
  const s = foldCase([buyer(0), seller(5)], ctx(at(100), { recordedTakeover }));
  t.equal(s.obligations[0]?.state, 'met', 'the timely reply that arrived late makes the obligation met');
  t.same(s.takeover, recordedTakeover, 'but the takeover that was carried out stays');
  t.equal(s.status, 'taken_over');
});

t.test('takeover notices: what the marketplace is told when the fold’s takeover changes', async (t) => {
  const a = { at: 1, reason: 'reply_overdue' };
  t.equal(takeoverNotice(null, null), null);
  t.equal(takeoverNotice(null, a), 'case.taken_over');
  t.equal(takeoverNotice({ ...a, withdrawn: false }, a), null);
  t.equal(takeoverNotice({ ...a, withdrawn: false }, { at: 0, reason: 'dispute:quality' }), 'case.takeover_changed');
  t.equal(takeoverNotice({ ...a, withdrawn: false }, null), 'case.takeover_withdrawn');
  t.equal(takeoverNotice({ ...a, withdrawn: true }, null), null);
  t.equal(takeoverNotice({ ...a, withdrawn: true }, a), 'case.taken_over');
});
