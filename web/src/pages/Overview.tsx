// Overview of one market (staff): open cases, due within the next 4 working
// hours, breached now, takeovers this week, and breaches per day for 30 days.
import { query } from '../api';
import { Chart } from '../components/Chart';
import { PageTitle } from '../components/Page';
import { Failure, Loading } from '../components/Status';
import { Time } from '../components/Time';
import { chosenMarket, useSession } from '../context';
import { fmtDay, fmtLocal, fmtReason } from '../format';
import { useApi } from '../hooks';
import { palette } from '../palette';
import { Link, navigate, useLocation } from '../router';

interface CaseDue {
  caseId: string;
  sellerId: string;
  dueAt: string;
}

interface Overview {
  market: string;
  timeZone: string;
  at: string;
  openCases: number;
  dueSoon: { count: number; until: string; cases: CaseDue[] };
  breachedNow: { count: number; cases: CaseDue[] };
  takeoversThisWeek: { count: number; since: string; byReason: Record<string, number> };
  breachesPerDay: { date: string; late: number; breached: number }[];
}

function CaseList({ id, title, rows, market, zone, empty }: { id: string; title: string; rows: CaseDue[]; market: string; zone: string; empty: string }) {
  return (
    <section aria-labelledby={id} class="panel">
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={id}>
          <table>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Seller</th>
                <th scope="col">Deadline (market time, UTC)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.caseId}>
                  <td>
                    <Link href={`/cases/${encodeURIComponent(r.caseId)}`}>{r.caseId}</Link>
                  </td>
                  <td>
                    <Link href={`/sellers/${encodeURIComponent(r.sellerId)}${query({ market })}`}>{r.sellerId}</Link>
                  </td>
                  <td>
                    <Time iso={r.dueAt} zone={zone} utc />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function OverviewPage() {
  const { markets } = useSession();
  const loc = useLocation();
  const market = chosenMarket(markets, loc.query.get('market'));
  const { data, error, loading } = useApi<Overview>(`/v1/overview${query({ market: market.market })}`);
  const days = data?.breachesPerDay ?? [];
  const total = days.reduce((s, d) => s + d.late + d.breached, 0);
  const worst = days.reduce((w, d) => (d.late + d.breached > (w ? w.late + w.breached : 0) ? d : w), null as (typeof days)[number] | null);
  const breachLink = data ? `/breaches${query({ market: data.market, from: days[0]?.date, to: days[days.length - 1]?.date })}` : '/breaches';
  return (
    <>
      <div class="page-head">
        <PageTitle title={`Overview ${market.market}`}>
          Overview — {market.name} ({market.market})
        </PageTitle>
        <div class="field inline">
          <label for="overview-market">Market</label>
          <select id="overview-market" value={market.market} onChange={(e) => navigate(`/${query({ market: e.currentTarget.value })}`)}>
            {markets.map((m) => (
              <option key={m.market} value={m.market}>
                {m.name} ({m.market})
              </option>
            ))}
          </select>
        </div>
      </div>
      {loading && !data && <Loading what="the overview" />}
      {error && <Failure error={error} what="the overview" />}
      {data && (
        <>
          <p class="muted">
            As of <Time iso={data.at} zone={data.timeZone} /> in {data.timeZone}.
          </p>
          <ul class="cards" aria-label="Figures">
            <li class="card">
              <span class="card-value" data-testid="open-cases">
                {data.openCases}
              </span>
              <span class="card-label">open cases</span>
            </li>
            <li class="card">
              <span class="card-value" data-testid="due-soon">
                {data.dueSoon.count}
              </span>
              <span class="card-label">
                due within the next 4 working hours (by {fmtLocal(data.dueSoon.until, data.timeZone)})
              </span>
            </li>
            <li class={`card ${data.breachedNow.count > 0 ? 'card-alert' : ''}`}>
              <span class="card-value" data-testid="breached-now">
                {data.breachedNow.count}
              </span>
              <span class="card-label">breached now (unanswered past the deadline)</span>
            </li>
            <li class="card">
              <span class="card-value" data-testid="takeovers-week">
                {data.takeoversThisWeek.count}
              </span>
              <span class="card-label">
                takeovers this week (since {fmtLocal(data.takeoversThisWeek.since, data.timeZone)})
                {Object.keys(data.takeoversThisWeek.byReason).length > 0 && (
                  <>
                    :{' '}
                    {Object.entries(data.takeoversThisWeek.byReason)
                      .map(([r, n]) => `${n} ${fmtReason(r)}`)
                      .join(', ')}
                  </>
                )}
              </span>
            </li>
          </ul>
          <section class="panel" aria-labelledby="breaches-chart-title">
            <Chart
              id="breaches-chart"
              title="Breaches per day, last 30 days (local date of the deadline)"
              labels={days.map((d) => fmtDay(d.date))}
              series={[
                { label: 'Late or breached', values: days.map((d) => d.late + d.breached), color: palette.late, kind: 'bars' },
                { label: 'Of which still unanswered', values: days.map((d) => d.breached), color: palette.breached, kind: 'bars' },
              ]}
              yLabel="obligations"
              xLabel="Day"
              integers
              summary={
                total === 0
                  ? `No late or breached obligations in ${data.market} in the last 30 days.`
                  : `${total} late or breached obligations in ${data.market} in the last 30 days; most on ${worst ? fmtDay(worst.date) : ''} (${worst ? worst.late + worst.breached : 0}).`
              }
            />
            <p>
              <Link href={breachLink}>Open the breach report for these 30 days</Link>
            </p>
          </section>
          <div class="two-columns">
            <CaseList id="due-soon-title" title="Due soonest" rows={data.dueSoon.cases} market={data.market} zone={data.timeZone} empty="Nothing is due within the next 4 working hours." />
            <CaseList id="breached-title" title="Breached longest" rows={data.breachedNow.cases} market={data.market} zone={data.timeZone} empty="Nothing is breached." />
          </div>
        </>
      )}
    </>
  );
}

