// Message checks wired into ingestion (issue 7): the pure checks per message
// before the transaction, the repeat count across cases inside it.
import type { MessageChecks } from '../cases/index.js';
import type { Market } from '../markets/index.js';
import { checkMessage } from './flags.js';
import { repeatFlagsSql } from './repeats.js';

export type { AutomatedReplyFlag, ContactSharingFlag, Flag, LanguageMismatchFlag } from './flags.js';
export { checkMessage, checkText, repeatKeyOf, type UnsentFlag } from './flags.js';
export { countStoredCopies, repeatCountQuery, REPEAT_COUNT_CAP, REPEAT_THRESHOLD, REPEAT_WINDOW_MS } from './repeats.js';

/** The checks ingestion runs, reading each event's market from the registry as it is now. */
export function messageChecks(marketOf: (code: string) => Market | undefined): MessageChecks {
  return {
    check: (e) => checkMessage(e, marketOf(e.market)),
    acrossCases: repeatFlagsSql,
  };
}
