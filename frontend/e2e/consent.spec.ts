// Consent and counselling: the registrar records consents on the case page (one by proxy for a
// child); a withdrawn consent to share with the receiving country stops the panel's download; an
// HIV result is refused without consent to HIV testing and without pre-test counselling, then
// accepted.
import { type Browser, expect, test } from '@playwright/test';
import { consentAll, signIn, yearsAgo } from './helpers';
import { checkIdentity, duplicatesOf, uploadPhoto } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();

/** A signed-in API client: the page's cookies and the session's CSRF token. */
async function client(browser: Browser, username: string) {
  const page = await signIn(browser, username);
  const session = await (await page.request.get('/api/session')).json();
  const headers = { 'X-CSRF-Token': session.csrf_token as string };
  const call = async (method: 'POST' | 'PUT', path: string, data: unknown) => {
    const res = await page.request.fetch(path, { method, data, headers });
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

async function register(browser: Browser, number: string, dest: string, members: Record<string, unknown>[]) {
  const reg = await client(browser, 'registrar');
  const duplicates = await duplicatesOf(reg.page, members as { surnames: string; given_names: string; birth_date: string }[]);
  let c = await reg.call('POST', '/api/cases', { case_number: number, destination: dest, program: 'refugee', members, duplicates });
  c = await reg.call('POST', `/api/cases/${c.id}/queue`, undefined);
  // The registrar photographs each person (the DS forms of a US case carry the photo).
  for (const m of c.members as { id: string }[]) await uploadPhoto(reg.page, m.id);
  await reg.page.context().close();
  return c as { id: string; members: { id: string; assessment_id: string }[] };
}

const adult = (given: string) => ({ surnames: 'Nshuti', given_names: given, birth_date: '1989-03-04', sex: 'female', relationship: 'principal', residence_country: 'RW' });

test('consents on the case page, one by proxy; a withdrawn sharing consent stops the panel download', async ({ browser }) => {
  test.setTimeout(240_000);
  const number = `CS-${run}-1`;
  const c = await register(browser, number, 'US', [adult('Aline'),
    { surnames: 'Nshuti', given_names: 'Keza', birth_date: yearsAgo(7), sex: 'female', relationship: 'child', residence_country: 'RW' }]);
  const [mother, child] = c.members;

  await test.step('the registrar records a written consent, and a consent by proxy for the child', async () => {
    const page = await signIn(browser, 'registrar');
    await page.goto(`/cases/${c.id}`);
    const m = page.getByTestId(`consents-${mother.id}`);
    await expect(m).toContainText('No consent recorded');
    await m.getByLabel('Purpose').selectOption('examination');
    await m.getByRole('button', { name: 'Record consent' }).click();
    await expect(m.getByTestId('consent-saved')).toContainText('Recorded: The medical examination.');
    await expect(m.locator('table.consents tbody tr')).toHaveCount(1);

    const k = page.getByTestId(`consents-${child.id}`);
    await k.getByLabel('How').selectOption('proxy');
    await k.getByLabel("Parent's or guardian's name").fill('Aline Nshuti');
    await k.getByLabel('Relation to the person').fill('mother');
    await k.getByRole('button', { name: 'Record consent' }).click();
    await expect(k.locator('table.consents tbody tr')).toContainText('By a parent or guardian — Aline Nshuti (mother)');
    await page.context().close();
  });

  await consentAll(browser, c.id); // the other purposes, as the person agrees to everything

  await test.step('the mother is examined and signed', async () => {
    const a = `/api/assessments/${mother.assessment_id}`;
    const nurse = await client(browser, 'nurse');
    // Each station checks the person against the photo before recording its step.
    for (const station of ['history', 'exam', 'specimen', 'sputum', 'xray']) {
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

  const panel = await signIn(browser, 'panel.us');
  const row = panel.locator(`tr[data-case="${number}"]`);
  let formPath = '';
  await test.step('the US panel sees and downloads the form while the consent stands', async () => {
    await expect(async () => {
      await panel.goto(`/panel`);
      await expect(row.locator('a[href*="/pdf"]').first()).toBeVisible({ timeout: 3000 });
    }).toPass({ timeout: 120_000 });
    formPath = (await row.locator('a[href*="/pdf"]').first().getAttribute('href')) ?? '';
    const res = await panel.request.get(formPath);
    expect(res.status()).toBe(200);
  });

  await test.step('the registrar withdraws the consent to share with the US', async () => {
    const page = await signIn(browser, 'registrar');
    await page.goto(`/cases/${c.id}`);
    const m = page.getByTestId(`consents-${mother.id}`);
    page.once('dialog', (d) => void d.accept('She asked us to stop sharing.'));
    await m.getByRole('button', { name: "Withdraw: Sharing results with the receiving country's authority (US)" }).click();
    await expect(m.locator('table.consents')).toContainText('She asked us to stop sharing.');
    await page.context().close();
  });

  await test.step('the panel sees "consent to share missing" and cannot download', async () => {
    await panel.goto(`/panel`);
    await expect(row.getByTestId('panel-consent-missing')).toHaveText('Consent to share missing');
    await expect(row.locator('a[href*="/pdf"]')).toHaveCount(0);
    const res = await panel.request.get(formPath);
    expect(res.status()).toBe(403);
    expect((await res.json()).code).toBe('consent_required');
  });
  await panel.context().close();
});

test('an HIV result is refused without consent and pre-test counselling, then accepted', async ({ browser }) => {
  test.setTimeout(180_000);
  const c = await register(browser, `CS-${run}-2`, 'CA', [adult('Diane')]);
  const [p] = c.members;
  const a = `/api/assessments/${p.assessment_id}`;
  const nurseApi = await client(browser, 'nurse');
  for (const station of ['history', 'exam']) await nurseApi.call('POST', `${a}/identity-checks`, { station, outcome: 'match' });
  const ch = await nurseApi.call('PUT', `${a}/history`, { version: 1, answers: [{ code: 'fever', answer: false }] });
  await nurseApi.call('PUT', `${a}/vitals`, { version: ch.version, height_cm: 160, weight_kg: 55, bp_systolic: 120, bp_diastolic: 80, exam_normal: true });
  await nurseApi.page.context().close();

  const lab = await signIn(browser, 'lab');
  const hivRow = lab.locator('#lab form.result-row[data-step="hiv"]');
  const saveHIV = async () => {
    await lab.goto(`/chart/${p.assessment_id}`);
    await hivRow.locator('#res-hiv').selectOption('negative');
    await hivRow.getByRole('button', { name: 'Save result' }).click();
  };
  await lab.goto(`/chart/${p.assessment_id}`);
  await checkIdentity(lab, 'specimen');
  await saveHIV();
  await expect(hivRow.getByRole('alert')).toContainText('The person has not consented to this');
  await expect(hivRow.getByRole('alert')).toContainText('No standing consent to HIV testing');

  const reg = await client(browser, 'registrar');
  await reg.call('POST', `/api/applicants/${p.id}/consents`, { purpose: 'hiv_testing', kind: 'verbal', witness: 'Eric Niyonzima', language: 'fr',
    interpreter: true, given_on: new Date().toISOString().slice(0, 10) });
  await reg.page.context().close();
  await saveHIV();
  await expect(hivRow.getByRole('alert')).toContainText('The counselling this needs first is not recorded.');

  const nurse = await signIn(browser, 'nurse');
  await nurse.goto(`/chart/${p.assessment_id}`);
  const sec = nurse.locator('#counselling');
  await expect(sec).toContainText('Still required: HIV counselling');
  await sec.getByLabel('Topic').selectOption('hiv');
  await sec.getByLabel('When').selectOption('pre_test');
  await sec.getByLabel('Language explained in (code)').fill('fr');
  await sec.getByLabel('Interpreter used').check();
  await sec.getByRole('button', { name: 'Record counselling' }).click();
  await expect(sec.getByTestId('counsel-saved')).toHaveText('Counselling recorded.');
  await expect(sec.locator('li')).toContainText(['HIV — Before the test · fr']);

  await saveHIV();
  await expect(lab.locator('#lab form.result-row.pending[data-step="hiv"]')).toHaveCount(0);
  await lab.context().close();

  // With the result in, post-test counselling is what sign-off waits for.
  await nurse.reload();
  await expect(sec).toContainText('Still required: HIV counselling');
  await sec.getByLabel('When').selectOption('post_test');
  await sec.getByLabel('Result told to the person').check();
  await sec.getByRole('button', { name: 'Record counselling' }).click();
  await expect(sec.locator('li')).toHaveCount(2);
  await expect(sec).not.toContainText('Still required');
  await nurse.context().close();
});
