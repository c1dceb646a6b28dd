// The caseworker's flight page three days before a flight: a family booked by a manifest import,
// one member examined and signed, the other with sputum cultures still growing. The member whose
// cultures are due after the flight is at the top, at risk, with the date the results are
// expected; the signed member is not at risk. The site head's dashboard lists the signed member's
// pre-embarkation window as closing, and the panel downloads the flight's ZIP.
import { type APIRequestContext, type Page, expect, test } from '@playwright/test';
import { consentAll, daysFromNow, signIn, yearsAgo } from './helpers';
import { duplicatesOf, passIdentity, uploadPhoto } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
const caseNumber = `RISK-${run}`;
const flight = `RK${String(Date.now()).slice(-4)}`;
const flightDay = daysFromNow(3);

/** Calls the API from a signed-in page, with the session's CSRF token on writes. */
async function apiOf(page: Page) {
  const req: APIRequestContext = page.request;
  const session = await (await req.get('/api/session')).json();
  const headers = { 'X-CSRF-Token': session.csrf_token as string };
  return {
    csrf: session.csrf_token as string,
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
  surnames: 'Ndayisenga', given_names: given, birth_date: yearsAgo(30 + n), birth_date_estimated: false, sex: n === 1 ? 'female' : 'male',
  relationship, nationality: 'BI', country_of_birth: 'BI', residence_country: 'RW', countries_lived: ['BI', 'RW'],
  document_type: 'unhcr_id', document_number: `${caseNumber}-${n}`, file_number: '', phone: '', unaccompanied_minor: false, adoptee: false,
});

// An unremarkable result for each step the protocol may still wait for.
const normal: Record<string, unknown> = {
  cxr: 'normal', syphilis: 'nonreactive', mtb_naat: 'not_detected', urinalysis: 'normal', gonorrhea: 'negative', hiv: 'negative',
  hepatitis_b: 'negative', igra: 'negative',
};

test('a family on a flight in three days: the member whose cultures are pending is at risk on the flight page', async ({ browser }) => {
  let caseId = '';
  const ids: string[] = [];
  const people: string[] = [];

  await test.step('the family is registered and consents', async () => {
    const reg = await signIn(browser, 'registrar');
    const api = await apiOf(reg);
    const members = [person('Claudine', 'principal', 1), person('Emmanuel', 'spouse', 2)];
    const c = await api.send('POST', '/api/cases', {
      case_number: caseNumber, destination: 'US', program: 'refugee', members, duplicates: await duplicatesOf(reg, members),
    });
    caseId = c.id;
    await api.send('POST', `/api/cases/${caseId}/queue`, { version: c.version });
    const again = await api.get(`/api/cases/${caseId}`);
    for (const m of again.members) {
      ids.push(m.assessment_id);
      people.push(m.id);
    }
    // The DS forms of a US case carry the person's photo.
    await uploadPhoto(reg, again.members[1].id);
    await reg.context().close();
    await consentAll(browser, caseId);
  });

  await test.step('the caseworker imports the manifest: the family on a flight in three days', async () => {
    const page = await signIn(browser, 'caseworker');
    await page.goto('/flights/import');
    await page.locator('#man-file').setInputFiles({
      name: 'manifest.csv', mimeType: 'text/csv',
      buffer: Buffer.from(`Flight No,Date,Case Number,From,To\n${flight},${flightDay},${caseNumber},KGL,ORD\n`),
    });
    await page.getByRole('button', { name: 'Preview' }).click();
    const result = page.getByTestId('manifest-result');
    await expect(result).toContainText('1 flights to record, 2 people to book or move');
    await page.getByRole('button', { name: 'Book 2 people' }).click();
    await expect(result).toContainText('Booked: 1 flights recorded, 2 people booked or moved');
    await page.context().close();
  });

  await test.step('Claudine: a suggestive X-ray, negative smears, cultures still growing', async () => {
    const rad = await signIn(browser, 'radiology');
    let api = await apiOf(rad);
    await api.send('POST', `/api/assessments/${ids[0]}/identity-checks`, { station: 'xray', outcome: 'match' });
    let chart = await api.get(`/api/assessments/${ids[0]}`);
    chart = await api.send('POST', `/api/assessments/${ids[0]}/results`, { version: chart.version, step: 'cxr', value: 'suggestive_of_tb' });
    await rad.context().close();
    const lab = await signIn(browser, 'lab');
    api = await apiOf(lab);
    await api.send('POST', `/api/assessments/${ids[0]}/identity-checks`, { station: 'sputum', outcome: 'match' });
    chart = await api.get(`/api/assessments/${ids[0]}`);
    chart = await api.send('POST', `/api/assessments/${ids[0]}/results`, { version: chart.version, step: 'sputum_smears', value: ['negative', 'negative', 'negative'] });
    await api.send('POST', `/api/assessments/${ids[0]}/results`, { version: chart.version, step: 'sputum_cultures', value: ['pending', 'pending', 'pending'] });
    await lab.context().close();
  });

  await test.step('Emmanuel: examined, every step normal, signed', async () => {
    const nurse = await signIn(browser, 'nurse');
    const napi = await apiOf(nurse);
    await passIdentity(nurse.request, napi.csrf, ids[1], 'history', 'exam', 'specimen', 'sputum', 'xray');
    let chart = await napi.send('PUT', `/api/assessments/${ids[1]}/history`, { version: 1, answers: [{ code: 'fever', answer: false }] });
    chart = await napi.send('PUT', `/api/assessments/${ids[1]}/vitals`, { version: chart.version, height_cm: 172, weight_kg: 64 });
    await nurse.context().close();
    const lab = await apiOf(await signIn(browser, 'lab'));
    const rad = await apiOf(await signIn(browser, 'radiology'));
    for (const step of chart.plan.pending as string[]) {
      expect(normal[step], `a normal value for ${step}`).toBeDefined();
      chart = await (step === 'cxr' ? rad : lab).send('POST', `/api/assessments/${ids[1]}/results`, { version: chart.version, step, value: normal[step] });
    }
    const doc = await signIn(browser, 'physician');
    const dapi = await apiOf(doc);
    chart = await dapi.send('PUT', `/api/assessments/${ids[1]}/classification`, { version: chart.version, codes: chart.plan.outcome.codes });
    await dapi.send('POST', `/api/assessments/${ids[1]}/signoff`, { version: chart.version });
    await doc.context().close();
  });

  await test.step('the caseworker\'s flight page puts Claudine at the top, at risk, with the date her results are due', async () => {
    const page = await signIn(browser, 'caseworker');
    const api = await apiOf(page);
    const flights = await api.get(`/api/flights?from=${flightDay}&to=${flightDay}`);
    const f = flights.items.find((x: { number: string }) => x.number === flight);
    expect(f, `flight ${flight}`).toBeTruthy();
    const board = await api.get(`/api/flights/${f.id}/board`);
    const claudine = board.passengers.find((p: { applicant_id: string }) => p.applicant_id === people[0]);
    const due = claudine.holds.find((h: { earliest: string | null }) => h.earliest)?.earliest as string;
    expect(due > flightDay, `results due ${due}, after the flight of ${flightDay}`).toBe(true);

    await page.goto(`/flights/${f.id}`);
    const rows = page.getByTestId('flight-board').locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('Claudine');
    await expect(rows.nth(0)).toHaveAttribute('data-at-risk', 'yes');
    await expect(rows.nth(0)).toContainText('at risk');
    await expect(rows.nth(0)).toContainText('pending');
    await expect(rows.nth(0)).toContainText(due);
    // The caseworker reads neutral words, not which test is pending.
    await expect(rows.nth(0)).not.toContainText(/culture|sputum/i);
    await expect(rows.nth(1)).toContainText('Emmanuel');
    await expect(rows.nth(1)).toHaveAttribute('data-at-risk', 'no');
    await page.context().close();
  });

  await test.step('the site head\'s dashboard: both not yet fit, Emmanuel\'s check window closing', async () => {
    const page = await signIn(browser, 'physician');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    const card = page.getByTestId('dash-flight').filter({ hasText: flight });
    await expect(card).toContainText('2 of 2 not yet fit to travel');
    const closing = page.getByTestId('dash-overdue').locator('li[data-kind="pec_window"]', { hasText: caseNumber });
    await expect(closing).toContainText('Pre-embarkation check window closing');
    await expect(closing).toContainText('Emmanuel');
    await expect(closing).toContainText(`${flight} ${flightDay}`);
    await page.context().close();
  });

  await test.step('the panel downloads the flight\'s forms as one ZIP', async () => {
    const panel = await signIn(browser, 'panel.us');
    await expect(async () => {
      const zip = await panel.request.get(`/api/panel/flights/${flight}/forms.zip`);
      expect(zip.status()).toBe(200);
      expect((await zip.body()).subarray(0, 2).toString()).toBe('PK');
    }).toPass({ timeout: 120_000 });
    await panel.context().close();
  });
});
