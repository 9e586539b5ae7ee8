// Two-factor authentication in the browser (the pages have no scripts;
// JavaScript is on only for axe-core): set it up from the profile (the code is computed here from the
// secret shown as text, with node:crypto's HMAC-SHA-1 as an authenticator
// app would), log out, log in with password and code, and turn it off
// again with a recovery code; axe-core on every page on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { launch, axe, BASE, PASSWORD } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// A demo account no other browser test uses.
const EMAIL = 'digital@musterstadt.example';

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/\s/g, '').toUpperCase()) {
    const v = alphabet.indexOf(c);
    assert.ok(v >= 0, `not base32: ${c}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 (HOTP of the 30-second step), 6 digits, HMAC-SHA-1. */
function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
}

const stepNow = () => Math.floor(Date.now() / 1000 / 30);

async function noViolations(page, where) {
  assert.deepEqual(await axe(page), [], where);
}

test('set up two-factor authentication, log in with a code, turn it off', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  // Password step (no second factor yet).
  await page.goto(`${BASE}/login`);
  await page.getByLabel('E-Mail-Adresse').fill(EMAIL);
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));

  await page.goto(`${BASE}/profile`);
  await noViolations(page, 'profile');
  await page.getByRole('link', { name: 'Zwei-Faktor-Anmeldung einrichten' }).click();
  await page.waitForURL(/\/profile\/twofactor$/);
  await noViolations(page, 'setup start');
  await page.getByRole('button', { name: 'Zwei-Faktor-Anmeldung einrichten' }).click();
  await page.waitForURL(/\/profile\/twofactor#confirm$/);
  // The QR code is an image the browser can draw; the key is text.
  // Nothing on the setup needs JavaScript.
  assert.equal(await page.locator('script').count(), 0, 'no scripts on the setup page');
  const qr = page.locator('img[src="/profile/twofactor/qr.svg"]');
  await qr.waitFor();
  assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code renders');
  const shown = await page.locator('#twofactor-secret').innerText();
  assert.match(shown, /^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  const secret = base32(shown);
  assert.equal(secret.length, 20);
  await noViolations(page, 'setup with QR code');
  const first = stepNow();
  await page.getByLabel('Code', { exact: true }).fill(totp(secret, first));
  await page.getByRole('button', { name: 'Bestätigen und einschalten' }).click();
  await page.getByRole('heading', { name: 'Ihre Wiederherstellungscodes' }).waitFor();
  const codes = await page.locator('#recovery-codes code').allTextContents();
  assert.equal(codes.length, 10);
  await noViolations(page, 'recovery codes');

  // Log out, then in: the password alone leads to the code form.
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await page.goto(`${BASE}/login`);
  await page.getByLabel('E-Mail-Adresse').fill(EMAIL);
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL(/\/login\/code/);
  await noViolations(page, 'code form');
  // A wrong code is named at the field.
  const right = totp(secret, first + 1);
  await page.getByLabel('Code', { exact: true }).fill(right === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  assert.match(await page.locator('#otp-error').innerText(), /stimmt nicht/);
  await noViolations(page, 'code form with error');
  // The next step's code (one step of drift is accepted; the step of the
  // setup's code is used up).
  await page.getByLabel('Code', { exact: true }).fill(totp(secret, Math.max(first + 1, stepNow())));
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));

  // Turn it off with the password and a recovery code.
  await page.goto(`${BASE}/profile/twofactor`);
  assert.match(await page.locator('main').innerText(), /Unbenutzte Wiederherstellungscodes: 10\./);
  await noViolations(page, 'manage');
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Code', { exact: true }).fill(codes[0]);
  await page.getByRole('button', { name: 'Ausschalten' }).click();
  await page.waitForURL(/notice=notice-twofactor-off/);
  assert.match(await page.locator('main').innerText(), /ausgeschaltet/);
  await noViolations(page, 'after turning off');
  await context.close();
});
