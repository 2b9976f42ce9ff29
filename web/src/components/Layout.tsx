// The frame of every signed-in page: skip link, header with navigation (by
// role), a case finder and sign-out, then the page in <main>.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useSession } from '../context';
import { Link, navigate, useLocation } from '../router';
import { isStaff } from '../session';

function NavLink({ href, children }: { href: string; children: ComponentChildren }) {
  const { path } = useLocation();
  const base = href.split('?')[0]!;
  const current = base === '/' ? path === '/' : path === base || path.startsWith(`${base}/`);
  return (
    <Link href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function CaseFinder() {
  const [id, setId] = useState('');
  return (
    <form
      class="case-finder"
      role="search"
      aria-label="Open a case"
      onSubmit={(e) => {
        e.preventDefault();
        if (id.trim()) navigate(`/cases/${encodeURIComponent(id.trim())}`);
      }}
    >
      <label for="case-finder-id">Case id</label>
      <input id="case-finder-id" name="caseId" value={id} onInput={(e) => setId(e.currentTarget.value)} autocomplete="off" spellcheck={false} />
      <button type="submit">Open</button>
    </form>
  );
}

export function Layout({ children }: { children: ComponentChildren }) {
  const { me, signOut } = useSession();
  const own = me.sellerId ? `/sellers/${encodeURIComponent(me.sellerId)}` : '/';
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <div class="brand">
          <Link href="/">replyby</Link>
        </div>
        <nav aria-label="Main">
          <ul>
            {isStaff(me) ? (
              <>
                <li>
                  <NavLink href="/">Overview</NavLink>
                </li>
                <li>
                  <NavLink href="/breaches">Breaches</NavLink>
                </li>
                <li>
                  <NavLink href="/sellers">Sellers</NavLink>
                </li>
                <li>
                  <NavLink href="/contact-sharing">Contact sharing</NavLink>
                </li>
              </>
            ) : (
              <li>
                <NavLink href={own}>My scorecard</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <CaseFinder />
        <div class="who">
          <span>
            Signed in as <strong>{me.name}</strong> ({me.role}
            {me.sellerId ? ` ${me.sellerId}` : ''})
          </span>
          <button type="button" class="link-button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <p>
          Times are shown in each market’s own time zone, with UTC where a deadline is at stake. API: <a href="/docs">/docs</a>.
        </p>
      </footer>
    </>
  );
}
