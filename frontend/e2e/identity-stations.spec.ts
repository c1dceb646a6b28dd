// The identity check on the stations' own pages (docs/identity.md): the lab's person card checks
// the person before specimen and sputum collection (one key: I, with the focus in the card), the
// X-ray study page before the image is read; collecting without the check is refused with the
// reason on screen. A mismatch reported at the lab holds the person, and the registrar resolves
// it from the case search page, saying what was found.
import { expect, test } from '@playwright/test';
import { signIn, worklistRows, yearsAgo } from './helpers';
import { checkIdentity, submitRegistration } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
const caseNumber = `IDS-${run}`;
const surname = `Gasana${run.replace(/[0-9]/g, (d) => 'ABCDEFGHIJ'[Number(d)]).toLowerCase()}`;

test('lab and radiology check identity on their own pages; the registrar resolves a mismatch', async ({ browser }) => {
  test.setTimeout(240_000);
  await test.step('registrar registers a refugee and queues him', async () => {
    const page = await signIn(browser, 'registrar');
    await page.goto('/register');
    await page.locator('#case_number').fill(caseNumber);
    await page.locator('#destination').selectOption('US');
    await page.locator('#program').selectOption('refugee');
    await page.locator('#m0-surnames').fill(surname);
    await page.locator('#m0-given_names').fill('Olivier');
    await page.locator('#m0-birth_date').fill(yearsAgo(31));
    await page.locator('#m0-sex').selectOption('male');
    await page.locator('#m0-relationship').selectOption('principal');
    await page.locator('#m0-nationality').fill('RW');
    await page.locator('#m0-residence').fill('RW');
    await submitRegistration(page, caseNumber);
    await page.getByRole('button', { name: /Put in queue/ }).click();
    await expect(page.getByText('Everyone is in the queue.')).toBeVisible();
    await page.context().close();
  });

  await test.step('nurse records a cough of three weeks (sputum is ordered) and the vitals', async () => {
    const nurse = await signIn(browser, 'nurse');
    const id = (await worklistRows(nurse, 'nurse', caseNumber, 1))[0].id;
    await nurse.goto(`/chart/${id}`);
    await checkIdentity(nurse, 'history', 'exam');
    const history = nurse.locator('#history');
    await expect(history.locator('input[type=radio][id$="-no"]').first()).toBeVisible();
    for (const no of await history.locator('input[type=radio][id$="-no"]').all()) await no.check();
    await nurse.locator('#hq-cough_2_weeks-yes').check();
    if (await nurse.locator('#hq-cough_2_weeks-details').count()) await nurse.locator('#hq-cough_2_weeks-details').fill('three weeks');
    await history.getByRole('button', { name: 'Save' }).click();
    await expect(history.locator('.saved')).toHaveText('Saved.');
    await nurse.locator('#v-height_cm').fill('170');
    await nurse.locator('#v-weight_kg').fill('64');
    await nurse.locator('#v-exam-normal-yes').check();
    await nurse.locator('#vitals').getByRole('button', { name: 'Save' }).click();
    await expect(nurse.locator('#vitals .saved')).toHaveText('Saved.');
    // The X-ray the plan requires is ordered (as in radiology.spec.ts).
    const session = await (await nurse.request.get('/api/session')).json();
    const res = await nurse.request.post(`/api/assessments/${id}/imaging`, { headers: { 'X-CSRF-Token': session.csrf_token } });
    expect(res.status(), await res.text()).toBe(200);
    await nurse.context().close();
  });

  const lab = await signIn(browser, 'lab');
  await test.step('the lab cannot collect sputum unchecked; I in the card checks, then it collects', async () => {
    await lab.goto('/lab');
    const person = lab.getByRole('region', { name: `Olivier ${surname}` });
    await expect(person).toBeVisible({ timeout: 30_000 });
    const box = person.locator('[data-testid=station-identity][data-station=sputum]');
    await expect(box).toContainText('Identity check: Sputum collection');
    const pick = person.locator('tr[data-step="sputum_smears"] input[type=checkbox]');
    await pick.check();
    await person.getByLabel('Collection observed').check();
    await person.getByRole('button', { name: 'Collect the picked orders' }).click();
    await expect(lab.getByRole('alert')).toContainText(/identity/i);
    await expect(lab.getByTestId('collected')).toHaveCount(0);
    // One keystroke, with the focus on the order's checkbox in this person's card.
    await pick.focus();
    await lab.keyboard.press('i');
    await expect(box.getByTestId('station-identity-status')).toContainText('Checked at Sputum collection by');
    await person.getByRole('button', { name: 'Collect the picked orders' }).click();
    await expect(lab.getByTestId('collected')).toContainText(/L\d{4}-\d{6}/);
  });

  await test.step('radiology checks the person on the study page before reading', async () => {
    const rad = await signIn(browser, 'radiology');
    await rad.goto('/radiology');
    await rad.getByRole('link', { name: new RegExp(`${surname}, Olivier`, 'i') }).click();
    const box = rad.locator('[data-testid=station-identity][data-station=xray]');
    await box.getByRole('button', { name: 'Identity matches (I)' }).click();
    await expect(box.getByTestId('station-identity-status')).toContainText('Checked at Chest X-ray by');
    await rad.context().close();
  });

  const why = 'The man at the blood draw is not the person in the photo';
  await test.step('a mismatch at blood collection holds the person', async () => {
    await lab.goto('/lab');
    const person = lab.getByRole('region', { name: `Olivier ${surname}` });
    const box = person.locator('[data-testid=station-identity][data-station=specimen]');
    await box.getByRole('button', { name: 'Report a mismatch' }).click();
    await box.getByLabel('What does not match').fill(why);
    await box.getByRole('button', { name: 'Report mismatch and hold' }).click();
    await expect(box.getByTestId('station-identity-status')).toContainText(why);
    await lab.context().close();
  });

  await test.step('the registrar resolves the hold from the case search page', async () => {
    const reg = await signIn(browser, 'registrar');
    await reg.getByRole('link', { name: 'Case search' }).click();
    const row = reg.getByTestId('identity-hold-row').filter({ hasText: caseNumber });
    await expect(row).toContainText(why);
    await row.getByLabel('What was found and done').fill('');
    await row.getByRole('button', { name: 'Resolve and lift the hold' }).click();
    await expect(row.locator('.error')).toBeVisible();
    await row.getByLabel('What was found and done').fill('The applicant came back himself with his document; his brother had come by mistake');
    await row.getByRole('button', { name: 'Resolve and lift the hold' }).click();
    await expect(reg.getByTestId('identity-resolved')).toContainText(surname, { ignoreCase: true });
    await expect(reg.getByTestId('identity-hold-row').filter({ hasText: caseNumber })).toHaveCount(0);
    await reg.context().close();
  });
});
