// A vaccination day for a US immigrant child of four with a vaccination card: the card's doses are
// entered; the nurse receives a DTaP lot into the stock (an expired lot is refused beside its
// field), records the guardian's refusal of MMR and a positive varicella titre, gives DTaP from
// the lot (the stock counts down from 10 to 9) and polio; the physician signs; the signed
// DS-3025, downloaded through the API and read with pdftotext, prints the refusal, the titre, the
// lot with its manufacturer and the CDSi data version. Nothing can be added once signed.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { consentAll, fillPendingResults, signIn, worklistRows, yearsAgo } from './helpers';
import { checkIdentity, photographEveryone, submitRegistration } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
const caseNumber = `VXD-${run}`;
const birth = yearsAgo(4, 10);
const lot = `DTAP-${run}`;

function monthsAfterBirth(n: number): string {
  const d = new Date(birth + 'T00:00:00Z');
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

function isoDay(offsetDays: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}

/** The card: the infant series up to the preschool boosters (DTaP, polio, Hib, PCV, HepB, MMR, varicella). */
function cardDoses(): [number, string][] {
  const out: [number, string][] = [];
  for (const m of [2, 4, 6, 15]) out.push([m, '20']);
  for (const m of [2, 4, 6]) out.push([m, '10']);
  for (const m of [2, 4, 6, 12]) out.push([m, '49'], [m, '133']);
  for (const m of [0, 1, 6]) out.push([m, '08']);
  out.push([12, '03'], [12, '21']);
  return out;
}

async function csrf(request: APIRequestContext): Promise<Record<string, string>> {
  const session = await (await request.get('/api/session')).json();
  return { 'X-CSRF-Token': session.csrf_token as string };
}

let chartId = '';
let caseId = '';

test('a vaccination day: card, refusal, titre, a dose from a lot counted down, the signed DS-3025', async ({ browser }) => {
  await test.step('registrar registers the child for the US as an immigrant and queues her', async () => {
    const page = await signIn(browser, 'registrar');
    await page.goto('/register');
    await page.locator('#case_number').fill(caseNumber);
    await page.locator('#destination').selectOption('US');
    await page.locator('#program').selectOption('immigrant');
    await page.locator('#m0-surnames').fill('Uwamahoro');
    await page.locator('#m0-given_names').fill('Ange');
    await page.locator('#m0-birth_date').fill(birth);
    await page.locator('#m0-sex').selectOption('female');
    await page.locator('#m0-relationship').selectOption('principal');
    await page.locator('#m0-nationality').fill('RW');
    await page.locator('#m0-residence').fill('RW');
    await submitRegistration(page, caseNumber);
    await expect(page).toHaveURL(/\/cases\/[^/]+$/);
    caseId = page.url().split('/').pop() ?? '';
    await photographEveryone(page);
    await page.getByRole('button', { name: /Put in queue/ }).click();
    await expect(page.getByText('Everyone is in the queue.')).toBeVisible();
    await page.context().close();
    await consentAll(browser, caseId);
  });

  const nurse = await signIn(browser, 'nurse');
  await test.step('nurse records the history, the vitals and the card', async () => {
    chartId = (await worklistRows(nurse, 'nurse', caseNumber, 1))[0].id;
    await nurse.goto(`/chart/${chartId}`);
    await expect(nurse.locator('#chart-h')).toContainText('UWAMAHORO, Ange');
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

    // The card's doses, as the dose form sends them.
    const headers = await csrf(nurse.request);
    for (const [m, cvx] of cardDoses()) {
      const chart = await (await nurse.request.get(`/api/assessments/${chartId}`)).json();
      const res = await nurse.request.post(`/api/assessments/${chartId}/vaccinations`, {
        headers, data: { version: chart.version, date: monthsAfterBirth(m), cvx, origin: 'record', source_document: 'Carnet de vaccination' },
      });
      expect(res.status(), await res.text()).toBe(200);
    }
    await nurse.reload();
    const due = nurse.locator('[data-testid=ds3025] tr[data-status=give_today]');
    await expect(nurse.locator('[data-testid=ds3025] tr[data-key=mmr]')).toHaveAttribute('data-status', 'give_today');
    const keys: string[] = [];
    for (const r of await due.all()) keys.push((await r.getAttribute('data-key')) ?? '');
    expect(keys.sort()).toEqual(['dtap', 'mmr', 'polio', 'varicella']);
    await expect(nurse.getByTestId('ds3025-data')).toContainText('CDSi supporting data 4.64 (508)');
    await expect(nurse.getByTestId('vd-none')).toBeVisible();
  });

  await test.step('nurse receives a DTaP lot of 10 doses; an expired lot is refused beside its field', async () => {
    await nurse.locator('#vaccine-lots summary').click();
    const form = nurse.locator('#vlot-receive');
    await form.locator('#vlot-cvx').fill('20');
    await form.locator('#vlot-mvx').fill('SKB');
    await form.locator('#vlot-lot').fill(lot);
    await form.locator('#vlot-expires').fill(isoDay(-2));
    await form.locator('#vlot-received').fill('10');
    await form.getByRole('button', { name: 'Receive the lot' }).click();
    await expect(form.locator('#vlot-expires-err')).toContainText('This lot has expired');
    await form.locator('#vlot-expires').fill(isoDay(365));
    await form.getByRole('button', { name: 'Receive the lot' }).click();
    await expect(nurse.getByTestId('vlot-last')).toHaveText(`Lot ${lot} of CVX 20 received.`);
    await expect(nurse.getByTestId(`vlot-left-${lot}`)).toHaveText('10 / 10');
  });

  await test.step('the guardian refuses MMR; a varicella titre is positive', async () => {
    const form = nurse.locator('#vd-record');
    await form.locator('#vd-vaccine').selectOption('mmr');
    await form.locator('#vd-kind').selectOption('refusal');
    await form.locator('#vd-reason_code').selectOption('religious');
    await form.locator('#vd-said_by').selectOption('guardian');
    await form.getByRole('button', { name: 'Record the decision' }).click();
    await expect(form.locator('#vd-reason-err')).toHaveText('Enter the reason.');
    await form.locator('#vd-reason').fill('Our faith forbids it');
    await form.getByRole('button', { name: 'Record the decision' }).click();
    const list = nurse.getByTestId('vd-list');
    await expect(list.locator('tr[data-kind=refusal]')).toContainText('Refused by the guardian (religious conviction): "Our faith forbids it"');
    await expect(nurse.locator('[data-testid=ds3025] tr[data-key=mmr]')).toHaveAttribute('data-status', 'refused');

    await form.locator('#vd-vaccine').selectOption('varicella');
    await form.locator('#vd-kind').selectOption('immunity');
    await form.locator('#vd-reason_code').selectOption('titre');
    await form.locator('#vd-antigen').selectOption('varicella');
    await form.locator('#vd-test').fill('VZV IgG');
    await form.locator('#vd-result').selectOption('positive');
    await form.locator('#vd-value').fill('250 mIU/mL');
    await form.locator('#vd-sampled_on').fill(isoDay(-20));
    await form.getByRole('button', { name: 'Record the decision' }).click();
    await expect(list.locator('tr[data-kind=immunity]')).toContainText('Titre varicella: VZV IgG positive (250 mIU/mL)');
    await expect(nurse.locator('[data-testid=ds3025] tr[data-key=varicella]')).toHaveAttribute('data-status', 'complete');

    // A decision recorded on the wrong line is marked entered in error: it stays, struck through.
    await form.locator('#vd-vaccine').selectOption('hepb');
    await form.locator('#vd-kind').selectOption('not_indicated');
    await form.locator('#vd-reason_code').selectOption('not_routinely_available');
    await form.getByRole('button', { name: 'Record the decision' }).click();
    const wrong = list.locator('tr[data-kind=not_indicated]');
    await expect(wrong).toContainText('Not indicated: not routinely available');
    await wrong.getByRole('button', { name: /entered in error/i }).click();
    const ef = nurse.getByTestId('vd-error-form');
    await ef.getByLabel('Why it was entered in error').fill('Meant for another child');
    await ef.getByRole('button', { name: 'Mark entered in error' }).click();
    await expect(wrong.locator('del')).toContainText('Not indicated: not routinely available');
    await expect(wrong).toContainText('Meant for another child');
  });

  await test.step('nurse gives DTaP from the lot (10 → 9) and polio', async () => {
    const form = nurse.locator('#vx-record');
    await form.locator('#vx-origin-clinic').check();
    await form.locator('#vx-cvx').fill('20');
    await form.locator('#vx-batch').selectOption({ label: `Lot ${lot} (SKB) — 10 left, expires ${isoDay(365)}` });
    await expect(form.locator('#vx-lot')).toHaveCount(0);
    await form.locator('#vx-route').selectOption('intramuscular');
    await form.locator('#vx-site').selectOption('left_thigh');
    await form.getByRole('button', { name: 'Record the dose' }).click();
    await expect(nurse.getByTestId('vx-last')).toContainText('CVX 20');
    await expect(nurse.getByTestId(`vlot-left-${lot}`)).toHaveText('9 / 10');
    await expect(nurse.locator('[data-testid=ds3025] tr[data-key=dtap]')).not.toHaveAttribute('data-status', 'give_today');

    await form.locator('#vx-origin-clinic').check();
    await form.locator('#vx-cvx').fill('10');
    await form.locator('#vx-lot').fill(`IPV-${run}`);
    await form.locator('#vx-mvx').fill('PMC');
    await form.locator('#vx-route').selectOption('intramuscular');
    await form.locator('#vx-site').selectOption('right_thigh');
    await form.getByRole('button', { name: 'Record the dose' }).click();
    await expect(nurse.getByTestId('vx-last')).toContainText('CVX 10');
    await expect(nurse.locator('[data-testid=ds3025] tr[data-status=give_today]')).toHaveCount(0);
    // One vaccine refused: the worksheet is settled but the requirements are not met.
    await expect(nurse.getByTestId('ds3025-met')).toContainText('Requirements not met');
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
  await test.step('physician classifies and signs', async () => {
    await physician.goto(`/chart/${chartId}`);
    await expect(physician.getByTestId('vd-list')).toContainText('Our faith forbids it');
    const cls = physician.locator('#classification');
    await cls.getByRole('button', { name: 'Save classification' }).click();
    await expect(cls.locator('.saved')).toHaveText('Saved.');
    const sign = physician.locator('#signoff');
    await expect(sign).toContainText('Every required step has a result.');
    await sign.getByRole('button', { name: 'Sign and lock' }).click();
    await physician.getByRole('dialog').getByRole('button', { name: 'Confirm: sign and lock' }).click();
    await expect(physician.getByTestId('locked')).toBeVisible();
    await expect(physician.locator('#vd-record')).toHaveCount(0);
  });

  await test.step('the signed DS-3025 prints the refusal, the titre, the lot and the data version', async () => {
    let forms: { id: string; form_type: string; status: string }[] = [];
    await expect(async () => {
      const chart = await (await physician.request.get(`/api/assessments/${chartId}`)).json();
      forms = chart.forms;
      expect(forms.filter((f) => f.form_type === 'DS-3025' && f.status === 'valid')).toHaveLength(1);
    }).toPass({ timeout: 180_000, intervals: [2000, 3000, 5000] });
    const ds = forms.find((f) => f.form_type === 'DS-3025' && f.status === 'valid');
    const file = join(tmpdir(), `DS-3025-${caseNumber}.pdf`);
    const res = await physician.request.get(`/api/forms/${ds?.id}/pdf`);
    expect(res.status()).toBe(200);
    writeFileSync(file, await res.body());
    const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', file, '-'], { timeout: 60_000 });
    const text = stdout.replace(/\s+/g, ' ');
    for (const want of ['Refused', 'Our faith forbids it', 'religious conviction', 'VZV IgG positive', '250 mIU/mL',
      'Laboratory evidence of immunity', `lot ${lot}`, 'MVX SKB', 'CDSi supporting data 4.64 (508)']) {
      expect(text, want).toContain(want);
    }

    // Signed: no decision can be added.
    const chart = await (await physician.request.get(`/api/assessments/${chartId}`)).json();
    const late = await physician.request.post(`/api/assessments/${chartId}/vaccine-decisions`, {
      headers: await csrf(physician.request),
      data: { version: chart.version, vaccine: 'polio', kind: 'waiver', reason_code: 'allergy', reason: 'late entry' },
    });
    expect(late.status()).toBeGreaterThanOrEqual(400);
    expect((await late.json()).code).toBe('locked');
    await physician.context().close();
  });
});
