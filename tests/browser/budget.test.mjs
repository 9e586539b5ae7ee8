// Participatory budgeting in the browser: the voting and results pages
// with zero serious or critical axe-core violations, the knapsack ballot's
// remaining money updating live with JavaScript, the same ballot working
// without JavaScript, and the receipt code shown after voting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, axe, BASE, SHOTS } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The href of the first budget on a process's budget overview. */
async function budgetHref(page, slug, name) {
  await page.goto(`${BASE}/processes/${slug}/budgets`);
  return await page.getByRole('link', { name, exact: true }).getAttribute('href');
}

test('budget pages are accessible for visitors, residents and staff', async () => {
  const failures = [];
  for (const [who, email] of [['visitor', null], ['citizen', 'anna@musterstadt.example'], ['staff', 'mobilitaet@musterstadt.example']]) {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    if (email) await login(page, email);
    const city = await budgetHref(page, 'buergerhaushalt-2027', 'Gesamtstadt');
    const youth = await budgetHref(page, 'jugendbudget-2027', 'Jugendbudget');
    const paths = [
      '/processes/buergerhaushalt-2027/budgets',
      `${city}/results`,
      city,
      '/processes/jugendbudget-2027/budgets',
      youth,
    ];
    if (who === 'staff') paths.push('/processes/buergerhaushalt-2027/budgets/manage', `${city}/paper`);
    for (const path of paths) {
      const resp = await page.goto(`${BASE}${path}`);
      assert.equal(resp.status(), 200, `${who} ${path}: HTTP ${resp.status()}`);
      for (const v of await axe(page)) failures.push(`${who} ${path}: ${v}`);
    }
    await page.goto(`${BASE}${city}/results`);
    await page.screenshot({ path: `${SHOTS}budget-results-${who}.png`, fullPage: true });
    await context.close();
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('the results page explains the rule and lists receipt hashes', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  const city = await budgetHref(page, 'buergerhaushalt-2027', 'Gesamtstadt');
  await page.goto(`${BASE}${city}/results`);
  assert.ok(await page.getByRole('img', { name: /Stimmen je Projekt/ }).isVisible());
  assert.ok(await page.getByRole('heading', { name: /Methode der gleichen Anteile/ }).isVisible());
  assert.ok((await page.locator('table.budget-results tbody tr').count()) >= 10);
  // The list is in a closed <details>; its text is there all the same.
  assert.match((await page.locator('ol.hashes li').first().textContent()).trim(), /^[0-9a-f]{64}$/);
  await context.close();
});

test('a resident votes with the remaining money updating live and gets a receipt', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'anna@musterstadt.example');
  const youth = await budgetHref(page, 'jugendbudget-2027', 'Jugendbudget');
  await page.goto(`${BASE}${youth}`);
  const status = page.locator('#ballot-status');
  // Start from an empty ballot (a rerun finds the earlier one ticked).
  for (const cb of await page.locator('input[name="project"]').all()) await cb.uncheck();
  assert.match(await status.innerText(), /Noch verfügbar: 30\.000/);
  await page.getByLabel(/Beachvolleyballfeld/).check();
  assert.match(await status.innerText(), /Noch verfügbar: 12\.000/);
  await page.getByLabel(/Bandproberaum/).check();
  await page.getByLabel(/Graffiti-Wand/).check();
  assert.match(await status.innerText(), /6\.000\s€ teurer als das Budget/);
  await page.getByLabel(/Graffiti-Wand/).uncheck();
  assert.match(await status.innerText(), /Noch verfügbar: 0/);
  await page.getByLabel('Geburtsdatum').fill('2008-05-17');
  await page.getByRole('button', { name: /Stimme (abgeben|ändern)/ }).click();
  await page.waitForSelector('#receipt-code');
  assert.match(await page.locator('#receipt-code').innerText(), /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: `${SHOTS}budget-receipt.png`, fullPage: true });
  await context.close();
});

test('without JavaScript the ballot recalculates on the server', async () => {
  const context = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, 'anna@musterstadt.example');
  const youth = await budgetHref(page, 'jugendbudget-2027', 'Jugendbudget');
  await page.goto(`${BASE}${youth}`);
  for (const cb of await page.locator('input[name="project"]').all()) await cb.uncheck();
  await page.getByLabel(/WLAN im Jugendtreff/).check();
  await page.getByLabel(/Beachvolleyballfeld/).check();
  await Promise.all([
    page.waitForURL(/\/ballot$/),
    page.getByRole('button', { name: 'Neu berechnen' }).click(),
  ]);
  assert.match(await page.locator('#ballot-status').innerText(), /Noch verfügbar: 8\.000/);
  assert.ok(await page.getByLabel(/WLAN im Jugendtreff/).isChecked());
  await context.close();
});
