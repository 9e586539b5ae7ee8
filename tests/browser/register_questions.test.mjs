// Questions and objections on a register entry: the overdue objection is
// marked in words, the objection form with errors names each field and
// passes axe-core, following toggles, and the staff inbox lists the
// register's open submissions with the overdue one first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, axe, BASE } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const HOUSING = '/data-register/vorpruefung-von-wohngeldantraegen';

test('an overdue objection reads as overdue, not only by colour', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(`${BASE}${HOUSING}`);
  const section = page.locator('#questions');
  assert.match(await section.innerText(), /überfällig seit \d{2}\.\d{2}\.\d{4}/);
  assert.match(await section.innerText(), /Anmelden/);
  await context.close();
});

test('the objection form with errors names each field and passes axe', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'ben@musterstadt.example');
  await page.goto(`${BASE}${HOUSING}/questions/new?kind=objection`);
  await page.click('form[action$="/questions"] button[type=submit]');
  const summary = await page.locator('.error-summary li').allTextContents();
  assert.equal(summary.length, 2, summary.join('\n'));
  assert.equal(await page.getAttribute('#question_text', 'aria-invalid'), 'true');
  assert.deepEqual(await axe(page), []);
  // Filled in, it is published on the entry.
  await page.selectOption('#question_aspect', 'data');
  await page.fill('#question_text', 'Bitte erklären Sie, welche Einkommensdaten die Vorprüfung liest.');
  await page.click('form[action$="/questions"] button[type=submit]');
  await page.waitForURL(/data-register\/vorpruefung-von-wohngeldantraegen\?notice=/);
  assert.match(await page.locator('#questions').innerText(), /welche Einkommensdaten/);
  // Following toggles.
  const follow = page.getByRole('button', { name: 'Folgen', exact: true });
  if (await follow.count()) await follow.click();
  await page.getByRole('button', { name: 'Nicht mehr folgen' }).waitFor();
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('the inbox lists the overdue objection first', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'admin@musterstadt.example');
  await page.goto(`${BASE}/inbox`);
  const rows = page.locator('section[aria-labelledby="inbox-register-heading"] tbody tr');
  assert.ok(await rows.count() >= 2);
  assert.match(await rows.first().innerText(), /überfällig seit/);
  assert.deepEqual(await axe(page), []);
  await context.close();
});
