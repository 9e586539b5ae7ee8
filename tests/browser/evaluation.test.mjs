// The evaluation of a closed process: readable in print (no navigation,
// link targets printed, tables kept), and the staff form with errors names
// each field and passes axe. The entry page shows its participation by
// lifecycle phase.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, axe, BASE } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the evaluation page prints without navigation and with link targets', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(`${BASE}/processes/klimaschutzplan-2035/evaluation`);
  assert.match(await page.locator('h1').textContent(), /Auswertung: Klimaschutzplan 2035/);
  assert.ok(await page.locator('.site-header').isVisible());
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false);
  assert.equal(await page.locator('#exports-heading').isVisible(), false);
  const after = await page.locator('.evaluation-page .prose a, .evaluation-page .lessons a').evaluateAll(
    (links) => links.map((a) => getComputedStyle(a, '::after').content));
  assert.ok(after.length > 0, 'the lessons link to the register entry');
  for (const content of after) assert.match(content, /\(\/data-register\//);
  const border = await page.locator('.evaluation-page td').first().evaluate((td) => getComputedStyle(td).borderTopStyle);
  assert.equal(border, 'solid');
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('the evaluation form with errors names each field and passes axe', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'gruen@musterstadt.example');
  await page.goto(`${BASE}/processes/klimaschutzplan-2035/evaluation/edit`);
  await page.fill('#lessons', '');
  await page.click('form[action$="/evaluation"] button[type=submit]');
  const summary = await page.locator('.error-summary li').allTextContents();
  assert.equal(summary.length, 2, summary.join('\n'));
  assert.equal(await page.getAttribute('#lessons', 'aria-invalid'), 'true');
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('the entry page shows participation by lifecycle phase', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(`${BASE}/data-register/hitzewarnung-fuer-risikogruppen`);
  const phases = await page.locator('.lifecycle-phases h3').allTextContents();
  assert.deepEqual(phases, ['Phase „geplant“', 'Phase „in Gestaltung“']);
  await page.getByRole('link', { name: 'Hitzewarnung mitgestalten' }).click();
  await page.waitForURL(/hitzewarnung-mitgestalten/);
  assert.ok(await page.getByRole('link', { name: 'Hitzewarnung für Risikogruppen' }).isVisible());
  await context.close();
});
