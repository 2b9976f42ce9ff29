// lateByMinutes of a breach report row (CONTRACT §5, §6): working time from
// dueAt to the answer for a late obligation (as stored when it was decided),
// and to now while it is still breached.
export function lateByMinutes(
  o: { state: string; dueAt: number; storedLateBy: number | null },
  now: number,
  workingMinutes: (from: number, to: number) => number,
): number | null {
  if (o.state === 'late') return o.storedLateBy;
  if (o.state === 'breached') return now > o.dueAt ? workingMinutes(o.dueAt, now) : 0;
  return null;
}
