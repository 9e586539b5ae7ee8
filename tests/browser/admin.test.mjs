// The municipality's settings page (issue #11): every section passes
// axe-core; a brand colour with too little contrast is refused with the
// ratio, next to the field, and the entered value stays; a taken host
// name is refused. Nothing is saved, so the other tests see the demo as
// it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, axe, BASE } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the settings page passes axe and names every section', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'admin@musterstadt.example');
  await page.goto(`${BASE}/admin/settings`);
  for (const name of ['Kommune', 'Hostnamen', 'Logo', 'Ämter', 'Rechtliche Texte']) {
    await page.getByRole('heading', { name, exact: true }).waitFor();
  }
  assert.equal(await page.inputValue('#municipality_name'), 'Musterstadt');
  assert.ok(await page.locator('form[action$="/merge"]').count() > 0);
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('a colour with too little contrast is refused with its ratio', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'admin@musterstadt.example');
  await page.goto(`${BASE}/admin/settings`);
  await page.fill('#brand_primary', '#ffcc00');
  await page.fill('#ars', '12345');
  await page.click('form[action="/admin/settings/profile"] button[type=submit]');
  await page.locator('#brand_primary-error').waitFor();
  assert.match(await page.locator('#brand_primary-error').innerText(), /Kontrast ist zu gering: 1,3:1.*mindestens 4,5:1/);
  assert.equal(await page.getAttribute('#brand_primary', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#brand_primary', 'aria-describedby'), /brand_primary-error/);
  assert.equal(await page.inputValue('#brand_primary'), '#ffcc00');
  assert.match(await page.locator('#ars-error').innerText(), /12 Ziffern/);
  assert.deepEqual(await axe(page), []);
  // Nothing was saved: the home page has no brand stylesheet.
  await page.goto(`${BASE}/`);
  assert.equal(await page.locator('link[href^="/brand.css"]').count(), 0);
  await context.close();
});

test('a host name of the form is checked', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'admin@musterstadt.example');
  await page.goto(`${BASE}/admin/settings`);
  await page.fill('#host', 'https://beteiligung.example/pfad');
  await page.click('form[action="/admin/settings/hosts"] button[type=submit]');
  await page.locator('#host-error').waitFor();
  assert.match(await page.locator('#host-error').innerText(), /ist kein Hostname/);
  assert.equal(await page.getAttribute('#host', 'aria-invalid'), 'true');
  assert.deepEqual(await axe(page), []);
  await context.close();
});
