// The lab's path for a US-bound refugee with a cough: the plan orders sputum smears, cultures and
// the molecular test; the nurse collects the first sputum specimen (observed, early morning) and
// prints its barcode label (read back with zbarimg); the lab receives it by scanning, enters a
// positive smear by scan, value and Enter; the smear is critical: the physician's worklist shows
// the badge, the chart the banner, until the physician acknowledges it.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { signIn, worklistRows, yearsAgo } from './helpers';
import { checkIdentity, submitRegistration } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
const caseNumber = `LAB-${run}`;
// Names are Latin letters only: the run's digits become letters.
const surname = `Kagabo${run.replace(/[0-9]/g, (d) => 'ABCDEFGHIJ'[Number(d)]).toLowerCase()}`;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

test('collect → label → receive by scan → result by scan → critical value acknowledged', async ({ browser }) => {
  test.setTimeout(180_000);
  let chartId = '';
  await test.step('registrar registers a refugee and queues him', async () => {
    const page = await signIn(browser, 'registrar');
    await page.goto('/register');
    await page.locator('#case_number').fill(caseNumber);
    await page.locator('#destination').selectOption('US');
    await page.locator('#program').selectOption('refugee');
    await page.locator('#m0-surnames').fill(surname);
    await page.locator('#m0-given_names').fill('Eric');
    await page.locator('#m0-birth_date').fill(yearsAgo(30));
    await page.locator('#m0-sex').selectOption('male');
    await page.locator('#m0-relationship').selectOption('principal');
    await page.locator('#m0-nationality').fill('RW');
    await page.locator('#m0-residence').fill('RW');
    await submitRegistration(page, caseNumber);
    await page.getByRole('button', { name: /Put in queue/ }).click();
    await expect(page.getByText('Everyone is in the queue.')).toBeVisible();
    await page.context().close();
  });

  const nurse = await signIn(browser, 'nurse');
  await test.step('nurse records a cough of three weeks and the vitals', async () => {
    chartId = (await worklistRows(nurse, 'nurse', caseNumber, 1))[0].id;
    await nurse.goto(`/chart/${chartId}`);
    // The person in front of the nurse is the one in the photo: at the history, the exam, and
    // the sputum collection that follows.
    await checkIdentity(nurse, 'history', 'exam', 'sputum');
    const history = nurse.locator('#history');
    await expect(history.locator('input[type=radio][id$="-no"]').first()).toBeVisible();
    for (const no of await history.locator('input[type=radio][id$="-no"]').all()) await no.check();
    await nurse.locator('#hq-cough_2_weeks-yes').check();
    if (await nurse.locator('#hq-cough_2_weeks-details').count()) await nurse.locator('#hq-cough_2_weeks-details').fill('three weeks');
    await history.getByRole('button', { name: 'Save' }).click();
    await expect(history.locator('.saved')).toHaveText('Saved.');
    const vitals = nurse.locator('#vitals');
    await nurse.locator('#v-height_cm').fill('172');
    await nurse.locator('#v-weight_kg').fill('61');
    await nurse.locator('#v-exam-normal-yes').check();
    await vitals.getByRole('button', { name: 'Save' }).click();
    await expect(vitals.locator('.saved')).toHaveText('Saved.');
  });

  let accession = '';
  await test.step('nurse collects the first sputum specimen and prints its label', async () => {
    await nurse.goto('/lab');
    const person = nurse.getByRole('region', { name: `Eric ${surname}` });
    await expect(person).toBeVisible({ timeout: 30_000 });
    // Each order says why it is there: the rule and its source.
    await expect(person.locator('tr[data-step="sputum_smears"]')).toContainText('us.tb');
    for (const step of ['sputum_smears', 'sputum_cultures', 'mtb_naat']) {
      await person.locator(`tr[data-step="${step}"] input[type=checkbox]`).check();
    }
    await person.getByLabel('Collection observed').check();
    await person.getByLabel('Early-morning specimen').check();
    await person.getByRole('button', { name: 'Collect the picked orders' }).click();
    const done = nurse.getByTestId('collected');
    await expect(done).toContainText(/L\d{4}-\d{6}/);
    accession = ((await done.innerText()).match(/L\d{4}-\d{6}/) ?? [''])[0];
    const href = (await nurse.getByTestId('labels').getAttribute('href')) ?? '';
    const pdf = await nurse.request.get(href);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    mkdirSync(out, { recursive: true });
    const file = join(out, `label-${run}.pdf`);
    writeFileSync(file, await pdf.body());
    const exec = promisify(execFile);
    const png = join(out, `label-${run}`);
    await exec('pdftoppm', ['-r', '300', '-gray', '-png', '-singlefile', file, png]);
    const { stdout } = await exec('zbarimg', ['--quiet', '--raw', png + '.png']);
    expect(stdout.trim()).toBe(accession);
    await nurse.context().close();
  });

  await test.step('the lab receives the specimen by scanning it and enters a positive smear', async () => {
    const lab = await signIn(browser, 'lab');
    await lab.goto('/lab');
    const scan = lab.getByTestId('scan');
    await expect(scan).toBeFocused();
    await scan.fill(accession);
    await scan.press('Enter');
    await lab.getByRole('button', { name: 'Receive' }).click();
    await expect(lab.getByTestId('scan-done')).toContainText(`${accession} received.`);
    // The fast path: scan, value, Enter.
    await expect(scan).toBeFocused();
    await scan.fill(accession);
    await scan.press('Enter');
    await lab.locator('#lab-test').selectOption('afb_smear');
    const smear = lab.locator('#v-smear');
    await expect(smear).toBeFocused();
    await smear.selectOption('positive');
    await smear.press('Enter');
    await expect(lab.getByTestId('scan-done')).toContainText(`Result of ${accession} recorded (critical).`);
    await lab.context().close();
  });

  await test.step('the physician sees the badge and the banner, and acknowledges', async () => {
    const doc = await signIn(browser, 'physician');
    const rows = await worklistRows(doc, 'physician', caseNumber, 1);
    expect(rows[0].text).toContain('1 critical');
    await doc.goto(`/chart/${chartId}`);
    const banner = doc.getByTestId('critical-banner');
    await expect(banner).toContainText('Critical lab result');
    await expect(banner).toContainText(accession);
    await banner.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(banner).toHaveCount(0);
    await doc.goto('/worklist/physician');
    await doc.locator('#wl-filter').fill(caseNumber);
    await expect(doc.getByTestId('critical-badge')).toHaveCount(0);
    await doc.context().close();
  });
});
