// Data requests of the open data catalog: a resident asks (the form with
// errors names each field and passes axe-core, then the request is
// saved), staff answer it on the request page, and the list shows the
// answer's status and passes axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, axe, BASE } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TITLE = `Baumkataster ${Date.now()}`;

test('a resident asks for data; staff answer; the list shows it', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'ben@musterstadt.example');
  await page.goto(`${BASE}/daten/anfragen/neu`);
  assert.deepEqual(await axe(page), []);
  await page.fill('#request_what', 'kurz');
  await page.click('form[action="/daten/anfragen"] button[type=submit]');
  const summary = await page.locator('.error-summary li').allTextContents();
  assert.equal(summary.length, 2, summary.join('\n'));
  assert.equal(await page.getAttribute('#request_title', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue('#request_what'), 'kurz');
  assert.deepEqual(await axe(page), []);
  await page.fill('#request_title', TITLE);
  await page.fill('#request_what', 'Alle Straßenbäume mit Art, Pflanzjahr und Standort.');
  await page.fill('#request_why', 'Für eine Karte der Schattenplätze.');
  await page.click('form[action="/daten/anfragen"] button[type=submit]');
  await page.waitForURL(/\/daten\/anfragen\/\d+\?notice=/);
  const requestUrl = page.url().split('?')[0];
  assert.match(await page.locator('main').innerText(), /Antwort bis \d{2}\.\d{2}\.\d{4}/);
  await context.close();

  const staff = await browser.newContext({ locale: 'de-DE' });
  const sp = await staff.newPage();
  await login(sp, 'admin@musterstadt.example');
  await sp.goto(requestUrl);
  await sp.getByLabel('Abgelehnt').check();
  await sp.fill('#request_answer', 'Ein Baumkataster wird erst 2028 digital geführt.');
  await sp.click('form[action$="/antwort"] button[type=submit]');
  await sp.waitForURL(/\?notice=/);
  assert.match(await sp.locator('#antwort').innerText(), /Abgelehnt/);
  await sp.goto(`${BASE}/daten/anfragen?status=refused`);
  const row = sp.locator('tbody tr', { hasText: TITLE });
  assert.match(await row.innerText(), /Abgelehnt/);
  assert.deepEqual(await axe(sp), []);
  await staff.close();
});
