// The whole clinic in one path: a family registered for the US as refugees goes through the
// nurse, the physician's plan, lab and radiology, sign-off, the signed forms, the caseworker's
// board, the pre-embarkation check, the US panel (and not the Canadian one) and the public
// verification page. Case numbers are unique per run, so it can run twice on one database.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Page, expect, test } from '@playwright/test';
import { consentAll, daysFromNow, fillPendingResults, pdfsig, signIn, worklistRows, yearsAgo } from './helpers';
import { checkIdentity, photographEveryone, submitRegistration } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
const caseNumber = `E2E-${run}`;
const flight = `ET${Date.now() % 10000}`; // a flight designator: airline code and digits
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

interface Person {
  given: string;
  adult: boolean;
  id?: string;
}
const people: Person[] = [
  { given: 'Ngabo', adult: true },
  { given: 'Uwase', adult: true },
  { given: 'Keza', adult: false },
];

async function member(page: Page, i: number, m: Record<string, string>, estimated = false) {
  await page.locator(`#m${i}-surnames`).fill('Habimana');
  await page.locator(`#m${i}-given_names`).fill(m.given);
  await page.locator(`#m${i}-birth_date`).fill(m.birth);
  if (estimated) await page.locator(`#m${i}-estimated`).check();
  await page.locator(`#m${i}-sex`).selectOption(m.sex);
  await page.locator(`#m${i}-relationship`).selectOption(m.rel);
  await page.locator(`#m${i}-nationality`).fill('CD');
  await page.locator(`#m${i}-residence`).fill('RW');
  await page.locator(`#m${i}-countries`).fill('CD, RW');
  await page.locator(`#m${i}-docnum`).fill(`${run}-${i + 1}`);
}

async function openChart(page: Page, p: Person, from = '') {
  await page.goto(`/chart/${p.id}${from ? '?from=' + from : ''}`);
  await expect(page.locator('#chart-h')).toContainText(p.given);
}

test('a family goes from registration to a verified, signed DS-2054', async ({ browser }) => {
  await test.step('registrar registers the family for the US as refugees and queues them', async () => {
    const page = await signIn(browser, 'registrar');
    await page.goto('/register');
    await page.locator('#case_number').fill(caseNumber);
    await page.locator('#destination').selectOption('US');
    await page.locator('#program').selectOption('refugee');
    await member(page, 0, { given: 'Ngabo', birth: yearsAgo(38), sex: 'male', rel: 'principal' });
    await page.getByRole('button', { name: 'Add a member' }).click();
    await member(page, 1, { given: 'Uwase', birth: yearsAgo(34, 40), sex: 'female', rel: 'spouse' }, true);
    await page.getByRole('button', { name: 'Add a member' }).click();
    await member(page, 2, { given: 'Keza', birth: yearsAgo(8, 100), sex: 'female', rel: 'child' });
    await expect(page.locator('#m0-countries-hint')).toContainText('Rwanda');
    await submitRegistration(page, caseNumber);
    await expect(page).toHaveURL(/\/cases\/[^/]+$/);
    await photographEveryone(page);
    await page.getByRole('button', { name: /Put in queue/ }).click();
    await expect(page.getByText('Everyone is in the queue.')).toBeVisible();
    const caseId = page.url().split('/').pop() ?? '';
    await page.context().close();
    await consentAll(browser, caseId); // every consent, so boards, panels and exports show them
  });

  await test.step('nurse records history and vitals from the nurse worklist', async () => {
    const page = await signIn(browser, 'nurse');
    const rows = await worklistRows(page, 'nurse', caseNumber, 3);
    for (const p of people) p.id = rows.find((r) => r.text.includes(p.given.toLowerCase()))?.id;
    expect(people.every((p) => p.id)).toBe(true);
    // The first chart is opened the way a nurse does it: Escape to the list, / back to the
    // search box, arrow down to the first row, Enter.
    await page.keyboard.press('Escape');
    await expect(page.locator('table.worklist tbody tr').first()).toBeFocused();
    await page.keyboard.press('/');
    await expect(page.locator('#wl-filter')).toBeFocused();
    await expect(page.locator('#wl-filter')).toHaveValue(caseNumber);
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('table.worklist tbody tr').first()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/chart\//);
    for (const p of people) {
      await openChart(page, p, 'nurse');
      await checkIdentity(page, 'history', 'exam');
      const history = page.locator('#history');
      for (const no of await history.locator('input[type=radio][id$="-no"]').all()) await no.check();
      await history.getByRole('button', { name: 'Save' }).click();
      await expect(history.locator('.saved')).toHaveText('Saved.');
      const vitals = page.locator('#vitals');
      await page.locator('#v-height_cm').fill(p.adult ? '168' : '127');
      await page.locator('#v-weight_kg').fill(p.adult ? '64.5' : '25');
      await page.locator('#v-bp_systolic').fill(p.adult ? '118' : '');
      await page.locator('#v-bp_diastolic').fill(p.adult ? '76' : '');
      await page.locator('#v-pulse').fill('78');
      await page.locator('#v-temperature_c').fill('36.7');
      if (await page.locator('#v-pregnant-no').count()) await page.locator('#v-pregnant-no').check();
      await page.locator('#v-exam-normal-yes').check();
      await vitals.getByRole('button', { name: 'Save' }).click();
      await expect(vitals.locator('.saved')).toHaveText('Saved.');
    }
    await page.context().close();
  });

  await test.step('a dropped network and a second nurse on the same chart lose nothing: input kept, stale save refused, merged', async () => {
    const a = await signIn(browser, 'nurse');
    const b = await signIn(browser, 'nurse');
    await openChart(a, people[0]);
    await openChart(b, people[0]);
    await a.locator('#v-pulse').fill('82');
    // The network drops: nothing is saved, the input stays; back online, the same click saves.
    await a.context().setOffline(true);
    await a.locator('#vitals').getByRole('button', { name: 'Save' }).click();
    await expect(a.locator('#vitals .alert.error')).toContainText('No connection to the server');
    await expect(a.locator('#v-pulse')).toHaveValue('82');
    await a.context().setOffline(false);
    await a.locator('#vitals').getByRole('button', { name: 'Save' }).click();
    await expect(a.locator('#vitals .saved')).toHaveText('Saved.');
    await b.locator('#v-weight_kg').fill('66');
    await b.locator('#vitals').getByRole('button', { name: 'Save' }).click();
    await expect(b.locator('#vitals [data-testid=conflict]')).toContainText('Someone else changed this record');
    await expect(b.locator('#v-weight_kg')).toHaveValue('66');
    await b.locator('#vitals').getByRole('button', { name: 'Reload and keep my input' }).click();
    // Mine kept, theirs taken where I typed nothing.
    await expect(b.locator('#v-weight_kg')).toHaveValue('66');
    await expect(b.locator('#v-pulse')).toHaveValue('82');
    await b.locator('#vitals').getByRole('button', { name: 'Save' }).click();
    await expect(b.locator('#vitals .saved')).toHaveText('Saved.');
    await a.reload();
    await expect(a.locator('#v-weight_kg')).toHaveValue('66');
    await a.context().close();
    await b.context().close();
  });

  const physician = await signIn(browser, 'physician');
  await test.step('physician sees what the US protocol requires for each person, and why', async () => {
    for (const p of people) {
      await openChart(physician, p);
      await expect(physician.getByTestId('protocol')).toContainText('US');
      const cxr = physician.locator('[data-testid=plan] tr[data-step=cxr]');
      const igra = physician.locator('[data-testid=plan] tr[data-step=igra]');
      if (p.adult) {
        await expect(cxr).toHaveCount(1);
        await expect(cxr.locator('th')).toHaveText('Chest X-ray');
        await expect(cxr.locator('td.reason')).not.toBeEmpty();
        await expect(cxr.locator('td.source')).not.toBeEmpty();
        await expect(cxr).toContainText('to do');
      } else {
        await expect(igra).toHaveCount(1);
        await expect(igra.locator('td.reason')).not.toBeEmpty();
        await expect(cxr).toHaveCount(0);
      }
    }
    // The spouse's birth date was entered as estimated; her age says so.
    await openChart(physician, people[1]);
    await expect(physician.getByTestId('age')).toContainText('estimated');
  });

  await test.step('lab records the child\'s IGRA (and every other lab test due); radiology reads the X-rays', async () => {
    const lab = await signIn(browser, 'lab');
    const rows = await worklistRows(lab, 'lab', caseNumber, 3);
    expect(rows.length).toBe(3);
    const recorded: string[] = [];
    for (const p of people) {
      await openChart(lab, p, 'lab');
      recorded.push(...(await fillPendingResults(lab, '#lab')));
      await expect(lab.locator('#lab form.result-row.pending')).toHaveCount(0);
    }
    expect(recorded).toContain('igra');
    await lab.context().close();

    const radiology = await signIn(browser, 'radiology');
    await worklistRows(radiology, 'radiology', caseNumber, 2);
    for (const p of people.filter((x) => x.adult)) {
      await openChart(radiology, p, 'radiology');
      expect(await fillPendingResults(radiology, '#cxr')).toEqual(['cxr']);
    }
    await radiology.context().close();
  });

  await test.step('physician classifies and signs; the chart is locked', async () => {
    for (const p of people) {
      await openChart(physician, p, 'physician');
      await expect(physician.locator('[data-testid=plan] tr.pending')).toHaveCount(0);
      const cls = physician.locator('#classification');
      await expect(cls.locator('#oc-no_class')).toBeChecked();
      await cls.getByRole('button', { name: 'Save classification' }).click();
      await expect(cls.locator('.saved')).toHaveText('Saved.');
      const sign = physician.locator('#signoff');
      await expect(sign).toContainText('Every required step has a result.');
      await sign.getByRole('button', { name: 'Sign and lock' }).click();
      // Signing asks for confirmation, with a summary of what is signed and issued.
      await physician.getByRole('dialog').getByRole('button', { name: 'Confirm: sign and lock' }).click();
      await expect(physician.getByTestId('locked')).toBeVisible();
      await expect(physician.locator('#history')).toHaveCount(0);
    }
  });

  let verifyUrl = '';
  await test.step('the worker renders and signs the forms: each chart shows a valid DS-2054', async () => {
    for (const p of people) {
      await openChart(physician, p);
      await expect(async () => {
        await physician.reload();
        await expect(physician.locator('[data-testid=forms] tr[data-form-type="DS-2054"][data-status=valid]')).toHaveCount(1, {
          timeout: 2000,
        });
      }).toPass({ timeout: 180_000, intervals: [2000, 3000, 5000] });
    }
    await physician.context().close();
  });

  const caseworker = await signIn(browser, 'caseworker');
  const statuses = () => caseworker.locator(`tbody[data-case="${caseNumber}"] [data-testid=member-status]`);
  await test.step('caseworker books the flight; the board says the pre-embarkation check is due', async () => {
    await caseworker.goto(`/board?q=${encodeURIComponent(caseNumber)}`);
    await caseworker.locator(`tbody[data-case="${caseNumber}"]`).getByRole('button', { name: 'Set flight' }).click();
    await caseworker.locator('[id^=flight-number-]').fill(flight);
    await caseworker.locator('[id^=flight-date-]').fill(daysFromNow(3));
    await caseworker.locator('section[id^=flight-]').getByRole('button', { name: 'Save' }).click();
    await expect(caseworker.locator(`tbody[data-case="${caseNumber}"]`)).toContainText(flight);
    await caseworker.goto(`/board?flight=${flight}`);
    await expect(statuses()).toHaveCount(3);
    for (const s of await statuses().all()) await expect(s).toHaveText(/pre-embarkation check due/i);
  });

  await test.step('nurse records the pre-embarkation check; the board says fit to travel', async () => {
    const nurse = await signIn(browser, 'nurse');
    await worklistRows(nurse, 'pec', caseNumber, 3);
    for (const p of people) {
      await openChart(nurse, p, 'pec');
      await checkIdentity(nurse, 'pec');
      await nurse.locator('#pec-flight').fill(flight);
      await nurse.locator('#pec-temp').fill('36.6');
      await nurse.locator('#pec-symptoms-no').check();
      await nurse.locator('#pec-fit-yes').check();
      await nurse.locator('#pec').getByRole('button', { name: 'Record check' }).click();
      await expect(nurse.getByTestId('pec-result')).toContainText('fit to travel');
    }
    await nurse.context().close();
    await caseworker.goto(`/board?flight=${flight}`);
    await expect(statuses()).toHaveCount(3);
    for (const s of await statuses().all()) await expect(s).toHaveText(/fit to travel/i);
    await caseworker.context().close();
  });

  const pdfPath = join(out, `DS-2054-${caseNumber}.pdf`);
  let formPath = '';
  await test.step('panel.us downloads the signed DS-2054; pdfsig finds it valid', async () => {
    const panel = await signIn(browser, 'panel.us');
    await panel.goto(`/panel?flight=${flight}`);
    const rows = panel.locator(`[data-testid=panel-applicants] > tbody > tr[data-case="${caseNumber}"]`);
    await expect(rows).toHaveCount(3);
    const form = rows.first().locator('[data-form-type="DS-2054"]');
    const link = form.locator('[data-testid=form-pdf]');
    // The QR code's address of the very form downloaded, for the verification step.
    verifyUrl = (await form.locator('[data-testid=verify-link]').getAttribute('href')) ?? '';
    expect(verifyUrl).toMatch(/\/verify\/[^/]+$/);
    formPath = (await link.getAttribute('href')) ?? '';
    expect(formPath).toMatch(/^\/api\/forms\/[^/]+\/pdf$/);
    const [download] = await Promise.all([panel.waitForEvent('download'), link.click()]);
    await download.saveAs(pdfPath);
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    const report = await pdfsig(pdfPath);
    expect(report).toContain('Signature is Valid.');
    expect(report).toContain('Total document signed');
    const zip = await panel.request.get(`/api/panel/flights/${flight}/forms.zip`);
    expect(zip.status()).toBe(200);
    expect((await zip.body()).subarray(0, 2).toString()).toBe('PK');
    await panel.context().close();
  });

  await test.step('panel.ca cannot see the US form', async () => {
    const panel = await signIn(browser, 'panel.ca');
    await panel.goto(`/panel?flight=${flight}`);
    await expect(panel.getByText('No applicant matches.')).toBeVisible();
    await expect(panel.locator(`tr[data-case="${caseNumber}"]`)).toHaveCount(0);
    const res = await panel.request.get(formPath);
    expect([403, 404]).toContain(res.status());
    await panel.context().close();
  });

  await test.step('the QR code\'s page, logged out, says the form is authentic; the PDF matches', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    // verify_url carries the server's public address; the same path is opened on the server under test.
    await page.goto(new URL(verifyUrl, 'http://placeholder').pathname);
    await expect(page.getByTestId('verify-status')).toContainText('Authentic');
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    await page.locator('#verify-file').setInputFiles(pdfPath);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect(page.getByTestId('verify-upload')).toContainText('This file is this form, unaltered.');
    // One flipped byte, and the same page must say the file is not the form.
    const bytes = readFileSync(pdfPath);
    bytes[Math.floor(bytes.length / 3)] ^= 0x01;
    const tampered = join(out, `DS-2054-${caseNumber}-tampered.pdf`);
    writeFileSync(tampered, bytes);
    await page.locator('#verify-file').setInputFiles(tampered);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect(page.getByTestId('verify-upload')).toContainText('This file is NOT this form');
    await ctx.close();
  });
});
