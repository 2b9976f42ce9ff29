// Message checks (issue 7): contact details shared in a message, the
// language of a seller's reply, and the normal form used to spot the same
// canned reply sent again. Pure: no I/O, no clock.
export type { ContactMatch, ContactMatchType } from './types.js';
export { findContactDetails } from './contact.js';
export { detectLanguage, languageMismatch } from './language.js';
export { normaliseForRepeatCheck } from './normalise.js';
export { prepareText, type PreparedText } from './prepared.js';
