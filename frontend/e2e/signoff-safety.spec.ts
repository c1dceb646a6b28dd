// Safety at sign-off, in the browser: an Australian chart with required tests missing cannot be
// signed; a chest X-ray in pregnancy that the US rules allow to wait is signed with its reason,
// and every form and the verification page say what was not done; a form that cannot be drawn
// fails once and says why in words. Every screen of the path passes axe (no serious or critical
// violation).
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type Page, expect, test } from '@playwright/test';
import { consentAll, fillPendingResults, signIn, worklistRows, yearsAgo } from './helpers';
import { checkIdentity, photographEveryone, submitRegistration } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
const exec = promisify(execFile);

/** axe on the page as it stands: no serious or critical violation. */
async function axe(page: Page, screen: string) {
  const res = await new AxeBuilder({ page }).analyze();
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Registers one adult woman for dest and queues her; answers her assessment id. */
async function register(browser: Browser, caseNumber: string, dest: string): Promise<string> {
  const page = await signIn(browser, 'registrar');
  await page.goto('/register');
  await axe(page, 'registration');
  await page.locator('#case_number').fill(caseNumber);
  await page.locator('#destination').selectOption(dest);
  await page.locator('#program').selectOption('refugee');
  await page.locator('#m0-surnames').fill('Mukamana');
  await page.locator('#m0-given_names').fill('Claudine');
  await page.locator('#m0-birth_date').fill(yearsAgo(34, 20));
  await page.locator('#m0-sex').selectOption('female');
  await page.locator('#m0-relationship').selectOption('principal');
  await page.locator('#m0-nationality').fill('RW');
  await page.locator('#m0-residence').fill('RW');
  await page.locator('#m0-countries').fill('RW');
  await page.locator('#m0-docnum').fill(`${caseNumber}-1`);
  await submitRegistration(page, caseNumber);
  await photographEveryone(page);
  await page.getByRole('button', { name: /Put in queue/ }).click();
  await expect(page.getByText('Everyone is in the queue.')).toBeVisible();
  await axe(page, 'case');
  const caseId = page.url().split('/').pop() ?? '';
  await page.context().close();
  await consentAll(browser, caseId);

  const nurse = await signIn(browser, 'nurse');
  const rows = await worklistRows(nurse, 'nurse', caseNumber, 1);
  await axe(nurse, 'nurse worklist');
  await nurse.context().close();
  return rows[0].id;
}

/** The nurse records a history with every answer "no" and a normal examination. */
async function examine(browser: Browser, id: string, pregnant: boolean) {
  const page = await signIn(browser, 'nurse');
  await page.goto(`/chart/${id}?from=nurse`);
  await checkIdentity(page, 'history', 'exam');
  const history = page.locator('#history');
  await expect(history.locator('input[type=radio]').first()).toBeVisible();
  await history.getByRole('button', { name: 'None of these' }).click();
  for (const no of await history.locator('input[type=radio][id$="-no"]').all()) await expect(no).toBeChecked();
  await history.getByRole('button', { name: 'Save' }).click();
  await expect(history.locator('.saved')).toHaveText('Saved.');
  await page.locator('#v-height_cm').fill('162');
  await page.locator('#v-weight_kg').fill('61');
  await page.locator('#v-bp_systolic').fill('116');
  await page.locator('#v-bp_diastolic').fill('74');
  await page.locator('#v-pulse').fill('76');
  await page.locator('#v-temperature_c').fill('36.6');
  await expect(page.getByTestId('bmi')).toHaveText('BMI 23.2');
  await page.locator('#v-temperature_c').fill('3.66');
  await expect(page.getByTestId('vitals-flags')).toContainText('Check this value (probably a typing error): temperature');
  await page.locator('#v-temperature_c').fill('36.6');
  await expect(page.getByTestId('vitals-flags')).not.toContainText('Check this value');
  await page.locator(pregnant ? '#v-pregnant-yes' : '#v-pregnant-no').check();
  await page.locator('#v-exam-normal-yes').check();
  await page.locator('#vitals').getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#vitals .saved')).toHaveText('Saved.');
  await axe(page, 'nurse chart');
  await page.context().close();
}

/** The physician's worklist does not list the case (the list has loaded: it says nobody matches). */
async function notOnPhysicianWorklist(page: Page, caseNumber: string) {
  await page.goto('/worklist/physician');
  await page.locator('#wl-filter').fill(caseNumber);
  await expect(page.getByText('Nobody matches the search.')).toBeVisible();
}

async function boardStatus(browser: Browser, caseNumber: string): Promise<string> {
  const cw = await signIn(browser, 'caseworker');
  await cw.goto(`/board?q=${encodeURIComponent(caseNumber)}`);
  const status = cw.getByTestId('member-status').first();
  await expect(status).toBeVisible();
  await axe(cw, 'board');
  const text = await status.innerText();
  await cw.context().close();
  return text;
}

test('an Australian sign-off with five required tests missing is refused, with the list', async ({ browser }) => {
  const caseNumber = `AU-${run}`;
  const id = await register(browser, caseNumber, 'AU');
  await examine(browser, id, false);
  expect(await boardStatus(browser, caseNumber)).toBe('Waiting for test results');

  const doc = await signIn(browser, 'physician');
  await notOnPhysicianWorklist(doc, caseNumber);
  await doc.goto(`/chart/${id}`);
  const cls = doc.locator('#classification');
  // Nothing is pre-ticked before the results it depends on exist.
  await expect(cls.locator('#oc-no_finding')).not.toBeChecked();
  await cls.locator('#oc-no_finding').check();
  await cls.getByRole('button', { name: 'Save classification' }).click();
  await expect(cls.locator('.saved')).toHaveText('Saved.');
  const sign = doc.locator('#signoff');
  const missing = sign.getByTestId('signoff-missing');
  for (const step of ['Urine test', 'Chest X-ray', 'HIV test', 'Hepatitis B', 'Syphilis']) await expect(missing).toContainText(step);
  await expect(missing).toContainText('No protocol rule allows signing without this step');
  const forms = sign.getByTestId('signoff-forms');
  await expect(forms).toContainText('Not issued: form 502 prints the result of the Chest X-ray');
  await expect(forms).toContainText('Not issued: form 707 prints the result of the HIV test');
  await expect(sign.getByRole('button', { name: 'Sign and lock' })).toBeDisabled();
  // The clearance date is not shown before there is a clearance.
  await expect(doc.getByText('Clearance valid until')).toHaveCount(0);
  await axe(doc, 'physician chart (refused)');
  await doc.reload();
  await expect(doc.getByTestId('locked')).toHaveCount(0);
  await doc.context().close();
});

test('a deferral the rules allow is signed; every form and the verify page say what was not done; an undrawable form fails once, in words', async ({ browser }) => {
  const caseNumber = `US-${run}`;
  const reason = 'Declined in pregnancy; after delivery';
  const line = `Signed with steps not done: Chest X-ray — ${reason}`;
  const id = await register(browser, caseNumber, 'US');
  await examine(browser, id, true);

  const lab = await signIn(browser, 'lab');
  await lab.goto(`/chart/${id}?from=lab`);
  await expect(lab.locator('#lab form.result-row').first()).toBeVisible();
  expect(await fillPendingResults(lab, '#lab')).toContain('syphilis');
  await lab.context().close();

  const doc = await signIn(browser, 'physician');
  expect((await worklistRows(doc, 'physician', caseNumber, 1))[0].id).toBe(id);
  await expect(doc.getByTestId('waiting').first()).toHaveText(/^(\d+ min|\d+ h \d+ min|just now)$/);
  await axe(doc, 'physician worklist');
  await doc.goto(`/chart/${id}`);
  const cls = doc.locator('#classification');
  await expect(cls.locator('#oc-no_class')).not.toBeChecked();
  await cls.locator('#oc-no_class').check();
  await cls.getByRole('button', { name: 'Save classification' }).click();
  await expect(cls.locator('.saved')).toHaveText('Saved.');
  const sign = doc.locator('#signoff');
  await expect(sign.getByTestId('signoff-missing')).toContainText('The protocol allows this step to wait');
  await sign.getByRole('button', { name: 'Sign and lock' }).click();
  await expect(sign.locator('.alert.error')).toContainText('Write why each step is not done.');
  await doc.locator('#defer-cxr').fill(reason);
  await sign.getByRole('button', { name: 'Sign and lock' }).click();
  const dialog = doc.getByRole('dialog');
  await expect(dialog).toContainText('Sign and lock this record?');
  await expect(dialog).toContainText('Forms to be issued: DS-2054');
  await expect(dialog).toContainText(line);
  await axe(doc, 'sign-off confirmation');
  await dialog.getByRole('button', { name: 'Confirm: sign and lock' }).click();
  await expect(doc.getByTestId('locked')).toBeVisible();
  await expect(doc.getByTestId('not-done')).toContainText(`Chest X-ray — ${reason}`);
  await expect(doc.getByText('Clearance valid until')).toHaveCount(0);

  // The worker issues every form; each PDF carries the line, and so does its verification page.
  type Chart = { plan: { forms: string[] }; forms: { id: string; form_type: string; status: string; verify_url: string }[] };
  let chart: Chart = { plan: { forms: [] }, forms: [] };
  await expect(async () => {
    chart = await (await doc.request.get(`/api/assessments/${id}`)).json();
    expect(chart.forms.filter((f) => f.status === 'valid').length).toBe(chart.plan.forms.length);
  }).toPass({ timeout: 90_000 });
  expect(chart.forms.length).toBeGreaterThan(1);
  for (const f of chart.forms) {
    const file = join(tmpdir(), `${f.id}.pdf`);
    writeFileSync(file, await (await doc.request.get(`/api/forms/${f.id}/pdf`)).body());
    const { stdout } = await exec('pdftotext', ['-enc', 'UTF-8', file, '-']);
    expect(stdout.replace(/\s+/g, ' '), `form ${f.form_type}`).toContain(line);
    const pub = await browser.newContext();
    const v = await pub.newPage();
    await v.goto(f.verify_url);
    await expect(v.getByTestId('verify-not-done')).toHaveText(line);
    await expect(v.getByTestId('verify-form-name')).toContainText(`Form ${f.form_type} — `);
    if (f.form_type === 'DS-2054') await axe(v, 'verify page');
    await pub.close();
  }
  expect(await boardStatus(browser, caseNumber)).toBe('Incomplete: signed with steps not done');
  const panel = await signIn(browser, 'panel.us');
  await panel.goto('/panel');
  await expect(panel.getByTestId('panel-incomplete').first()).toBeVisible();
  await axe(panel, 'panel list');
  await panel.context().close();

  // A form ordered that can never be drawn (a 502 with no chest X-ray reading on the signed
  // record): the worker fails it once, and the physician and the administrator read why.
  const url = process.env.MHAC_DATABASE_URL;
  expect(url, 'MHAC_DATABASE_URL (scripts/e2e.sh sets it)').toBeTruthy();
  const sql = `WITH f AS (INSERT INTO forms (id, snapshot_id, assessment_id, applicant_id, site_id, destination, form_type, status, verify_token, created_at)
      SELECT gen_random_uuid(), snapshot_id, assessment_id, applicant_id, site_id, destination, '502', 'pending', md5(random()::text), now()
      FROM forms WHERE assessment_id = '${id}' AND form_type = 'DS-2054' LIMIT 1 RETURNING id)
    INSERT INTO outbox (id, kind, ref, created_at) SELECT gen_random_uuid(), 'render_form', f.id::text, now() FROM f`;
  await exec('/usr/lib/postgresql/15/bin/psql', ['-q', '-v', 'ON_ERROR_STOP=1', url!, '-c', sql]);
  const failed = doc.locator('#forms tr[data-form-type="502"][data-status=failed]');
  await expect(async () => {
    await doc.reload();
    await expect(failed).toHaveCount(1, { timeout: 2000 });
  }).toPass({ timeout: 90_000 });
  await expect(failed.getByTestId('failed-why')).toContainText('Form 502 cannot be drawn: form 502 prints a chest X-ray reading');
  await expect(failed.getByTestId('failed-why')).toContainText('It will not be retried.');
  await axe(doc, 'physician chart (signed, failed form)');
  await doc.context().close();

  const admin = await signIn(browser, 'admin');
  const jobs = await (await admin.request.get('/api/admin/jobs')).json();
  const list = jobs.items as { form_type: string; retried: number; state: string; case_number: string }[];
  const job = list.find((j) => j.case_number === caseNumber && j.form_type === '502');
  expect(job, JSON.stringify(list)).toMatchObject({ state: 'archived', retried: 0 });
  await admin.goto('/admin');
  const row = admin.locator('tr', { has: admin.getByText(`Form 502 for Claudine Mukamana, case ${caseNumber}`) });
  await expect(row.getByTestId('job-problem')).toContainText('Form 502 cannot be drawn');
  await axe(admin, 'admin failed jobs');
  await admin.context().close();
});
