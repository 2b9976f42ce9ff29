// Seller scorecards of a market (staff): worst on-time rate first (the
// sellers report), each with its weekly trend (one request for the page).
import { query } from '../api';
import { Sparkline } from '../components/Chart';
import { CsvButton } from '../components/CsvButton';
import { Filters } from '../components/Filters';
import { PageTitle } from '../components/Page';
import { Pager, usePager } from '../components/Pager';
import { Failure, Loading } from '../components/Status';
import { useSession } from '../context';
import { fmtMinutes, fmtRate } from '../format';
import { useApi } from '../hooks';
import { reportFilters } from '../period';
import { Link, useLocation } from '../router';

interface SellerRow {
  sellerId: string;
  market: string;
  obligations: number;
  met: number;
  late: number;
  breached: number;
  onTimeRate: number | null;
  medianResponseMinutes: number | null;
  takeovers: number;
  contactFlags: number;
  waived: number;
  lateNoticeAbsences: number;
}

interface Trends {
  weeks: { week: string }[];
  sellers: { sellerId: string; weeks: { week: string; onTimeRate: number | null; obligations: number }[] }[];
}

const PAGE = 25;

export function SellersPage() {
  const { me, markets } = useSession();
  const loc = useLocation();
  const f = reportFilters(loc, me, markets, 56);
  const base = { market: f.market.market, from: f.period.from, to: f.period.to };
  const pager = usePager(JSON.stringify(base));
  const { data, error, loading } = useApi<{ rows: SellerRow[]; nextCursor: string | null }>(`/v1/reports/sellers${query({ ...base, limit: PAGE, cursor: pager.cursor })}`);
  const ids = data?.rows.map((r) => r.sellerId) ?? [];
  const trends = useApi<Trends>(ids.length > 0 ? `/v1/reports/seller-weeks${query({ ...base, sellerId: ids })}` : null);
  const trendOf = new Map(trends.data?.sellers.map((s) => [s.sellerId, s.weeks]) ?? []);
  const scorecardQuery = query({ market: f.market.market, from: f.from, to: f.to });
  return (
    <>
      <PageTitle title="Sellers">Seller scorecards</PageTitle>
      <p class="muted">Sellers with obligations asked in the period, worst on-time rate first. The trend is the on-time rate per week of the market (local dates in {f.market.timeZone}, from the day after its weekly days off), named by the ISO week of its Monday.</p>
      <Filters key={loc.query.toString()} id="sellers" markets={markets} values={{ market: f.market.market, from: f.from, to: f.to }} />
      <div class="toolbar">
        <CsvButton path={`/v1/reports/sellers${query({ ...base, format: 'csv' })}`} />
      </div>
      {loading && !data && <Loading what="the sellers" />}
      {error && <Failure error={error} what="the sellers" />}
      {data && data.rows.length === 0 && <p role="status">No seller had an obligation in this period.</p>}
      {data && data.rows.length > 0 && (
        <div class="table-scroll" tabIndex={0} role="region" aria-label="Seller scorecards">
          <table class="report" data-testid="sellers-table">
            <thead>
              <tr>
                <th scope="col">Seller</th>
                <th scope="col" class="num">
                  On time
                </th>
                <th scope="col">Weekly trend</th>
                <th scope="col" class="num">
                  Obligations
                </th>
                <th scope="col" class="num">
                  Met
                </th>
                <th scope="col" class="num">
                  Late
                </th>
                <th scope="col" class="num">
                  Breached
                </th>
                <th scope="col" class="num">
                  Waived
                </th>
                <th scope="col" class="num">
                  Median reply
                </th>
                <th scope="col" class="num">
                  Takeovers
                </th>
                <th scope="col" class="num">
                  Contact flags
                </th>
                <th scope="col" class="num">
                  Late-notice absences
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => {
                const weeks = trendOf.get(r.sellerId);
                return (
                  <tr key={r.sellerId}>
                    <th scope="row">
                      <Link href={`/sellers/${encodeURIComponent(r.sellerId)}${scorecardQuery}`}>{r.sellerId}</Link>
                    </th>
                    <td class="num">{fmtRate(r.onTimeRate)}</td>
                    <td>
                      {weeks ? (
                        <Sparkline values={weeks.map((w) => w.onTimeRate)} label={`On-time rate by week: ${weeks.map((w) => `${w.week} ${fmtRate(w.onTimeRate)}`).join(', ')}`} />
                      ) : (
                        <span class="muted">…</span>
                      )}
                    </td>
                    <td class="num">{r.obligations}</td>
                    <td class="num">{r.met}</td>
                    <td class="num">{r.late}</td>
                    <td class="num">{r.breached}</td>
                    <td class="num">{r.waived}</td>
                    <td class="num">{fmtMinutes(r.medianResponseMinutes)}</td>
                    <td class="num">{r.takeovers}</td>
                    <td class="num">{r.contactFlags}</td>
                    <td class="num">{r.lateNoticeAbsences}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager pager={pager} nextCursor={data.nextCursor} label="Sellers" />}
    </>
  );
}
