// Sign-in with an API token. The token is checked against GET /v1/me and kept
// in sessionStorage (this tab only).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import type { Me } from '../session';

export function SignIn({ onSignedIn, notice }: { onSignedIn: (token: string, me: Me) => void; notice?: string }) {
  const [token, setToken] = useState('');
  const [state, setState] = useState<{ busy: boolean; error: string }>({ busy: false, error: '' });
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    document.title = 'Sign in · replyby';
    input.current?.focus();
  }, []);
  return (
    <main id="main" class="signin">
      <h1>replyby</h1>
      <p class="lead">Reply deadlines, breaches and takeovers of your marketplace’s helpdesk.</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <form
        aria-labelledby="signin-title"
        onSubmit={async (e) => {
          e.preventDefault();
          const t = token.trim();
          if (!t) return setState({ busy: false, error: 'Enter a token.' });
          setState({ busy: true, error: '' });
          try {
            onSignedIn(t, await api<Me>('/v1/me', {}, t));
          } catch (err) {
            const status = err instanceof ApiError ? err.status : 0;
            setState({
              busy: false,
              error: status === 401 ? 'This token is unknown, revoked or expired.' : status === 429 ? (err as ApiError).message : `Could not sign in: ${err instanceof Error ? err.message : String(err)}`,
            });
          }
        }}
      >
        <h2 id="signin-title">Sign in</h2>
        <div class="field">
          <label for="token">API token</label>
          <input
            ref={input}
            id="token"
            name="token"
            type="password"
            autocomplete="off"
            spellcheck={false}
            required
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
            aria-describedby="token-hint"
            aria-invalid={state.error ? 'true' : undefined}
          />
          <span class="hint" id="token-hint">
            A compliance, admin or seller token, e.g. from <code>npm run --silent cli -- token create --role compliance --name you</code>. It stays in this browser tab only.
          </span>
        </div>
        {state.error && (
          <p class="field-error" role="alert">
            {state.error}
          </p>
        )}
        <button type="submit" disabled={state.busy}>
          {state.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
