// The sites screen: the deployment-wide administrator creates a site (a bad time zone is refused
// on its field), sees its certificate's fingerprint and rotates its key; a site administrator
// sees the sites but cannot create one or rotate a key.
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

const code = ('E' + Date.now().toString(36)).toUpperCase().slice(0, 10);
const fingerprint = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

test('a deployment-wide administrator creates a site with its key and rotates the key', async ({ browser }) => {
  test.setTimeout(120_000);
  const op = await signIn(browser, 'operator');
  await op.goto('/admin');
  await expect(op.getByRole('heading', { name: 'Sites and signing keys' })).toBeVisible();
  await expect(op.locator('tr[data-site="KGL"]').getByTestId('fingerprint')).toHaveText(fingerprint);

  const form = op.locator('form', { has: op.locator('#ns-code') });
  await op.locator('#ns-code').fill(code);
  await op.locator('#ns-name').fill(`Nairobi MHAC ${code}`);
  await op.locator('#ns-city').fill('Nairobi');
  await op.locator('#ns-country').fill('KE');
  await op.locator('#ns-timezone').fill('Africa/Narobi');
  await form.getByRole('button', { name: 'Create the site and its key' }).click();
  await expect(op.getByRole('alert')).toContainText('Enter a time zone of the IANA database');
  await expect(op.locator(`tr[data-site="${code}"]`)).toHaveCount(0);

  await op.locator('#ns-timezone').fill('Africa/Nairobi');
  await form.getByRole('button', { name: 'Create the site and its key' }).click();
  await expect(op.getByTestId('site-status')).toHaveText(`Site ${code} created with its signing key.`);
  const row = op.locator(`tr[data-site="${code}"]`);
  await expect(row).toContainText('Africa/Nairobi');
  await expect(row).toContainText('ECDSA P-256');
  const first = (await row.getByTestId('fingerprint').textContent()) ?? '';
  expect(first).toMatch(fingerprint);

  // The same code again is refused on its field.
  await op.locator('#ns-code').fill(code);
  await op.locator('#ns-name').fill('Another');
  await op.locator('#ns-country').fill('KE');
  await op.locator('#ns-timezone').fill('Africa/Nairobi');
  await form.getByRole('button', { name: 'Create the site and its key' }).click();
  await expect(op.getByRole('alert')).toContainText('A site with this code exists; choose another code.');

  op.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: 'Rotate the key' }).click();
  await expect(op.getByTestId('site-status')).toHaveText(`Site ${code} has a new signing key.`);
  await expect(row).toContainText('1 earlier certificates still verify old forms');
  await expect(row.getByTestId('fingerprint')).not.toHaveText(first);
  await op.context().close();

  // A site administrator sees the sites, not the means to create one or rotate a key.
  const admin = await signIn(browser, 'admin');
  await admin.goto('/admin');
  await expect(admin.locator(`tr[data-site="${code}"]`)).toBeVisible();
  await expect(admin.getByRole('heading', { name: 'New site' })).toHaveCount(0);
  await expect(admin.getByRole('button', { name: 'Rotate the key' })).toHaveCount(0);
  await admin.context().close();
});
