// Pure rules of compliance reporting: reply figures, ISO weeks, scorecards,
// the absent-seller rule and at-risk warnings.
export { onTimeRate, percentile, replyFigures, type ObligationFact, type ReplyFigures } from './figures.js';
export { isoWeekOf, isoWeekOfDay, weeksSpanned, type IsoWeek } from './weeks.js';
export { absenceOverlaps, scorecard, type ActivityFigures, type Period, type Scorecard, type ScorecardFacts, type WeekFigures } from './scorecard.js';
export { absentVerdict, type AbsenceEvidence, type AbsentVerdict } from './absent.js';
export { atRiskKey, atRiskPayload, isAtRisk, type AtRiskObligation } from './at-risk.js';
export { lateByMinutes } from './late-by.js';
