// Helpers for the browser test: sign in as a demo role, find a case's people on a worklist, and
// fill the result rows a station shows.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Browser, type Page, expect } from '@playwright/test';
import { checkIdentity } from './identity-helpers';

export const PASSWORD = process.env.E2E_PASSWORD ?? 'mhac-demo-2026';

/** A fresh browser context (its own cookies) signed in as username. */
export async function signIn(browser: Browser, username: string): Promise<Page> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return page;
}

/** Date n years (and days) before today, as YYYY-MM-DD. */
export function yearsAgo(years: number, days = 0): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The worklist rows of one case at a station, as given name → assessment id. Waits until
 * `expected` rows show (the list refreshes itself; a reload makes it quicker).
 */
export async function worklistRows(page: Page, station: string, caseNumber: string, expected: number) {
  const rows = page.locator('table.worklist tbody tr');
  await expect(async () => {
    await page.goto(`/worklist/${station}`);
    await page.locator('#wl-filter').fill(caseNumber);
    // The worklist comes in pages: show them all, so a case past the first page is found too.
    const more = page.getByTestId('worklist-more');
    for (let i = 0; i < 50 && (await more.isVisible()); i++) {
      await more.click();
      await expect(page.locator('[data-testid=worklist-more]:disabled')).toHaveCount(0, { timeout: 10_000 });
    }
    await expect(rows).toHaveCount(expected, { timeout: 3000 });
  }).toPass({ timeout: 60_000 });
  const out: { text: string; id: string }[] = [];
  for (const row of await rows.all()) {
    out.push({ text: (await row.innerText()).toLowerCase(), id: (await row.getAttribute('data-id')) ?? '' });
  }
  return out;
}

/** A normal result for each result step, as the row's inputs take it. */
const normal: Record<string, string | string[]> = {
  cxr: 'normal',
  igra: 'negative',
  tst: '4',
  sputum_smears: ['negative', 'negative', 'negative'],
  sputum_cultures: ['negative', 'negative', 'negative'],
  mtb_naat: 'not_detected',
  syphilis: 'nonreactive',
  gonorrhea: 'negative',
  hiv: 'negative',
  hepatitis_b: 'negative',
  urinalysis: 'normal',
  creatinine: '70',
  egfr: '95',
  hba1c: '38',
};

/** Enter a normal result in every pending row of a section (#lab or #cxr), one at a time. */
export async function fillPendingResults(page: Page, section: '#lab' | '#cxr'): Promise<string[]> {
  const done: string[] = [];
  // The station first checks the person against the photo and the document (docs/identity.md).
  await checkIdentity(page, ...(section === '#cxr' ? ['xray'] : ['specimen', 'sputum']));
  for (let i = 0; i < 20; i++) {
    const row = page.locator(`${section} form.result-row.pending`).first();
    if ((await row.count()) === 0) break;
    const step = (await row.getAttribute('data-step')) ?? '';
    const value = normal[step];
    if (value === undefined) throw new Error(`no normal value for step ${step}`);
    if (Array.isArray(value)) {
      for (let n = 0; n < value.length; n++) await row.locator(`#res-${step}-${n}`).selectOption(value[n]);
    } else if (await row.locator(`select#res-${step}`).count()) {
      await row.locator(`#res-${step}`).selectOption(value);
    } else {
      await row.locator(`#res-${step}`).fill(value);
    }
    await row.getByRole('button', { name: 'Save result' }).click();
    await expect(page.locator(`${section} form.result-row.pending[data-step="${step}"]`)).toHaveCount(0);
    done.push(step);
  }
  return done;
}

/** pdfsig's report on a file. It exits 0 even for a bad signature, so callers read the text. */
export async function pdfsig(file: string): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)('pdfsig', [file], { timeout: 60_000 });
  return stdout + stderr;
}

/**
 * Records, as the registrar, every consent of every member of a case (sharing with the case's
 * destination; by the mother for a child), as a person who agrees to everything gives them at
 * registration: boards, panels, exports and HIV results need them (docs/consent.md).
 */
export async function consentAll(browser: Browser, caseId: string): Promise<void> {
  const page = await signIn(browser, 'registrar');
  const session = await (await page.request.get('/api/session')).json();
  const headers = { 'X-CSRF-Token': session.csrf_token as string };
  const c = await (await page.request.get(`/api/cases/${caseId}`)).json();
  const today = new Date().toISOString().slice(0, 10);
  for (const m of c.members as { id: string; age_years: number; given_names: string }[]) {
    for (const purpose of ['examination', 'hiv_testing', 'share_authority', 'share_agency', 'statistics']) {
      const child = m.age_years < 18;
      const res = await page.request.post(`/api/applicants/${m.id}/consents`, {
        headers,
        data: {
          purpose, country: purpose === 'share_authority' ? c.destination : '', kind: child ? 'proxy' : 'written',
          proxy_name: child ? `Parent of ${m.given_names}` : '', proxy_relation: child ? 'mother' : '', language: 'rw', given_on: today,
        },
      });
      expect([201, 409], `consent ${purpose}: ${await res.text()}`).toContain(res.status());
    }
  }
  await page.context().close();
}
