// The opinion map in a real browser: voting with the script (the section is
// replaced in place and focus moves to the next statement), voting without
// JavaScript (plain form posts), and the background analysis placing the
// participant in a group.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE, SHOTS } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const MAP = `${BASE}/processes/zukunft-innenstadt/opinion`;

async function progress(page) {
  const text = await page.locator('#vote-heading').innerText();
  const m = text.match(/Aussage (\d+) von (\d+)/);
  assert.ok(m, `progress heading: ${text}`);
  return [Number(m[1]), Number(m[2])];
}

test('with JavaScript a vote replaces the statement in place and moves focus', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(MAP);
  const [first, total] = await progress(page);
  assert.equal(first, 1);
  const statement = await page.locator('.statement-card').innerText();
  let navigated = false;
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigated = true; });
  await page.getByRole('button', { name: 'Stimme zu' }).click();
  await page.waitForFunction(() => /Aussage 2 von/.test(document.querySelector('#vote-heading')?.textContent || ''));
  assert.equal(navigated, false, 'no page load');
  assert.notEqual(await page.locator('.statement-card').innerText(), statement);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'vote-heading');
  assert.equal((await progress(page))[1], total);
  // Keyboard only: Tab to the buttons and vote.
  await page.getByRole('button', { name: 'Lehne ab' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /Aussage 3 von/.test(document.querySelector('#vote-heading')?.textContent || ''));
  await context.close();
});

test('without JavaScript the plain forms work, votes can be changed, and the analysis places the voter in a group', async () => {
  const context = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(MAP);
  const [, total] = await progress(page);
  for (let i = 1; i <= 9; i++) {
    await page.getByRole('button', { name: i % 3 === 0 ? 'Lehne ab' : 'Stimme zu' }).click();
    await page.getByText('Ihre Stimme ist gespeichert.').waitFor();
  }
  assert.equal((await progress(page))[0], 10);
  assert.ok(total >= 10);
  // Change the first vote from the list of one's votes.
  await page.getByText(/Ihre Stimmen \(9\)/).click();
  await page.getByRole('link', { name: /Stimme ändern/ }).first().click();
  await page.getByText('Ihre bisherige Stimme').waitFor();
  await page.getByRole('button', { name: 'Weiß nicht / überspringen' }).click();
  await page.getByText('Ihre Stimme ist gespeichert.').waitFor();
  // The background job analyses after a quiet moment (3 s); the results
  // page then shows this browser's group.
  let found = false;
  for (let i = 0; i < 30 && !found; i++) {
    await page.goto(`${MAP}/results`);
    found = (await page.getByText(/Sie gehören zu Gruppe [A-E]/).count()) > 0;
    if (!found) await page.waitForTimeout(1000);
  }
  assert.ok(found, 'the results page names the voter\'s group');
  assert.ok(await page.locator('figure.opinion-map svg circle, figure.opinion-map svg rect, figure.opinion-map svg polygon').count() > 100);
  await page.screenshot({ path: `${SHOTS}opinion-results.png`, fullPage: true });
  await context.close();
});
