// What slowed new users at the stations, in the browser: registration checks fields in the user's
// language before sending (a birth date after today, an empty required field, a name not in Latin
// letters), offers "same as the principal applicant", names countries, and queues the case in the
// same step; a past flight date is refused; the physician's chart is measured at 1366×768; the
// screens pass axe (no serious or critical violation).
import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { daysFromNow, signIn, worklistRows, yearsAgo } from './helpers';
import { submitRegistration } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();

async function axe(page: Page, screen: string) {
  const res = await new AxeBuilder({ page }).analyze();
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('registration: own checks, same as the principal, country names, queued in the same step', async ({ browser }) => {
  const caseNumber = `RW-UX-${run}`;
  const page = await signIn(browser, 'registrar');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/register');
  await axe(page, 'registration');

  // Nothing filled: the app's own message on each required field, not the browser's bubble.
  await page.getByRole('button', { name: 'Register case' }).click();
  await expect(page.locator('#case_number-err')).toHaveText('Fill in this field.');
  await expect(page.locator('#m0-sex-err')).toHaveText('Fill in this field.');
  await expect(page.locator('#m0-surnames-err')).toContainText('surname or the given names');

  await page.locator('#case_number').fill(caseNumber);
  await page.locator('#destination').selectOption('US');
  await page.locator('#program').selectOption('refugee');
  await page.locator('#m0-surnames').fill('Ингабире');
  await page.locator('#m0-given_names').fill('Aline');
  await page.locator('#m0-birth_date').fill(daysFromNow(3));
  await page.locator('#m0-sex').selectOption('female');
  // A country typed by its name becomes its code, and its name shows beside it.
  await page.locator('#m0-nationality').fill('Rwanda');
  await expect(page.locator('#m0-nationality')).toHaveValue('RW');
  await expect(page.locator('#m0-nationality-hint')).toHaveText('Rwanda');
  await page.locator('#m0-residence').fill('cd');
  await expect(page.locator('#m0-residence-hint')).toHaveText(/Congo/);
  await page.locator('#m0-countries').fill('CD, RW');
  await page.getByRole('button', { name: 'Register case' }).click();
  await expect(page.locator('#m0-birth_date-err')).toHaveText('The birth date is after today.');
  await expect(page.locator('#m0-surnames-err')).toContainText('Latin letters');
  await page.locator('#m0-surnames').fill('Ingabire');
  await page.locator('#m0-birth_date').fill(yearsAgo(30));

  // A second member: one click copies the principal's nationality, residence and countries.
  await page.getByRole('button', { name: 'Add a member' }).click();
  await page.locator('#m1-surnames').fill('Ingabire');
  await page.locator('#m1-given_names').fill('Bosco');
  await page.locator('#m1-birth_date').fill(yearsAgo(8));
  await page.locator('#m1-sex').selectOption('male');
  await page.locator('#m1-relationship').selectOption('child');
  await page.locator('#m1-same').click();
  await expect(page.locator('#m1-nationality')).toHaveValue('RW');
  await expect(page.locator('#m1-residence')).toHaveValue('CD');
  await expect(page.locator('#m1-countries')).toHaveValue('CD, RW');
  await axe(page, 'registration with errors shown');

  await page.getByLabel('Put everyone in the queue now').check();
  await submitRegistration(page, caseNumber);
  await axe(page, 'case');

  // A flight that has already left is refused before anything is sent.
  await page.locator('[id^="flight-number-"]').fill('rwa 9b');
  await page.locator('[id^="flight-date-"]').fill(daysFromNow(-2));
  await page.locator('form:has([id^="flight-number-"]) button[type="submit"]').click();
  await expect(page.getByText('The departure date is before today; the flight has already left.').first()).toBeVisible();
  await page.context().close();

  // Both are in the queue without a second step.
  const nurse = await signIn(browser, 'nurse');
  const rows = await worklistRows(nurse, 'nurse', caseNumber, 2);
  expect(rows.map((r) => r.text).join(' ')).toContain('ingabire');
  await expect(nurse.locator('[data-testid="waiting"]').first()).toHaveText(/^(just now|\d+ min)$/);
  await axe(nurse, 'nurse worklist');
  await nurse.context().close();

  // The physician's chart at 1366×768: its document height is measured and reported.
  const doc = await signIn(browser, 'physician');
  await doc.setViewportSize({ width: 1366, height: 768 });
  await doc.goto(`/chart/${rows[0].id}`);
  await expect(doc.locator('h1').first()).toBeVisible();
  await expect(doc.locator('#history, #vitals, main').first()).toBeVisible();
  const height = await doc.evaluate(() => document.documentElement.scrollHeight);
  test.info().annotations.push({ type: 'physician chart height (px, 1366×768)', description: String(height) });
  console.log(`physician chart document height at 1366x768: ${height}px`);
  await axe(doc, 'physician chart');
  await doc.context().close();
});
