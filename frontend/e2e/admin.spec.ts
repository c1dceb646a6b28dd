// An administrator creates a physician; the physician sets up a second factor, then signs in
// through the login page with a code computed here from the secret, as an authenticator app would.
import { createHmac } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { PASSWORD } from './helpers';

/** RFC 6238 code of a base32 secret at time t (SHA-1, six digits, 30-second steps). */
function totp(secret: string, t = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(t / 1000 / 30)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

test('an admin creates a physician who signs in with a TOTP code', async ({ browser }) => {
  const username = `dr.e2e${Date.now() % 1_000_000}`;
  const newPassword = 'physician-e2e-2026';

  const admin = await (await browser.newContext()).request;
  const s = await (await admin.post('/api/session', { data: { username: 'admin', password: PASSWORD } })).json();
  const created = await admin.post('/api/users', {
    headers: { 'X-CSRF-Token': s.csrf_token },
    data: { username, name: 'Dr E2E Test', role: 'physician', site_code: 'KGL', password: newPassword },
  });
  expect(created.status()).toBe(201);

  const doc = await (await browser.newContext()).request;
  const ds = await (await doc.post('/api/session', { data: { username, password: newPassword } })).json();
  const enrol = await (await doc.post('/api/session/second-factor', { headers: { 'X-CSRF-Token': ds.csrf_token } })).json();
  expect(enrol.qr_code).toMatch(/^data:image\/png;base64,/);
  const confirmed = await doc.post('/api/session/second-factor/confirm', {
    headers: { 'X-CSRF-Token': ds.csrf_token }, data: { code: totp(enrol.secret) },
  });
  expect(confirmed.status()).toBe(200);
  expect((await confirmed.json()).recovery_codes).toHaveLength(10);

  // A code is used once: sign in with the next step's code (accepted one step ahead).
  const page = await (await browser.newContext()).newPage();
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(newPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Your account uses a second factor')).toBeVisible();
  await page.getByLabel('Code from your authenticator app').fill(totp(enrol.secret, Date.now() + 30_000));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});
