// Staff take an open case over by hand (POST /v1/cases/{id}/takeover, reason
// `manual`): a note saying why is required, and is audited with the takeover.
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { InlineError } from '../components/Status';

export function TakeoverForm({ caseId, onTakenOver }: { caseId: string; onTakenOver: () => void }) {
  const [note, setNote] = useState('');
  const [submit, setSubmit] = useState<{ busy: boolean; error: ApiError | null }>({ busy: false, error: null });
  return (
    <form
      class="takeover-form panel"
      aria-labelledby="takeover-form-title"
      onSubmit={async (e) => {
        e.preventDefault();
        setSubmit({ busy: true, error: null });
        try {
          await api(`/v1/cases/${encodeURIComponent(caseId)}/takeover`, { method: 'POST', body: JSON.stringify({ note: note.trim() }) });
          setSubmit({ busy: false, error: null });
          onTakenOver();
        } catch (err) {
          // A 409 says why (taken over or closed meanwhile, a deadline already passed); it stays on screen.
          setSubmit({ busy: false, error: err instanceof ApiError ? err : new ApiError(0, 'network', String(err)) });
        }
      }}
    >
      <h2 id="takeover-form-title">Take this case over</h2>
      <p class="muted">The platform handles the buyer from now on: the pending reply is cancelled and the marketplace is told (reason: manual).</p>
      <div class="field grow">
        <label for="takeover-note">Why (kept in the audit log)</label>
        <input id="takeover-note" name="note" required maxLength={500} value={note} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <button type="submit" disabled={submit.busy || note.trim() === ''}>
        Take over
      </button>
      <InlineError error={submit.error} />
    </form>
  );
}
