// Registering a planned absence (the seller itself, or admin). Before it is
// submitted, the form shows what the notice rule will say (POLICIES D: more
// than N working days need M days' notice), from the service's own preview.
import { useState } from 'preact/hooks';
import { ApiError, api, query } from '../api';
import { Badge } from '../components/Badge';
import { InlineError } from '../components/Status';
import { marketOf, type MarketInfo } from '../context';
import { addDays, isDate, localDate } from '../format';
import { useApi } from '../hooks';

export interface AbsenceResult {
  id: string;
  market: string;
  from: string;
  to: string;
  workingDays: number;
  noticeDays: number;
  compliant: boolean;
  violation?: 'late_notice';
  /** with the live absences it adjoins (no working day between) */
  continuous?: { from: string; to: string; workingDays: number; compliant: boolean; violation?: 'late_notice' };
}

interface Preview extends Omit<AbsenceResult, 'id'> {
  today: string;
  rule: { maxWorkingDaysWithoutNotice: number; minNoticeDays: number };
  overlaps: { id: string; from: string; to: string }[];
}

const days = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function Outcome({ p, market }: { p: Preview; market: MarketInfo }) {
  const { maxWorkingDaysWithoutNotice: max, minNoticeDays: min } = p.rule;
  return (
    <div class={`outcome ${p.compliant ? 'outcome-ok' : 'outcome-late'}`} data-testid="absence-preview">
      <p>
        <strong>{days(p.workingDays, 'working day')}</strong> in {market.name} · <strong>{days(p.noticeDays, 'day')}’ notice</strong> (today is {p.today} there) ·{' '}
        {p.compliant ? <Badge value="compliant" /> : <Badge value="late_notice" label="late notice" />}
      </p>
      <p>
        {p.compliant
          ? p.workingDays <= max
            ? `Up to ${days(max, 'working day')} need no notice.`
            : `Announced at least ${days(min, 'day')} ahead: compliant.`
          : `An absence of more than ${days(max, 'working day')} must be announced at least ${days(min, 'day')} ahead. It will still be registered (your buyers will be covered), marked late notice.`}
      </p>
      {p.continuous && (
        <p data-testid="absence-preview-continuous">
          With your absences next to it, you are away {p.continuous.from} – {p.continuous.to}: {days(p.continuous.workingDays, 'working day')} ·{' '}
          {p.continuous.compliant ? (
            <Badge value="compliant" />
          ) : (
            <>
              <Badge value="late_notice" label="late notice" /> Registered in pieces, an absence of more than {days(max, 'working day')} still needs {days(min, 'day')}’ notice.
            </>
          )}
        </p>
      )}
      {p.overlaps.length > 0 && (
        <p class="field-error">
          It overlaps your absence {p.overlaps.map((o) => `${o.from} – ${o.to}`).join(', ')}: cancel that one first.
        </p>
      )}
    </div>
  );
}

export function AbsenceForm({ sellerId, markets, defaultMarket, now, onRegistered }: { sellerId: string; markets: readonly MarketInfo[]; defaultMarket: string; now: string; onRegistered: (a: AbsenceResult) => void }) {
  const first = marketOf(markets, defaultMarket) ?? markets[0]!;
  const start = localDate(now, first.timeZone);
  const [v, setV] = useState({ market: first.market, from: addDays(start, 7), to: addDays(start, 9), note: '' });
  const [submit, setSubmit] = useState<{ busy: boolean; error: ApiError | null; done: AbsenceResult | null }>({ busy: false, error: null, done: null });
  const market = marketOf(markets, v.market) ?? markets[0]!;
  const ready = isDate(v.from) && isDate(v.to);
  const preview = useApi<Preview>(ready ? `/v1/sellers/${encodeURIComponent(sellerId)}/absences/preview${query({ market: v.market, from: v.from, to: v.to })}` : null);
  const set = (name: keyof typeof v) => (e: Event) => {
    setV({ ...v, [name]: (e.currentTarget as HTMLInputElement).value });
    setSubmit({ busy: false, error: null, done: null });
  };
  const marketToday = localDate(now, market.timeZone);
  return (
    <form
      class="absence-form"
      aria-labelledby="absence-form-title"
      onSubmit={async (e) => {
        e.preventDefault();
        setSubmit({ busy: true, error: null, done: null });
        try {
          const body = { market: v.market, from: v.from, to: v.to, ...(v.note.trim() ? { note: v.note.trim() } : {}) };
          const done = await api<AbsenceResult>(`/v1/sellers/${encodeURIComponent(sellerId)}/absences`, { method: 'POST', body: JSON.stringify(body) });
          setSubmit({ busy: false, error: null, done });
          setV({ ...v, from: '', to: '', note: '' }); // a fresh form for the next one
          onRegistered(done);
        } catch (err) {
          setSubmit({ busy: false, error: err instanceof ApiError ? err : new ApiError(0, 'network', String(err)), done: null });
        }
      }}
    >
      <h3 id="absence-form-title">Register an absence</h3>
      <div class="form-row">
        <div class="field">
          <label for="absence-market">Market</label>
          <select id="absence-market" name="market" value={v.market} onChange={set('market')}>
            {markets.map((m) => (
              <option key={m.market} value={m.market}>
                {m.name} ({m.market})
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="absence-from">First day away</label>
          <input id="absence-from" name="from" type="date" required min={marketToday} value={v.from} onInput={set('from')} />
        </div>
        <div class="field">
          <label for="absence-to">Last day away</label>
          <input id="absence-to" name="to" type="date" required min={v.from} value={v.to} onInput={set('to')} />
        </div>
        <div class="field grow">
          <label for="absence-note">Note (optional)</label>
          <input id="absence-note" name="note" maxLength={1000} value={v.note} onInput={set('note')} />
        </div>
      </div>
      <div aria-live="polite" class="preview" data-testid="absence-preview-region">
        {preview.loading && <p class="muted">Checking the notice rule…</p>}
        {preview.data && <Outcome p={preview.data} market={market} />}
        {preview.error && (
          <p class="field-error" data-testid="absence-preview-error">
            {preview.error.message}
          </p>
        )}
      </div>
      <button type="submit" disabled={submit.busy || !preview.data || preview.data.overlaps.length > 0}>
        Register absence
      </button>
      <InlineError error={submit.error} />
      {submit.done && (
        <p role="status" class="success" data-testid="absence-registered">
          Registered {submit.done.from} – {submit.done.to} in {submit.done.market}: {days(submit.done.workingDays, 'working day')}, {days(submit.done.noticeDays, 'day')}’ notice,{' '}
          {submit.done.compliant ? 'compliant' : 'late notice'}.
        </p>
      )}
    </form>
  );
}
