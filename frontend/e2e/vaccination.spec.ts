// A US immigrant child of four with a vaccination card: the registrar corrects her details (the
// stored phone number comes back), the nurse copies two card doses (and marks a wrong one entered
// in error) from the server's list of vaccines, sees what the DS-3025 asks for today, gives those
// doses (a missing lot is refused beside its field; no "unspecified" code is offered) until the
// requirements are met; the physician signs, the DS-3025 is issued valid, another form is revoked
// with its reason (the verify page gives the date), an addendum reissues the DS-3025 and the old
// one links to the new, and the registrar is told why the identity can no longer change.
// Case numbers are unique per run.
import { type Page, expect, test } from '@playwright/test';
import { consentAll, fillPendingResults, signIn, worklistRows, yearsAgo } from './helpers';
import { checkIdentity, photographEveryone, submitRegistration } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
const caseNumber = `VX-${run}`;
const birth = yearsAgo(4, 10);

/** birth + n months, as YYYY-MM-DD. */
function monthsAfterBirth(n: number): string {
  const d = new Date(birth + 'T00:00:00Z');
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

/** The usual product for each DS-3025 line a four-year-old may need today. */
const usual: Record<string, { cvx: string; route: string; site: string }> = {
  dtap: { cvx: '20', route: 'intramuscular', site: 'left_thigh' },
  polio: { cvx: '10', route: 'intramuscular', site: 'right_thigh' },
  mmr: { cvx: '03', route: 'subcutaneous', site: 'right_arm' },
  varicella: { cvx: '21', route: 'subcutaneous', site: 'left_arm' },
  hib: { cvx: '49', route: 'intramuscular', site: 'left_thigh' },
  hepb: { cvx: '08', route: 'intramuscular', site: 'right_thigh' },
  pneumococcal_child: { cvx: '216', route: 'intramuscular', site: 'left_arm' },
  influenza: { cvx: '150', route: 'intramuscular', site: 'right_arm' },
};

async function recordCardDose(page: Page, date: string, cvx: string, source: string) {
  const form = page.locator('#vx-record');
  await form.locator('#vx-origin-record').check();
  await form.locator('#vx-date').fill(date);
  await form.locator('#vx-cvx').fill(cvx);
  await form.locator('#vx-source').fill(source);
  await form.getByRole('button', { name: 'Record the dose' }).click();
  await expect(page.getByTestId('vx-last')).toHaveText(`Dose recorded: CVX ${cvx} on ${date}.`);
}

let chartId = '';
let caseId = '';

test('a child’s vaccination card, today’s doses and a met DS-3025 through to the signed form', async ({ browser }) => {
  await test.step('registrar registers the child for the US as an immigrant, corrects her name, queues her', async () => {
    const page = await signIn(browser, 'registrar');
    await page.goto('/register');
    await page.locator('#case_number').fill(caseNumber);
    await page.locator('#destination').selectOption('US');
    await page.locator('#program').selectOption('immigrant');
    await page.locator('#m0-surnames').fill('Ineza');
    await page.locator('#m0-given_names').fill('Kezza');
    await page.locator('#m0-birth_date').fill(birth);
    await page.locator('#m0-sex').selectOption('female');
    await page.locator('#m0-relationship').selectOption('principal');
    await page.locator('#m0-nationality').fill('RW');
    await page.locator('#m0-residence').fill('RW');
    await page.locator('#m0-phone').fill('+250 788 123 456');
    await submitRegistration(page, caseNumber);
    await expect(page).toHaveURL(/\/cases\/[^/]+$/);
    caseId = page.url().split('/').pop() ?? '';
    await page.getByRole('button', { name: 'Edit the details of INEZA, Kezza' }).click();
    await expect(page.locator('#m0-phone')).toHaveValue('+250 788 123 456');
    await page.locator('#m0-given_names').fill('Keza');
    await page.getByRole('button', { name: 'Save the corrections' }).click();
    await expect(page.locator('table.grid')).toContainText('INEZA, Keza');
    await photographEveryone(page);
    await page.getByRole('button', { name: /Put in queue/ }).click();
    await expect(page.getByText('Everyone is in the queue.')).toBeVisible();
    await page.context().close();
    await consentAll(browser, caseId);
  });

  const nurse = await signIn(browser, 'nurse');
  await test.step('nurse records the history, the vitals and two doses from the card', async () => {
    const rows = await worklistRows(nurse, 'nurse', caseNumber, 1);
    chartId = rows[0].id;
    await nurse.goto(`/chart/${chartId}`);
    await expect(nurse.locator('#chart-h')).toContainText('INEZA, Keza');
    await checkIdentity(nurse, 'history', 'exam', 'vaccination');
    const history = nurse.locator('#history');
    for (const no of await history.locator('input[type=radio][id$="-no"]').all()) await no.check();
    await history.getByRole('button', { name: 'Save' }).click();
    await expect(history.locator('.saved')).toHaveText('Saved.');
    await nurse.locator('#v-height_cm').fill('102');
    await nurse.locator('#v-weight_kg').fill('16');
    await nurse.locator('#v-pulse').fill('100');
    await nurse.locator('#v-temperature_c').fill('36.7');
    await nurse.locator('#v-exam-normal-yes').check();
    await nurse.locator('#vitals').getByRole('button', { name: 'Save' }).click();
    await expect(nurse.locator('#vitals .saved')).toHaveText('Saved.');

    await expect(nurse.getByTestId('ds3025-met')).toContainText('Requirements not met');
    // A card may name an unspecified formulation: the list offers every vaccine the server knows.
    const list = nurse.locator('#vx-cvx-list option');
    await nurse.locator('#vx-origin-record').check();
    await expect.poll(() => list.count()).toBeGreaterThan(100);
    await expect(nurse.locator('#vx-cvx-list option[value="107"]')).toHaveCount(1);
    await recordCardDose(nurse, monthsAfterBirth(2), '20', 'Carnet de vaccination');
    // The next card dose starts from the same card.
    await expect(nurse.locator('#vx-origin-record')).toBeChecked();
    await expect(nurse.locator('#vx-source')).toHaveValue('Carnet de vaccination');
    await recordCardDose(nurse, monthsAfterBirth(4), '20', 'Carnet de vaccination');
    const dtap = nurse.locator('[data-testid=vx-grid] tr[data-group="DTaP/Tdap/Td"] .vx-cell');
    await expect(dtap).toHaveCount(2);
    await expect(dtap.first()).toHaveAttribute('data-status', 'valid');
    // The evaluation's reason is the cell's description, shown on keyboard focus too.
    await dtap.first().focus();
    await expect(dtap.first().locator('[role=tooltip]')).toBeVisible();
    await expect(dtap.first()).toHaveAccessibleDescription(/counts as dose 1/);
  });

  await test.step('a dose copied from the wrong card is marked entered in error and struck through', async () => {
    await recordCardDose(nurse, monthsAfterBirth(30), '21', 'Carnet du frère');
    const row = nurse.locator('[data-testid=vx-records] tr[data-dose]').filter({ hasText: monthsAfterBirth(30) });
    await row.getByRole('button', { name: /entered in error/ }).click();
    const form = nurse.getByTestId('vx-error-form');
    await form.getByLabel('Why it was entered in error').fill('Copied from the brother’s card');
    await form.getByRole('button', { name: 'Mark entered in error' }).click();
    await expect(nurse.getByTestId('vx-outside')).toContainText('Copied from the brother’s card');
    await expect(nurse.getByTestId('vx-outside').locator('del')).toContainText(monthsAfterBirth(30));
  });

  await test.step('nurse sees the give-today lines and gives today’s doses until the DS-3025 is met', async () => {
    const today = nurse.locator('[data-testid=ds3025] tr[data-status=give_today]');
    await expect(today.first()).toBeVisible();
    const keys: string[] = [];
    for (const r of await today.all()) keys.push((await r.getAttribute('data-key')) ?? '');
    expect(keys).toEqual(expect.arrayContaining(['dtap', 'polio', 'mmr', 'varicella']));
    await expect(nurse.getByTestId('vx-give-today').locator('li')).toHaveCount(keys.length);

    const form = nurse.locator('#vx-record');
    // Given here without a lot number: the server's field error shows beside the field.
    await form.locator('#vx-origin-clinic').check();
    await expect(form.locator('#vx-date')).not.toHaveValue('');
    // A dose given here is never an unspecified formulation: the list leaves those out.
    await expect(form.locator('#vx-cvx-list option[value="107"]')).toHaveCount(0);
    await form.locator('#vx-cvx').fill('107');
    await expect(form.getByTestId('vx-cvx-hint')).toContainText('unspecified formulation, refused for a dose given here');
    await form.locator('#vx-cvx').fill(usual.dtap.cvx);
    await form.locator('#vx-route').selectOption(usual.dtap.route);
    await form.locator('#vx-site').selectOption(usual.dtap.site);
    await form.getByRole('button', { name: 'Record the dose' }).click();
    await expect(form.locator('#vx-lot-err')).toHaveText('Enter the lot.');
    await expect(form.locator('#vx-cvx')).toHaveValue(usual.dtap.cvx);

    for (const key of keys) {
      const u = usual[key];
      expect(u, `a product for ${key}`).toBeTruthy();
      await form.locator('#vx-origin-clinic').check();
      await form.locator('#vx-cvx').fill(u.cvx);
      await form.locator('#vx-lot').fill(`LOT-${u.cvx}-${run}`);
      await form.locator('#vx-mvx').fill('SKB');
      await form.locator('#vx-route').selectOption(u.route);
      await form.locator('#vx-site').selectOption(u.site);
      await form.getByRole('button', { name: 'Record the dose' }).click();
      await expect(nurse.getByTestId('vx-last')).toContainText(`CVX ${u.cvx}`);
      await expect(nurse.locator(`[data-testid=ds3025] tr[data-key="${key}"]`)).not.toHaveAttribute('data-status', 'give_today');
    }
    await expect(nurse.getByTestId('ds3025-met')).toContainText('Vaccination requirements met');
    await expect(nurse.locator('[data-testid=ds3025] tr[data-key=dtap]')).toContainText('given at this exam');
    await nurse.context().close();
  });

  await test.step('lab records the IGRA', async () => {
    const lab = await signIn(browser, 'lab');
    await lab.goto(`/chart/${chartId}?from=lab`);
    await expect(lab.locator('#lab form.result-row.pending[data-step=igra]')).toBeVisible();
    expect(await fillPendingResults(lab, '#lab')).toContain('igra');
    await lab.context().close();
  });

  const physician = await signIn(browser, 'physician');
  await test.step('physician sees the met worksheet, classifies and signs', async () => {
    await physician.goto(`/chart/${chartId}`);
    await expect(physician.getByTestId('ds3025-met')).toContainText('Vaccination requirements met');
    await expect(physician.getByTestId('ds3025-rules')).toContainText('Rule version');
    const cls = physician.locator('#classification');
    await cls.getByRole('button', { name: 'Save classification' }).click();
    await expect(cls.locator('.saved')).toHaveText('Saved.');
    const sign = physician.locator('#signoff');
    await expect(sign).toContainText('Every required step has a result.');
    await sign.getByRole('button', { name: 'Sign and lock' }).click();
    // Signing asks for confirmation, with a summary of what is signed and issued.
    await physician.getByRole('dialog').getByRole('button', { name: 'Confirm: sign and lock' }).click();
    await expect(physician.getByTestId('locked')).toBeVisible();
    // After sign-off the vaccination record is read only.
    await expect(physician.locator('#vx-record')).toHaveCount(0);
    await expect(physician.getByTestId('vx-grid')).toBeVisible();
  });

  await test.step('the DS-3025 is issued valid; the physician revokes another form, with the reason', async () => {
    const forms = physician.locator('#forms [data-testid=forms]');
    await expect(async () => {
      await physician.reload();
      await expect(forms.locator('tr[data-form-type="DS-3025"][data-status=valid]')).toHaveCount(1, { timeout: 2000 });
      await expect(forms.locator('tr[data-status=pending]')).toHaveCount(0, { timeout: 2000 });
    }).toPass({ timeout: 180_000, intervals: [2000, 3000, 5000] });
    const other = forms.locator('tr[data-status=valid]:not([data-form-type="DS-3025"])').first();
    const type = (await other.getAttribute('data-form-type')) ?? '';
    const verifyUrl = (await other.locator('[data-testid=verify-link]').getAttribute('href')) ?? '';
    await other.getByTestId('revoke').click();
    const rf = physician.getByTestId('revoke-form');
    await rf.getByRole('button', { name: 'Revoke the form' }).click();
    await expect(rf.locator('.alert.error')).toContainText('Write why the form is revoked.');
    await rf.getByLabel('Why the form is revoked').fill('Issued with the wrong photograph');
    await rf.getByRole('button', { name: 'Revoke the form' }).click();
    await expect(rf.locator('.alert.error')).toContainText('Tick the confirmation');
    await rf.getByLabel(/must no longer be used/).check();
    await rf.getByRole('button', { name: 'Revoke the form' }).click();
    const revoked = forms.locator(`tr[data-form-type="${type}"][data-status=revoked]`);
    await expect(revoked).toHaveCount(1);
    await expect(revoked.getByTestId('revoked-why')).toContainText('Issued with the wrong photograph');
    await expect(forms.locator('tr[data-form-type="DS-3025"][data-status=valid]')).toHaveCount(1);

    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(new URL(verifyUrl, 'http://placeholder').pathname);
    await expect(page.getByTestId('verify-status')).toContainText('Revoked: the clinic has withdrawn this form.');
    await expect(page.getByTestId('verify-revoked-at')).not.toBeEmpty();
    await ctx.close();
  });

  await test.step('an addendum reissues the DS-3025; the superseded one links to the reissue', async () => {
    const forms = physician.locator('#forms [data-testid=forms]');
    const valid = forms.locator('tr[data-form-type="DS-3025"][data-status=valid]');
    const superseded = forms.locator('tr[data-form-type="DS-3025"][data-status=superseded]');
    const firstId = (await valid.getAttribute('id')) ?? '';
    const addendum = physician.locator('#addendum');
    await addendum.getByLabel('Addendum text').fill('Vaccination card seen again: no change.');
    // Wait for the addendum to be saved before reloading, or the reload cancels the request.
    const saved = physician.waitForResponse((r) => r.url().endsWith('/addenda') && r.request().method() === 'POST');
    await addendum.getByRole('button', { name: 'Add addendum' }).click();
    expect((await saved).status()).toBe(200);
    await expect(async () => {
      await physician.reload();
      await expect(valid).toHaveCount(1, { timeout: 2000 });
      await expect(superseded).toHaveCount(1, { timeout: 2000 });
    }).toPass({ timeout: 180_000, intervals: [2000, 3000, 5000] });
    const old = forms.locator(`tr#${firstId}`);
    await expect(old).toHaveAttribute('data-status', 'superseded');
    await expect(old.getByTestId('superseded-why')).toContainText('Superseded by a reissue.');
    const reissue = (await valid.getAttribute('id')) ?? '';
    expect(reissue).not.toBe(firstId);
    await expect(old.getByTestId('reissue-link')).toHaveAttribute('href', `#${reissue}`);
    await physician.context().close();
  });

  await test.step('after sign-off the registrar is told why the details can no longer change', async () => {
    const page = await signIn(browser, 'registrar');
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('button', { name: 'Edit the details of INEZA, Keza' }).click();
    await page.locator('#m0-given_names').fill('Keza Aline');
    await page.getByRole('button', { name: 'Save the corrections' }).click();
    await expect(page.locator('[role=alert][data-code=locked]')).toContainText('the identity printed on the forms is frozen');
    await expect(page.locator('#m0-given_names')).toHaveValue('Keza Aline');
    await page.context().close();
  });
});
