// Pure absence rules (CONTRACT §7, POLICIES D): working days, notice, compliance, validation, absences in pieces.
export { assessAbsence, type AbsenceFigures, type AbsenceMarket, type Assessment } from './assess.js';
export { compliance, localToday, noticeDays, type AbsencePolicy, type AbsenceViolation, type Compliance } from './notice.js';
export { MAX_ABSENCE_DAYS, overlapping, overlaps, rangeProblems, spanDays, type DayRange, type Problem } from './validate.js';
export { isOpenDay, workingDays, type DayLister } from './working-days.js';
export { continuousAbsence, continuousSpan, type AbsencePiece, type ContinuousAbsence } from './continuous.js';
