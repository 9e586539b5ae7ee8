// The main pages, logged out and as citizen and staff, with zero serious
// or critical axe-core violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, axe, BASE, SHOTS } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function firstProposal(page) {
  await page.goto(`${BASE}/processes/radverkehrsnetz-2030`);
  return await page.locator('.proposal-item h3 a').first().getAttribute('href');
}

const publicPages = ['/', '/processes', '/processes/radverkehrsnetz-2030', '/processes/spielplatz-lindenpark', '/processes/zukunft-innenstadt', '/processes/zukunft-innenstadt/opinion', '/processes/zukunft-innenstadt/opinion/results', '/search?q=radweg', '/audit', '/impressum', '/datenschutz', '/barrierefreiheit', '/login', '/register', '/password/forgot', '/data-register', '/data-register?risk_category=high+risk', '/data-register/adaptive-ampelsteuerung-ringstrasse', '/data-register/risikobewertung-bei-sozialleistungen/versions', '/data-register/risikobewertung-bei-sozialleistungen/diff?from=1&to=3', '/data-register/hitzewarnung-fuer-risikogruppen', '/processes/klimaschutzplan-2035', '/processes/klimaschutzplan-2035/evaluation', '/processes/hitzewarnung-mitgestalten'];

for (const [who, email, extra] of [
  ['visitor', null, []],
  ['citizen', 'anna@musterstadt.example', ['/profile', '/processes/radverkehrsnetz-2030/proposals/new']],
  ['staff', 'mobilitaet@musterstadt.example', ['/profile', '/inbox', '/admin', '/admin/processes/new', '/admin/processes/radverkehrsnetz-2030/edit', '/processes/zukunft-innenstadt/opinion/manage', '/data-register/new', '/data-register/adaptive-ampelsteuerung-ringstrasse/edit']],
  ['admin', 'admin@musterstadt.example', ['/admin/users?q=anna', '/admin/verification', '/admin/settings', '/moderation', '/data-register/hitzewarnung-fuer-risikogruppen/processes/new', '/processes/klimaschutzplan-2035/evaluation/edit']],
]) {
  test(`accessibility as ${who}`, async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    if (email) await login(page, email);
    const proposal = await firstProposal(page);
    const failures = [];
    for (const path of [...publicPages, proposal, ...extra]) {
      const resp = await page.goto(`${BASE}${path}`);
      assert.equal(resp.status(), 200, `${who} ${path}: HTTP ${resp.status()}`);
      for (const v of await axe(page)) failures.push(`${who} ${path}: ${v}`);
    }
    await page.goto(`${BASE}${proposal}`);
    await page.screenshot({ path: `${SHOTS}proposal-${who}.png`, fullPage: true });
    await context.close();
    assert.deepEqual(failures, [], failures.join('\n'));
  });
}

test('English pages pass too, and the language switch keeps the page', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(`${BASE}/processes/radverkehrsnetz-2030`);
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(/radverkehrsnetz-2030/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('the register form with errors names each field and passes too', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'mobilitaet@musterstadt.example');
  await page.goto(`${BASE}/data-register/adaptive-ampelsteuerung-ringstrasse/edit`);
  await page.fill('#field-name', '');
  await page.fill('#field-contact_email', 'kaputt');
  await page.click('form[action$="/edit"] button[type=submit]');
  const summary = await page.locator('.error-summary li').allTextContents();
  assert.equal(summary.length, 3, summary.join('\n'));
  assert.equal(await page.getAttribute('#field-contact_email', 'aria-invalid'), 'true');
  assert.deepEqual(await axe(page), []);
  await context.close();
});
