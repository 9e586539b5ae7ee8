// A citizen's whole path through the UI, keyboard included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, BASE, SHOTS } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('skip link moves focus to the main content', async () => {
  const page = await (await browser.newContext({ locale: 'de-DE' })).newPage();
  await page.goto(`${BASE}/`);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.textContent);
  assert.equal(focused.trim(), 'Zum Inhalt springen');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => location.hash), '#main');
  await page.close();
});

test('citizen submits a proposal via the similar-proposals review, supports and comments', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'ben@musterstadt.example');
  await page.goto(`${BASE}/processes/radverkehrsnetz-2030`);
  await page.getByRole('link', { name: 'Vorschlag einreichen' }).click();
  // A validation error keeps the entered text.
  await page.getByLabel('Titel').fill('Fahrradbügel');
  await page.getByRole('button', { name: 'Vorschlag absenden' }).click();
  assert.match(await page.locator('.error-summary').innerText(), /Beschreibung/);
  assert.equal(await page.getByLabel('Titel').inputValue(), 'Fahrradbügel');
  await page.getByLabel('Titel').fill('Mehr Fahrradbügel an der Hauptstraße beim Rathaus');
  await page.getByLabel('Beschreibung').fill('Vor dem Rathaus fehlen Fahrradbügel, die Räder stehen an Laternen und Zäunen.');
  await page.getByRole('button', { name: 'Vorschlag absenden' }).click();
  // Similar proposals are suggested before anything is written.
  await page.getByRole('heading', { name: 'Gibt es das schon?' }).waitFor();
  assert.ok(await page.locator('.similar li').count() > 0);
  await page.getByRole('button', { name: 'Trotzdem absenden' }).click();
  await page.getByText('Ihr Vorschlag ist eingereicht').waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Mehr Fahrradbügel an der Hauptstraße beim Rathaus');
  await page.getByRole('button', { name: 'Unterstützen' }).click();
  await page.getByText('Danke für Ihre Unterstützung').waitFor();
  assert.match(await page.locator('.counts').first().innerText(), /1 Unterstützung/);
  await page.getByLabel('Ihr Kommentar').fill('Ich ergänze: auch überdachte Bügel wären gut.');
  await page.getByRole('button', { name: 'Kommentar senden' }).click();
  await page.getByText('auch überdachte Bügel').waitFor();
  await page.screenshot({ path: `${SHOTS}citizen-flow.png`, fullPage: true });
  await context.close();
});

test('staff answer from the inbox and the answer is public', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'mobilitaet@musterstadt.example');
  await page.goto(`${BASE}/inbox`);
  const overdue = await page.locator('tr.overdue-row').count();
  assert.ok(overdue >= 1, 'the demo has overdue proposals');
  await page.locator('tbody tr a').first().click();
  await page.getByLabel('Stand').selectOption('rejected');
  await page.getByLabel('Öffentliche Antwort').fill('Die Straße ist eine Landesstraße; wir haben den Vorschlag an das Land weitergegeben.');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await page.getByText('Gespeichert.').waitFor();
  const url = page.url().split('?')[0];
  const visitor = await (await browser.newContext({ locale: 'de-DE' })).newPage();
  await visitor.goto(url);
  await visitor.getByText('Landesstraße; wir haben den Vorschlag').waitFor();
  assert.match(await visitor.locator('.answer-box').innerText(), /Landesstraße/);
  await visitor.close();
  await context.close();
});
