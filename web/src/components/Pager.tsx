// Keyset pages: "Next page" follows nextCursor; "First page" starts over. The
// cursors walked so far are kept so "Previous page" works too. The buttons are
// aria-disabled, not disabled, at either end: a disabled button drops keyboard
// focus to the top of the page just as the last page arrives. Once paged, the
// pager stays for these filters (back on page 1 the answer still on screen is
// page 2's, with no next cursor: hiding it then would drop focus the same way).
import { useState } from 'preact/hooks';

export function usePager(resetKey: string) {
  const [state, setState] = useState<{ key: string; trail: (string | null)[]; paged: boolean }>({ key: resetKey, trail: [null], paged: false });
  const same = state.key === resetKey;
  const trail = same ? state.trail : [null];
  const cursor = trail[trail.length - 1] ?? null;
  return {
    cursor,
    page: trail.length,
    /** Whether "Next page" was used with these filters. */
    paged: same && state.paged,
    next: (c: string) => setState({ key: resetKey, trail: [...trail, c], paged: true }),
    previous: () => setState({ key: resetKey, trail: trail.slice(0, -1), paged: true }),
    first: () => setState({ key: resetKey, trail: [null], paged: false }),
  };
}

export function Pager({ pager, nextCursor, label }: { pager: ReturnType<typeof usePager>; nextCursor: string | null | undefined; label: string }) {
  if (pager.page === 1 && !nextCursor && !pager.paged) return null;
  return (
    <nav class="pager" aria-label={`${label} pages`}>
      <button type="button" class="secondary" aria-disabled={pager.page === 1 ? 'true' : undefined} onClick={() => pager.page > 1 && pager.previous()}>
        Previous page
      </button>
      <span>Page {pager.page}</span>
      <button type="button" class="secondary" aria-disabled={nextCursor ? undefined : 'true'} onClick={() => nextCursor && pager.next(nextCursor)}>
        Next page
      </button>
    </nav>
  );
}
