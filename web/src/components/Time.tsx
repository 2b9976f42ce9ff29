// An instant shown in a market's local time, machine-readable in <time>, with
// UTC on hover, or beside it when it matters (deadlines).
import { fmtLocal, fmtUtc } from '../format';

export function Time({ iso, zone, utc }: { iso: string | null | undefined; zone: string; utc?: boolean }) {
  if (!iso) return <span aria-label="none">–</span>;
  return (
    <>
      <time dateTime={iso} title={fmtUtc(iso)}>
        {fmtLocal(iso, zone)}
      </time>
      {utc && <span class="utc"> ({fmtUtc(iso)})</span>}
    </>
  );
}
