// A specialist referral from the chart: the physician refers a refugee to cardiology with the
// sign-off waiting for the report; the referral list shows it; the specialist's report is
// recorded with its PDF, which opens from the chart; the list no longer shows it.
import { expect, test } from '@playwright/test';
import { signIn, worklistRows, yearsAgo } from './helpers';
import { submitRegistration } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
const letters = run.replace(/[0-9]/g, (d) => 'ABCDEFGHIJ'[Number(d)]).toLowerCase();

test('refer to cardiology, list it, record the report with its PDF', async ({ browser }) => {
  const caseNumber = `REF-${run}`;
  const surname = `Niyonzima${letters}`;
  const reg = await signIn(browser, 'registrar');
  await reg.goto('/register');
  await reg.locator('#case_number').fill(caseNumber);
  await reg.locator('#destination').selectOption('US');
  await reg.locator('#program').selectOption('refugee');
  await reg.locator('#m0-surnames').fill(surname);
  await reg.locator('#m0-given_names').fill('Claude');
  await reg.locator('#m0-birth_date').fill(yearsAgo(52));
  await reg.locator('#m0-sex').selectOption('male');
  await reg.locator('#m0-relationship').selectOption('principal');
  await reg.locator('#m0-nationality').fill('RW');
  await reg.locator('#m0-residence').fill('RW');
  await submitRegistration(reg, caseNumber);
  await reg.getByRole('button', { name: /Put in queue/ }).click();
  await expect(reg.getByText('Everyone is in the queue.')).toBeVisible();
  await reg.context().close();

  const nurse = await signIn(browser, 'nurse');
  const chartId = (await worklistRows(nurse, 'nurse', caseNumber, 1))[0].id;
  await nurse.context().close();
  const doc = await signIn(browser, 'physician');
  await doc.goto(`/chart/${chartId}#referrals`);
  const section = doc.locator('#referrals');
  await expect(section.getByTestId('ref-none')).toBeVisible();
  await section.getByText('Refer to a specialist').click();
  await section.locator('#ref-specialty').fill('Cardiology');
  await section.locator('#ref-reason').fill('Murmur grade 3/6 at the apex');
  await section.locator('#ref-facility').fill('King Faisal Hospital');
  await section.locator('#ref-urgency').selectOption('urgent');
  // A day in the past is refused, field by field.
  await section.locator('#ref-due').fill(yearsAgo(0, 3));
  await section.getByRole('button', { name: 'Save the referral' }).click();
  await expect(section.locator('#ref-due-err')).toBeVisible();
  await section.locator('#ref-due').fill(yearsAgo(0, -7));
  await section.getByLabel('The sign-off waits for the report').check();
  await section.getByRole('button', { name: 'Save the referral' }).click();
  const ref = section.getByTestId('referral');
  await expect(ref).toHaveAttribute('data-status', 'open');
  await expect(ref).toContainText('Cardiology — waiting for the report');
  await expect(ref).toContainText('King Faisal Hospital');
  await expect(ref).toContainText('the physician’s decision');
  await expect(ref).toContainText('The sign-off waits for this report.');

  await doc.goto('/referrals');
  const row = doc.locator('[data-testid=ref-list] tr', { hasText: caseNumber });
  await expect(row).toContainText('Cardiology');
  await expect(row).toContainText('Urgent');
  await row.getByRole('link').click();

  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  await ref.locator('textarea').fill('Innocent flow murmur; fit to travel.');
  await ref.locator('input[type=file]').setInputFiles({ name: 'cardiology.pdf', mimeType: 'application/pdf', buffer: pdf });
  await ref.getByRole('button', { name: 'Save the report' }).click();
  await expect(ref).toHaveAttribute('data-status', 'answered');
  await expect(ref.getByTestId('ref-report')).toContainText('Innocent flow murmur; fit to travel.');
  const href = (await ref.getByRole('link', { name: 'The specialist’s report (PDF)' }).getAttribute('href')) ?? '';
  const got = await doc.request.get(href);
  expect(got.headers()['content-type']).toBe('application/pdf');
  expect(Buffer.compare(await got.body(), pdf)).toBe(0);
  await doc.goto('/referrals');
  await expect(doc.getByTestId('ref-list-none').or(doc.getByTestId('ref-list'))).toBeVisible();
  await expect(doc.locator('[data-testid=ref-list] tr', { hasText: caseNumber })).toHaveCount(0);
  await doc.context().close();
});
