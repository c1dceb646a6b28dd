// A US-bound refugee living in the DR Congo (sub-Saharan Africa, a Loa loa country): the nurse
// receives a batch of albendazole into the site's stock, gives her the albendazole dose the
// protocol's dose table orders from that batch (the stock counts down), records ivermectin
// withheld for Loa loa, and records nothing for praziquantel and artemether-lumefantrine; the
// chart warns of the two without a record; the nurse also records the examination by body system
// and a positive RHS-15 screen asked in Kinyarwanda with its referral; the physician signs; the
// signed DS-2054 and DS-3026, read with pdftotext, say exactly that and never "given" for a
// treatment that was not.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { consentAll, fillPendingResults, pdfsig, signIn, worklistRows, yearsAgo } from './helpers';
import { checkIdentity, photographEveryone, submitRegistration } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
const caseNumber = `TX-${run}`;
const lot = `ALB-${run}`;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

test('albendazole given from a batch, ivermectin withheld for Loa loa, and the signed form says exactly that', async ({ browser }) => {
  let chartId = '';
  await test.step('registrar registers a refugee living in the DR Congo and queues her', async () => {
    const page = await signIn(browser, 'registrar');
    await page.goto('/register');
    await page.locator('#case_number').fill(caseNumber);
    await page.locator('#destination').selectOption('US');
    await page.locator('#program').selectOption('refugee');
    await page.locator('#m0-surnames').fill('Mwamba');
    await page.locator('#m0-given_names').fill('Esther');
    await page.locator('#m0-birth_date').fill(yearsAgo(34));
    await page.locator('#m0-sex').selectOption('female');
    await page.locator('#m0-relationship').selectOption('principal');
    await page.locator('#m0-nationality').fill('CD');
    await page.locator('#m0-residence').fill('CD');
    await submitRegistration(page, caseNumber);
    await expect(page).toHaveURL(/\/cases\/[^/]+$/);
    await photographEveryone(page);
    await page.getByRole('button', { name: /Put in queue/ }).click();
    await expect(page.getByText('Everyone is in the queue.')).toBeVisible();
    const caseId = page.url().split('/').pop() ?? '';
    await page.context().close();
    await consentAll(browser, caseId);
  });

  const nurse = await signIn(browser, 'nurse');
  await test.step('nurse records the history and vitals; the orders carry the doses for 55 kg', async () => {
    chartId = (await worklistRows(nurse, 'nurse', caseNumber, 1))[0].id;
    await nurse.goto(`/chart/${chartId}`);
    await expect(nurse.locator('#chart-h')).toContainText('MWAMBA, Esther');
    await checkIdentity(nurse, 'history', 'exam');
    const history = nurse.locator('#history');
    await expect(history.locator('input[type=radio][id$="-no"]').first()).toBeVisible();
    for (const no of await history.locator('input[type=radio][id$="-no"]').all()) await no.check();
    await history.getByRole('button', { name: 'Save' }).click();
    await expect(history.locator('.saved')).toHaveText('Saved.');
    await nurse.locator('#v-height_cm').fill('162');
    await nurse.locator('#v-weight_kg').fill('55');
    await nurse.locator('#v-pregnant-no').check();
    await nurse.locator('#v-respiratory_rate').fill('16');
    await nurse.locator('#v-spo2').fill('98');
    // By body system: skin abnormal with its finding, genitourinary not examined, the rest normal.
    await nurse.locator('#ex-skin-abnormal').check();
    await nurse.locator('#ex-skin-finding').fill('Healed scar on the left forearm');
    await nurse.locator('#ex-genitourinary-not_examined').check();
    await nurse.locator('#ex-genitourinary-finding').fill('Declined');
    await nurse.locator('#ex-all-normal').click();
    await expect(nurse.locator('#ex-lungs-normal')).toBeChecked();
    await expect(nurse.locator('#ex-skin-abnormal')).toBeChecked();
    await nurse.locator('#va-right_uncorrected').fill('6/9');
    await nurse.locator('#va-left_uncorrected').fill('6/12');
    await nurse.locator('#va-right_corrected').fill('6/6');
    await nurse.locator('#va-left_corrected').fill('6/6');
    await nurse.locator('#hear-right').selectOption('normal');
    await nurse.locator('#hear-left').selectOption('impaired');
    await nurse.locator('#v-exam-normal-no').check();
    await nurse.locator('#v-exam-notes').fill('Scar only; see the skin.');
    await nurse.locator('#vitals').getByRole('button', { name: 'Save' }).click();
    await expect(nurse.locator('#vitals .saved')).toHaveText('Saved.');
    const orders = nurse.getByTestId('tx-orders');
    await expect(orders.locator('tr[data-drug=albendazole]')).toContainText('400 mg by mouth, single dose');
    await expect(orders.locator('tr[data-drug=praziquantel]')).toContainText('1050 mg');
    await expect(orders.locator('tr[data-drug=ivermectin]')).toContainText('Withheld by the protocol: Lived in a Loa loa-endemic country (CD)');
    for (const drug of ['albendazole', 'ivermectin', 'praziquantel', 'artemether_lumefantrine']) {
      await expect(nurse.getByTestId(`tx-status-${drug}`)).toHaveText('Not recorded');
    }
  });

  await test.step('nurse asks the RHS-15 in Kinyarwanda: positive, and the referral is required', async () => {
    const section = nurse.locator('#mental-health');
    await section.locator('#mh-language').selectOption('rw');
    await expect(section.getByTestId('mh-items')).toContainText('Kubabara imitsi, amagufa, ingingo');
    await section.locator('#mh-interpreter').check();
    const answers = [3, 2, 3, 2, 1, 1, 2, 1, 2, 0, 0, 0, 0, 1];
    for (let i = 0; i < answers.length; i++) await section.locator(`#mh-${i + 1}-${answers[i]}`).check();
    await section.locator('#mh-thermometer').selectOption('6');
    await expect(section.getByTestId('mh-result')).toContainText('Screen positive: items 1–14 total 18, distress thermometer 6.');
    await section.locator('#mh-harmful-no').check();
    await section.getByRole('button', { name: 'Save' }).click();
    await expect(section.locator('#mh-referral-err')).toContainText('say where the person is referred');
    await section.locator('#mh-referral').fill('Psychosocial support, Kigali');
    await section.locator('#mh-assessment').fill('Low mood and poor sleep since displacement.');
    await section.getByRole('button', { name: 'Save' }).click();
    await expect(section.locator('.saved')).toHaveText('Saved.');
  });

  await test.step('nurse receives a batch of albendazole into the stock', async () => {
    await nurse.locator('#stock summary').click();
    const form = nurse.locator('#stock-receive');
    await form.locator('#stock-drug').selectOption('albendazole');
    await form.locator('#stock-lot').fill(lot);
    await form.locator('#stock-expires').fill(`${new Date().getUTCFullYear() + 2}-06-30`);
    await form.locator('#stock-strength').fill('400');
    await form.locator('#stock-form').selectOption('chewable_tablet');
    await form.locator('#stock-received').fill('100');
    await form.getByRole('button', { name: 'Receive the batch' }).click();
    await expect(nurse.getByTestId('stock-last')).toHaveText(`Batch ${lot} of Albendazole (worms) received.`);
    await expect(nurse.getByTestId(`stock-left-${lot}`)).toHaveText('100 / 100');
  });

  await test.step('nurse gives albendazole from the batch, swallowing observed; the stock counts down', async () => {
    const form = nurse.locator('#tx-record');
    await form.locator('#tx-drug').selectOption('albendazole');
    await form.locator('#tx-status').selectOption('given');
    const option = form.locator('#tx-batch option', { hasText: `Lot ${lot}` });
    await expect(option).toHaveCount(1);
    await form.locator('#tx-batch').selectOption((await option.getAttribute('value')) ?? '');
    await expect(form.locator('#tx-dose')).toHaveValue('400');
    await expect(form.locator('#tx-quantity')).toHaveValue('1');
    await expect(form.locator('#tx-observed')).toBeChecked();
    await form.getByRole('button', { name: 'Record the treatment' }).click();
    await expect(nurse.getByTestId('tx-last')).toHaveText('Albendazole (worms): Given recorded.');
    await expect(nurse.getByTestId('tx-status-albendazole')).toHaveText('Given');
    await expect(nurse.locator('tr[data-drug=albendazole]')).toContainText(`lot ${lot}`);
    await nurse.reload();
    await nurse.locator('#stock summary').click();
    await expect(nurse.getByTestId(`stock-left-${lot}`)).toHaveText('99 / 100');
  });

  await test.step('nurse records ivermectin withheld: lived in a Loa loa country', async () => {
    const form = nurse.locator('#tx-record');
    await form.locator('#tx-drug').selectOption('ivermectin');
    // The protocol withholds it: "given" is not offered.
    await expect(form.locator('#tx-status option[value=given]')).toHaveCount(0);
    await form.locator('#tx-status').selectOption('withheld');
    await form.locator('#tx-reason-code').selectOption('loa_loa');
    await form.getByRole('button', { name: 'Record the treatment' }).click();
    await expect(nurse.getByTestId('tx-status-ivermectin')).toHaveText('Withheld');
    await expect(nurse.getByTestId('tx-unrecorded')).toContainText('Praziquantel (schistosomiasis), Artemether-lumefantrine (malaria)');
    await nurse.context().close();
  });

  await test.step('lab and radiology record normal results', async () => {
    const lab = await signIn(browser, 'lab');
    await lab.goto(`/chart/${chartId}?from=lab`);
    // Wait for the chart's rows before filling them: sign-off needs every result.
    await expect(lab.locator('#lab form.result-row.pending').first()).toBeVisible();
    expect(await fillPendingResults(lab, '#lab')).toContain('syphilis');
    await lab.context().close();
    const rad = await signIn(browser, 'radiology');
    await rad.goto(`/chart/${chartId}?from=radiology`);
    await expect(rad.locator('#cxr form.result-row.pending').first()).toBeVisible();
    expect(await fillPendingResults(rad, '#cxr')).toContain('cxr');
    await rad.context().close();
  });

  const physician = await signIn(browser, 'physician');
  await test.step('physician sees the treatments without a record, classifies and signs', async () => {
    await physician.goto(`/chart/${chartId}`);
    await expect(physician.getByTestId('tx-unrecorded')).toContainText('Praziquantel');
    const cls = physician.locator('#classification');
    await cls.getByRole('button', { name: 'Save classification' }).click();
    await expect(cls.locator('.saved')).toHaveText('Saved.');
    const sign = physician.locator('#signoff');
    await expect(sign.getByTestId('signoff-unrecorded-treatments')).toContainText('Praziquantel (schistosomiasis), Artemether-lumefantrine (malaria)');
    await sign.getByRole('button', { name: 'Sign and lock' }).click();
    // Signing asks for confirmation, with a summary of what is signed and issued.
    await physician.getByRole('dialog').getByRole('button', { name: 'Confirm: sign and lock' }).click();
    await expect(physician.getByTestId('locked')).toBeVisible();
    await expect(physician.locator('#tx-record')).toHaveCount(0);
  });

  await test.step('the signed DS-2054 prints exactly what was recorded', async () => {
    const forms = physician.locator('#forms [data-testid=forms]');
    const row = forms.locator('tr[data-form-type="DS-2054"][data-status=valid]');
    await expect(async () => {
      await physician.reload();
      await expect(row).toHaveCount(1, { timeout: 2000 });
    }).toPass({ timeout: 180_000, intervals: [2000, 3000, 5000] });
    const [download] = await Promise.all([physician.waitForEvent('download'), row.locator('[data-testid=form-pdf]').click()]);
    mkdirSync(out, { recursive: true });
    const file = join(out, `DS-2054-${caseNumber}.pdf`);
    await download.saveAs(file);
    expect(await pdfsig(file)).toContain('Signature is Valid.');
    const { stdout } = await promisify(execFile)('pdftotext', [file, '-'], { timeout: 60_000 });
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toContain(`Albendazole — Given: 400 mg oral, lot ${lot}, swallowing observed, by`);
    expect(text).toContain('Ivermectin — Withheld: lived in a Loa loa-endemic country, by');
    expect(text).toContain('Praziquantel — Recommended; not recorded.');
    expect(text).toContain('Artemether lumefantrine — Recommended; not recorded.');
    for (const never of ['Ivermectin — Given', 'Praziquantel — Given', 'Artemether lumefantrine — Given']) {
      expect(text).not.toContain(never);
    }
  });

  await test.step('the signed DS-3026 prints the examination by body system, visual acuity and hearing', async () => {
    const row = physician.locator('#forms [data-testid=forms] tr[data-form-type="DS-3026"][data-status=valid]');
    await expect(row).toHaveCount(1);
    const [download] = await Promise.all([physician.waitForEvent('download'), row.locator('[data-testid=form-pdf]').click()]);
    const file = join(out, `DS-3026-${caseNumber}.pdf`);
    await download.saveAs(file);
    const { stdout } = await promisify(execFile)('pdftotext', [file, '-'], { timeout: 60_000 });
    const text = stdout.replace(/\s+/g, ' ');
    for (const want of ['Healed scar on the left forearm', 'Not examined', '6/9 / 6/6', '6/12 / 6/6', 'Impaired', '16 /min', '98 %',
      'Refugee Health Screener-15 (RHS-15) (rw, through an interpreter): screen POSITIVE; items 1-14 total 18, distress thermometer 6.',
      'Psychosocial support, Kigali']) {
      expect(text).toContain(want);
    }
    await physician.context().close();
  });
});
