// The audit hash chain, pure (POLICIES E: records protected from modification;
// issue 6.2): any change, removal or reordering of a chained row is found, and
// the first broken row is the one named.
import fc from 'fast-check';
import t from 'tap';
import { canonicalJson, GENESIS, linkRows, verifyRows, type AuditContent, type ChainedRow } from '../../src/audit/index.js';

type Content = Omit<AuditContent, 'seq'>;

const content = (id: number, over: Partial<Content> = {}): Content => ({
  id,
  at: `2026-03-16T10:00:${String(id % 60).padStart(2, '0')}.123456Z`,
  actor: 'system',
  action: 'events.accepted',
  subject: `case-${id}`,
  details: { count: id, ids: [`evt-${id}`] },
  ...over,
});

const chained = (rows: Content[]): ChainedRow[] => {
  const { links } = linkRows({ seq: 0, hash: GENESIS }, rows);
  return rows.map((r, i) => ({ ...r, seq: links[i]!.seq, prevHash: links[i]!.prevHash, hash: links[i]!.hash }));
};

t.test('when no chained row is changed, then the chain verifies and its head is the last row', async (t) => {
  const rows = chained([1, 2, 3, 5, 8].map((id) => content(id)));
  const r = verifyRows(rows);
  t.ok(r.ok);
  if (r.ok) {
    t.equal(r.head.seq, 5);
    t.same(r.head.hash, rows[4]!.hash);
  }
  t.same(rows[0]!.prevHash, GENESIS, 'the first row starts from 32 zero bytes');
  t.same(rows[1]!.prevHash, rows[0]!.hash, 'each row stores the previous row’s hash');
  t.ok(verifyRows([]).ok, 'an empty trail is intact');
});

t.test('linking continues from a given head: two passes give the same chain as one', async (t) => {
  const all = [1, 2, 3, 4].map((id) => content(id));
  const once = linkRows({ seq: 0, hash: GENESIS }, all).links;
  const first = linkRows({ seq: 0, hash: GENESIS }, all.slice(0, 2));
  const second = linkRows(first.head, all.slice(2));
  t.same([...first.links, ...second.links], once);
});

t.test('canonical JSON does not depend on key order, and distinguishes values', async (t) => {
  t.equal(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }), '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  t.not(canonicalJson({ a: '1' }), canonicalJson({ a: 1 }));
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      return canonicalJson(obj) === canonicalJson(reversed) && JSON.stringify(JSON.parse(canonicalJson(obj))) !== undefined;
    }),
  );
});

const rowsArb = fc.integer({ min: 2, max: 12 }).chain((n) =>
  fc.tuple(
    fc.constant(n),
    fc.array(fc.record({ actor: fc.constantFrom('system', 'webhook', 'token:abc', 'cli'), subject: fc.option(fc.string(), { nil: null }), details: fc.dictionary(fc.string(), fc.jsonValue()) }), {
      minLength: n,
      maxLength: n,
    }),
  ),
);

t.test('property: changing any field of any chained row breaks the chain at exactly that row', async (t) => {
  const fields = ['at', 'actor', 'action', 'subject', 'details', 'id'] as const;
  fc.assert(
    fc.property(rowsArb, fc.nat(), fc.constantFrom(...fields), ([n, parts], k, field) => {
      const rows = chained(parts.map((p, i) => content(i + 1, p)));
      const at = k % n;
      const victim = rows[at]!;
      const changed: ChainedRow = {
        ...victim,
        [field]: field === 'id' ? victim.id + 1000 : field === 'details' ? { ...(victim.details as object), tampered: true } : field === 'subject' ? `${victim.subject ?? ''}!` : `${victim[field]}!`,
      };
      const r = verifyRows(rows.map((row, i) => (i === at ? changed : row)));
      return !r.ok && r.break.seq === at + 1 && /content/.test(r.break.reason);
    }),
  );
});

t.test('property: removing a chained row (not the last) breaks the chain at the row after it', async (t) => {
  fc.assert(
    fc.property(rowsArb, fc.nat(), ([n, parts], k) => {
      const rows = chained(parts.map((p, i) => content(i + 1, p)));
      const at = k % (n - 1);
      const r = verifyRows(rows.filter((_, i) => i !== at));
      return !r.ok && r.break.id === rows[at + 1]!.id && /missing/.test(r.break.reason);
    }),
  );
});

t.test('property: a rewritten row with a recomputed hash is still found, by the next row’s prev_hash', async (t) => {
  fc.assert(
    fc.property(rowsArb, fc.nat(), ([n, parts], k) => {
      const rows = chained(parts.map((p, i) => content(i + 1, p)));
      const at = k % (n - 1);
      // The forger changes row `at` and recomputes its own hash, but cannot fix what later rows stored.
      const forged = linkRows({ seq: at, hash: rows[at]!.prevHash! }, [{ ...rows[at]!, action: 'forged' }]).links[0]!;
      const tampered = rows.map((row, i) => (i === at ? { ...row, action: 'forged', hash: forged.hash } : row));
      const r = verifyRows(tampered);
      return !r.ok && r.break.seq === at + 2 && /prev_hash/.test(r.break.reason);
    }),
  );
});

t.test('a swapped pair of rows and a row without a hash are named', async (t) => {
  const rows = chained([1, 2, 3].map((id) => content(id)));
  const swapped = verifyRows([rows[0]!, rows[2]!, rows[1]!]);
  t.match(swapped, { ok: false, break: { seq: 3, id: 3 } });
  const noHash = verifyRows([rows[0]!, { ...rows[1]!, hash: null }]);
  t.match(noHash, { ok: false, break: { seq: 2, reason: /no hash/ } });
});
