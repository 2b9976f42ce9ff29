// Keyset pages: "Next page" follows nextCursor; "First page" starts over. The
// cursors walked so far are kept so "Previous page" works too.
import { useState } from 'preact/hooks';

export function usePager(resetKey: string) {
  const [state, setState] = useState<{ key: string; trail: (string | null)[] }>({ key: resetKey, trail: [null] });
  const trail = state.key === resetKey ? state.trail : [null];
  const cursor = trail[trail.length - 1] ?? null;
  return {
    cursor,
    page: trail.length,
    next: (c: string) => setState({ key: resetKey, trail: [...trail, c] }),
    previous: () => setState({ key: resetKey, trail: trail.slice(0, -1) }),
    first: () => setState({ key: resetKey, trail: [null] }),
  };
}

export function Pager({ pager, nextCursor, label }: { pager: ReturnType<typeof usePager>; nextCursor: string | null | undefined; label: string }) {
  if (pager.page === 1 && !nextCursor) return null;
  return (
    <nav class="pager" aria-label={`${label} pages`}>
      <button type="button" class="secondary" disabled={pager.page === 1} onClick={pager.previous}>
        Previous page
      </button>
      <span>Page {pager.page}</span>
      <button type="button" class="secondary" disabled={!nextCursor} onClick={() => nextCursor && pager.next(nextCursor)}>
        Next page
      </button>
    </nav>
  );
}
