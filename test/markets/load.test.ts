// Loading market files: an invalid file stops the start with a message that
// names the file and the field (CONTRACT §1).
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { loadMarkets, MarketFileError, parseMarketFile } from '../../src/markets/index.js';
import { lvFile } from '../helpers/market-files.js';

type Mutate = (f: Record<string, any>) => void;

const cases: [string, Mutate, string, RegExp][] = [
  ['an unknown time zone', (f) => (f.timeZone = 'Europe/Atlantis'), 'timeZone', /unknown IANA time zone/],
  ['a time zone in the wrong case', (f) => (f.timeZone = 'europe/riga'), 'timeZone', /"Europe\/Riga"/],
  ['UTC in lower case', (f) => (f.timeZone = 'utc'), 'timeZone', /"UTC"/],
  ['overlapping intervals', (f) => (f.workingHours.mon = [['08:00', '12:00'], ['11:00', '13:00']]), 'workingHours.mon[1]', /before the previous interval ends/],
  ['unsorted intervals', (f) => (f.workingHours.tue = [['13:00', '17:00'], ['08:00', '12:00']]), 'workingHours.tue[1]', /sorted/],
  ['"25:00"', (f) => (f.workingHours.wed = [['08:00', '25:00']]), 'workingHours.wed[0][1]', /pattern/],
  ['an interval of three times', (f) => (f.workingHours.mon = [['08:00', '12:00', '13:00']]), 'workingHours.mon[0]', /more than 2 items/],
  ['an end before its start', (f) => (f.workingHours.thu = [['17:00', '08:00']]), 'workingHours.thu[0]', /not after start/],
  ['an empty interval', (f) => (f.workingHours.thu = [['08:00', '08:00']]), 'workingHours.thu[0]', /not after start/],
  ['a malformed date', (f) => (f.exceptions[0].date = '2031-6-20'), 'exceptions[0].date', /pattern/],
  ['a date that does not exist', (f) => (f.exceptions[0].date = '2031-02-30'), 'exceptions[0].date', /not a real date/],
  ['two exceptions for one date', (f) => (f.exceptions[1].date = '2031-06-20'), 'exceptions[1].date', /at most one per date/],
  ['an unknown weekday key', (f) => (f.workingHours.mnd = []), 'workingHours.mnd', /unknown field/],
  ['a missing weekday', (f) => delete f.workingHours.sun, 'workingHours.sun', /is required/],
  ['a missing top-level field', (f) => delete f.timeZone, 'timeZone', /is required/],
  ['a missing policy field', (f) => delete f.policy.retentionDays, 'policy.retentionDays', /is required/],
  ['an exception without a name', (f) => delete f.exceptions[1].name, 'exceptions[1].name', /is required/],
  ['an unknown holiday type', (f) => (f.holidays.types = ['public', 'holiday']), 'holidays.types[1]', /^must be one of "public", "bank", "school", "optional", "observance"$/],
  ['an unknown autoReplies value', (f) => (f.policy.autoReplies = 'never'), 'policy.autoReplies', /^must be one of "flag", "strict"$/],
  ['a policy value out of range', (f) => (f.policy.replyWithinMinutes = 0), 'policy.replyWithinMinutes', />= 1/],
  ['a policy value too large', (f) => (f.policy.absence.minNoticeDays = 1000), 'policy.absence.minNoticeDays', /<= 365/],
  ['an unknown dispute reason', (f) => (f.policy.takeover.disputeReasons = ['bored']), 'policy.takeover.disputeReasons[0]', /./],
  ['an unknown holiday country', (f) => (f.holidays.country = 'QQ'), 'holidays.country', /not a country/],
  ['no working hours at all', (f) => (f.workingHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }), 'workingHours', /no working interval/],
  ['a market code that differs from the file name', (f) => (f.market = 'EE'), 'market', /file is named LV.json/],
];

for (const [name, mutate, field, message] of cases) {
  t.test(`when a market file has ${name}, loading names the file and the field`, async (t) => {
    const f = lvFile() as Record<string, any>;
    mutate(f);
    const err = t.throws(() => parseMarketFile('calendars/LV.json', JSON.stringify(f))) as MarketFileError;
    t.type(err, MarketFileError);
    const problem = err.problems.find((p) => p.field === field);
    t.ok(problem, `a problem names ${field}: ${err.message}`);
    t.match(problem?.message ?? '', message);
    t.match(err.message, `calendars/LV.json: ${field}:`);
    t.equal(err.problems.filter((p) => p.field === field).length, 1, 'one problem per broken field');
  });
}

t.test('when a file is not JSON, the error names the file', async (t) => {
  t.throws(() => parseMarketFile('calendars/LV.json', '{"market": '), { name: 'MarketFileError', message: /calendars\/LV.json: \(file\): not valid JSON/ });
});

t.test('when a field appears twice in one object, loading names it instead of keeping the last silently', async (t) => {
  // An operator appending a second "exceptions" list (or a second "mon") would otherwise lose the first without a word.
  const text = JSON.stringify(lvFile(), null, 2);
  const twice = [
    [text.replace('"holidays": {', '"exceptions": [],\n  "holidays": {'), 'exceptions'],
    [text.replace('"mon": [', '"mon": [],\n    "mon": ['), 'workingHours.mon'],
    [text.replace('"date": "2031-06-28"', '"date": "2031-06-28", "date": "2031-06-29"'), 'exceptions[1].date'],
    [text.replace('"retentionDays": 183', '"retentionDays": 183, "retentionDays": 183'), 'policy.retentionDays'],
  ] as const;
  for (const [json, field] of twice) {
    const err = t.throws(() => parseMarketFile('calendars/LV.json', json)) as MarketFileError;
    t.same(err.problems, [{ field, message: 'appears twice in one object (JSON keeps only the last)' }], field);
  }
  t.ok(parseMarketFile('calendars/LV.json', JSON.stringify({ ...lvFile(), name: 'Latvia "mon": [], "mon"' })), 'names inside strings are not fields');
});

t.test('a file saved with a UTF-8 byte order mark loads (RFC 8259 lets a parser ignore it)', async (t) => {
  const plain = parseMarketFile('calendars/LV.json', JSON.stringify(lvFile()));
  const withBom = parseMarketFile('calendars/LV.json', `\ufeff${JSON.stringify(lvFile())}`);
  t.equal(withBom.code, 'LV');
  t.equal(withBom.fingerprint, plain.fingerprint, 'the mark changes nothing');
});

t.test('when a file name is not a market code, it is refused', async (t) => {
  t.throws(() => parseMarketFile('calendars/latvia.json', JSON.stringify(lvFile())), { message: /file name/ });
});

t.test('a valid file loads with its policy defaults resolved', async (t) => {
  const m = parseMarketFile('calendars/LV.json', JSON.stringify(lvFile()));
  t.equal(m.code, 'LV');
  t.equal(m.country, 'LV');
  t.equal(m.policy.absentAfterMinutes, 2880, 'absentAfterMinutes defaults to twice replyWithinMinutes');
  t.equal(m.policy.warnAtPercent, 80);
  t.equal(m.policy.contactSharing, 'flag');
  t.equal(m.policy.autoReplies, 'flag');
  t.match(m.fingerprint, /^[0-9a-f]{16}$/);
  const other = parseMarketFile('calendars/LV.json', JSON.stringify({ ...lvFile(), exceptions: [] }));
  t.not(other.fingerprint, m.fingerprint, 'a changed file has a new fingerprint');
});

t.test('time zones are IANA names as the database spells them, links and Etc zones included', async (t) => {
  for (const zone of ['Europe/Riga', 'Europe/Kyiv', 'Europe/Kiev', 'Asia/Kolkata', 'UTC', 'Etc/UTC', 'Etc/GMT-2', 'America/Port-au-Prince', 'EET']) {
    t.equal(parseMarketFile('calendars/LV.json', JSON.stringify({ ...lvFile(), timeZone: zone })).timeZone, zone, zone);
  }
});

t.test('loadMarkets reads a directory and stops at the first bad file', async (t) => {
  const ok = t.testdir({ 'LV.json': JSON.stringify(lvFile()) });
  const markets = await loadMarkets(ok);
  t.same([...markets.keys()], ['LV']);
  const bad = t.testdir({ 'LV.json': JSON.stringify({ ...lvFile(), timeZone: 'Nowhere/City' }) });
  await t.rejects(loadMarkets(bad), { message: new RegExp(`${path.join(bad, 'LV.json').replace(/[/\\]/g, '.')}: timeZone`) });
  await t.rejects(loadMarkets(t.testdir({})), { message: /holds no market file/ });
});

t.test('hidden files (an editor lock or backup, macOS ._ files) are not market files', async (t) => {
  const dir = t.testdir({ 'LV.json': JSON.stringify(lvFile()), '._LV.json': '\u0000\u0005\u0016\u0007', '.LV.json': '{' });
  await symlink('user@host.1234:1700000000', path.join(dir, '.#LV.json')); // what Emacs leaves while a file is edited
  t.same([...(await loadMarkets(dir)).keys()], ['LV']);
  await t.rejects(loadMarkets(t.testdir({ '.LV.json': JSON.stringify(lvFile()) })), { message: /holds no market file/ });
});

t.test('when a *.json entry cannot be read (a directory, a dangling link), loading names it as an invalid file', async (t) => {
  const withDir = t.testdir({ 'LV.json': JSON.stringify(lvFile()) });
  await mkdir(path.join(withDir, 'ZZ.json'));
  await t.rejects(loadMarkets(withDir), { name: 'MarketFileError', file: path.join(withDir, 'ZZ.json'), message: /ZZ\.json: \(file\): cannot be read: EISDIR/ });
  const withLink = t.testdir({ 'LV.json': JSON.stringify(lvFile()) });
  await symlink(path.join(withLink, 'gone.json'), path.join(withLink, 'ZY.json'));
  await t.rejects(loadMarkets(withLink), { name: 'MarketFileError', file: path.join(withLink, 'ZY.json'), message: /ZY\.json: \(file\): cannot be read: ENOENT/ });
});
