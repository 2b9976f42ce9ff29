// Staff take an open case over by hand (POST /v1/cases/{id}/takeover, reason
// `manual`), or withdraw such a takeover (…/takeover/withdrawal): a note
// saying why is required, and is audited with it.
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { InlineError } from '../components/Status';

const MODES = {
  take: {
    path: 'takeover',
    title: 'Take this case over',
    explain: 'The platform handles the buyer from now on: the pending reply is cancelled and the marketplace is told (reason: manual).',
    button: 'Take over',
  },
  withdraw: {
    path: 'takeover/withdrawal',
    title: 'Withdraw the manual takeover',
    explain: 'The case goes back to the seller as if it had not been taken over by hand, and the marketplace is told. A deadline that passed meanwhile takes it over for the breach instead.',
    button: 'Withdraw takeover',
  },
} as const;

export function TakeoverForm({ caseId, mode, onDone }: { caseId: string; mode: keyof typeof MODES; onDone: () => void }) {
  const m = MODES[mode];
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
          await api(`/v1/cases/${encodeURIComponent(caseId)}/${m.path}`, { method: 'POST', body: JSON.stringify({ note: note.trim() }) });
          setSubmit({ busy: false, error: null });
          setNote('');
          onDone();
        } catch (err) {
          // A 409 says why (taken over, withdrawn or closed meanwhile, a deadline already passed); it stays on screen.
          setSubmit({ busy: false, error: err instanceof ApiError ? err : new ApiError(0, 'network', String(err)) });
        }
      }}
    >
      <h2 id="takeover-form-title">{m.title}</h2>
      <p class="muted">{m.explain}</p>
      <div class="field grow">
        <label for="takeover-note">Why (kept in the audit log)</label>
        <input id="takeover-note" name="note" required maxLength={500} value={note} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <button type="submit" disabled={submit.busy || note.trim() === ''}>
        {m.button}
      </button>
      <InlineError error={submit.error} />
    </form>
  );
}
