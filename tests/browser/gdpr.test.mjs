// GDPR self-service in the browser: the data page, the JSON download and
// the deletion flow (wrong password, then deletion with removed
// contributions), the privacy and retention pages; zero serious or
// critical axe-core violations on each. The deletion uses a fresh
// account, so the demo's people stay for the other tests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, axe, BASE, PASSWORD, SHOTS } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a resident sees and downloads their data', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'anna@musterstadt.example');
  const failures = [];
  for (const path of ['/profile', '/profile/data', '/profile/delete', '/datenschutz']) {
    const resp = await page.goto(`${BASE}${path}`);
    assert.equal(resp.status(), 200, `${path}: HTTP ${resp.status()}`);
    for (const v of await axe(page)) failures.push(`${path}: ${v}`);
  }
  assert.deepEqual(failures, [], failures.join('\n'));
  await page.goto(`${BASE}/profile/data`);
  assert.ok(await page.getByRole('heading', { name: 'Meine Daten', level: 1 }).isVisible());
  assert.ok(await page.getByText('anna@musterstadt.example').first().isVisible());
  await page.screenshot({ path: `${SHOTS}gdpr-data.png`, fullPage: true });
  // The download link gives the same data as a JSON attachment.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Alle Daten als Datei herunterladen/ }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.json$/);
  const resp = await page.request.get(`${BASE}/profile/export.json`);
  assert.equal(resp.headers()['cache-control'], 'no-store');
  const data = await resp.json();
  assert.equal(data.account.email, 'anna@musterstadt.example');
  assert.ok(Array.isArray(data.proposals) && Array.isArray(data.ballots));
  await context.close();
});

test('a new account is deleted with its contributions removed', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  const email = `loeschen-${Date.now()}@example.org`;
  await page.goto(`${BASE}/signup`);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Anzeigename').fill('Lösch Probe');
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Passwort wiederholen').fill(PASSWORD);
  await page.getByLabel(/Datenschutzhinweise/).check();
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  // Registration signs nobody in (the address is confirmed by mail
  // first); an unconfirmed account may sign in and delete itself.
  await page.getByRole('heading', { name: 'Fast geschafft' }).waitFor();
  await login(page, email);

  await page.goto(`${BASE}/profile`);
  await page.getByRole('link', { name: 'Konto löschen' }).click();
  assert.ok(await page.getByRole('heading', { name: 'Konto löschen', level: 1 }).isVisible());
  // A wrong password: the form again, with the message at the field.
  await page.getByLabel('Ihr Passwort zur Bestätigung').fill('falsches-passwort');
  await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
  assert.ok(await page.getByText('Das Passwort stimmt nicht.').first().isVisible());
  const failures = (await axe(page)).map((v) => `delete form with error: ${v}`);
  assert.deepEqual(failures, [], failures.join('\n'));
  await page.screenshot({ path: `${SHOTS}gdpr-delete-error.png`, fullPage: true });

  await page.getByLabel(/Sie werden entfernt/).check();
  await page.getByLabel('Ihr Passwort zur Bestätigung').fill(PASSWORD);
  await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  assert.ok(await page.getByText('Ihr Konto wurde gelöscht.').isVisible());

  // Signing in again fails.
  await page.goto(`${BASE}/login`);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  assert.ok(page.url().includes('/login'));
  await context.close();
});

test('admins see the retention periods', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'admin@musterstadt.example');
  const resp = await page.goto(`${BASE}/admin/retention`);
  assert.equal(resp.status(), 200);
  assert.ok(await page.getByRole('table', { name: 'Aufbewahrungsfristen' }).isVisible());
  const failures = (await axe(page)).map((v) => `/admin/retention: ${v}`);
  assert.deepEqual(failures, [], failures.join('\n'));
  await context.close();
});
