// "Download CSV": the report's format=csv through the token-carrying client,
// with the outcome announced (file name, or the error).
import { useState } from 'preact/hooks';
import { downloadCsv } from '../api';

export function CsvButton({ path, label = 'Download CSV' }: { path: string; label?: string }) {
  const [state, setState] = useState<{ busy: boolean; message: string; failed: boolean }>({ busy: false, message: '', failed: false });
  return (
    <>
      <button
        type="button"
        class="secondary"
        disabled={state.busy}
        onClick={async () => {
          setState({ busy: true, message: 'Preparing the CSV…', failed: false });
          try {
            const name = await downloadCsv(path);
            setState({ busy: false, message: `Downloaded ${name}`, failed: false });
          } catch (err) {
            setState({ busy: false, message: `The CSV could not be downloaded: ${err instanceof Error ? err.message : String(err)}`, failed: true });
          }
        }}
      >
        {label}
      </button>
      <span class={state.failed ? 'field-error' : 'muted'} role="status" aria-live="polite" data-testid="csv-status">
        {state.message}
      </span>
    </>
  );
}
