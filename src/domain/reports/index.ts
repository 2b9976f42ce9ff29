// Pure rules of compliance reporting: reply figures, market weeks, scorecards,
// the absent-seller rule and at-risk warnings.
export { onTimeRate, percentile, replyFigures, type ObligationFact, type ReplyFigures } from './figures.js';
export { UTC_ISO_WEEKS, firstDayOf, weekOf, weekOfDay, weeksSpanned, type Week, type WeekRule } from './weeks.js';
export { absenceOverlaps, scorecard, type ActivityFigures, type Period, type Scorecard, type ScorecardFacts, type WeekFigures } from './scorecard.js';
export { absentVerdict, type AbsenceEvidence, type AbsentVerdict } from './absent.js';
export { atRiskKey, atRiskPayload, isAtRisk, type AtRiskObligation } from './at-risk.js';
export { lateByMinutes } from './late-by.js';
