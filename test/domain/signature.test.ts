// The webhook signature (CONTRACT §4): HMAC-SHA256 over "<t>.<raw body>",
// with `t` as the header carries it, within 300 s of the clock. Pure.
import t from 'tap';
import { createHmac } from 'node:crypto';
import { signatureHeader, verifySignature } from '../../src/domain/signature.js';

const SECRET = 'test-secret-0123456789abcdef';
const body = Buffer.from('{"id":"e1"}');
const NOW = 1_773_000_000;
const v1 = (text: string) => createHmac('sha256', SECRET).update(`${text}.`).update(body).digest('hex');

t.test('a header made with the secret verifies; another secret, body or clock does not', async (t) => {
  t.same(verifySignature(signatureHeader(SECRET, NOW, body), body, [SECRET], NOW), { ok: true });
  t.same(verifySignature(signatureHeader(SECRET, NOW, body), body, ['other-secret', SECRET], NOW), { ok: true }, 'the second secret during rotation');
  t.match(verifySignature(signatureHeader('other-secret', NOW, body), body, [SECRET], NOW), { ok: false, reason: 'signature does not match' });
  t.match(verifySignature(signatureHeader(SECRET, NOW, body), Buffer.from('{"id":"e2"}'), [SECRET], NOW), { ok: false });
  t.match(verifySignature(signatureHeader(SECRET, NOW - 301, body), body, [SECRET], NOW), { ok: false, reason: /300 s/ });
  t.same(verifySignature(signatureHeader(SECRET, NOW - 300, body), body, [SECRET], NOW), { ok: true });
});

t.test('the MAC is over t as written: leading zeros are part of it', async (t) => {
  t.same(verifySignature(`t=0${NOW},v1=${v1(`0${NOW}`)}`, body, [SECRET], NOW), { ok: true }, 'signed over "0<t>"');
  t.match(verifySignature(`t=0${NOW},v1=${v1(String(NOW))}`, body, [SECRET], NOW), { ok: false, reason: 'signature does not match' }, 'not over the number it stands for');
});
