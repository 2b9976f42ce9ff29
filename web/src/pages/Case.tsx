// A case (staff, or the case's seller): status and takeover, obligations with
// deadlines in the market's local time and in UTC, and the message timeline
// with contact-sharing evidence highlighted in the text. Every message body
// has dir="auto", so Arabic reads right to left and Latin left to right.
import { query } from '../api';
import { Badge } from '../components/Badge';
import { PageTitle } from '../components/Page';
import { Failure, Loading } from '../components/Status';
import { Time } from '../components/Time';
import { fmtLocal, fmtMinutes, fmtReason, fmtUtc } from '../format';
import { useApi } from '../hooks';
import { segments, type Evidence } from '../highlight';
import { marketOf, useSession } from '../context';
import { isStaff } from '../session';
import { TakeoverForm } from './TakeoverForm';
import { Link } from '../router';

interface Obligation {
  requestedAt: string;
  dueAt: string;
  answeredAt: string | null;
  state: string;
  lateByMinutes?: number;
}

interface CaseBody {
  id: string;
  market: string;
  sellerId: string;
  status: string;
  obligations: Obligation[];
  takeover: null | { at: string; reason: string };
}

interface Flag {
  kind: string;
  matches?: Evidence[];
  detected?: string;
  expected?: string[];
  repeats?: number;
}

interface TimelineEvent {
  eventId: string;
  type: string;
  occurredAt: string;
  author: string | null;
  messageId: string | null;
  body: string | null;
  bodyPurgedAt: string | null;
  automated: boolean;
  disputeReason: string | null;
  flags: Flag[];
}

interface Messages {
  timeZone: string | null;
  events: TimelineEvent[];
  truncated: boolean;
}

const EVENT_TITLES: Record<string, string> = {
  'dispute.opened': 'Dispute opened',
  'reply.waived': 'Reply waived by the seller',
  'case.closed': 'Case closed',
  'case.reopened': 'Case reopened',
};

function flagText(f: Flag): string {
  switch (f.kind) {
    case 'contact_sharing':
      return `contact details shared: ${[...new Set((f.matches ?? []).map((m) => m.type))].join(', ')}`;
    case 'language_mismatch':
      return `language ${f.detected ?? '?'}, market expects ${(f.expected ?? []).join(' or ')}`;
    case 'automated_reply_suspected':
      return `same text in ${f.repeats ?? 'several'} other cases: automated reply suspected`;
    default:
      return f.kind.replace(/_/g, ' ');
  }
}

function Body({ e }: { e: TimelineEvent }) {
  if (e.body === null) {
    return e.bodyPurgedAt ? (
      <p class="purged">The text was removed by the retention policy on {fmtUtc(e.bodyPurgedAt)}; what was flagged, and where in the text, was kept.</p>
    ) : null;
  }
  const evidence = e.flags.filter((f) => f.kind === 'contact_sharing').flatMap((f) => f.matches ?? []);
  return (
    <p class="message-body" dir="auto" data-testid="message-body">
      {segments(e.body, evidence).map((s, i) =>
        s.types ? (
          <mark key={i} class="evidence" title={`contact sharing: ${s.types.join(', ')}`}>
            {s.text}
            <span class="visually-hidden"> (contact sharing: {s.types.join(', ')})</span>
          </mark>
        ) : (
          s.text
        ),
      )}
    </p>
  );
}

function Timeline({ events, zone }: { events: TimelineEvent[]; zone: string }) {
  return (
    <ol class="timeline" data-testid="timeline">
      {events.map((e) => {
        const evidence = e.flags.filter((f) => f.kind === 'contact_sharing').flatMap((f) => f.matches ?? []);
        return (
          <li key={e.eventId} class={`event event-${e.author ?? 'system'}`}>
            <article aria-label={`${e.author ?? 'event'} at ${fmtLocal(e.occurredAt, zone)}`}>
              <header>
                <strong>{e.type === 'message.created' ? (e.author ?? 'message') : (EVENT_TITLES[e.type] ?? e.type)}</strong>
                {e.disputeReason && <span>: {e.disputeReason.replace(/_/g, ' ')}</span>}
                {' · '}
                <Time iso={e.occurredAt} zone={zone} />
                {e.automated && <span class="badge badge-neutral">automated</span>}
                {e.flags.map((f, i) => (
                  <span key={i} class={`badge ${f.kind === 'contact_sharing' ? 'badge-breached' : 'badge-late'}`}>
                    {flagText(f)}
                  </span>
                ))}
              </header>
              <Body e={e} />
              {e.body === null && evidence.length > 0 && (
                <p class="evidence-list">
                  Evidence:{' '}
                  {evidence.map((m, i) =>
                    m.text ? (
                      <mark key={i} class="evidence" dir="auto" title={m.type}>
                        {m.text}
                      </mark>
                    ) : (
                      <span key={i} class="badge badge-neutral">
                        {m.type} (text removed)
                      </span>
                    ),
                  )}
                </p>
              )}
            </article>
          </li>
        );
      })}
    </ol>
  );
}

export function CasePage({ caseId }: { caseId: string }) {
  const { me, markets } = useSession();
  const path = `/v1/cases/${encodeURIComponent(caseId)}`;
  const c = useApi<CaseBody>(path);
  const m = useApi<Messages>(`${path}/messages`);
  if (c.error) return <Failure error={c.error} what={`case ${caseId}`} />;
  if (!c.data) return <Loading what={`case ${caseId}`} />;
  const data = c.data;
  // The market's zone from the markets list, so deadlines are in market time even while (or if) the timeline fails to load.
  const zone = marketOf(markets, data.market)?.timeZone ?? m.data?.timeZone ?? 'UTC';
  return (
    <>
      <PageTitle title={`Case ${caseId}`}>Case {caseId}</PageTitle>
      <dl class="facts">
        <div>
          <dt>Market</dt>
          <dd>
            {data.market} ({zone})
          </dd>
        </div>
        <div>
          <dt>Seller</dt>
          <dd>
            <Link href={`/sellers/${encodeURIComponent(data.sellerId)}${query({ market: data.market })}`}>{data.sellerId}</Link>
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <Badge value={data.status} />
          </dd>
        </div>
        <div>
          <dt>Takeover</dt>
          <dd>
            {data.takeover ? (
              <>
                {fmtReason(data.takeover.reason)} at <Time iso={data.takeover.at} zone={zone} utc />
              </>
            ) : (
              'none'
            )}
          </dd>
        </div>
      </dl>
      {isStaff(me) && data.status === 'open' && !data.takeover && <TakeoverForm key="take" caseId={caseId} mode="take" onDone={c.reload} />}
      {isStaff(me) && data.takeover?.reason === 'manual' && <TakeoverForm key="withdraw" caseId={caseId} mode="withdraw" onDone={c.reload} />}
      <section class="panel" aria-labelledby="obligations-title">
        <h2 id="obligations-title">Obligations</h2>
        {data.obligations.length === 0 ? (
          <p class="muted">No reply was owed in this case.</p>
        ) : (
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="obligations-title">
            <table data-testid="obligations">
              <thead>
                <tr>
                  <th scope="col">Asked</th>
                  <th scope="col">Deadline ({zone})</th>
                  <th scope="col">Deadline (UTC)</th>
                  <th scope="col">Answered</th>
                  <th scope="col">State</th>
                  <th scope="col" class="num">
                    Late by
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.obligations.map((o) => (
                  <tr key={o.requestedAt}>
                    <td>
                      <Time iso={o.requestedAt} zone={zone} />
                    </td>
                    <td data-testid="due-local">
                      <time dateTime={o.dueAt}>{fmtLocal(o.dueAt, zone)}</time>
                    </td>
                    <td data-testid="due-utc">
                      <time dateTime={o.dueAt}>{fmtUtc(o.dueAt)}</time>
                    </td>
                    <td>{o.answeredAt ? <Time iso={o.answeredAt} zone={zone} /> : 'not yet'}</td>
                    <td>
                      <Badge value={o.state} />
                    </td>
                    <td class="num">{o.lateByMinutes !== undefined ? fmtMinutes(o.lateByMinutes) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="panel" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Messages</h2>
        {m.error && <Failure error={m.error} what="the messages" />}
        {m.loading && !m.data && <Loading what="the messages" />}
        {m.data && m.data.events.length === 0 && <p class="muted">No events.</p>}
        {m.data && <Timeline events={m.data.events} zone={zone} />}
        {m.data?.truncated && <p class="muted">Only the first 2000 events are shown.</p>}
      </section>
    </>
  );
}
