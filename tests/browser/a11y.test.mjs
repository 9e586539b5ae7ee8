// The main pages, logged out and as citizen and staff, with zero serious
// or critical axe-core violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, axe, BASE, SHOTS, PASSWORD } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function firstProposal(page) {
  await page.goto(`${BASE}/processes/radverkehrsnetz-2030`);
  return await page.locator('.proposal-item h3 a').first().getAttribute('href');
}

// The demo's mobility goal (impact goals, Wirkungsziele).
const GOAL = 'weniger-parksuchverkehr-und-mehr-bus-und-rad-in-der';

const publicPages = ['/', '/processes', '/processes/radverkehrsnetz-2030', '/processes/spielplatz-lindenpark', '/processes/zukunft-innenstadt', '/processes/zukunft-innenstadt/opinion', '/processes/zukunft-innenstadt/opinion/results', '/search?q=radweg', '/audit', '/impressum', '/datenschutz', '/barrierefreiheit', '/login', '/signup', '/password/forgot', '/data-register', '/data-register?risk_category=high+risk', '/data-register/adaptive-ampelsteuerung-ringstrasse', '/data-register/risikobewertung-bei-sozialleistungen', '/data-register/risikobewertung-bei-sozialleistungen/versions', '/data-register/risikobewertung-bei-sozialleistungen/diff?from=1&to=3', '/data-register/vorpruefung-von-wohngeldantraegen', '/data-register/parkraumsensoren-und-parkleitsystem-innenstadt', '/goals', `/goals/${GOAL}`, '/data-register/hitzewarnung-fuer-risikogruppen', '/processes/klimaschutzplan-2035', '/processes/klimaschutzplan-2035/evaluation', '/processes/hitzewarnung-mitgestalten'];

for (const [who, email, extra] of [
  ['visitor', null, []],
  ['citizen', 'anna@musterstadt.example', ['/profile', '/processes/radverkehrsnetz-2030/proposals/new', '/data-register/vorpruefung-von-wohngeldantraegen/questions/new?kind=objection']],
  ['staff', 'mobilitaet@musterstadt.example', ['/profile', '/inbox', '/admin', '/admin/processes/new', '/admin/processes/radverkehrsnetz-2030/edit', '/processes/zukunft-innenstadt/opinion/manage', '/data-register/new', '/data-register/adaptive-ampelsteuerung-ringstrasse/edit', '/council', '/data-register/adaptive-ampelsteuerung-ringstrasse/council-review', '/data-register/adaptive-ampelsteuerung-ringstrasse/questions/record', '/goals/new', `/goals/${GOAL}/edit`, `/goals/${GOAL}/manage`, `/goals/${GOAL}/indicators/new`]],
  ['admin', 'admin@musterstadt.example', ['/admin/users?q=anna', '/admin/verification', '/admin/settings', '/moderation', '/admin/council', '/data-register/import', '/inbox', '/admin/objection-deadline', '/data-register/hitzewarnung-fuer-risikogruppen/processes/new', '/processes/klimaschutzplan-2035/evaluation/edit']],
]) {
  test(`accessibility as ${who}`, async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    if (email) await login(page, email);
    const proposal = await firstProposal(page);
    const failures = [];
    // The Content-Security-Policy refuses nothing the pages use.
    page.on('console', (m) => {
      if (/Refused to|Content Security Policy/i.test(m.text())) failures.push(`${who} ${page.url()}: ${m.text()}`);
    });
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

test('the data council\'s inbox and review pages pass, also with form errors', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'beirat@musterstadt.example');
  const failures = [];
  let resp = await page.goto(`${BASE}/council`);
  assert.equal(resp.status(), 200);
  for (const v of await axe(page)) failures.push(`/council: ${v}`);
  // The open review of the adaptive traffic lights (discussion in progress).
  const href = await page.locator('a[href^="/council/reviews/"]', { hasText: 'Ampelsteuerung' }).first().getAttribute('href');
  resp = await page.goto(`${BASE}${href}`);
  assert.equal(resp.status(), 200);
  for (const v of await axe(page)) failures.push(`${href}: ${v}`);
  // A conditional vote without conditions: the error names the field.
  await page.check('input[name=vote][value=approve_with_conditions]');
  await page.fill('#conditions', '');
  await page.click('form[action$="/vote"] button[type=submit]');
  assert.equal(await page.getAttribute('#conditions', 'aria-invalid'), 'true');
  assert.equal(await page.locator('.error-summary li').count(), 1);
  for (const v of await axe(page)) failures.push(`${href} (errors): ${v}`);
  await page.screenshot({ path: `${SHOTS}council-review.png`, fullPage: true });
  // A closed review with the administration's answer.
  await page.goto(`${BASE}/council`);
  const closed = await page.locator('a[href^="/council/reviews/"]', { hasText: 'Risikobewertung' }).first().getAttribute('href');
  resp = await page.goto(`${BASE}${closed}`);
  assert.equal(resp.status(), 200);
  for (const v of await axe(page)) failures.push(`${closed}: ${v}`);
  await context.close();
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('the indicator form with errors names each field and passes too', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await login(page, 'mobilitaet@musterstadt.example');
  await page.goto(`${BASE}/goals/${GOAL}/indicators/new`);
  await page.fill('#field-name', 'Radwege');
  await page.fill('#field-key', 'Radwege Neu');
  await page.fill('#field-baseline_value', 'viel');
  await page.click('form[action$="/indicators"] button[type=submit]');
  const summary = await page.locator('.error-summary li').allTextContents();
  assert.ok(summary.length >= 5, summary.join('\n'));
  assert.equal(await page.getAttribute('#field-key', 'aria-invalid'), 'true');
  assert.deepEqual(await axe(page), []);
  // The edit form of an existing indicator, with its delete section.
  await page.goto(`${BASE}/goals/${GOAL}/manage`);
  await page.getByRole('link', { name: /Kennzahl bearbeiten/ }).first().click();
  await page.waitForURL(/\/indicators\/\d+\/edit$/);
  assert.deepEqual(await axe(page), []);
  // A measurement with errors, shown at the indicator's form.
  await page.goto(`${BASE}/goals/${GOAL}/manage`);
  const form = page.locator('form[action$="/measurements"]').first();
  await form.locator('input[name=value]').fill('viel');
  await form.locator('button[type=submit]').click();
  assert.ok(await page.locator('.field-error').count() >= 1);
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('redirect parameters do not leave the site (tab, backslash, encoded)', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  const elsewhere = [];
  page.on('request', (r) => { if (new URL(r.url()).origin !== new URL(BASE).origin) elsewhere.push(r.url()); });
  for (const path of ['/lang/de?back=/%09/evil.example', '/lang/de?back=/%5Cevil.example', '/lang/de?back=//evil.example', '/lang/de?back=/%2F%2Fevil.example']) {
    await page.goto(`${BASE}${path}`);
    assert.equal(new URL(page.url()).origin, new URL(BASE).origin, path);
  }
  // The login form's next: signing in stays here too.
  await page.goto(`${BASE}/login?next=/%09/evil.example`);
  await page.getByLabel('E-Mail-Adresse').fill('anna@musterstadt.example');
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  assert.equal(new URL(page.url()).origin, new URL(BASE).origin);
  assert.deepEqual(elsewhere, []);
  await context.close();
});
