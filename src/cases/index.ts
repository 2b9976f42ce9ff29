// Case state in PostgreSQL: ingestion, refolds under advisory locks, reads.
export { contentHash, type IncomingEvent } from './incoming.js';
export { GroupCommitter, type GroupCommitOptions, type RequestOutcome } from './group-commit.js';
export { FoldCache, OneTripGate } from './fold-cache.js';
export { batchStatements, ingestEvents, IngestConflict, type CheckedMessage, type IngestOptions, type IngestResult, type MessageChecks, type MessageFlag } from './ingest.js';
export { absenceWindows, loadCaseInputs, type CaseInputs } from './inputs.js';
export { storedMarkets } from './stored-markets.js';
export { takeOverByHand, withdrawManualTakeover, type ManualTakeoverOutcome, type ManualTakeoverRefusal, type ManualWithdrawalOutcome, type ManualWithdrawalRefusal } from './manual-takeover.js';
export { foldInputs, refoldLockedCases, type MarketLookup, type RefoldResult } from './refold.js';
export { writeStatement, type AuditEntry, type CaseWrites, type WrittenTakeover } from './write.js';
