// The administrator's accounts and audit screens: create a nurse account, reset its password,
// disable it (it can no longer sign in), find those actions in the audit search and verify the
// audit chain.
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

const run = Date.now().toString(36).toLowerCase();
const username = `nurse.${run}`;

test('an admin creates, resets and disables an account, then finds it in the audit log', async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await signIn(browser, 'admin');
  await admin.goto('/admin');
  await expect(admin.getByRole('heading', { name: 'User accounts' })).toBeVisible();

  await admin.getByLabel('Username').fill(username);
  await admin.getByLabel('Name', { exact: true }).fill(`Nurse ${run}`);
  await admin.getByLabel('Role').selectOption('nurse');
  await admin.getByLabel('Password', { exact: true }).fill('first-Password-2026!');
  await admin.getByRole('button', { name: 'Create the account' }).click();
  await expect(admin.getByTestId('acct-status')).toHaveText(`Account ${username} created.`);
  const row = admin.locator(`tr[data-username="${username}"]`);
  await expect(row).toContainText('Active');

  await row.getByRole('button', { name: 'Reset password' }).click();
  await row.getByLabel('New password').fill('second-Password-2026!');
  await row.getByRole('button', { name: 'Save password' }).click();
  await expect(admin.getByTestId('acct-status')).toContainText(`The password of ${username} is reset`);

  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(row).toContainText('Disabled');

  // The disabled account cannot sign in.
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('second-Password-2026!');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await ctx.close();

  // The audit search finds the admin's actions on accounts; the chain verifies.
  await admin.getByLabel('User', { exact: true }).fill('admin');
  await admin.getByLabel('Action').fill('user.');
  await admin.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(admin.getByTestId('audit-rows')).toContainText('user.');
  await admin.getByRole('button', { name: 'Verify the chain' }).click();
  await expect(admin.getByTestId('audit-chain')).toContainText('The chain is intact');
  await admin.context().close();
});
