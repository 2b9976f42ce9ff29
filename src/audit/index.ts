export { canonicalContent, canonicalJson, type AuditContent } from './canonical.js';
export { chainHash, EMPTY_HEAD, GENESIS, linkRows, type ChainHead, type ChainLink } from './chain.js';
export { ChainVerifier, verifyRows, type ChainBreak, type ChainedRow } from './verify.js';
