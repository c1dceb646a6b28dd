// What every browser path now does as the staff do: the registrar photographs each person and
// decides on possible duplicates; each station checks the person against the photo before
// recording its step (docs/identity.md).
import { type APIRequestContext, type Page, expect } from '@playwright/test';

/** The words of each station in the identity check's list. */
export const stationWords: Record<string, string> = {
  history: 'Medical history', exam: 'Vitals and examination', specimen: 'Specimen collection', xray: 'Chest X-ray',
  vaccination: 'Vaccination', sputum: 'Sputum collection', pec: 'Pre-embarkation check',
};

/** On the chart: the person matches the photo and the document, at each station named. */
export async function checkIdentity(page: Page, ...stations: string[]) {
  const box = page.getByTestId('identity-check');
  for (const s of stations) {
    await box.locator('#idc-station').selectOption(s);
    await box.getByRole('button', { name: 'Identity matches (I)' }).click();
    await expect(box.getByTestId('identity-status')).toContainText(`Checked at ${stationWords[s]} by`);
  }
}

/**
 * Clicks "Register case"; when the clinic says someone registered may be the same person, the
 * registrar goes on for each member shown, as a different person with the reason.
 */
export async function submitRegistration(page: Page, caseNumber: string) {
  await page.getByRole('button', { name: 'Register case' }).click();
  const possible = page.getByText('Someone registered may be the same person');
  await expect(page.locator('#case-h').or(possible)).toBeVisible({ timeout: 15_000 });
  if (await possible.isVisible()) {
    const panels = page.locator('fieldset.duplicates');
    await expect(panels.first()).toBeVisible();
    for (const panel of await panels.all()) {
      await panel.getByLabel('A different person').check();
      await panel.getByLabel('Why this is a different person').fill('Another person of the same name: different document and family');
    }
    await page.getByRole('button', { name: 'Register case' }).click();
  }
  await expect(page.locator('#case-h')).toContainText(caseNumber);
}

/** On the case page: the registrar photographs every member with the workstation's camera. */
export async function photographEveryone(page: Page) {
  for (const card of await page.locator('.photo-capture').all()) {
    await card.getByRole('button', { name: 'Take photo' }).click();
    await expect.poll(() => card.locator('video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
    await card.getByRole('button', { name: 'Capture' }).click();
    await card.getByRole('button', { name: 'Save photo' }).click();
    await expect(card.getByRole('status')).toContainText('Photo saved');
  }
}

/** A passport-frame JPEG drawn in the page (for specs that drive the API directly). */
export async function passportJpeg(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 300;
    c.height = 385;
    const x = c.getContext('2d')!;
    x.fillStyle = '#e6eaee';
    x.fillRect(0, 0, 300, 385);
    x.fillStyle = '#6a6a74';
    x.beginPath();
    x.ellipse(150, 150, 70, 90, 0, 0, Math.PI * 2);
    x.fill();
    return c.toDataURL('image/jpeg', 0.85).split(',')[1];
  });
  return Buffer.from(b64, 'base64');
}

/** Through the API, as the registrar: the person's photo. */
export async function uploadPhoto(page: Page, applicantId: string) {
  const session = await (await page.request.get('/api/session')).json();
  const res = await page.request.post(`/api/applicants/${applicantId}/photo`, {
    headers: { 'X-CSRF-Token': session.csrf_token as string },
    multipart: { file: { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await passportJpeg(page) } },
  });
  expect(res.status(), await res.text()).toBe(201);
}

/** Through the API: the person matches the photo and the document at each station named. */
export async function passIdentity(req: APIRequestContext, csrf: string, assessmentId: string, ...stations: string[]) {
  for (const station of stations) {
    const res = await req.post(`/api/assessments/${assessmentId}/identity-checks`, {
      headers: { 'X-CSRF-Token': csrf }, data: { station, outcome: 'match' },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
}

/** The duplicates decision a registration sent through the API needs, if anyone resembles the person. */
export async function duplicateDecisions(page: Page, m: { surnames: string; given_names: string; birth_date: string }) {
  const q = new URLSearchParams({ surnames: m.surnames, given_names: m.given_names, birth_date: m.birth_date });
  const found = (await (await page.request.get('/api/duplicates?' + q.toString())).json()).items as unknown[];
  return found.length ? [{ member: 0, decision: 'different_person', reason: 'Another person of the same name: different document and family' }] : [];
}

/** The duplicates decisions for every member of a registration sent through the API. */
export async function duplicatesOf(page: Page, members: { surnames: string; given_names: string; birth_date: string }[]) {
  const out: { member: number; decision: string; reason: string }[] = [];
  for (const [i, m] of members.entries()) {
    for (const d of await duplicateDecisions(page, m)) out.push({ ...d, member: i });
  }
  return out;
}
