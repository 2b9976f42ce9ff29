// The contact-sharing report (staff): flagged messages of a market and
// period with their evidence; CSV download.
import { query } from '../api';
import { CsvButton } from '../components/CsvButton';
import { Filters } from '../components/Filters';
import { PageTitle } from '../components/Page';
import { Pager, usePager } from '../components/Pager';
import { Failure, Loading } from '../components/Status';
import { Time } from '../components/Time';
import { useSession } from '../context';
import { useApi } from '../hooks';
import { reportFilters } from '../period';
import { Link, useLocation } from '../router';

interface Row {
  occurredAt: string;
  caseId: string;
  sellerId: string;
  eventId: string;
  author: string;
  matches: { type: string; text?: string }[];
}

export function ContactSharingPage() {
  const { me, markets } = useSession();
  const loc = useLocation();
  const f = reportFilters(loc, me, markets, 30);
  const base = { market: f.market.market, from: f.period.from, to: f.period.to };
  const pager = usePager(JSON.stringify(base));
  const { data, error, loading } = useApi<{ rows: Row[]; nextCursor: string | null }>(`/v1/reports/contact-sharing${query({ ...base, limit: 50, cursor: pager.cursor })}`);
  return (
    <>
      <PageTitle title="Contact sharing">Contact sharing</PageTitle>
      <p class="muted">Messages with phone numbers, e-mail addresses, links or messenger handles (POLICIES A, C, D), oldest first.</p>
      <Filters key={loc.query.toString()} id="contact" markets={markets} values={{ market: f.market.market, from: f.from, to: f.to }} />
      <div class="toolbar">
        <CsvButton path={`/v1/reports/contact-sharing${query({ ...base, format: 'csv' })}`} />
      </div>
      {loading && !data && <Loading what="the report" />}
      {error && <Failure error={error} what="the report" />}
      {data && data.rows.length === 0 && <p role="status">No flagged message in this period.</p>}
      {data && data.rows.length > 0 && (
        <div class="table-scroll" tabIndex={0} role="region" aria-label="Flagged messages">
          <table class="report">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Case</th>
                <th scope="col">Seller</th>
                <th scope="col">Author</th>
                <th scope="col">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.eventId}>
                  <td>
                    <Time iso={r.occurredAt} zone={f.market.timeZone} />
                  </td>
                  <td>
                    <Link href={`/cases/${encodeURIComponent(r.caseId)}`}>{r.caseId}</Link>
                  </td>
                  <td>
                    <Link href={`/sellers/${encodeURIComponent(r.sellerId)}${query({ market: f.market.market })}`}>{r.sellerId}</Link>
                  </td>
                  <td>{r.author}</td>
                  <td>
                    {r.matches.map((m, i) => (
                      <mark key={i} class="evidence" dir="auto" title={m.type}>
                        {m.text ?? `${m.type} (text removed)`}
                      </mark>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager pager={pager} nextCursor={data.nextCursor} label="Contact sharing" />}
    </>
  );
}
