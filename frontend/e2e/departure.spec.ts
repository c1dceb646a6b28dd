// Departure: the caseworker books a family on a flight by importing a manifest in the browser;
// the nurse's pre-embarkation check finds one of them fit with a wheelchair and oxygen, which
// issues a signed MEDIF that the caseworker finds on the flight's page; the physician's monthly
// report renders its charts and table, and the site head's dashboard shows the flight with the
// member not yet fit.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type APIRequestContext, type Page, expect, test } from '@playwright/test';
import { daysFromNow, pdfsig, signIn, yearsAgo } from './helpers';
import { checkIdentity, duplicatesOf, passIdentity, uploadPhoto } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
const caseNumber = `DEP-${run}`;
const flight = `QA${String(Date.now()).slice(-4)}`;
const flightDay = daysFromNow(2);

/** Calls the API from a signed-in page, with the session's CSRF token on writes. */
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

const person = (given: string, relationship: string, n: number) => ({
  surnames: 'Bizimungu', given_names: given, birth_date: yearsAgo(40 + n), birth_date_estimated: false, sex: n === 1 ? 'female' : 'male',
  relationship, nationality: 'CD', country_of_birth: 'CD', residence_country: 'RW', countries_lived: ['CD', 'RW'],
  document_type: 'unhcr_id', document_number: `${caseNumber}-${n}`, file_number: '', phone: '', unaccompanied_minor: false, adoptee: false,
});

// An unremarkable result for each step the protocol may still wait for.
const normal: Record<string, unknown> = {
  cxr: 'normal', syphilis: 'nonreactive', mtb_naat: 'not_detected', urinalysis: 'normal', gonorrhea: 'negative', hiv: 'negative',
  hepatitis_b: 'negative', igra: 'negative',
};

test('manifest import, a PEC with a wheelchair and oxygen issues a signed MEDIF, the monthly report renders', async ({ browser }) => {
  let caseId = '';
  let assessmentId = '';

  await test.step('a family is registered and one member examined and signed', async () => {
    const reg = await signIn(browser, 'registrar');
    const api = await apiOf(reg);
    const members = [person('Immaculée', 'principal', 1), person('Jean', 'spouse', 2)];
    const c = await api.send('POST', '/api/cases', {
      case_number: caseNumber, destination: 'US', program: 'refugee', members, duplicates: await duplicatesOf(reg, members),
    });
    caseId = c.id;
    await api.send('POST', `/api/cases/${caseId}/queue`, { version: c.version });
    const registered = (await api.get(`/api/cases/${caseId}`)).members[0];
    assessmentId = registered.assessment_id;
    // The DS forms of a US case carry the person's photo.
    await uploadPhoto(reg, registered.id);
    await reg.context().close();

    const nurse = await signIn(browser, 'nurse');
    const csrf = async (p: Page) => (await (await p.request.get('/api/session')).json()).csrf_token as string;
    // Each station checks the person against the photo before recording its step.
    await passIdentity(nurse.request, await csrf(nurse), assessmentId, 'history', 'exam', 'specimen', 'sputum', 'xray');
    let chart = await (await apiOf(nurse)).send('PUT', `/api/assessments/${assessmentId}/history`, { version: 1, answers: [{ code: 'fever', answer: false }] });
    chart = await (await apiOf(nurse)).send('PUT', `/api/assessments/${assessmentId}/vitals`, { version: chart.version, height_cm: 160, weight_kg: 55 });
    await nurse.context().close();
    const lab = await apiOf(await signIn(browser, 'lab'));
    const rad = await apiOf(await signIn(browser, 'radiology'));
    for (const step of chart.plan.pending as string[]) {
      expect(normal[step], `a normal value for ${step}`).toBeDefined();
      chart = await (step === 'cxr' ? rad : lab).send('POST', `/api/assessments/${assessmentId}/results`, { version: chart.version, step, value: normal[step] });
    }
    const doc = await signIn(browser, 'physician');
    const dapi = await apiOf(doc);
    chart = await dapi.send('PUT', `/api/assessments/${assessmentId}/classification`, { version: chart.version, codes: chart.plan.outcome.codes });
    await dapi.send('POST', `/api/assessments/${assessmentId}/signoff`, { version: chart.version });
    await doc.context().close();
  });

  await test.step('the caseworker imports the manifest: a check first, then the booking', async () => {
    const page = await signIn(browser, 'caseworker');
    await page.goto('/flights/import');
    await page.locator('#man-file').setInputFiles({
      name: 'manifest.csv', mimeType: 'text/csv',
      buffer: Buffer.from(`Flight No,Date,Case Number,From,To\n${flight.slice(0, 2)} ${flight.slice(2)},${flightDay},${caseNumber},KGL,JFK\n`),
    });
    await page.getByRole('button', { name: 'Preview' }).click();
    const result = page.getByTestId('manifest-result');
    await expect(result).toContainText('1 flights to record, 2 people to book or move');
    await page.getByRole('button', { name: 'Book 2 people' }).click();
    await expect(result).toContainText('Booked: 1 flights recorded, 2 people booked or moved');
    await page.context().close();
  });

  await test.step('the nurse records the check: fit with a wheelchair (WCHC) and oxygen; a MEDIF is issued', async () => {
    const nurse = await signIn(browser, 'nurse');
    await nurse.goto(`/chart/${assessmentId}`);
    await checkIdentity(nurse, 'pec');
    const pec = nurse.locator('#pec');
    await expect(nurse.locator('#pec-flight')).toHaveValue(flight);
    await nurse.locator('#pec-temp').fill('36.7');
    await nurse.locator('#pec-spo2').fill('91');
    await nurse.locator('#pec-symptoms-no').check();
    await nurse.locator('#pec-wheelchair').selectOption('WCHC');
    await nurse.locator('#pec-oxygen').fill('2');
    await nurse.locator('#pec-escort').fill('IOM nurse escort');
    await nurse.locator('#pec-fit-assist').check();
    await pec.getByRole('button', { name: 'Record check' }).click();
    await expect(nurse.getByTestId('pec-result')).toContainText('Fit to travel with assistance');
    await expect(nurse.getByTestId('pec-needs')).toContainText('Oxygen in flight: 2 L/min');
    await expect(nurse.getByTestId('pec-medif')).toBeVisible();
    await nurse.context().close();
  });

  await test.step('the caseworker finds the signed MEDIF on the flight page', async () => {
    const page = await signIn(browser, 'caseworker');
    const api = await apiOf(page);
    const flights = await api.get(`/api/flights?from=${flightDay}&to=${flightDay}`);
    const f = flights.items.find((x: { number: string }) => x.number === flight);
    expect(f, `flight ${flight}`).toBeTruthy();
    const link = page.getByRole('link', { name: 'Download MEDIF' });
    await expect(async () => {
      await page.goto(`/flights/${f.id}`);
      await expect(link).toBeVisible({ timeout: 3000 });
    }).toPass({ timeout: 120_000 });
    await expect(page.getByTestId('flight-medifs')).toContainText('Wheelchair WCHC');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = join(tmpdir(), `medif-${run}.pdf`);
    await download.saveAs(file);
    const sig = await pdfsig(file);
    expect(sig).toContain('Signature is Valid.');
    expect(sig).toContain('Total document signed');
    await page.context().close();
  });

  await test.step('the site head\'s dashboard lists the flight with the member not yet fit', async () => {
    const page = await signIn(browser, 'physician');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByTestId('dash-queues').locator('tr[data-station="nurse"]')).toBeVisible();
    const card = page.getByTestId('dash-flight').filter({ hasText: flight });
    await expect(card).toContainText('1 of 2 not yet fit to travel');
    await expect(card).toContainText(caseNumber);
    await expect(card).toContainText('Jean');
    await page.context().close();
  });

  await test.step('the physician opens the monthly report for this month: charts and the table render', async () => {
    const page = await signIn(browser, 'physician');
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.locator('#rep-month').fill(new Date().toISOString().slice(0, 7));
    await page.getByRole('button', { name: 'Show' }).click();
    const table = page.getByTestId('rep-table');
    await expect(table).toContainText(new Date().toISOString().slice(0, 7));
    const screened = Number(await table.locator('tr', { hasText: 'People screened' }).locator('td').innerText());
    expect(screened).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('rep-chart-age')).toBeVisible();
    await expect(page.getByTestId('rep-chart-throughput')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', /tb-indicators\.csv\?month=/);
    await page.context().close();
  });
});
