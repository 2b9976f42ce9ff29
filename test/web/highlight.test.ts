// Evidence highlighting in message bodies (issue 9.2): the contact-sharing
// matches' UTF-16 offsets cut the body into plain and highlighted parts.
import t from 'tap';
import { segments } from '../../web/src/highlight.js';

t.test('when matches carry offsets, then exactly those spans are highlighted, Arabic included', async (t) => {
  const body = 'السلام عليكم، تواصل معي على واتساب ٠٥٥١٢٣٤٥٦٧ بخصوص الطلب';
  const parts = segments(body, [
    { type: 'messenger', text: 'واتساب', start: 28, end: 34 },
    { type: 'phone', text: '٠٥٥١٢٣٤٥٦٧', start: 35, end: 45 },
  ]);
  t.same(parts, [
    { text: 'السلام عليكم، تواصل معي على ' },
    { text: 'واتساب', types: ['messenger'] },
    { text: ' ' },
    { text: '٠٥٥١٢٣٤٥٦٧', types: ['phone'] },
    { text: ' بخصوص الطلب' },
  ]);
  t.equal(parts.map((p) => p.text).join(''), body, 'nothing lost or repeated');
});

t.test('when matches overlap or touch, then they merge into one highlight with both types', async (t) => {
  const body = 'write to wa.me/37126123456 now';
  t.same(segments(body, [
    { type: 'url', text: 'wa.me/37126123456', start: 9, end: 26 },
    { type: 'phone', text: '37126123456', start: 15, end: 26 },
  ]), [{ text: 'write to ' }, { text: 'wa.me/37126123456', types: ['url', 'phone'] }, { text: ' now' }]);
});

t.test('when a match has no offsets, or offsets that do not fit the text, then it is found by its text; evidence not in the text is ignored', async (t) => {
  const body = 'mail me: a@b.ee';
  t.same(segments(body, [{ type: 'email', text: 'a@b.ee' }]), [{ text: 'mail me: ' }, { text: 'a@b.ee', types: ['email'] }]);
  t.same(segments(body, [{ type: 'email', text: 'a@b.ee', start: 0, end: 6 }]), [{ text: 'mail me: ' }, { text: 'a@b.ee', types: ['email'] }]);
  t.same(segments(body, [{ type: 'phone', text: '+37126' }]), [{ text: body }]);
  t.same(segments('', []), [{ text: '' }]);
});

t.test('when characters outside the BMP precede a match, then UTF-16 offsets still land on it', async (t) => {
  const body = '👋🏽 call +372 5555 1234';
  const start = body.indexOf('+372');
  t.same(segments(body, [{ type: 'phone', text: '+372 5555 1234', start, end: body.length }]).at(-1), { text: '+372 5555 1234', types: ['phone'] });
});

t.test('when retention removed the evidence text but kept the offsets, then the offsets alone mark the span', async (t) => {
  t.same(segments('call 5555 1234', [{ type: 'phone', start: 5, end: 14 }]), [{ text: 'call ' }, { text: '5555 1234', types: ['phone'] }]);
  t.same(segments('short', [{ type: 'phone', start: 2, end: 40 }]), [{ text: 'short' }], 'offsets past the end are ignored');
});
