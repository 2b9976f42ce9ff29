// One seller (staff, or that seller): the scorecard of a period with its
// weekly trend, the seller's absences (and, for the seller or admin, the form
// to register one) and its cases. Another seller's token gets the 403 page.
import { useState } from 'preact/hooks';
import { api, query, type ApiError } from '../api';
import { Badge } from '../components/Badge';
import { Chart } from '../components/Chart';
import { Filters } from '../components/Filters';
import { PageTitle } from '../components/Page';
import { Pager, usePager } from '../components/Pager';
import { Failure, InlineError, Loading } from '../components/Status';
import { Time } from '../components/Time';
import { marketOf, useSession } from '../context';
import { addDays, fmtDay, fmtMinutes, fmtRate, fmtReason, isDate, localDate, periodOf } from '../format';
import { useApi } from '../hooks';
import { palette } from '../palette';
import { Link, useLocation } from '../router';
import { lastMarket, mayRegisterAbsence, serviceNow } from '../session';
import { AbsenceForm } from './AbsenceForm';

interface Figures {
  obligations: number;
  met: number;
  late: number;
  breached: number;
  waived: number;
  cancelled: number;
  pending: number;
  onTimeRate: number | null;
  medianResponseMinutes: number | null;
  p90ResponseMinutes: number | null;
  takeovers: number;
  takeoversByReason: Record<string, number>;
  contactFlags: number;
  flagsByKind: Record<string, number>;
  charges: { count: number; byCurrency: Record<string, number> };
}

interface Scorecard extends Figures {
  sellerId: string;
  market: string | null;
  weeks: (Figures & { week: string; monday: string; firstDay: string; lastDay: string })[];
}

interface Absence {
  id: string;
  market: string;
  from: string;
  to: string;
  workingDays: number;
  noticeDays: number;
  compliant: boolean;
  violation?: string;
  /** the whole this absence made with the live ones it adjoined when registered */
  continuous?: { from: string; to: string; workingDays: number; compliant: boolean; violation?: string };
  note?: string;
  startsAt?: string;
  createdAt: string;
}

interface CaseRow {
  caseId: string;
  market: string;
  status: string;
  lastEventAt: string;
  takeover: { at: string; reason: string } | null;
}

const counts = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, n]) => `${n} ${fmtReason(k)}`)
    .join(', ') || 'none';

function ScorecardView({ card }: { card: Scorecard }) {
  const weeks = card.weeks;
  return (
    <>
      <ul class="cards" aria-label="Scorecard">
        <li class="card">
          <span class="card-value" data-testid="on-time-rate">
            {fmtRate(card.onTimeRate)}
          </span>
          <span class="card-label">answered on time ({card.met} of {card.met + card.late + card.breached} decided)</span>
        </li>
        <li class="card">
          <span class="card-value">{card.obligations}</span>
          <span class="card-label">
            obligations: {card.met} met, {card.late} late, {card.breached} breached, {card.pending} pending, {card.waived} waived, {card.cancelled} cancelled
          </span>
        </li>
        <li class="card">
          <span class="card-value">{fmtMinutes(card.medianResponseMinutes)}</span>
          <span class="card-label">median reply (working time); 90th percentile {fmtMinutes(card.p90ResponseMinutes)}</span>
        </li>
        <li class={`card ${card.takeovers > 0 ? 'card-alert' : ''}`}>
          <span class="card-value">{card.takeovers}</span>
          <span class="card-label">takeovers: {counts(card.takeoversByReason)}</span>
        </li>
        <li class="card">
          <span class="card-value">{card.contactFlags}</span>
          <span class="card-label">contact-sharing flags on own messages; all flags: {counts(card.flagsByKind)}</span>
        </li>
      </ul>
      <Chart
        id="weekly-trend"
        title="Weekly trend: on-time rate per week"
        labels={weeks.map((w) => w.week)}
        series={[{ label: 'On-time rate', values: weeks.map((w) => w.onTimeRate), color: palette.pending, kind: 'line' }]}
        yLabel="on time"
        xLabel="Week"
        yRange={[0, 1]}
        format={fmtRate}
        summary={`On-time rate by week: ${weeks.map((w) => `${w.week} (${fmtDay(w.firstDay)} to ${fmtDay(w.lastDay)}) ${fmtRate(w.onTimeRate)} of ${w.met + w.late + w.breached}`).join('; ')}.`}
        height={200}
      />
    </>
  );
}

function Absences({ sellerId, market }: { sellerId: string; market: string | undefined }) {
  const { me, markets } = useSession();
  const list = useApi<{ absences: Absence[] }>(`/v1/sellers/${encodeURIComponent(sellerId)}/absences`);
  const [cancelError, setCancelError] = useState<ApiError | null>(null);
  const mayAct = mayRegisterAbsence(me, sellerId);
  // The form starts on the market chosen above, else the market of the seller's latest case.
  const latest = useApi<{ rows: CaseRow[] }>(mayAct && !market ? `/v1/sellers/${encodeURIComponent(sellerId)}/cases?limit=1` : null);
  const home = market ?? latest.data?.rows[0]?.market ?? lastMarket() ?? markets[0]!.market;
  const formReady = !mayAct || market !== undefined || !latest.loading;
  if (list.error) return <InlineError error={list.error} />;
  return (
    <section class="panel" aria-labelledby="absences-title">
      <h2 id="absences-title">Planned absences</h2>
      {list.loading && !list.data && <Loading what="the absences" />}
      {list.data && list.data.absences.length === 0 && <p class="muted">No absence registered.</p>}
      {list.data && list.data.absences.length > 0 && (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="absences-title">
          <table data-testid="absences-table">
            <thead>
              <tr>
                <th scope="col">Market</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col" class="num">
                  Working days
                </th>
                <th scope="col" class="num">
                  Notice (days)
                </th>
                <th scope="col">Notice rule</th>
                <th scope="col">Note</th>
                {mayAct && <th scope="col">Action</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.absences.map((a) => (
                <tr key={a.id}>
                  <td>{a.market}</td>
                  <td>{a.from}</td>
                  <td>{a.to}</td>
                  <td class="num">{a.workingDays}</td>
                  <td class="num">{a.noticeDays}</td>
                  <td>
                    {a.compliant ? <Badge value="compliant" /> : <Badge value="late_notice" label="late notice" />}
                    {a.continuous && !a.continuous.compliant && (
                      <>
                        {' '}
                        <Badge
                          value="late_notice"
                          label={`late notice with the absences it adjoins: ${a.continuous.from} to ${a.continuous.to}, ${a.continuous.workingDays} working days`}
                        />
                      </>
                    )}
                  </td>
                  <td dir="auto">{a.note ?? ''}</td>
                  {mayAct && (
                    <td>
                      {a.startsAt && Date.parse(a.startsAt) > Date.parse(serviceNow(me)) ? (
                        <button
                          type="button"
                          class="secondary"
                          aria-label={`Cancel the absence ${a.from} to ${a.to}`}
                          onClick={async () => {
                            setCancelError(null);
                            try {
                              await api(`/v1/sellers/${encodeURIComponent(sellerId)}/absences/${a.id}`, { method: 'DELETE' });
                              list.reload();
                            } catch (err) {
                              setCancelError(err as ApiError);
                            }
                          }}
                        >
                          Cancel
                        </button>
                      ) : (
                        <span class="muted">started</span>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <InlineError error={cancelError} />
      {mayAct && formReady && <AbsenceForm key={home} sellerId={sellerId} markets={markets} defaultMarket={home} now={serviceNow(me)} onRegistered={() => list.reload()} />}
    </section>
  );
}

function Cases({ sellerId, market }: { sellerId: string; market: string | undefined }) {
  const { markets } = useSession();
  const [status, setStatus] = useState('');
  const pager = usePager(`${sellerId}|${market}|${status}`);
  const { data, error, loading } = useApi<{ rows: CaseRow[]; nextCursor: string | null }>(
    `/v1/sellers/${encodeURIComponent(sellerId)}/cases${query({ market, status, limit: 20, cursor: pager.cursor })}`,
  );
  if (error) return <InlineError error={error} />;
  return (
    <section class="panel" aria-labelledby="cases-title">
      <h2 id="cases-title">Cases</h2>
      <div class="field inline">
        <label for="cases-status">Status</label>
        <select id="cases-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
          <option value="">Any</option>
          <option value="open">Open</option>
          <option value="taken_over">Taken over</option>
          <option value="closed">Closed</option>
        </select>
      </div>
      {loading && !data && <Loading what="the cases" />}
      {data && data.rows.length === 0 && <p class="muted">No cases.</p>}
      {data && data.rows.length > 0 && (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="cases-title">
          <table data-testid="seller-cases">
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Market</th>
                <th scope="col">Status</th>
                <th scope="col">Last activity</th>
                <th scope="col">Takeover</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((c) => {
                const zone = marketOf(markets, c.market)?.timeZone ?? 'UTC';
                return (
                  <tr key={c.caseId}>
                    <td>
                      <Link href={`/cases/${encodeURIComponent(c.caseId)}`}>{c.caseId}</Link>
                    </td>
                    <td>{c.market}</td>
                    <td>
                      <Badge value={c.status} />
                    </td>
                    <td>
                      <Time iso={c.lastEventAt} zone={zone} />
                    </td>
                    <td>{c.takeover ? `${fmtReason(c.takeover.reason)}` : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager pager={pager} nextCursor={data.nextCursor} label="Cases" />}
    </section>
  );
}

export function SellerPage({ sellerId }: { sellerId: string }) {
  const { me, markets } = useSession();
  const loc = useLocation();
  const market = marketOf(markets, loc.query.get('market'));
  // All markets: periods in UTC days; one market: its local days.
  const zone = market?.timeZone ?? 'UTC';
  const today = localDate(serviceNow(me), zone);
  const to = isDate(loc.query.get('to')) ? loc.query.get('to')! : today;
  const from = isDate(loc.query.get('from')) ? loc.query.get('from')! : addDays(to, -55);
  const period = periodOf(from, to, zone);
  const card = useApi<Scorecard>(`/v1/sellers/${encodeURIComponent(sellerId)}/scorecard${query({ from: period.from, to: period.to, market: market?.market })}`);
  if (card.error) return <Failure error={card.error} what="the scorecard" />;
  return (
    <>
      <PageTitle title={`Seller ${sellerId}`}>Seller {sellerId}</PageTitle>
      <Filters key={loc.query.toString()} id="scorecard" markets={markets} anyMarket values={{ market: market?.market ?? '', from, to }} />
      <p class="muted">
        {market ? `Dates in ${zone}.` : 'All markets; dates in UTC.'} Weeks are each market’s own, in its local dates: from the day after its weekly days off (Sunday in Saudi Arabia, Monday in most markets), named by the ISO week of their Monday.
      </p>
      <section class="panel" aria-labelledby="scorecard-title">
        <h2 id="scorecard-title">Scorecard</h2>
        {card.loading && !card.data && <Loading what="the scorecard" />}
        {card.data && <ScorecardView card={card.data} />}
      </section>
      {/* After the scorecard answered: a token that may not see it (403) gets one 403 page, not three. */}
      {card.data && <Absences sellerId={sellerId} market={market?.market} />}
      {card.data && <Cases sellerId={sellerId} market={market?.market} />}
    </>
  );
}
