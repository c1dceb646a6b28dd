// Interoperability in the browser: a physician downloads one person's FHIR R4 document from the
// chart, and the US panel downloads its flight's FHIR Bulk Data export (a ZIP of NDJSON files
// and a manifest) from the panel portal. The person is brought to sign-off through the API
// (the full path spec walks the same steps through the screens).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { type APIRequestContext, type Browser, expect, test } from '@playwright/test';
import { consentAll, daysFromNow, signIn } from './helpers';
import { duplicateDecisions, uploadPhoto } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
const caseNumber = `RW-FHIR-${run}`;
const flight = `FH${String(Date.now()).slice(-4)}`;

/** A signed-in API client: the page's cookies and the session's CSRF token. */
async function client(browser: Browser, username: string) {
  const page = await signIn(browser, username);
  const session = await (await page.request.get('/api/session')).json();
  const headers = { 'X-CSRF-Token': session.csrf_token as string };
  const req: APIRequestContext = page.request;
  const call = async (method: 'POST' | 'PUT', path: string, data: unknown) => {
    const res = await req.fetch(path, { method, data, headers });
    expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  return { page, call };
}

const normal: Record<string, unknown> = {
  cxr: 'normal', igra: 'negative', tst: 4, sputum_smears: ['negative', 'negative', 'negative'],
  sputum_cultures: ['negative', 'negative', 'negative'], mtb_naat: 'not_detected', syphilis: 'nonreactive',
  gonorrhea: 'negative', hiv: 'negative', hepatitis_b: 'negative', urinalysis: 'normal', creatinine: 70, egfr: 95, hba1c: 38,
};

/** The names and contents of a ZIP file's entries (unzip from Debian). */
async function unzip(file: string): Promise<Record<string, string>> {
  const ex = promisify(execFile);
  const { stdout } = await ex('unzip', ['-Z1', file]);
  const out: Record<string, string> = {};
  for (const name of stdout.split('\n').filter(Boolean)) {
    out[name] = (await ex('unzip', ['-p', file, name], { maxBuffer: 64 << 20 })).stdout;
  }
  return out;
}

test('a signed person as a FHIR document, and a flight as FHIR Bulk Data', async ({ browser }) => {
  let assessment = '';

  await test.step('a US refugee is registered, booked on a flight, examined and signed', async () => {
    const reg = await client(browser, 'registrar');
    const person = { surnames: 'Ingabire', given_names: 'Aline', birth_date: '1991-01-01' };
    let cs = await reg.call('POST', '/api/cases', {
      case_number: caseNumber, destination: 'US', program: 'refugee',
      members: [{ ...person, birth_date_estimated: true,
        sex: 'female', residence_country: 'RW', nationality: 'CD', document_type: 'unhcr_id', document_number: `UN-${run}`,
        file_number: `A${run}` }],
      duplicates: await duplicateDecisions(reg.page, person),
    });
    await uploadPhoto(reg.page, cs.members[0].id);
    cs = await reg.call('PUT', `/api/cases/${cs.id}/flight`, { version: cs.version, flight_number: flight, departure_date: daysFromNow(5) });
    cs = await reg.call('POST', `/api/cases/${cs.id}/queue`, null);
    await consentAll(browser, cs.id);
    assessment = cs.members[0].assessment_id;
    await reg.page.context().close();

    const nurse = await client(browser, 'nurse');
    const a = `/api/assessments/${assessment}`;
    for (const station of ['history', 'exam', 'specimen', 'xray', 'sputum']) {
      await nurse.call('POST', `${a}/identity-checks`, { station, outcome: 'match' });
    }
    let ch = await nurse.call('PUT', `${a}/history`, { version: 1, answers: [{ code: 'fever', answer: false }] });
    ch = await nurse.call('PUT', `${a}/vitals`, { version: ch.version, height_cm: 160, weight_kg: 55, bp_systolic: 120, bp_diastolic: 80, exam_normal: true });
    await nurse.page.context().close();
    for (const step of ch.plan.pending as string[]) {
      const who = await client(browser, step === 'cxr' ? 'radiology' : 'lab');
      ch = await who.call('POST', `${a}/results`, { version: ch.version, step, value: normal[step] });
      await who.page.context().close();
    }
    const doc = await client(browser, 'physician');
    ch = await doc.call('PUT', `${a}/classification`, { version: ch.version, codes: ch.plan.outcome.codes });
    await doc.call('POST', `${a}/signoff`, { version: ch.version });
    await doc.page.context().close();
  });

  await test.step('the physician downloads the FHIR document from the chart', async () => {
    const page = await signIn(browser, 'physician');
    await page.goto(`/chart/${assessment}`);
    const link = page.getByTestId('fhir-link');
    await expect(async () => {
      await page.reload();
      await expect(link).toBeVisible({ timeout: 3000 });
    }).toPass({ timeout: 120_000 });
    await expect(page.getByTestId('package-link')).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const bundle = JSON.parse(await readFile((await download.path()) as string, 'utf8'));
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('document');
    const types = bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType);
    expect(types[0]).toBe('Composition');
    for (const t of ['Patient', 'Encounter', 'Practitioner', 'Organization', 'Condition', 'DocumentReference', 'Provenance']) {
      expect(types).toContain(t);
    }
    const patient = bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Patient').resource;
    expect(JSON.stringify(patient.identifier)).toContain(caseNumber);
    expect(JSON.stringify(patient.identifier)).toContain(`A${run}`);
    expect(patient._birthDate.extension[0].valueCoding.code).toBe('EEE');
    const urls = new Set(bundle.entry.map((e: { fullUrl: string }) => e.fullUrl));
    for (const ref of JSON.stringify(bundle).matchAll(/"reference":"([^"]+)"/g)) expect(urls.has(ref[1]), ref[1]).toBe(true);
    await page.context().close();
  });

  await test.step('the US panel downloads its flight as FHIR Bulk Data', async () => {
    const panel = await signIn(browser, 'panel.us');
    await panel.goto(`/panel?flight=${flight}`);
    await expect(panel.locator(`tr[data-case="${caseNumber}"]`)).toBeVisible();
    await expect(panel.locator(`tr[data-case="${caseNumber}"]`).getByTestId('fhir-link')).toBeVisible();
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId('flight-fhir').click()]);
    expect(download.suggestedFilename()).toBe(`${flight}-fhir.zip`);
    const files = await unzip((await download.path()) as string);
    const manifest = JSON.parse(files['manifest.json']);
    expect(manifest.output.map((o: { type: string }) => o.type)).toContain('Patient');
    for (const o of manifest.output as { type: string; url: string; count: number }[]) {
      const lines = files[o.url].trim().split('\n');
      expect(lines.length, o.url).toBe(o.count);
      for (const l of lines) expect(JSON.parse(l).resourceType).toBe(o.type);
    }
    expect(files['Patient.ndjson']).toContain(caseNumber);
    // The Canadian panel gets a problem, not the US flight.
    const ca = await signIn(browser, 'panel.ca');
    const res = await ca.request.get(`/api/assessments/${assessment}/fhir`);
    expect(res.status()).toBe(404);
    expect((await res.json()).code).toBe('not_found');
    await ca.context().close();
    await panel.context().close();
  });
});
