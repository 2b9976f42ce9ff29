// A valid market file (the contract's example) to derive broken ones from.
export function lvFile(): Record<string, unknown> {
  const day = [['00:00', '24:00']];
  return {
    market: 'LV',
    name: 'Latvia',
    timeZone: 'Europe/Riga',
    languages: ['lv'],
    workingHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
    holidays: { country: 'LV', types: ['public'] },
    exceptions: [
      { date: '2031-06-20', hours: [], name: 'Example: announced day off' },
      { date: '2031-06-28', hours: [['00:00', '24:00']], name: 'Example: transferred working day' },
    ],
    policy: {
      replyWithinMinutes: 1440,
      takeover: { onBreach: true, disputeReasons: ['quality', 'listing_mismatch', 'return_rights', 'locked_device', 'counterfeit', 'unsafe_product'] },
      absence: { maxWorkingDaysWithoutNotice: 5, minNoticeDays: 14 },
      retentionDays: 183,
    },
  };
}
