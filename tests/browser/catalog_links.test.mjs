// Questions on a dataset of the open data catalog: the dataset page shows
// what the data is used for and the question form; the form with errors
// names each field and passes axe-core; a filled-in question is published
// on the page; the dataset's staff see the answer form. Uses the demo's
// dataset "radverkehrszaehlungen" (created by the catalog demo, linked by
// `catalog::links::demo_links`); skipped while the catalog has no dataset
// pages (a branch without the pages part).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, axe, BASE } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const DATASET = '/daten/radverkehrszaehlungen';

async function present() {
  const r = await fetch(`${BASE}${DATASET}`);
  return r.status === 200;
}

test('a dataset page with its data uses and the question form passes axe', async (t) => {
  if (!(await present())) { t.skip('no dataset page in this build'); return; }
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(`${BASE}${DATASET}`);
  const uses = page.locator('#nutzung');
  assert.match(await uses.innerText(), /Wofür diese Daten genutzt werden/);
  assert.match(await uses.innerText(), /Adaptive Ampelsteuerung/);
  assert.match(await page.locator('#fragen').innerText(), /Anmelden/);
  assert.deepEqual(await axe(page), []);

  await login(page, 'ben@musterstadt.example');
  await page.goto(`${BASE}${DATASET}#fragen`);
  // Sent too short: the form page names the field and keeps the text.
  await page.fill('#question_text', 'Warum?');
  await page.click('form[action$="/fragen"] button[type=submit]');
  const summary = await page.locator('.error-summary li').allTextContents();
  assert.equal(summary.length, 1, summary.join('\n'));
  assert.equal(await page.getAttribute('#question_text', 'aria-invalid'), 'true');
  assert.deepEqual(await axe(page), []);
  await page.fill('#question_text', 'Werden die Zählstellen auch im Winter gewartet und weiter gezählt?');
  await page.click('form[action$="/fragen"] button[type=submit]');
  await page.waitForURL(/daten\/radverkehrszaehlungen\?notice=/);
  assert.match(await page.locator('#fragen').innerText(), /im Winter gewartet/);
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('the staff of a data use reading the dataset can answer', async (t) => {
  if (!(await present())) { t.skip('no dataset page in this build'); return; }
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'mobilitaet@musterstadt.example');
  await page.goto(`${BASE}${DATASET}#fragen`);
  assert.ok(await page.locator('#fragen form[action*="/antwort"]').count() >= 1);
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('the goal page names each indicator\'s source dataset; the manager\'s selects pass axe', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'admin@musterstadt.example');
  await page.goto(`${BASE}/goals`);
  await page.locator('main a[href^="/goals/"]:not([href="/goals/new"])').first().click();
  const section = page.locator('#datenquellen');
  assert.match(await section.innerText(), /Datenquellen der Indikatoren/);
  assert.ok(await section.locator('select[name="dataset_id"]').count() >= 1);
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('a register entry lists the datasets it reads and passes axe', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'mobilitaet@musterstadt.example');
  await page.goto(`${BASE}/data-register/adaptive-ampelsteuerung-ringstrasse`);
  assert.match(await page.locator('#datensaetze').innerText(), /Gelesene Datensätze/);
  assert.deepEqual(await axe(page), []);
  await context.close();
});
