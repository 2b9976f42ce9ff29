// Reads calendars/*.json into a registry of markets. Any invalid file stops
// the load with an error naming the file and the field (CONTRACT §1).
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { duplicateKeys } from './duplicate-keys.js';
import { buildMarket, type Market } from './market.js';
import type { MarketFile } from './schema.js';
import { validateMarketFile, type Problem } from './validate.js';

export class MarketFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly Problem[],
  ) {
    super(problems.map((p) => `${file}: ${p.field}: ${p.message}`).join('\n'));
    this.name = 'MarketFileError';
  }
}

const holidayDataVersion: string = (createRequire(import.meta.url)('date-holidays/package.json') as { version: string }).version;

/** Parses and validates one market file's text. */
export function parseMarketFile(file: string, raw: string): Market {
  // Editors on Windows save a byte order mark; RFC 8259 lets a parser ignore it, and JSON.parse does not.
  const text = raw.startsWith('\ufeff') ? raw.slice(1) : raw;
  const code = path.basename(file, '.json');
  if (!/^[A-Z0-9]{2,8}$/.test(code)) {
    throw new MarketFileError(file, [{ field: '(file name)', message: 'a market file is named <CODE>.json, CODE being 2 to 8 of A–Z and 0–9' }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new MarketFileError(file, [{ field: '(file)', message: `not valid JSON: ${(err as Error).message}` }]);
  }
  const twice = duplicateKeys(text);
  if (twice.length > 0) throw new MarketFileError(file, twice.map((field) => ({ field, message: 'appears twice in one object (JSON keeps only the last)' })));
  const problems = validateMarketFile(value, code);
  if (problems.length > 0) throw new MarketFileError(file, problems);
  return buildMarket(value as MarketFile, holidayDataVersion);
}

/** A `*.json` entry that is a directory or a dangling link is an invalid file, named like bad JSON. */
async function readMarketFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new MarketFileError(file, [{ field: '(file)', message: `cannot be read: ${(err as Error).message}` }]);
  }
}

export async function loadMarkets(dir: string): Promise<Map<string, Market>> {
  let names: string[];
  try {
    // Hidden entries are not market files: an editor's lock (Emacs' .#LV.json) or backup, macOS' ._LV.json.
    names = (await readdir(dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  } catch (err) {
    throw new MarketFileError(dir, [{ field: '(directory)', message: `cannot read the calendars directory: ${(err as Error).message}` }]);
  }
  if (names.length === 0) throw new MarketFileError(dir, [{ field: '(directory)', message: 'holds no market file (*.json)' }]);
  const markets = new Map<string, Market>();
  for (const name of names) {
    const file = path.join(dir, name);
    const market = parseMarketFile(file, await readMarketFile(file));
    markets.set(market.code, market);
  }
  return markets;
}
