// The raw-body JSON parser of POST /v1/events: the signature is checked on
// the exact bytes received before anything is parsed; then UTF-8, nesting
// depth and prototype-poisoning keys are refused.
import sjson from 'secure-json-parse';
import { HttpError, badRequest } from '../../plugins/errors.js';

export const MAX_DEPTH = 16;

/** Whether JSON text nests objects/arrays deeper than `max` (linear scan, strings skipped). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseJsonBody(raw: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw badRequest('the body is not valid UTF-8');
  }
  if (nestsDeeperThan(text, MAX_DEPTH)) throw badRequest(`the body nests deeper than ${MAX_DEPTH} levels`);
  try {
    return sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (err) {
    const message = (err as Error).message;
    if (/prototype|constructor/i.test(message)) throw badRequest('the body holds a forbidden key (__proto__ or constructor)');
    throw new HttpError(400, 'malformed_json', `the body is not valid JSON: ${message}`);
  }
}
