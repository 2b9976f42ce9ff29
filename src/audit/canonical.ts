// The canonical content of an audit row: the exact text its hash covers.
// Keys are sorted at every depth and nothing is left to a serialiser's whim,
// so the same row always yields the same bytes, in this process or another.

export interface AuditContent {
  readonly id: number;
  readonly seq: number;
  /** UTC with microseconds, as PostgreSQL keeps it: 2026-03-16T10:00:00.123456Z */
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string | null;
  readonly details: unknown;
}

/** JSON with object keys sorted (by code unit) at every depth and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    // undefined, functions and symbols have no JSON form; inside objects they are dropped like JSON.stringify does.
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** id and seq are part of the content: a row cannot be renumbered or moved without breaking its hash. */
export function canonicalContent(row: AuditContent): string {
  return canonicalJson({ id: row.id, seq: row.seq, at: row.at, actor: row.actor, action: row.action, subject: row.subject, details: row.details });
}
