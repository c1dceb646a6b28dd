// A US-bound refugee of 40: his chest X-ray is ordered from the protocol plan; the radiologist
// reads it on the DS-3030 findings list (a cavity: suggestive of TB), so it goes to a second
// radiologist who does not see the first reading; she agrees (infiltrate: suggestive of TB), the
// reading is final, and the physician's chart now asks for sputum smears and cultures.
import { expect, test } from '@playwright/test';
import { signIn, worklistRows, yearsAgo } from './helpers';
import { checkIdentity, submitRegistration } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
const caseNumber = `RX-${run}`;

test('a suggestive X-ray is read again blind, the readers agree, and the plan asks for sputum', async ({ browser }) => {
  let chartId = '';
  await test.step('registrar registers and queues him', async () => {
    const page = await signIn(browser, 'registrar');
    await page.goto('/register');
    await page.locator('#case_number').fill(caseNumber);
    await page.locator('#destination').selectOption('US');
    await page.locator('#program').selectOption('refugee');
    await page.locator('#m0-surnames').fill('Nshimiyimana');
    await page.locator('#m0-given_names').fill('Olivier');
    await page.locator('#m0-birth_date').fill(yearsAgo(40));
    await page.locator('#m0-sex').selectOption('male');
    await page.locator('#m0-relationship').selectOption('principal');
    await page.locator('#m0-nationality').fill('RW');
    await page.locator('#m0-residence').fill('RW');
    await submitRegistration(page, caseNumber);
    await page.getByRole('button', { name: /Put in queue/ }).click();
    await expect(page.getByText('Everyone is in the queue.')).toBeVisible();
    await page.context().close();
  });

  await test.step('the nurse orders the X-ray the plan requires', async () => {
    const nurse = await signIn(browser, 'nurse');
    chartId = (await worklistRows(nurse, 'nurse', caseNumber, 1))[0].id;
    const session = await (await nurse.request.get('/api/session')).json();
    const res = await nurse.request.post(`/api/assessments/${chartId}/imaging`, { headers: { 'X-CSRF-Token': session.csrf_token } });
    expect(res.status()).toBe(200);
    const studies = (await res.json()).items;
    expect(studies).toHaveLength(1);
    expect(studies[0].rule).toBe('us.tb.cxr_age_15');
    await nurse.context().close();
    const doc = await signIn(browser, 'physician');
    await doc.goto(`/chart/${chartId}`);
    await expect(doc.locator('#chart-h')).toContainText('NSHIMIYIMANA, Olivier');
    await expect(doc.getByText('Sputum smears (3)')).toHaveCount(0);
    await doc.context().close();
  });

  await test.step('the first radiologist ticks a cavity on DS-3030', async () => {
    const rad = await signIn(browser, 'radiology');
    // At the X-ray, the person in front of the radiographer is the one in the photo; that check
    // counts for every reading of the image.
    await rad.goto(`/chart/${chartId}`);
    await checkIdentity(rad, 'xray');
    await rad.goto('/radiology');
    await rad.getByRole('link', { name: /Nshimiyimana, Olivier/ }).click();
    await expect(rad.getByTestId('study-status')).toHaveText('Waiting for the first reading');
    await expect(rad.getByText('Screening flowcharts: all applicants 15 years and older', { exact: false })).toBeVisible();
    await rad.getByLabel('Cavitary lesion').check();
    await rad.getByRole('button', { name: 'Save the reading' }).click();
    await expect(rad.getByTestId('study-status')).toHaveText('Waiting for a second reading');
    await expect(rad.getByText('First reading: Suggestive of TB')).toBeVisible();
    await rad.context().close();
  });

  await test.step('the second radiologist reads blind and agrees', async () => {
    const rad2 = await signIn(browser, 'radiology2');
    await rad2.goto('/radiology');
    await rad2.getByRole('link', { name: /Nshimiyimana, Olivier/ }).click();
    await expect(rad2.getByTestId('study-status')).toHaveText('Waiting for a second reading');
    await expect(rad2.getByText('Read blind: 1 earlier reading(s) stay hidden')).toBeVisible();
    await expect(rad2.getByText('First reading')).toHaveCount(0);
    await expect(rad2.getByLabel('Cavitary lesion')).not.toBeChecked();
    await rad2.getByLabel('Infiltrate or consolidation').check();
    await rad2.getByRole('button', { name: 'Save the reading' }).click();
    await expect(rad2.getByTestId('study-status')).toHaveText('Final');
    await expect(rad2.getByTestId('study-final')).toHaveText('Suggestive of TB');
    await expect(rad2.getByText('First reading: Suggestive of TB')).toBeVisible();
    await expect(rad2.getByText('Second reading: Suggestive of TB')).toBeVisible();
    await rad2.context().close();
  });

  await test.step("the final reading drives the physician's plan: sputum appears", async () => {
    const doc = await signIn(browser, 'physician');
    await doc.goto(`/chart/${chartId}`);
    await expect(doc.getByText('Sputum smears (3)').first()).toBeVisible({ timeout: 30_000 });
    await expect(doc.getByText('Sputum cultures (3)').first()).toBeVisible();
    await doc.context().close();
  });
});
