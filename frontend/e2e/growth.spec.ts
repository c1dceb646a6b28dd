// A child's growth at the nurse station: a girl of four is registered, the nurse saves her height
// and weight, and the vitals show each WHO indicator of her age (weight-for-age, height-for-age,
// BMI-for-age, weight-for-height) with the z-score and percentile the chart holds; in French the
// labels change.
import { expect, test } from '@playwright/test';
import { consentAll, signIn, worklistRows, yearsAgo } from './helpers';
import { checkIdentity, photographEveryone, submitRegistration } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
const caseNumber = `GRW-${run}`;

test('a child of four: growth z-scores and percentiles under the measurements', async ({ browser }) => {
  await test.step('registrar registers and queues the child', async () => {
    const page = await signIn(browser, 'registrar');
    await page.goto('/register');
    await page.locator('#case_number').fill(caseNumber);
    await page.locator('#destination').selectOption('US');
    await page.locator('#program').selectOption('immigrant');
    await page.locator('#m0-surnames').fill('Ishimwe');
    await page.locator('#m0-given_names').fill('Aline');
    await page.locator('#m0-birth_date').fill(yearsAgo(4, 10));
    await page.locator('#m0-sex').selectOption('female');
    await page.locator('#m0-relationship').selectOption('principal');
    await page.locator('#m0-nationality').fill('RW');
    await page.locator('#m0-residence').fill('RW');
    await submitRegistration(page, caseNumber);
    await expect(page).toHaveURL(/\/cases\/[^/]+$/);
    const caseId = page.url().split('/').pop() ?? '';
    await photographEveryone(page);
    await page.getByRole('button', { name: /Put in queue/ }).click();
    await expect(page.getByText('Everyone is in the queue.')).toBeVisible();
    await page.context().close();
    await consentAll(browser, caseId);
  });

  const nurse = await signIn(browser, 'nurse');
  const chartId = (await worklistRows(nurse, 'nurse', caseNumber, 1))[0].id;
  await nurse.goto(`/chart/${chartId}`);
  await checkIdentity(nurse, 'exam');
  const growth = nurse.getByTestId('growth');
  await expect(growth).toHaveCount(0);
  await nurse.locator('#v-height_cm').fill('102');
  await nurse.locator('#v-weight_kg').fill('16');
  await nurse.locator('#v-exam-normal-yes').check();
  await nurse.locator('#vitals').getByRole('button', { name: 'Save' }).click();
  await expect(nurse.locator('#vitals .saved')).toHaveText('Saved.');

  await expect(growth).toBeVisible();
  const chart = await (await nurse.request.get(`/api/assessments/${chartId}`)).json();
  const scores = chart.vitals.growth as { indicator: string; measured: number; z: number; percentile: number }[];
  expect(scores.map((g) => g.indicator)).toEqual(['weight_for_age', 'height_for_age', 'bmi_for_age', 'weight_for_height']);
  const labels: Record<string, string> = {
    weight_for_age: 'Weight-for-age', height_for_age: 'Height-for-age', bmi_for_age: 'BMI-for-age', weight_for_height: 'Weight-for-height',
  };
  for (const g of scores) {
    expect(Math.abs(g.z)).toBeLessThan(3);
    const row = growth.locator(`tr[data-indicator="${g.indicator}"]`);
    await expect(row.locator('th')).toHaveText(labels[g.indicator]);
    await expect(row.locator('td').nth(1)).toHaveText((g.z > 0 ? '+' : '') + g.z.toFixed(2));
    await expect(row.locator('td').nth(2)).toHaveText(g.percentile.toFixed(1));
  }
  await expect(growth.locator('tr[data-indicator="weight_for_age"] td').first()).toHaveText('16 kg');

  await nurse.locator('label.lang select').selectOption('fr');
  await expect(growth.locator('tr[data-indicator="weight_for_age"] th')).toHaveText("Poids pour l'âge");
  await expect(growth.locator('caption')).toContainText('Croissance (OMS)');
  await nurse.locator('label.lang select').selectOption('en');
});
