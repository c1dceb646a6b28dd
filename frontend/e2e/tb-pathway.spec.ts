// The TB pathway end to end, on the clinic's injectable clock (the e2e server runs with
// MHAC_TEST_CLOCK=1, which lets POST /test/clock move the clinic's time forward):
// 1. A US-bound refugee: the nurse orders the chest X-ray from the chart; the first radiologist
//    reads it suggestive of TB, the second reads blind and agrees; the plan asks for sputum; the
//    nurse collects three sputum specimens on three consecutive days (each label PDF read back
//    with zbarimg); the lab receives them by scan and enters three negative smears; the cultures
//    are pending and the caseworker board shows the date they are expected; eight weeks later the
//    lab enters three negative cultures; the rules give Class B1 and the physician signs.
// 2. A refugee with a positive smear (Class A TB) is treated under observation: the physician
//    starts the course on the DOT screen, the observers tick every dose (one day missed, shown at
//    the DOT station, then entered late), and the completed course turns Class A into Class B0.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type APIRequestContext, type Browser, type Page, expect, test } from '@playwright/test';
import { consentAll, fillPendingResults, signIn, worklistRows, yearsAgo } from './helpers';
import { checkIdentity, submitRegistration } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
const letters = run.replace(/[0-9]/g, (d) => 'ABCDEFGHIJ'[Number(d)]).toLowerCase();
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');
const exec = promisify(execFile);
const DAY = 24;

/** Moves the clinic's clock forward (0: reads it); answers the clinic's now. */
async function clock(browser: Browser, hours: number, reset = false): Promise<Date> {
  const ctx = await browser.newContext();
  const res = reset || hours > 0
    ? await ctx.request.post('/test/clock', { data: reset ? { reset: true } : { advance_hours: hours } })
    : await ctx.request.get('/test/clock');
  expect(res.ok(), `the e2e server moves its clock only with MHAC_TEST_CLOCK=1: ${res.status()}`).toBe(true);
  const now = new Date((await res.json()).now);
  await ctx.close();
  return now;
}

/** The site's calendar day (Kigali, UTC+2, no daylight saving) of an instant, plus days. */
function siteDay(at: Date, plusDays = 0): string {
  return new Date(at.getTime() + 2 * 3_600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
}

async function apiOf(page: Page) {
  const req: APIRequestContext = page.request;
  const session = await (await req.get('/api/session')).json();
  const headers = { 'X-CSRF-Token': session.csrf_token as string };
  return {
    get: async (path: string) => {
      const res = await req.get(path);
      expect(res.ok(), `GET ${path}: ${res.status()} ${await res.text()}`).toBe(true);
      return res.json();
    },
    send: async (method: 'POST' | 'PUT', path: string, data: unknown) => {
      const res = await req.fetch(path, { method, data, headers });
      expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
      return res.json();
    },
  };
}

/** Registers one US-bound refugee man of 40 through the registration screen; answers his assessment. */
async function register(browser: Browser, caseNumber: string, surname: string, given: string): Promise<string> {
  const page = await signIn(browser, 'registrar');
  await page.goto('/register');
  await page.locator('#case_number').fill(caseNumber);
  await page.locator('#destination').selectOption('US');
  await page.locator('#program').selectOption('refugee');
  await page.locator('#m0-surnames').fill(surname);
  await page.locator('#m0-given_names').fill(given);
  await page.locator('#m0-birth_date').fill(yearsAgo(40));
  await page.locator('#m0-sex').selectOption('male');
  await page.locator('#m0-relationship').selectOption('principal');
  await page.locator('#m0-nationality').fill('RW');
  await page.locator('#m0-residence').fill('RW');
  await submitRegistration(page, caseNumber);
  await page.getByRole('button', { name: /Put in queue/ }).click();
  await expect(page.getByText('Everyone is in the queue.')).toBeVisible();
  const caseId = page.url().split('/').pop() ?? '';
  const assessmentId: string = (await (await apiOf(page)).get(`/api/cases/${caseId}`)).members[0].assessment_id;
  expect(assessmentId).toBeTruthy();
  await page.context().close();
  await consentAll(browser, caseId);
  return assessmentId;
}

// Whatever happens, the clock goes back for the specs that follow on the same server.
test.afterAll(async ({ browser }) => {
  await clock(browser, 0, true);
});

test('US refugee: suggestive X-ray, second read agrees, sputum × 3, cultures held eight weeks, Class B1, signed', async ({ browser }) => {
  test.setTimeout(600_000);
  const caseNumber = `TBP-${run}`;
  const surname = `Mugisha${letters}`;
  let chartId = '';
  await test.step('registrar registers and queues him', async () => {
    await register(browser, caseNumber, surname, 'Jean');
  });

  await test.step('nurse records history and vitals, and orders the X-ray from the chart', async () => {
    const nurse = await signIn(browser, 'nurse');
    chartId = (await worklistRows(nurse, 'nurse', caseNumber, 1))[0].id;
    await nurse.goto(`/chart/${chartId}`);
    await checkIdentity(nurse, 'history', 'exam');
    const history = nurse.locator('#history');
    await expect(history.locator('input[type=radio][id$="-no"]').first()).toBeVisible();
    for (const no of await history.locator('input[type=radio][id$="-no"]').all()) await no.check();
    await history.getByRole('button', { name: 'Save' }).click();
    await expect(history.locator('.saved')).toHaveText('Saved.');
    await nurse.locator('#v-height_cm').fill('170');
    await nurse.locator('#v-weight_kg').fill('62');
    await nurse.locator('#v-bp_systolic').fill('120');
    await nurse.locator('#v-bp_diastolic').fill('78');
    await nurse.locator('#v-pulse').fill('72');
    await nurse.locator('#v-temperature_c').fill('36.6');
    await nurse.locator('#v-exam-normal-yes').check();
    await nurse.locator('#vitals').getByRole('button', { name: 'Save' }).click();
    await expect(nurse.locator('#vitals .saved')).toHaveText('Saved.');
    const order = nurse.locator('#xray-order');
    await order.getByRole('button', { name: 'Order the chest X-ray' }).click();
    await expect(order.getByTestId('xray-ordered')).toContainText('Waiting for the first reading');
    await expect(order.getByTestId('xray-ordered')).toContainText('us.tb.cxr_age_15');
    await nurse.context().close();
  });

  await test.step('the first radiologist reads it suggestive of TB; the second reads blind and agrees', async () => {
    const rad = await signIn(browser, 'radiology');
    await rad.goto(`/chart/${chartId}`);
    await checkIdentity(rad, 'xray');
    await rad.goto('/radiology');
    await rad.getByRole('link', { name: new RegExp(`${surname}, Jean`, 'i') }).click();
    await expect(rad.getByTestId('study-status')).toHaveText('Waiting for the first reading');
    await rad.getByLabel('Cavitary lesion').check();
    await rad.getByRole('button', { name: 'Save the reading' }).click();
    await expect(rad.getByTestId('study-status')).toHaveText('Waiting for a second reading');
    await rad.context().close();
    const rad2 = await signIn(browser, 'radiology2');
    await rad2.goto('/radiology');
    await rad2.getByRole('link', { name: new RegExp(`${surname}, Jean`, 'i') }).click();
    await expect(rad2.getByText('Read blind: 1 earlier reading(s) stay hidden')).toBeVisible();
    await expect(rad2.getByLabel('Cavitary lesion')).not.toBeChecked();
    await rad2.getByLabel('Cavitary lesion').check();
    await rad2.getByRole('button', { name: 'Save the reading' }).click();
    await expect(rad2.getByTestId('study-status')).toHaveText('Final');
    await expect(rad2.getByTestId('study-final')).toHaveText('Suggestive of TB');
    await rad2.context().close();
  });

  const accessions: string[] = [];
  let lastCollection = new Date();
  for (const n of [1, 2, 3]) {
    await test.step(`day ${n}: the nurse collects sputum specimen ${n} and its label reads back`, async () => {
      if (n > 1) await clock(browser, DAY); // the next specimen is collected the next day
      lastCollection = await clock(browser, 0);
      const nurse = await signIn(browser, 'nurse');
      await nurse.goto(`/chart/${chartId}`);
      await checkIdentity(nurse, 'sputum');
      await nurse.goto('/lab');
      const person = nurse.getByRole('region', { name: `Jean ${surname}` });
      await expect(person).toBeVisible({ timeout: 30_000 });
      await expect(person.locator('tr[data-step="sputum_smears"]')).toContainText('us.tb');
      for (const row of await person.locator('tr[data-step^="sputum_"], tr[data-step="mtb_naat"]').all()) {
        const box = row.locator('input[type=checkbox]');
        if ((await box.count()) && (await box.isEnabled())) await box.check();
      }
      await person.getByLabel('Collection observed').check();
      if (n === 1) await person.getByLabel('Early-morning specimen').check();
      await person.getByRole('button', { name: 'Collect the picked orders' }).click();
      const done = nurse.getByTestId('collected');
      await expect(done).toContainText(/L\d{4}-\d{6}/);
      const accession = ((await done.innerText()).match(/L\d{4}-\d{6}/) ?? [''])[0];
      expect(accessions).not.toContain(accession);
      accessions.push(accession);
      const pdf = await nurse.request.get((await nurse.getByTestId('labels').getAttribute('href')) ?? '');
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      mkdirSync(out, { recursive: true });
      const file = join(out, `tb-label-${run}-${n}.pdf`);
      writeFileSync(file, await pdf.body());
      const png = join(out, `tb-label-${run}-${n}`);
      await exec('pdftoppm', ['-r', '300', '-gray', '-png', '-singlefile', file, png]);
      const { stdout } = await exec('zbarimg', ['--quiet', '--raw', png + '.png']);
      expect(stdout.trim()).toBe(accession);
      await nurse.context().close();
    });
  }

  await test.step('the lab receives the three specimens by scan and enters three negative smears', async () => {
    const lab = await signIn(browser, 'lab');
    await lab.goto('/lab');
    const scan = lab.getByTestId('scan');
    for (const accession of accessions) {
      await expect(scan).toBeFocused();
      await scan.fill(accession);
      await scan.press('Enter');
      await lab.getByRole('button', { name: 'Receive' }).click();
      await expect(lab.getByTestId('scan-done')).toContainText(`${accession} received.`);
      await scan.fill(accession);
      await scan.press('Enter');
      await lab.locator('#lab-test').selectOption('afb_smear');
      const smear = lab.locator('#v-smear');
      await expect(smear).toBeFocused();
      await smear.selectOption('negative');
      await smear.press('Enter');
      await expect(lab.getByTestId('scan-done')).toContainText(`Result of ${accession} recorded`);
    }
    // The molecular test, where the plan ordered one, is read on the first specimen.
    const chart = await (await apiOf(lab)).get(`/api/assessments/${chartId}`);
    if (chart.plan.required.some((r: { step: string }) => r.step === 'mtb_naat')) {
      await scan.fill(accessions[0]);
      await scan.press('Enter');
      await lab.locator('#lab-test').selectOption('mtb_naat');
      await lab.locator('#v-naat').selectOption('not_detected');
      await lab.locator('#v-naat').press('Enter');
      await expect(lab.getByTestId('scan-done')).toContainText(`Result of ${accessions[0]} recorded`);
    }
    await lab.context().close();
  });

  const expected = siteDay(lastCollection, 56);
  await test.step('cultures pending: the chart holds, the board shows the date they are expected', async () => {
    const doc = await signIn(browser, 'physician');
    const chart = await (await apiOf(doc)).get(`/api/assessments/${chartId}`);
    const results = chart.results ?? chart.latest_results;
    expect(JSON.stringify(results ?? chart)).toContain('pending');
    await doc.goto(`/chart/${chartId}`);
    await expect(doc.getByTestId('clearance').locator('li[data-code="culture_pending"]')).toContainText(`Expected by ${expected}`);
    await expect(doc.getByTestId('outcome')).not.toContainText('Class B1');
    await doc.context().close();
    const cw = await signIn(browser, 'caseworker');
    await cw.goto(`/board?q=${caseNumber}`);
    const row = cw.locator(`tbody[data-case="${caseNumber}"]`);
    await expect(row.locator('[data-testid=hold][data-code=results_expected]')).toHaveText(`Tests pending, results expected by ${expected}`);
    await cw.context().close();
  });

  await test.step('eight weeks later the lab enters three negative cultures', async () => {
    await clock(browser, 56 * DAY);
    const lab = await signIn(browser, 'lab');
    await lab.goto('/lab');
    const scan = lab.getByTestId('scan');
    for (const accession of accessions) {
      await expect(scan).toBeFocused();
      await scan.fill(accession);
      await scan.press('Enter');
      await lab.locator('#lab-test').selectOption('mtb_culture');
      const culture = lab.locator('#v-culture');
      await expect(culture).toBeFocused();
      await culture.selectOption('negative');
      await culture.press('Enter');
      await expect(lab.getByTestId('scan-done')).toContainText(`Result of ${accession} recorded`);
    }
    // The other tests of the plan (syphilis, HIV, ...): normal results at the chart.
    await lab.goto(`/chart/${chartId}`);
    await fillPendingResults(lab, '#lab');
    await lab.context().close();
  });

  await test.step('the rules give Class B1; the physician classifies and signs', async () => {
    const doc = await signIn(browser, 'physician');
    await doc.goto(`/chart/${chartId}`);
    await expect(doc.getByTestId('outcome')).toContainText('Class B1: lung TB', { timeout: 30_000 });
    await expect(doc.locator('[data-testid=plan] tr.pending')).toHaveCount(0);
    const cls = doc.locator('#classification');
    await expect(cls.locator('#oc-class_b1_tb_pulmonary')).toBeChecked();
    await cls.getByRole('button', { name: 'Save classification' }).click();
    await expect(cls.locator('.saved')).toHaveText('Saved.');
    const sign = doc.locator('#signoff');
    await expect(sign).toContainText('Every required step has a result.');
    await sign.getByRole('button', { name: 'Sign and lock' }).click();
    await doc.getByRole('dialog').getByRole('button', { name: 'Confirm: sign and lock' }).click();
    await expect(doc.getByTestId('locked')).toBeVisible();
    await doc.context().close();
  });
});

test('Class A TB: the course under observation, a missed day entered late, completion gives Class B0', async ({ browser }) => {
  test.setTimeout(600_000);
  await clock(browser, 0, true);
  const caseNumber = `TBA-${run}`;
  const surname = `Habineza${letters}`;
  const chartId = await register(browser, caseNumber, surname, 'Paul');

  await test.step('radiology reads the X-ray suggestive of TB and the lab records a positive smear: Class A', async () => {
    const rad = await signIn(browser, 'radiology');
    const r = await apiOf(rad);
    await r.send('POST', `/api/assessments/${chartId}/identity-checks`, { station: 'xray', outcome: 'match' });
    let chart = await r.get(`/api/assessments/${chartId}`);
    await r.send('POST', `/api/assessments/${chartId}/results`, { version: chart.version, step: 'cxr', value: 'suggestive_of_tb' });
    await rad.context().close();
    const lab = await signIn(browser, 'lab');
    const l = await apiOf(lab);
    await l.send('POST', `/api/assessments/${chartId}/identity-checks`, { station: 'sputum', outcome: 'match' });
    chart = await l.get(`/api/assessments/${chartId}`);
    await l.send('POST', `/api/assessments/${chartId}/results`, { version: chart.version, step: 'sputum_smears', value: ['positive', 'negative', 'negative'] });
    await lab.context().close();
  });

  const today = siteDay(await clock(browser, 0));
  const start = siteDay(await clock(browser, 0), -167);
  await test.step('the physician starts the course on the DOT screen (2HRZE/4HR, 168 doses)', async () => {
    const doc = await signIn(browser, 'physician');
    await doc.goto(`/chart/${chartId}#dot`);
    await expect(doc.getByTestId('outcome')).toContainText('Class A: TB disease');
    const dot = doc.locator('#dot');
    await expect(dot.getByTestId('dot-none')).toBeVisible();
    await dot.locator('#dot-regimen').selectOption('2HRZE/4HR');
    await dot.locator('#dot-weight').fill('61');
    await dot.locator('#dot-start').fill(start);
    await dot.getByRole('button', { name: 'Start the course' }).click();
    await expect(dot.getByTestId('dot-regimen')).toHaveText('2HRZE/4HR');
    await expect(dot.getByTestId('dot-status')).toHaveText('Under way');
    await expect(dot.getByTestId('dot-drugs')).toContainText('4'); // 55–70 kg: four tablets a day
    await expect(dot).toContainText('0 of 168 doses observed');
    await doc.context().close();
  });

  await test.step('the observers’ doses of the first 166 days (on each day, entered from the records)', async () => {
    const nurse = await signIn(browser, 'nurse');
    const n = await apiOf(nurse);
    let chart = await n.get(`/api/assessments/${chartId}`);
    for (let d = 0; d < 166; d++) {
      const day = siteDay(new Date(`${start}T00:00:00Z`), d);
      chart = await n.send('POST', `/api/assessments/${chartId}/dot/doses`, { version: chart.version, day, observed_at: `${day}T06:30:00Z`, note: '' });
    }
    expect(chart.dot.observed).toBe(166);
    await nurse.context().close();
  });

  await test.step('the DOT station lists yesterday’s missed dose and today’s; the nurse enters both', async () => {
    const nurse = await signIn(browser, 'nurse');
    const yesterday = siteDay(await clock(browser, 0), -1);
    await nurse.goto('/dot');
    await nurse.locator('#dot-day').fill(yesterday);
    const missedRow = nurse.locator(`[data-testid=dot-due] tr[data-id="${chartId}"]`);
    await expect(missedRow).toContainText(yesterday);
    await expect(missedRow).toContainText('166 of 168 doses observed');
    await nurse.locator('#dot-day').fill('');
    await expect(nurse.locator(`[data-testid=dot-due] tr[data-id="${chartId}"]`)).toContainText(today);
    await nurse.locator(`[data-testid=dot-due] tr[data-id="${chartId}"]`).getByRole('link').click();
    const dot = nurse.locator('#dot');
    await expect(dot.getByTestId('dot-missed')).toContainText(yesterday);
    await expect(dot.locator(`tr[data-day="${yesterday}"]`)).toHaveAttribute('data-status', 'missed');
    await dot.locator('#dot-late-day').selectOption(yesterday);
    await dot.locator('#dot-late-time').fill('09:15');
    await dot.locator('#dot-late-note').fill('Observed at home visit; entered the next day');
    await dot.getByRole('button', { name: 'Save the late entry' }).click();
    await expect(dot.locator(`tr[data-day="${yesterday}"]`)).toHaveAttribute('data-status', 'observed');
    await expect(dot.locator(`tr[data-day="${yesterday}"]`)).toContainText('entered late');
    await expect(dot.getByTestId('dot-missed')).toHaveCount(0);
    await dot.getByTestId('dot-observe-today').click();
    await expect(dot.getByTestId('dot-today-done')).toContainText(today);
    await expect(dot).toContainText('168 of 168 doses observed');
    await nurse.goto('/dot');
    await expect(nurse.getByTestId('dot-due-none').or(nurse.getByTestId('dot-due'))).toBeVisible();
    await expect(nurse.locator(`[data-testid=dot-due] tr[data-id="${chartId}"]`)).toHaveCount(0);
    await nurse.context().close();
  });

  await test.step('the physician completes the course: the rules give Class B0 and release the hold', async () => {
    const doc = await signIn(browser, 'physician');
    await doc.goto(`/chart/${chartId}`);
    const dot = doc.locator('#dot');
    await dot.getByTestId('dot-complete').click();
    await expect(dot.getByTestId('dot-status')).toContainText(`Completed on ${today}`);
    await expect(doc.getByTestId('outcome')).toContainText('Class B0');
    await expect(doc.getByTestId('outcome')).not.toContainText('Class A: TB disease');
    await doc.context().close();
  });
});
