// Issue 7.7: all message checks of one message (contact details, language on
// seller messages, the repeat key), as ingestion runs them (checkMessage),
// in µs per message: 500-character seller replies, short buyer messages from
// the labelled corpus, and a realistic mix. Messages are built from the
// project's own fixtures (test/fixtures/messages), so they are the texts the
// accuracy tests judge. The checks run compiled, as `npm start` runs them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IncomingEvent } from '../src/cases/index.js';
import type { checkMessage } from '../src/checks/index.js';
import type { Author } from '../src/domain/obligations/index.js';
import type { Market } from '../src/markets/index.js';
import { median, type Report } from './report.js';
import { serviceModule } from './servers.js';

type Check = typeof checkMessage;

const FIXTURES = path.resolve(import.meta.dirname, '../test/fixtures/messages');
const MARKET_OF_LANGUAGE: Record<string, string> = { et: 'EE', lv: 'LV', lt: 'LT', pl: 'PL', ru: 'LV', en: 'AE', ar: 'SA' };

interface Sample {
  readonly event: IncomingEvent;
  readonly market: Market;
}

function jsonl<T>(file: string): T[] {
  return readFileSync(path.join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

function sample(markets: ReadonlyMap<string, Market>, code: string, author: Author, text: string, i: number): Sample {
  const body = JSON.parse(JSON.stringify(text)) as string; // a flat string, as a request body's JSON.parse makes it
  const market = markets.get(code) ?? markets.get('LV')!;
  const event: IncomingEvent = {
    id: `b-${i}`, type: 'message.created', occurredAt: 0, market: market.code, caseId: `c-${i}`, sellerId: 's-1', buyerId: null, orderId: null,
    message: { id: `m-${i}`, author, body, automated: false }, dispute: null,
  };
  return { event, market };
}

/** Seller replies of one language joined until 500 characters, one in ten with a contact sentence of the corpus inside. */
export function sellerMessages500(markets: ReadonlyMap<string, Market>): Sample[] {
  const replies = jsonl<{ body: string; language: string }>('language-replies.jsonl');
  const contacts = jsonl<{ body: string; lang: string; expect: string[] }>('contact-sharing.jsonl').filter((r) => r.expect.length > 0);
  const out: Sample[] = [];
  const byLanguage = new Map<string, { body: string }[]>();
  for (const r of replies) byLanguage.set(r.language, [...(byLanguage.get(r.language) ?? []), r]);
  let i = 0;
  for (const [language, rs] of byLanguage) {
    const sameLanguageContacts = contacts.filter((c) => c.lang === language);
    for (let k = 0; k < rs.length; k++) {
      let body = '';
      for (let j = k; body.length < 500; j++) {
        if (i % 10 === 0 && j === k + 1 && sameLanguageContacts.length) body += sameLanguageContacts[i % sameLanguageContacts.length]!.body + ' ';
        body += rs[j % rs.length]!.body + ' ';
      }
      out.push(sample(markets, MARKET_OF_LANGUAGE[language] ?? 'LV', 'seller', body.slice(0, 500), i++));
    }
  }
  return out;
}

/** The contact-sharing corpus as buyer messages (short, noisy, 2 in 5 with contact details). */
export function buyerMessages(markets: ReadonlyMap<string, Market>): Sample[] {
  return jsonl<{ body: string; market?: string; lang: string }>('contact-sharing.jsonl').map((r, i) =>
    sample(markets, r.market ?? MARKET_OF_LANGUAGE[r.lang] ?? 'LV', 'buyer', r.body, i),
  );
}

/** A day's traffic: per ten messages six buyer messages, three short seller replies, one 500-character seller reply. */
export function mixedMessages(markets: ReadonlyMap<string, Market>): Sample[] {
  const buyers = buyerMessages(markets);
  const replies = jsonl<{ body: string; language: string }>('language-replies.jsonl').map((r, i) =>
    sample(markets, MARKET_OF_LANGUAGE[r.language] ?? 'LV', 'seller', r.body, 10_000 + i),
  );
  const long = sellerMessages500(markets);
  const out: Sample[] = [];
  for (let i = 0; i < 1000; i++) {
    const slot = i % 10;
    out.push(slot < 6 ? buyers[i % buyers.length]! : slot < 9 ? replies[i % replies.length]! : long[i % long.length]!);
  }
  return out;
}

/** Per-message durations in µs over `rounds` passes (after one warm-up pass). */
export function timeChecks(samples: readonly Sample[], rounds: number, check: Check): number[] {
  let sink = 0;
  for (const s of samples) sink += check(s.event, s.market).flags.length;
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const s of samples) {
      const t0 = process.hrtime.bigint();
      const checked = check(s.event, s.market);
      times.push(Number(process.hrtime.bigint() - t0) / 1000);
      sink += checked.flags.length;
    }
  }
  if (sink === -1) process.stderr.write('');
  return times;
}

export async function benchChecks(report: Report, quick: boolean, compiled = true): Promise<void> {
  const { checkMessage: check } = await serviceModule<typeof import('../src/checks/index.js')>(compiled, 'checks/index.js', () => import('../src/checks/index.js'));
  const { loadMarkets: load } = await serviceModule<typeof import('../src/markets/index.js')>(compiled, 'markets/index.js', () => import('../src/markets/index.js'));
  const markets = await load(path.resolve(import.meta.dirname, '../calendars'));
  const rounds = quick ? 3 : 30;
  const sets: [string, Sample[], boolean][] = [
    ['500-character seller messages', sellerMessages500(markets), true],
    ['short buyer messages', buyerMessages(markets), false],
    ['realistic mix (6 buyer : 3 short seller : 1 long seller)', mixedMessages(markets), false],
  ];
  // warm up first, as a running server is: eld's tables compiled, libphonenumber's metadata read,
  // regexes compiled and the code optimised (a few seconds of checks; a handful of passes is not enough)
  const warmUntil = performance.now() + (quick ? 500 : 4000);
  while (performance.now() < warmUntil) for (const [, samples] of sets) timeChecks(samples, 1, check);
  for (const [name, samples, target] of sets) {
    const times = timeChecks(samples, rounds, check);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const chars = samples.reduce((n, s) => n + (s.event.message?.body.length ?? 0), 0) / samples.length;
    const note = `${samples.length} messages × ${rounds} rounds, ${chars.toFixed(0)} characters on average`;
    report.add({ section: 'checks', name: `${name}: median per message`, value: median(times), unit: 'µs', ...(target ? { target: { op: '<=' as const, value: 50 } } : {}), note });
    report.add({ section: 'checks', name: `${name}: mean per message`, value: mean, unit: 'µs', note });
  }
}
