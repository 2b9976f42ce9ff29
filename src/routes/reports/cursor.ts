// Opaque keyset cursors: the ordering columns of the last row of a page,
// base64url-encoded JSON. A cursor that does not decode to the expected shape
// is a 400, never a server error.
import { badRequest } from '../../plugins/errors.js';

export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** A part PostgreSQL can take as a parameter: text without NUL and with no lone surrogate (what any id here is), or not text. */
const storable = (part: unknown) => typeof part !== 'string' || (!part.includes('\u0000') && part.isWellFormed());

/** Decodes a cursor and checks each part with `is`; 400 when it does not fit. */
export function decodeCursor<T extends unknown[]>(text: string, is: (key: unknown[]) => key is T): T {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  if (!Array.isArray(key) || !key.every(storable) || !is(key)) throw badRequest('cursor is not one this report gave', [{ field: 'querystring.cursor', message: 'must be a nextCursor returned by this report' }]);
  return key;
}
