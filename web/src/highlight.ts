// Splits a message body into plain and highlighted parts from the evidence of
// its contact_sharing flag. Offsets are UTF-16 code units (JavaScript string
// indices, as the service stores them); evidence without offsets is found by
// its text. Overlapping or touching matches merge into one highlight.
// No imports: the tests (test/web/highlight.test.ts) load it directly.

export interface Evidence {
  readonly type: string;
  /** Absent once retention removed it with the body (types and offsets stay). */
  readonly text?: string;
  readonly start?: number;
  readonly end?: number;
}

export interface Segment {
  readonly text: string;
  /** The match types of a highlighted part (phone, email, url, messenger); absent for plain text. */
  readonly types?: readonly string[];
}

export function segments(body: string, evidence: readonly Evidence[]): Segment[] {
  const spans: { start: number; end: number; type: string }[] = [];
  for (const e of evidence) {
    let start = e.start;
    let end = e.end;
    if (start === undefined || end === undefined || (e.text !== undefined && body.slice(start, end) !== e.text)) {
      // No offsets, or offsets that do not fit the text: find the evidence itself.
      start = e.text ? body.indexOf(e.text) : -1;
      end = start + (e.text?.length ?? 0);
    }
    if (start >= 0 && end > start && end <= body.length) spans.push({ start, end, type: e.type });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number; types: string[] }[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) {
      last.end = Math.max(last.end, s.end);
      if (!last.types.includes(s.type)) last.types.push(s.type);
    } else merged.push({ start: s.start, end: s.end, types: [s.type] });
  }
  const out: Segment[] = [];
  let at = 0;
  for (const m of merged) {
    if (m.start > at) out.push({ text: body.slice(at, m.start) });
    out.push({ text: body.slice(m.start, m.end), types: m.types });
    at = m.end;
  }
  if (at < body.length || out.length === 0) out.push({ text: body.slice(at) });
  return out;
}
