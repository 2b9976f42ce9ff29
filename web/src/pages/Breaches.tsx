// The breach report (staff): late and breached obligations with their
// deadline in the period, by market and optionally seller; CSV download.
import { query } from '../api';
import { Badge } from '../components/Badge';
import { CsvButton } from '../components/CsvButton';
import { Filters } from '../components/Filters';
import { PageTitle } from '../components/Page';
import { Pager, usePager } from '../components/Pager';
import { Failure, Loading } from '../components/Status';
import { Time } from '../components/Time';
import { useSession } from '../context';
import { fmtMinutes } from '../format';
import { useApi } from '../hooks';
import { reportFilters } from '../period';
import { Link, useLocation } from '../router';

interface BreachRow {
  caseId: string;
  sellerId: string;
  market: string;
  requestedAt: string;
  dueAt: string;
  answeredAt: string | null;
  state: 'late' | 'breached';
  lateByMinutes: number | null;
  takenOver: boolean;
}

const PAGE = 50;

export function BreachesPage() {
  const { me, markets } = useSession();
  const loc = useLocation();
  const f = reportFilters(loc, me, markets, 30);
  const sellerId = loc.query.get('sellerId')?.trim() || undefined;
  const base = { market: f.market.market, from: f.period.from, to: f.period.to, sellerId };
  const pager = usePager(JSON.stringify(base));
  const { data, error, loading } = useApi<{ rows: BreachRow[]; nextCursor: string | null }>(`/v1/reports/breaches${query({ ...base, limit: PAGE, cursor: pager.cursor })}`);
  const zone = f.market.timeZone;
  return (
    <>
      <PageTitle title="Breach report">Breach report</PageTitle>
      <p class="muted">Every obligation answered late or still unanswered past its deadline, with the deadline in the period (dates in {zone}).</p>
      <Filters
        key={loc.query.toString()}
        id="breaches"
        markets={markets}
        values={{ market: f.market.market, from: f.from, to: f.to, sellerId: sellerId ?? '' }}
        extra={[{ name: 'sellerId', label: 'Seller id (optional)' }]}
      />
      <div class="toolbar">
        <CsvButton path={`/v1/reports/breaches${query({ ...base, format: 'csv' })}`} />
      </div>
      {loading && !data && <Loading what="the breach report" />}
      {error && <Failure error={error} what="the breach report" />}
      {data && (
        <section aria-labelledby="breach-rows-title">
          <h2 id="breach-rows-title" class="visually-hidden">
            Rows
          </h2>
          <p role="status" aria-live="polite" data-testid="breach-count">
            {data.rows.length === 0
              ? 'No late or breached obligations in this period.'
              : `${data.rows.length}${data.nextCursor ? '+' : ''} obligation${data.rows.length === 1 ? '' : 's'} on page ${pager.page}.`}
          </p>
          {data.rows.length > 0 && (
            <div class="table-scroll" tabIndex={0} role="region" aria-label="Breach report rows">
              <table class="report" data-testid="breach-table">
                <thead>
                  <tr>
                    <th scope="col">Case</th>
                    <th scope="col">Seller</th>
                    <th scope="col">Asked</th>
                    <th scope="col">Deadline</th>
                    <th scope="col">Answered</th>
                    <th scope="col">State</th>
                    <th scope="col" class="num">
                      Late by (working time)
                    </th>
                    <th scope="col">Taken over</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((r) => (
                    <tr key={`${r.caseId}-${r.dueAt}`}>
                      <td>
                        <Link href={`/cases/${encodeURIComponent(r.caseId)}`}>{r.caseId}</Link>
                      </td>
                      <td>
                        <Link href={`/sellers/${encodeURIComponent(r.sellerId)}${query({ market: r.market })}`}>{r.sellerId}</Link>
                      </td>
                      <td>
                        <Time iso={r.requestedAt} zone={zone} />
                      </td>
                      <td>
                        <Time iso={r.dueAt} zone={zone} />
                      </td>
                      <td>{r.answeredAt ? <Time iso={r.answeredAt} zone={zone} /> : 'not yet'}</td>
                      <td>
                        <Badge value={r.state} />
                      </td>
                      <td class="num">{fmtMinutes(r.lateByMinutes)}</td>
                      <td>{r.takenOver ? 'yes' : 'no'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager pager={pager} nextCursor={data.nextCursor} label="Breach report" />
        </section>
      )}
    </>
  );
}
