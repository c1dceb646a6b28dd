// The facts the receiving countries' rules read about a person, recorded at registration: the
// last chest X-ray certificate and a stay abroad (New Zealand asks for a new X-ray after six
// months in a high-TB country), the occupation (Australia tests health-care workers for
// hepatitis C). A wrong stay is refused on its own field; the correction form shows what was
// recorded; the physician's plan shows the step with the rule that asked for it.
import { type Page, expect, test } from '@playwright/test';
import { daysFromNow, signIn, yearsAgo } from './helpers';
import { submitRegistration } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();

async function registerOne(page: Page, caseNumber: string, dest: string, program: string, surnames: string, given: string) {
  await page.goto('/register');
  await page.locator('#case_number').fill(caseNumber);
  await page.locator('#destination').selectOption(dest);
  await page.locator('#program').selectOption(program);
  await page.locator('#m0-surnames').fill(surnames);
  await page.locator('#m0-given_names').fill(given);
  await page.locator('#m0-birth_date').fill(yearsAgo(31, 20));
  await page.locator('#m0-sex').selectOption('female');
  await page.locator('#m0-nationality').fill('RW');
  await page.locator('#m0-residence').fill('RW');
  await page.locator('#m0-docnum').fill(`${caseNumber}-1`);
}

/** Queues the registered case (the page is on it) and returns the person's assessment id. */
async function queueAndAssessment(page: Page): Promise<string> {
  const caseId = page.url().split('/').pop() ?? '';
  const session = await (await page.request.get('/api/session')).json();
  const headers = { 'X-CSRF-Token': session.csrf_token as string };
  const c = await (await page.request.get(`/api/cases/${caseId}`)).json();
  const res = await page.request.post(`/api/cases/${caseId}/queue`, { data: { version: c.version }, headers });
  expect(res.ok(), await res.text()).toBe(true);
  const again = await (await page.request.get(`/api/cases/${caseId}`)).json();
  return again.members[0].assessment_id as string;
}

test('NZ temporary: six months in Kenya since the last X-ray certificate asks for a new one', async ({ browser }) => {
  const caseNumber = `PF-NZ-${run}`;
  const cxrDate = daysFromNow(-400);
  const from = daysFromNow(-380);
  const to = daysFromNow(-150);
  let assessmentId = '';

  await test.step('registrar records the certificate and the stay; a stay ending before it starts is refused', async () => {
    const page = await signIn(browser, 'registrar');
    await registerOne(page, caseNumber, 'NZ', 'temporary', 'Mukeshimana', 'Josiane');
    await page.locator('#m0-previous_cxr_date').fill(cxrDate);
    await page.getByRole('button', { name: 'Add a stay' }).click();
    await page.locator('#m0-stay0-country').fill('ke');
    await page.locator('#m0-stay0-from').fill(to);
    await page.locator('#m0-stay0-to').fill(from);
    await page.getByRole('button', { name: 'Register case' }).click();
    await expect(page.locator('#m0-stay0-to-err')).toHaveText('The last day is before the first day.');
    await page.locator('#m0-stay0-from').fill(from);
    await page.locator('#m0-stay0-to').fill(to);
    await submitRegistration(page, caseNumber);

    // The correction form shows what was recorded.
    await page.getByRole('button', { name: /^Edit the details of/ }).first().click();
    await expect(page.locator('#m0-stay0-country')).toHaveValue('KE');
    await expect(page.locator('#m0-stay0-from')).toHaveValue(from);
    await expect(page.locator('#m0-stay0-to')).toHaveValue(to);
    await expect(page.locator('#m0-previous_cxr_date')).toHaveValue(cxrDate);
    assessmentId = await queueAndAssessment(page);
    await page.context().close();
  });

  await test.step('the physician sees the new X-ray asked for by the rule on stays', async () => {
    const page = await signIn(browser, 'physician');
    await page.goto(`/chart/${assessmentId}`);
    const row = page.locator('[data-testid=plan] tr[data-step=cxr]');
    await expect(row).toContainText('six consecutive months or more in a high-TB country', { timeout: 15_000 });
    await expect(row).toContainText('nz.tb.cxr_after_high_tb_stay');
    await page.context().close();
  });
});

test('AU: a health-care worker is tested for hepatitis C', async ({ browser }) => {
  const caseNumber = `PF-AU-${run}`;
  let assessmentId = '';
  await test.step('registrar records the occupation', async () => {
    const page = await signIn(browser, 'registrar');
    await registerOne(page, caseNumber, 'AU', 'immigrant', 'Nyiraneza', 'Clementine');
    await page.locator('#m0-occupation').selectOption('health_worker');
    await page.locator('#m0-citizenships').fill('BE');
    await expect(page.locator('#m0-citizenships-hint')).toContainText('Belgium');
    await submitRegistration(page, caseNumber);
    assessmentId = await queueAndAssessment(page);
    await page.context().close();
  });
  await test.step('the physician sees hepatitis C in the plan', async () => {
    const page = await signIn(browser, 'physician');
    await page.goto(`/chart/${assessmentId}`);
    const row = page.locator('[data-testid=plan] tr[data-step=hepatitis_c]');
    await expect(row).toContainText('Health-care worker', { timeout: 15_000 });
    await expect(row).toContainText('au.lab.health_worker_hepatitis');
    await page.context().close();
  });
});
