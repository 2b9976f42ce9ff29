// The filter form of the report pages: market, a period of local dates
// (inclusive) and optional extra fields. Submitting puts the filters in the
// URL, so a filtered report can be reloaded, bookmarked and shared.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { query } from '../api';
import type { MarketInfo } from '../context';
import { navigate, useLocation } from '../router';

export interface FilterValues {
  readonly market: string;
  readonly from: string;
  readonly to: string;
  readonly [extra: string]: string;
}

export function Filters(props: {
  readonly id: string;
  readonly values: FilterValues;
  readonly markets: readonly MarketInfo[];
  /** Offer "All markets" (the scorecard); report pages need one market. */
  readonly anyMarket?: boolean;
  readonly extra?: readonly { name: string; label: string; hint?: string }[];
  readonly children?: ComponentChildren;
}) {
  const { path } = useLocation();
  const [v, setV] = useState<Record<string, string>>({ ...props.values });
  const set = (name: string) => (e: Event) => setV({ ...v, [name]: (e.currentTarget as HTMLInputElement).value });
  const invalid = v.from && v.to && v.to < v.from;
  return (
    <form
      class="filters"
      aria-label="Filters"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) navigate(path + query(v));
      }}
    >
      <div class="field">
        <label for={`${props.id}-market`}>Market</label>
        <select id={`${props.id}-market`} name="market" value={v.market} onChange={set('market')}>
          {props.anyMarket && <option value="">All markets</option>}
          {props.markets.map((m) => (
            <option key={m.market} value={m.market}>
              {m.name} ({m.market})
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${props.id}-from`}>From</label>
        <input id={`${props.id}-from`} name="from" type="date" required value={v.from} onInput={set('from')} />
      </div>
      <div class="field">
        <label for={`${props.id}-to`}>To (inclusive)</label>
        <input id={`${props.id}-to`} name="to" type="date" required value={v.to} onInput={set('to')} aria-invalid={invalid ? 'true' : undefined} aria-describedby={invalid ? `${props.id}-to-error` : undefined} />
        {invalid && (
          <span class="field-error" id={`${props.id}-to-error`}>
            must not be before From
          </span>
        )}
      </div>
      {props.extra?.map((f) => (
        <div class="field" key={f.name}>
          <label for={`${props.id}-${f.name}`}>{f.label}</label>
          <input id={`${props.id}-${f.name}`} name={f.name} value={v[f.name] ?? ''} onInput={set(f.name)} aria-describedby={f.hint ? `${props.id}-${f.name}-hint` : undefined} autocomplete="off" />
          {f.hint && (
            <span class="hint" id={`${props.id}-${f.name}-hint`}>
              {f.hint}
            </span>
          )}
        </div>
      ))}
      <div class="field actions">
        <button type="submit">Apply filters</button>
        {props.children}
      </div>
    </form>
  );
}
