// The fields of a market week in responses (domain/reports/weeks.ts), shared
// by the scorecard and the seller-weeks report.
import Type from 'typebox';

/** `firstDay`/`lastDay` may say more where weeks of several markets meet under one label. */
export const weekFields = (more: { firstDay?: string; lastDay?: string; zone?: string } = {}) => ({
  week: Type.String({ description: `the market week (${more.zone ?? 'local dates'}, from its first weekday: Sunday in SA) labelled with the ISO week of its Monday, e.g. 2026-W12` }),
  monday: Type.String({ description: 'local date of its Monday' }),
  firstDay: Type.String({ description: `its first local date, YYYY-MM-DD (the day after the market's weekly days off)${more.firstDay ?? ''}` }),
  lastDay: Type.String({ description: `its last local date, YYYY-MM-DD${more.lastDay ?? ''}` }),
});
