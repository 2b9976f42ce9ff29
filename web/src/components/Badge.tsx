// States as words with a colour (never colour alone).
const CLASS: Record<string, string> = {
  met: 'met',
  late: 'late',
  breached: 'breached',
  pending: 'pending',
  waived: 'neutral',
  cancelled: 'neutral',
  open: 'pending',
  taken_over: 'taken-over',
  closed: 'neutral',
  compliant: 'met',
  late_notice: 'late',
};

export const Badge = ({ value, label }: { value: string; label?: string }) => <span class={`badge badge-${CLASS[value] ?? 'neutral'}`}>{label ?? value.replace(/_/g, ' ')}</span>;
