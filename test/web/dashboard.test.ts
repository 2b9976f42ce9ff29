// The dashboard in a real browser (issue 9.4): Debian's Chromium driven by
// playwright-core against the app listening on a port, serving the Vite build
// of web/ (built first when stale), on a seeded database with the clock at
// Monday 16 March 2026 10:00Z. Sign in, read the overview, filter the breach
// report, download its CSV, open a case (deadlines in market time and UTC,
// contact-sharing evidence highlighted, Arabic right to left), register an
// absence as a seller after seeing the notice rule's outcome, and meet the
// 403 page on another seller's data. Screenshots go to test-artifacts/web/.
// No sleeps: every step waits for an element or a response.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import t from 'tap';
import { build, type TestApp } from '../helpers/app.js';
import { buyerSays, event, sellerSays } from '../helpers/events.js';
import { ARTIFACTS, ensureWebBuild, launch, signIn } from './browser.js';

// The page's globals, for the callbacks that run in the browser (this repository's tsconfig has no DOM library).
declare const document: any, sessionStorage: any, localStorage: any, getComputedStyle: (e: unknown) => any;

const NOW = '2026-03-16T10:00:00Z'; // Monday 12:00 in Riga, 13:00 in Riyadh
const ARABIC = 'السلام عليكم، تواصل معي على واتساب ٠٥٥١٢٣٤٥٦٧ بخصوص الطلب';

/**
 * LV (Mon–Fri, 24 working hours): seller-a breached a-1 (asked Monday 9 March 08:00Z, due Tuesday 08:00Z = 10:00
 * Riga), answered a-2 late, has a-3 due today 13:00Z; seller-b met b-1 and breached b-2.
 * SA (Sun–Thu 08:00–20:00 Riyadh): sa-1, a buyer shares a WhatsApp number in Arabic, the seller answers.
 * EE: ee-1, a buyer shares an e-mail address.
 */
async function seed(app: TestApp) {
  const lv = (caseId: string, sellerId: string) => ({ caseId, sellerId, market: 'LV' });
  const res = await app.post({
    events: [
      event({ occurredAt: '2026-03-09T08:00:00Z', ...lv('a-1', 'seller-a'), message: { author: 'buyer', body: 'Labdien, kur ir mans pasūtījums?' } }),
      buyerSays('2026-03-10T09:00:00Z', lv('a-2', 'seller-a')),
      sellerSays('2026-03-12T09:00:00Z', lv('a-2', 'seller-a')),
      buyerSays('2026-03-13T13:00:00Z', lv('a-3', 'seller-a')),
      buyerSays('2026-03-11T08:00:00Z', lv('b-1', 'seller-b')),
      sellerSays('2026-03-11T09:00:00Z', lv('b-1', 'seller-b')),
      buyerSays('2026-03-12T07:00:00Z', lv('b-2', 'seller-b')),
      event({ occurredAt: '2026-03-15T06:00:00Z', market: 'SA', caseId: 'sa-1', sellerId: 'seller-c', message: { author: 'buyer', body: ARABIC } }),
      event({ occurredAt: '2026-03-15T07:00:00Z', market: 'SA', caseId: 'sa-1', sellerId: 'seller-c', message: { author: 'seller', body: 'Please write here, in the helpdesk: we cannot use WhatsApp.' } }),
      event({ occurredAt: '2026-03-16T07:00:00Z', market: 'EE', caseId: 'ee-1', sellerId: 'seller-e', message: { author: 'buyer', body: 'Kirjutage mulle: mari.maasikas@example.ee' } }),
    ],
  });
  if (res.statusCode !== 202) throw new Error(`seed refused: ${res.body}`);
}

t.test('the dashboard in Chromium', async (t) => {
  const rebuilt = await ensureWebBuild();
  t.comment(rebuilt ? 'built web/ into dist/web' : 'dist/web is up to date');
  const app = await build(t, { now: NOW });
  await seed(app);
  const base = (await app.app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
  const compliance = await app.token('compliance');
  const sellerA = await app.token('seller', 'seller-a');
  const browser = await launch(t);
  const staff = await browser.page();

  await t.test('when compliance signs in with a token, then the overview of a market shows its figures and the 30-day chart', async (t) => {
    await staff.goto(`${base}/`);
    t.equal(await staff.title(), 'Sign in · replyby');
    await staff.getByLabel('API token').fill('rby_not-a-real-token');
    await staff.getByRole('button', { name: 'Sign in' }).click();
    await staff.getByText('This token is unknown, revoked or expired.').waitFor();
    await staff.getByLabel('API token').fill(compliance);
    await staff.getByRole('button', { name: 'Sign in' }).click();
    await staff.getByRole('navigation', { name: 'Main' }).waitFor();
    t.equal(await staff.evaluate(() => sessionStorage.getItem('replyby.token')), compliance, 'the token is kept in sessionStorage');
    t.equal(await staff.evaluate(() => localStorage.length), 0, 'and nowhere else');

    const overview = staff.waitForResponse((r) => r.url().includes('/v1/overview?market=LV'));
    await staff.getByLabel('Market').selectOption('LV');
    const api = await (await overview).json();
    await staff.getByRole('heading', { name: 'Overview — Latvia (LV)' }).waitFor();
    t.equal(await staff.getByTestId('open-cases').textContent(), String(api.openCases));
    t.equal(await staff.getByTestId('due-soon').textContent(), '1', 'a-3, due 15:00 Riga');
    t.equal(await staff.getByTestId('breached-now').textContent(), '2', 'a-1 and b-2');
    await staff.locator('[data-testid="breaches-chart"] canvas').first().waitFor();
    t.match(await staff.getByTestId('breaches-chart').getAttribute('aria-label'), /^3 late or breached obligations in LV in the last 30 days/, 'the chart has a text summary');
    await staff.getByText('Show the numbers').click();
    t.ok(await staff.getByRole('row', { name: 'Tue 10 Mar 1 1' }).isVisible(), 'its numbers are in a table: 10 March, a-1 breached');
    t.ok(await staff.getByRole('row', { name: 'Wed 11 Mar 1 0' }).isVisible(), '11 March, a-2 answered late');
    await browser.screenshot(staff, '01-overview-LV');
  });

  let breachRows: { caseId: string; sellerId: string }[] = [];
  await t.test('when compliance filters the breach report by seller, then only that seller’s late and breached obligations are listed', async (t) => {
    await staff.getByRole('link', { name: 'Breaches' }).click();
    await staff.getByRole('heading', { name: 'Breach report' }).waitFor();
    await staff.getByLabel('Market').selectOption('LV');
    await staff.getByLabel('From').fill('2026-03-01');
    await staff.getByLabel('To (inclusive)').fill('2026-03-16');
    // 1 March 00:00 in Riga is 28 February 22:00Z.
    const all = staff.waitForResponse((r) => r.url().includes('/v1/reports/breaches?') && r.url().includes('from=2026-02-28T22%3A00%3A00.000Z') && !r.url().includes('sellerId'));
    await staff.getByRole('button', { name: 'Apply filters' }).click();
    t.equal((await (await all).json()).rows.length, 3, 'a-1, a-2, b-2 without a seller filter');
    await staff.getByTestId('breach-table').waitFor();
    t.equal(await staff.locator('[data-testid="breach-table"] tbody tr').count(), 3);

    await staff.getByLabel('Seller id (optional)').fill('seller-a');
    const filtered = staff.waitForResponse((r) => r.url().includes('/v1/reports/breaches?') && r.url().includes('sellerId=seller-a'));
    await staff.getByRole('button', { name: 'Apply filters' }).click();
    const body = await (await filtered).json();
    breachRows = body.rows;
    t.same(breachRows.map((r) => r.caseId), ['a-1', 'a-2'], 'the API answered seller-a’s rows, by deadline');
    await staff.getByTestId('breach-count').getByText('2 obligations on page 1.').waitFor();
    const cells = await staff.locator('[data-testid="breach-table"] tbody tr td:nth-child(2)').allTextContents();
    t.same(cells, ['seller-a', 'seller-a'], 'the table shows them');
    t.match(staff.url(), /\/breaches\?market=LV&from=2026-03-01&to=2026-03-16&sellerId=seller-a$/, 'the filters are in the URL');
    t.match(await staff.locator('[data-testid="breach-table"] tbody tr').first().textContent(), /a-1.*Tue, 10 Mar 2026, 10:00.*not yet.*breached/, 'deadline in Riga time, unanswered, breached');
    await browser.screenshot(staff, '02-breach-report-filtered');
  });

  await t.test('when compliance downloads the CSV, then the file holds the filtered rows under the contract’s header', async (t) => {
    const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('button', { name: 'Download CSV' }).click()]);
    t.equal(download.suggestedFilename(), 'breaches-LV-20260228T220000Z-20260316T220000Z.csv', 'the server’s file name: the period in Riga days');
    const file = path.join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(file);
    const records = parse(await readFile(file, 'utf8'), { columns: true }) as Record<string, string>[];
    t.same(Object.keys(records[0]!), ['caseId', 'sellerId', 'market', 'requestedAt', 'dueAt', 'answeredAt', 'state', 'lateByMinutes', 'takenOver']);
    t.same(records.map((r) => [r.caseId, r.sellerId, r.state]), [['a-1', 'seller-a', 'breached'], ['a-2', 'seller-a', 'late']]);
    await staff.getByTestId('csv-status').getByText(`Downloaded ${download.suggestedFilename()}`).waitFor();
  });

  await t.test('when compliance opens a case from the report, then its deadline shows in Riga time and in UTC, with the message timeline', async (t) => {
    await staff.getByRole('link', { name: 'a-1', exact: true }).click();
    await staff.getByRole('heading', { name: 'Case a-1' }).waitFor();
    t.ok(await staff.evaluate(() => document.activeElement?.tagName === 'H1'), 'focus moved to the new page’s heading');
    t.equal(await staff.getByTestId('due-local').first().textContent(), 'Tue, 10 Mar 2026, 10:00', 'due 24 working hours after Monday 10:00 Riga');
    t.equal(await staff.getByTestId('due-utc').first().textContent(), '10 Mar 2026, 08:00 UTC');
    t.match(await staff.getByTestId('obligations').textContent(), /breached/);
    t.match(await staff.getByText('Deadline (Europe/Riga)').textContent(), /Europe\/Riga/);
    const bodies = await staff.getByTestId('message-body').allTextContents();
    t.same(bodies, ['Labdien, kur ir mans pasūtījums?']);
    t.match(await staff.locator('.facts').textContent(), /reply overdue/, 'taken over on breach');
    await browser.screenshot(staff, '03-case-a-1');
  });

  await t.test('when compliance opens a Saudi case, then the phone number shared in Arabic is highlighted and the Arabic message reads right to left', async (t) => {
    await staff.getByLabel('Case id').fill('sa-1');
    await staff.getByRole('button', { name: 'Open' }).click();
    await staff.getByRole('heading', { name: 'Case sa-1' }).waitFor();
    const arabic = staff.getByTestId('message-body').first();
    await arabic.waitFor();
    const marks = arabic.locator('mark.evidence');
    t.same(await marks.evaluateAll((ms) => ms.map((m) => [m.firstChild?.textContent, m.getAttribute('title')])), [
      ['واتساب', 'contact sharing: messenger'],
      ['٠٥٥١٢٣٤٥٦٧', 'contact sharing: phone'],
    ], 'the WhatsApp invitation and the Arabic-Indic number are highlighted where they stand in the text');
    t.match(await arabic.textContent(), /٠٥٥١٢٣٤٥٦٧ \(contact sharing: phone\) بخصوص الطلب$/, 'the evidence is also named for screen readers');
    t.equal(await arabic.evaluate((p) => getComputedStyle(p).direction), 'rtl', 'Arabic: right to left');
    t.equal(await staff.getByTestId('message-body').nth(1).evaluate((p) => getComputedStyle(p).direction), 'ltr', 'the English answer: left to right');
    t.equal(await staff.getByTestId('due-local').first().textContent(), 'Tue, 17 Mar 2026, 09:00', 'asked Sunday 09:00 Riyadh: 11 working hours on Sunday, 12 on Monday, 1 on Tuesday (Riyadh time)');
    t.equal(await staff.getByTestId('due-utc').first().textContent(), '17 Mar 2026, 06:00 UTC');
    await browser.screenshot(staff, '04-case-sa-1-arabic');
  });

  await t.test('when a seller signs in, then it lands on its own scorecard and registers an absence after seeing the notice rule’s outcome', async (t) => {
    const seller = await browser.page();
    await signIn(seller, base, sellerA);
    await seller.getByRole('heading', { name: 'Seller seller-a' }).waitFor();
    t.match(seller.url(), /\/sellers\/seller-a$/);
    t.equal(await seller.getByRole('link', { name: 'Breaches' }).count(), 0, 'no report links for a seller');
    await seller.getByTestId('on-time-rate').waitFor();
    await seller.getByTestId('seller-cases').waitFor();
    t.same(await seller.locator('[data-testid="seller-cases"] tbody td:first-child').allTextContents(), ['a-3', 'a-2', 'a-1'], 'its own cases, latest first');

    await seller.getByLabel('Market', { exact: true }).last().selectOption('LV');
    await seller.getByLabel('First day away').fill('2026-03-23');
    const preview = seller.waitForResponse((r) => r.url().includes('/absences/preview') && r.url().includes('to=2026-03-31'));
    await seller.getByLabel('Last day away').fill('2026-03-31');
    const p = await (await preview).json();
    t.match(p, { workingDays: 7, noticeDays: 7, compliant: false, violation: 'late_notice' });
    const outcome = seller.getByTestId('absence-preview');
    await outcome.getByText('late notice', { exact: true }).waitFor();
    t.match(await outcome.textContent(), /7 working days in Latvia · 7 days’ notice .*late notice.*more than 5 working days must be announced at least 14 days ahead/);
    await browser.screenshot(seller, '05-absence-preview');

    await seller.getByLabel('Note (optional)').fill('Spring fair');
    const registered = seller.waitForResponse((r) => r.url().endsWith('/v1/sellers/seller-a/absences') && r.request().method() === 'POST');
    await seller.getByRole('button', { name: 'Register absence' }).click();
    t.equal((await registered).status(), 201);
    await seller.getByTestId('absence-registered').waitFor();
    t.match(await seller.getByTestId('absence-registered').textContent(), /Registered 2026-03-23 – 2026-03-31 in LV: 7 working days, 7 days’ notice, late notice/);
    await seller.locator('[data-testid="absences-table"] tbody tr').first().waitFor();
    t.match(await seller.locator('[data-testid="absences-table"] tbody tr').first().textContent(), /LV2026-03-232026-03-3177late noticeSpring fair/);
    const stored = await app.app.db.selectFrom('absences').selectAll().execute();
    t.match(stored, [{ seller_id: 'seller-a', market: 'LV', from_date: '2026-03-23', to_date: '2026-03-31', compliant: false, violation: 'late_notice', note: 'Spring fair' }], 'stored through the API');
    await browser.screenshot(seller, '06-absence-registered');

    // A short piece next to it needs no notice alone, but makes one long absence with it (POLICIES D).
    await seller.getByLabel('First day away').fill('2026-03-18');
    const piecePreview = seller.waitForResponse((r) => r.url().includes('/absences/preview') && r.url().includes('to=2026-03-20'));
    await seller.getByLabel('Last day away').fill('2026-03-20');
    t.match(await (await piecePreview).json(), { workingDays: 3, compliant: true, continuous: { from: '2026-03-18', to: '2026-03-31', workingDays: 10, violation: 'late_notice' } });
    const whole = seller.getByTestId('absence-preview-continuous');
    await whole.waitFor();
    t.match(await whole.textContent(), /you are away 2026-03-18 – 2026-03-31: 10 working days · late notice Registered in pieces/);
    const pieceRegistered = seller.waitForResponse((r) => r.url().endsWith('/v1/sellers/seller-a/absences') && r.request().method() === 'POST');
    await seller.getByRole('button', { name: 'Register absence' }).click();
    t.equal((await pieceRegistered).status(), 201);
    const firstRow = seller.locator('[data-testid="absences-table"] tbody tr').first();
    await firstRow.getByText(/late notice with the absences it adjoins/).waitFor();
    t.match(await firstRow.textContent(), /LV2026-03-182026-03-2032compliant late notice with the absences it adjoins: 2026-03-18 to 2026-03-31, 10 working days/);

    await t.test('when the seller opens another seller’s scorecard or case, then it sees the 403 page', async (t) => {
      await seller.goto(`${base}/sellers/seller-b`);
      await seller.getByRole('heading', { name: '403 — Not allowed' }).waitFor();
      t.match(await seller.locator('[data-status="403"]').textContent(), /acts for seller-a/);
      await browser.screenshot(seller, '07-forbidden-seller');
      await seller.goto(`${base}/cases/b-1`);
      await seller.getByRole('heading', { name: '403 — Not allowed' }).waitFor();
      await seller.goto(`${base}/breaches`);
      await seller.getByRole('heading', { name: '403 — Not allowed' }).waitFor();
      await seller.getByRole('link', { name: 'Go to your scorecard' }).click();
      await seller.getByRole('heading', { name: 'Seller seller-a' }).waitFor();
    });
  });

  await t.test('when compliance opens the sellers page, then sellers are listed worst first, each with a weekly trend', async (t) => {
    // The page opens on the market looked at last in this tab (LV).
    const trends = staff.waitForResponse((r) => r.url().includes('/v1/reports/seller-weeks?') && r.url().includes('market=LV'));
    await staff.getByRole('link', { name: 'Sellers' }).click();
    await staff.getByRole('heading', { name: 'Seller scorecards' }).waitFor();
    t.equal(await staff.getByLabel('Market').inputValue(), 'LV');
    t.equal((await trends).status(), 200);
    await staff.locator('[data-testid="sellers-table"] .sparkline canvas').first().waitFor();
    t.same(await staff.locator('[data-testid="sellers-table"] tbody th').allTextContents(), ['seller-a', 'seller-b'], 'worst on-time rate first');
    t.match(await staff.locator('[data-testid="sellers-table"] .sparkline').first().getAttribute('aria-label'), /^On-time rate by week: 2026-W/);
    await browser.screenshot(staff, '08-sellers');
  });

  await t.test('when the dashboard is used from the keyboard, then the skip link comes first and focus is visible', async (t) => {
    await staff.goto(`${base}/?market=LV`);
    await staff.getByTestId('open-cases').waitFor();
    await staff.keyboard.press('Tab');
    t.equal(await staff.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    t.not(await staff.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle), 'none', 'a visible focus outline');
    await staff.keyboard.press('Enter');
    t.equal(await staff.evaluate(() => document.activeElement?.id), 'main', 'Enter moves to the content');
    for (const label of ['Market', 'Case id']) t.ok(await staff.getByLabel(label).first().isVisible(), `the ${label} control has a label`);
    const unlabelled = await staff.evaluate(() =>
      [...document.querySelectorAll('input, select, button')].filter((el) => {
        const e = el as { labels?: unknown[]; getAttribute(n: string): string | null; tagName: string; textContent: string | null };
        return !(e.labels?.length || e.getAttribute('aria-label') || (e.tagName === 'BUTTON' && e.textContent?.trim()));
      }).length,
    );
    t.equal(unlabelled, 0, 'every control has a label');
    t.ok(await staff.locator('header').count(), 'a header landmark');
    t.equal(await staff.locator('main#main').count(), 1, 'one main landmark');
  });

  await t.test('when the dashboard is opened on a phone, then nothing overflows sideways', async (t) => {
    const phone = await browser.page({ width: 390, height: 844 });
    await signIn(phone, base, compliance);
    await phone.goto(`${base}/?market=LV`);
    await phone.getByTestId('open-cases').waitFor();
    await phone.locator('[data-testid="breaches-chart"] canvas').first().waitFor();
    const wide = await phone.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => !e.closest('.table-scroll') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`).slice(0, 10));
    t.same(wide, [], 'nothing sticks out');
    t.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'the page fits the width');
    await browser.screenshot(phone, '09-phone-overview');
    await phone.goto(`${base}/breaches?market=LV&from=2026-03-01&to=2026-03-16`);
    await phone.getByTestId('breach-table').waitFor();
    t.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'wide tables scroll inside their own region');
    await browser.screenshot(phone, '10-phone-breaches');
  });

  await t.test('when compliance takes an open case over by hand, then it needs a note, and the case then shows the manual takeover', async (t) => {
    await staff.goto(`${base}/cases/ee-1`);
    await staff.getByRole('heading', { name: 'Case ee-1' }).waitFor();
    const button = staff.getByRole('button', { name: 'Take over' });
    t.ok(await button.isDisabled(), 'no takeover without a note');
    await staff.getByLabel('Why (kept in the audit log)').fill('Buyer reports a counterfeit; the seller is not answering the phone line');
    await button.click();
    await staff.locator('.facts').getByText('manual at').waitFor();
    t.match(await staff.locator('.facts').textContent(), /taken over.*manual at/s);
    t.match(await staff.getByTestId('obligations').textContent(), /cancelled/);
    t.equal(await staff.getByRole('button', { name: 'Take over' }).count(), 0, 'the form is gone once the case is taken over');
    await staff.goto(`${base}/cases/a-1`);
    await staff.getByRole('heading', { name: 'Case a-1' }).waitFor();
    t.equal(await staff.getByRole('button', { name: 'Take over' }).count(), 0, 'a case taken over on breach offers no manual takeover');
    t.equal(await staff.getByRole('button', { name: 'Withdraw takeover' }).count(), 0, 'nor its withdrawal: the rules took it over');
  });

  await t.test('when compliance withdraws that manual takeover, then it needs a note, and the case is open again with its reply pending', async (t) => {
    await staff.goto(`${base}/cases/ee-1`);
    await staff.getByRole('heading', { name: 'Case ee-1' }).waitFor();
    const button = staff.getByRole('button', { name: 'Withdraw takeover' });
    t.ok(await button.isDisabled(), 'no withdrawal without a note');
    await staff.getByLabel('Why (kept in the audit log)').fill('Wrong case: the counterfeit report was about another order');
    await button.click();
    await staff.getByRole('button', { name: 'Take over' }).waitFor();
    t.notMatch(await staff.locator('.facts').textContent(), /manual at/, 'no takeover shown');
    t.match(await staff.getByTestId('obligations').textContent(), /pending/);
    t.equal(await staff.getByRole('button', { name: 'Withdraw takeover' }).count(), 0, 'the withdrawal form is gone');
  });

  t.same(browser.problems, [], 'no console errors, no content-security-policy violations');
});
