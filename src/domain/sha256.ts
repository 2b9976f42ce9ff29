// SHA-256 of a string in one call. crypto.hash (Node ≥ 20.12) needs no Hash
// object per call: about half the time of createHash().update().digest() on
// an event's canonical form, and it runs for every event and seller message.
import crypto from 'node:crypto';

type Sha256 = { (text: string, encoding: 'hex'): string; (text: string, encoding: 'buffer'): Buffer };

export const sha256: Sha256 = (
  typeof crypto.hash === 'function'
    ? (text: string, encoding: 'hex' | 'buffer') => crypto.hash('sha256', text, encoding)
    : (text: string, encoding: 'hex' | 'buffer') => {
        const h = crypto.createHash('sha256').update(text);
        return encoding === 'hex' ? h.digest('hex') : h.digest();
      }
) as Sha256;
