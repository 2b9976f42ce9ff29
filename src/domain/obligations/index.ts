// Pure obligation rules: the fold of a case's events into obligations and takeover.
export { foldCase } from './fold.js';
export { compareEvents, orderEvents } from './order.js';
export { reachesContactSharingLimit, takeoverNotice, takeoverReasonForDispute, type TakeoverNotice } from './takeover-rules.js';
export type * from './types.js';
