// Identity at every station (docs/identity.md): the registrar photographs a person and, when a
// second registration resembles them, sees the other person's photo and links the records; each
// station checks the person against the photo before saving (one key: I); a mismatch holds the
// assessment with the reason on the chart, the worklist and the registrar's list until it is
// resolved; the signed US DS-2054 carries the photo (pdfimages -list).
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, type Page, expect, test } from '@playwright/test';
import { fillPendingResults, signIn, worklistRows, yearsAgo } from './helpers';
import { checkIdentity, photographEveryone, submitRegistration } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

/** The registrar registers one adult for the US; answers the case page. */
async function registerOne(page: Page, caseNumber: string, surname: string, given: string, born: string) {
  await page.goto('/register');
  await page.locator('#case_number').fill(caseNumber);
  await page.locator('#destination').selectOption('US');
  await page.locator('#program').selectOption('refugee');
  await page.locator('#m0-surnames').fill(surname);
  await page.locator('#m0-given_names').fill(given);
  await page.locator('#m0-birth_date').fill(born);
  await page.locator('#m0-sex').selectOption('male');
  await page.locator('#m0-relationship').selectOption('principal');
  await page.locator('#m0-nationality').fill('SO');
  await page.locator('#m0-residence').fill('RW');
  await page.locator('#m0-docnum').fill(`${caseNumber}-1`);
}

async function queueWithPhoto(browser: Browser, caseNumber: string, surname: string, given: string, born: string) {
  const page = await signIn(browser, 'registrar');
  await registerOne(page, caseNumber, surname, given, born);
  await submitRegistration(page, caseNumber);
  await photographEveryone(page);
  await page.getByRole('button', { name: /Put in queue/ }).click();
  await expect(page.getByText('Everyone is in the queue.')).toBeVisible();
  await page.context().close();
}

test('a duplicate shown with its photo, the check at each station, a held mismatch, and the photo on the DS-2054', async ({ browser }) => {
  test.setTimeout(300_000);
  const born = yearsAgo(36, 50);
  const first = `IDC-${run}-1`;
  const surname = `Warsame${run.slice(-3).replace(/[0-9]/g, 'x')}`;

  await test.step('registrar photographs and queues a person', async () => {
    await queueWithPhoto(browser, first, surname, 'Mohamed', born);
  });

  await test.step('a second registration of a similar name is shown with the photo and linked as the same person', async () => {
    const page = await signIn(browser, 'registrar');
    await registerOne(page, `IDC-${run}-2`, surname, 'Mohammed', born);
    const panel = page.getByTestId('duplicates-0');
    await expect(panel.getByTestId('duplicate')).toHaveCount(1, { timeout: 15_000 });
    await expect(panel).toContainText(first);
    await expect(panel).toContainText('similar name, born within a year');
    await expect(panel.getByTestId('photo')).toBeVisible();
    expect(await panel.getByTestId('photo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(300);
    await panel.getByLabel('The same person: link the records').check();
    await page.getByRole('button', { name: 'Register case' }).click();
    await expect(page.locator('#case-h')).toContainText(`IDC-${run}-2`);
    // The earlier photo carried over to the linked record.
    await expect(page.locator('.photo-capture').getByTestId('photo')).toBeVisible();
    await page.context().close();
  });

  let chartId = '';
  await test.step('the nurse cannot save without the check; one key (I) confirms it', async () => {
    const nurse = await signIn(browser, 'nurse');
    chartId = (await worklistRows(nurse, 'nurse', first, 1))[0].id;
    await nurse.goto(`/chart/${chartId}?from=nurse`);
    await expect(nurse.locator('header.chart-head').getByTestId('photo')).toBeVisible();
    const history = nurse.locator('#history');
    await history.getByRole('button', { name: 'None of these' }).click();
    await history.getByRole('button', { name: 'Save' }).click();
    await expect(history).toContainText('Check the person against the photo and the document at medical history');
    await expect(nurse.locator('#idc-station')).toHaveValue('history');
    await nurse.locator('#chart-h').click();
    await nurse.keyboard.press('i');
    await expect(nurse.getByTestId('identity-status')).toContainText('Checked at Medical history by');
    await history.getByRole('button', { name: 'Save' }).click();
    await expect(history.locator('.saved')).toHaveText('Saved.');
    await checkIdentity(nurse, 'exam');
    await nurse.locator('#v-height_cm').fill('172');
    await nurse.locator('#v-weight_kg').fill('66');
    await nurse.locator('#v-exam-normal-yes').check();
    await nurse.locator('#vitals').getByRole('button', { name: 'Save' }).click();
    await expect(nurse.locator('#vitals .saved')).toHaveText('Saved.');
    await nurse.context().close();
  });

  await test.step('the lab checks at specimen and sputum collection, radiology at the X-ray', async () => {
    const lab = await signIn(browser, 'lab');
    await lab.goto(`/chart/${chartId}?from=lab`);
    await fillPendingResults(lab, '#lab');
    await lab.context().close();
    const rad = await signIn(browser, 'radiology');
    await rad.goto(`/chart/${chartId}?from=radiology`);
    expect(await fillPendingResults(rad, '#cxr')).toEqual(['cxr']);
    await rad.context().close();
  });

  await test.step('a mismatch holds another person: chart banner, worklist badge, the registrar is told why', async () => {
    const held = `IDC-${run}-3`;
    await queueWithPhoto(browser, held, `Gedi${run.slice(-2).replace(/[0-9]/g, 'y')}`, 'Abdullahi', yearsAgo(29));
    const nurse = await signIn(browser, 'nurse');
    const id = (await worklistRows(nurse, 'nurse', held, 1))[0].id;
    await nurse.goto(`/chart/${id}?from=nurse`);
    const box = nurse.getByTestId('identity-check');
    await box.locator('#idc-station').selectOption('history');
    await box.getByRole('button', { name: 'Report a mismatch' }).click();
    const why = 'The man at the desk is not the man in the photo';
    await box.getByLabel('What does not match').fill(why);
    await box.getByRole('button', { name: 'Report mismatch and hold' }).click();
    await expect(nurse.getByTestId('identity-hold')).toContainText(why);
    await expect(nurse.locator('#history')).toHaveCount(0);
    const rows = await worklistRows(nurse, 'nurse', held, 1);
    expect(rows[0].text).toContain('identity held');
    await expect(nurse.getByTestId('identity-badge')).toContainText(why);
    await nurse.context().close();

    const reg = await signIn(browser, 'registrar');
    await reg.getByRole('link', { name: 'Case search' }).click();
    await expect(reg.getByTestId('identity-holds')).toContainText(held);
    await expect(reg.getByTestId('identity-holds')).toContainText(why);
    await reg.context().close();

    const doc = await signIn(browser, 'physician');
    await doc.goto(`/chart/${id}`);
    await expect(doc.getByTestId('identity-hold')).toContainText(why);
    await doc.getByLabel('What was found and done').fill('His brother had come in his place; the applicant came back with his document');
    await doc.getByRole('button', { name: 'Resolve and lift the hold' }).click();
    await expect(doc.getByTestId('identity-hold')).toHaveCount(0);
    await doc.context().close();
  });

  await test.step('the physician signs; the DS-2054 carries the 300 × 385 photo', async () => {
    const doc = await signIn(browser, 'physician');
    await doc.goto(`/chart/${chartId}?from=physician`);
    const cls = doc.locator('#classification');
    await cls.getByRole('button', { name: 'Save classification' }).click();
    await expect(cls.locator('.saved')).toHaveText('Saved.');
    await doc.locator('#signoff').getByRole('button', { name: 'Sign and lock' }).click();
    await doc.getByRole('dialog').getByRole('button', { name: 'Confirm: sign and lock' }).click();
    await expect(doc.getByTestId('locked')).toBeVisible();
    const form = doc.locator('[data-testid=forms] [data-form-type="DS-2054"][data-status=valid]').first();
    await expect(async () => {
      await doc.reload();
      await expect(form).toHaveCount(1, { timeout: 2000 });
    }).toPass({ timeout: 180_000, intervals: [2000, 3000, 5000] });
    const [download] = await Promise.all([doc.waitForEvent('download'), form.locator('[data-testid=form-pdf]').click()]);
    mkdirSync(out, { recursive: true });
    const pdfPath = join(out, `DS-2054-${run}-photo.pdf`);
    await download.saveAs(pdfPath);
    const { stdout } = await promisify(execFile)('pdfimages', ['-list', pdfPath]);
    expect(stdout).toMatch(/image\s+300\s+385\s+rgb\s+3\s+8\s+jpeg/);
    await doc.context().close();
  });
});
