// The one-shot SHA-256 must give what createHash gives, for any string
// (stored content hashes and repeat keys are compared with earlier ones).
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import t from 'tap';
import { sha256 } from '../../src/domain/sha256.js';

t.test('the standard test vector', async (t) => {
  t.equal(sha256('abc', 'hex'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  t.same([...sha256('abc', 'buffer').subarray(0, 4)], [0xba, 0x78, 0x16, 0xbf]);
});

t.test('equals createHash on any text, UTF-8 encoded', async (t) => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      const expected = createHash('sha256').update(s).digest();
      return sha256(s, 'hex') === expected.toString('hex') && sha256(s, 'buffer').equals(expected);
    }),
  );
  t.pass('checked');
});
