// The normal form for spotting the same canned reply (POLICIES D: automated
// replies may not replace an individual answer).
import t from 'tap';
import { normaliseForRepeatCheck as n } from '../../../src/domain/checks/index.js';

t.test('when two replies differ only in case, spacing, punctuation or numbers, then they normalise equal', async (t) => {
  t.equal(n('Thank you for your order #1234!  It ships tomorrow.'), n('thank you for your order 5678 — it ships tomorrow'));
  t.equal(n('Paldies!\nPrece tiks nosūtīta rīt.'), n('PALDIES   prece tiks nosutita rit'));
  t.equal(n('طلبك رقم ١٢٣ تم شحنه'), n('طلبك رقم 456 تم شحنه'), 'Arabic-Indic and Latin digits');
  t.equal(n('شُكْرًا لَكَ'), n('شكرا لك'), 'Arabic diacritics');
  t.equal(n('إلى'), n('الي'), 'alef and alef maqsura variants');
});

t.test('when two replies say different things, then they stay different', async (t) => {
  t.not(n('Your parcel ships today'), n('Your parcel shipped yesterday'));
  t.not(n('Tere, pakk on teel'), n('Tere, pakk on kohal'));
});

t.test('when a reply is empty or only punctuation, then the normal form is empty', async (t) => {
  t.equal(n(''), '');
  t.equal(n(' !!! ... '), '');
});
