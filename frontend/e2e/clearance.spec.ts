// Travel clearance for each destination: a refugee whose chest X-ray suggests TB has three negative
// smears and cultures still growing, and a flight booked. The chart shows what blocks travel — the
// culture hold with the day the cultures are due — and the check before departure scheduled from
// the flight; the caseworker's board says the same in plain words.
import { type APIRequestContext, type Page, expect, test } from '@playwright/test';
import { consentAll, daysFromNow, signIn, yearsAgo } from './helpers';
import { duplicateDecisions } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
const flightDay = daysFromNow(40);

/** A calendar day n days after day (YYYY-MM-DD). */
function plusDays(day: string, n: number): string {
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

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

// The check each destination asks for before a refugee's flight, and whether it has a window.
const paths = [
  { dest: 'US', check: 'pre_embarkation_check', hours: 72 },
  { dest: 'CA', check: 'pre_departure_screening', hours: 0 },
  { dest: 'AU', check: 'departure_health_check', hours: 72 },
  { dest: 'NZ', check: 'inz_1262', hours: 0 },
];

for (const p of paths) {
  test(`${p.dest}: cultures pending and a flight — the chart and the board show the hold and its date`, async ({ browser }) => {
    const caseNumber = `CLR-${p.dest}-${run}`;
    let caseId = '';
    let assessmentId = '';

    await test.step('registrar registers a refugee and queues them', async () => {
      const page = await signIn(browser, 'registrar');
      const api = await apiOf(page);
      const duplicates = await duplicateDecisions(page, { surnames: 'Mukamana', given_names: 'Aline', birth_date: yearsAgo(30) });
      const c = await api.send('POST', '/api/cases', {
        case_number: caseNumber, destination: p.dest, program: 'refugee', duplicates,
        members: [{
          surnames: 'Mukamana', given_names: 'Aline', birth_date: yearsAgo(30), birth_date_estimated: false, sex: 'female',
          relationship: 'principal', nationality: 'CD', country_of_birth: 'CD', residence_country: 'RW', countries_lived: ['CD', 'RW'],
          document_type: 'unhcr_id', document_number: `${caseNumber}-1`, file_number: '', phone: '', unaccompanied_minor: false, adoptee: false,
        }],
      });
      caseId = c.id;
      await api.send('POST', `/api/cases/${caseId}/queue`, { version: c.version });
      const again = await api.get(`/api/cases/${caseId}`);
      assessmentId = again.members[0].assessment_id;
      expect(assessmentId).toBeTruthy();
      await page.context().close();
      await consentAll(browser, caseId);
    });

    await test.step('caseworker books the flight', async () => {
      const page = await signIn(browser, 'caseworker');
      const api = await apiOf(page);
      const c = await api.get(`/api/cases/${caseId}`);
      await api.send('PUT', `/api/cases/${caseId}/flight`, { flight_number: `ET${String(Date.now()).slice(-3)}${['US', 'CA', 'AU', 'NZ'].indexOf(p.dest) + 1}`, departure_date: flightDay, version: c.version });
      await page.context().close();
    });

    await test.step('radiology and the lab record a suggestive X-ray, three negative smears, cultures still growing', async () => {
      const rad = await signIn(browser, 'radiology');
      // Each station first checks the person against the photo and the document.
      await (await apiOf(rad)).send('POST', `/api/assessments/${assessmentId}/identity-checks`, { station: 'xray', outcome: 'match' });
      let chart = await (await apiOf(rad)).get(`/api/assessments/${assessmentId}`);
      chart = await (await apiOf(rad)).send('POST', `/api/assessments/${assessmentId}/results`, { version: chart.version, step: 'cxr', value: 'suggestive_of_tb' });
      await rad.context().close();
      const lab = await signIn(browser, 'lab');
      const api = await apiOf(lab);
      await api.send('POST', `/api/assessments/${assessmentId}/identity-checks`, { station: 'sputum', outcome: 'match' });
      chart = await api.get(`/api/assessments/${assessmentId}`);
      chart = await api.send('POST', `/api/assessments/${assessmentId}/results`, { version: chart.version, step: 'sputum_smears', value: ['negative', 'negative', 'negative'] });
      await api.send('POST', `/api/assessments/${assessmentId}/results`, { version: chart.version, step: 'sputum_cultures', value: ['negative', 'pending', 'pending'] });
      await lab.context().close();
    });

    await test.step('the physician sees the culture hold with its date and the check scheduled from the flight', async () => {
      const page = await signIn(browser, 'physician');
      const chart = await (await apiOf(page)).get(`/api/assessments/${assessmentId}`);
      const due = plusDays(chart.exam_date, 56);
      await page.goto(`/chart/${assessmentId}`);
      const section = page.getByTestId('clearance');
      await expect(section.getByRole('heading', { name: 'Travel clearance' })).toBeVisible();
      const hold = section.locator('li[data-code="culture_pending"]');
      await expect(hold).toContainText('Sputum cultures');
      await expect(hold).toContainText(`Expected by ${due}`);
      await expect(hold.getByTestId('earliest')).toHaveText(`earliest ${due}`);
      const check = section.locator(`[data-testid=departure-checks] li[data-check="${p.check}"]`);
      if (p.hours > 0) {
        await expect(check.getByTestId('window')).toHaveText(`from ${plusDays(flightDay, -3)} 00:00 (+02:00) to ${flightDay} 00:00 (+02:00)`);
        await expect(section.locator(`li[data-code="departure_check"][data-step="${p.check}"] [data-testid=earliest]`)).toHaveText(`earliest ${plusDays(flightDay, -3)}`);
      } else {
        await expect(check.getByTestId('window')).toHaveText(`by ${flightDay} 00:00 (+02:00)`);
      }
      await page.context().close();
    });

    await test.step('the caseworker board says it in plain words', async () => {
      const page = await signIn(browser, 'caseworker');
      const chart = await (await apiOf(page)).get(`/api/board?q=${caseNumber}`);
      expect(chart.items).toHaveLength(1);
      await page.goto(`/board?q=${caseNumber}`);
      const row = page.locator(`tbody[data-case="${caseNumber}"]`);
      // Neutral words: the board never says which tests (cultures tell what was found).
      const due = chart.items[0].members[0].holds.find((h: { code: string }) => h.code === 'results_expected')?.earliest;
      expect(due).toBeTruthy();
      await expect(row.locator('[data-testid=hold][data-code=results_expected]')).toHaveText(`Tests pending, results expected by ${due}`);
      await expect(row).not.toContainText(/culture|sputum/i);
      await expect(row).toContainText(due);
      await page.context().close();
    });
  });
}
