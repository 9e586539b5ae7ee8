// The open data catalog: staff create a dataset through the form (a first
// attempt with errors names each field and passes axe-core), add a CSV
// file, and the catalog, the dataset page and the form pass axe-core.
// The demo may have no datasets yet, so the test makes its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, axe, BASE } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TITLE = `Baumkataster Browsertest ${Date.now()}`;
let datasetPath;

test('staff create a dataset through the form, errors first', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'gruen@musterstadt.example');
  await page.goto(`${BASE}/daten/neu`);
  assert.deepEqual(await axe(page), []);
  // Without title, description and theme: each is named.
  await page.fill('#field-title', '');
  await page.click('form[action="/daten/neu"] button[type=submit]');
  const summary = await page.locator('.error-summary li').allTextContents();
  assert.ok(summary.length >= 3, summary.join('\n'));
  assert.equal(await page.getAttribute('#field-title', 'aria-invalid'), 'true');
  assert.deepEqual(await axe(page), []);
  // Filled in, it is saved and shown.
  await page.fill('#field-title', TITLE);
  await page.fill('#field-description', 'Alle Straßenbäume der Stadt mit Art, Pflanzjahr und Standort.');
  await page.fill('#field-keywords', 'Bäume, Grün');
  await page.getByLabel('Umwelt', { exact: true }).check();
  await page.click('form[action="/daten/neu"] button[type=submit]');
  await page.waitForURL(/\/daten\/baumkataster-browsertest-\d+\?notice=/);
  datasetPath = new URL(page.url()).pathname;
  assert.equal(await page.locator('h1').innerText(), TITLE);
  // A CSV file: the format comes from its extension.
  await page.getByRole('link', { name: 'Datei oder Link hinzufügen' }).first().click();
  assert.deepEqual(await axe(page), []);
  await page.setInputFiles('#field-file', {
    name: 'baeume.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('art;pflanzjahr\nLinde;1998\nEiche;2005\n'),
  });
  await page.click('form[enctype="multipart/form-data"] button[type=submit]');
  await page.waitForURL(/notice=notice-catalog-file-added/);
  const files = await page.locator('#dateien').locator('..').innerText();
  assert.match(files, /CSV \(Tabelle\)/);
  assert.match(files, /Datenlizenz Deutschland – Namensnennung 2\.0/);
  await context.close();
});

test('the catalog and a dataset page pass axe-core', async () => {
  assert.ok(datasetPath, 'the dataset of the first test');
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(`${BASE}/daten`);
  assert.match(await page.locator('[role=status]').first().innerText(), /Datens(atz|ätze) gefunden/);
  assert.deepEqual(await axe(page), []);
  // The theme facet narrows the list to the new dataset.
  await page.locator('nav.facets a', { hasText: 'Umwelt' }).first().click();
  await page.waitForURL(/theme=ENVI/);
  await page.getByRole('link', { name: TITLE }).waitFor();
  assert.deepEqual(await axe(page), []);
  await page.goto(`${BASE}${datasetPath}`);
  assert.match(await page.locator('main').innerText(), /Prüfsumme \(SHA-256\)/);
  assert.deepEqual(await axe(page), []);
  await context.close();
});
