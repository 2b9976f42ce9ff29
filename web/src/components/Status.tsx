// Loading, error and "not allowed" states, announced to screen readers.
import type { ApiError } from '../api';
import { Link } from '../router';
import { useSession } from '../context';

export const Loading = ({ what }: { what: string }) => (
  <p class="status" role="status" aria-live="polite">
    Loading {what}…
  </p>
);

export function Forbidden({ message }: { message?: string }) {
  const { me } = useSession();
  return (
    <section class="forbidden" aria-labelledby="forbidden-title" data-status="403">
      <h1 id="forbidden-title" tabIndex={-1}>
        403 — Not allowed
      </h1>
      <p>{message ?? 'This token may not see this page.'}</p>
      {me.role === 'seller' ? (
        <p>
          A seller token (this one acts for <strong>{me.sellerId}</strong>) sees only its own scorecard, cases and absences.{' '}
          <Link href={`/sellers/${encodeURIComponent(me.sellerId ?? '')}`}>Go to your scorecard</Link>
        </p>
      ) : (
        <p>
          <Link href="/">Back to the overview</Link>
        </p>
      )}
    </section>
  );
}

export function NotFound({ what }: { what: string }) {
  return (
    <section aria-labelledby="notfound-title">
      <h1 id="notfound-title" tabIndex={-1}>
        Not found
      </h1>
      <p>{what}</p>
      <p>
        <Link href="/">Back to the start</Link>
      </p>
    </section>
  );
}

/** An API failure in a page: 403 becomes the 403 page, 404 the not-found page, the rest a message. */
export function Failure({ error, what }: { error: ApiError; what: string }) {
  if (error.status === 403) return <Forbidden message={error.message} />;
  if (error.status === 404) return <NotFound what={error.message} />;
  return (
    <div class="error" role="alert">
      <p>
        Could not load {what}: {error.message}
      </p>
    </div>
  );
}

/** An error inside a form or section (the page stays). */
export const InlineError = ({ error }: { error: ApiError | null }) =>
  error ? (
    <div class="error" role="alert">
      <p>{error.message}</p>
    </div>
  ) : null;
