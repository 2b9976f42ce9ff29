// The API client: same origin, Bearer token from the session, the contract's
// JSON errors turned into ApiError (status, code, message, details).
import { storedToken } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly { field?: string; message?: string }[] = [],
  ) {
    super(message);
  }
}

/** Called on a 401 for the token this tab is signed in with (revoked or unknown since): the app signs out. */
let onUnauthorized: () => void = () => undefined;
export const setUnauthorizedHandler = (fn: () => void) => (onUnauthorized = fn);

async function failure(res: Response): Promise<ApiError> {
  let body: { error?: string; message?: string; details?: [] } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    /* not JSON */
  }
  return new ApiError(res.status, body.error ?? 'error', body.message ?? `${res.status} ${res.statusText}`, body.details ?? []);
}

export async function request(path: string, init: RequestInit = {}, token = storedToken()): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(path, { ...init, headers });
  if (!res.ok) {
    const err = await failure(res);
    // A token being tried at sign-in is not stored yet: its 401 is the sign-in form's to tell, not a session that ended.
    if (res.status === 401 && token && token === storedToken()) onUnauthorized();
    throw err;
  }
  return res;
}

export async function api<T>(path: string, init: RequestInit = {}, token?: string): Promise<T> {
  const res = await request(path, init, token);
  return (res.status === 204 ? null : await res.json()) as T;
}

/** Query string of the defined values; arrays repeat their key. */
export function query(params: Record<string, string | number | boolean | readonly string[] | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const item of v) q.append(k, item);
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Downloads a CSV report with the token (a plain link could not carry the
 * Authorization header): fetch, then save the blob under the server's file name.
 */
export async function downloadCsv(path: string): Promise<string> {
  const res = await request(path);
  const disposition = res.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'report.csv';
  const url = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // The browser reads the blob after this task; free it a minute later.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return filename;
}
