// Worklist paging: the nurse's worklist comes in pages of 50, oldest first; "Show more people"
// follows the next page until the whole list is shown, so nobody past the first page is hidden.
import { type Page, expect, test } from '@playwright/test';
import { signIn, yearsAgo } from './helpers';
import { duplicatesOf } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
// Names take Latin letters only: the run's digits become letters.
const tag = run.replace(/[0-9]/g, (d) => 'QRSTUVWXYZ'[Number(d)]).toLowerCase();
const given = ['Aline', 'Bosco', 'Claudine', 'Didier', 'Esther', 'Fabrice', 'Gisèle', 'Hervé', 'Ineza', 'Jules'];

async function csrfOf(page: Page): Promise<string> {
  return (await (await page.request.get('/api/session')).json()).csrf_token as string;
}

test('the nurse pages through a worklist longer than one page', async ({ browser }) => {
  test.setTimeout(240_000);
  const cases = 6; // 6 families of 10: 60 people, more than one page
  await test.step('60 people are registered and queued', async () => {
    const reg = await signIn(browser, 'registrar');
    const headers = { 'X-CSRF-Token': await csrfOf(reg) };
    for (let c = 0; c < cases; c++) {
      const number = `WLP-${run}-${c}`;
      const members = given.map((g, i) => ({
        surnames: `Pagination${tag}`, given_names: `${g} ${'ABCDEF'[c]}`, birth_date: yearsAgo(20 + c * 10 + i, c), birth_date_estimated: false,
        sex: i % 2 ? 'male' : 'female', relationship: i === 0 ? 'principal' : 'other', nationality: 'CD', country_of_birth: 'CD',
        residence_country: 'RW', countries_lived: ['CD', 'RW'], document_type: 'unhcr_id', document_number: `${number}-${i}`,
        file_number: '', phone: '', unaccompanied_minor: false, adoptee: false,
      }));
      const res = await reg.request.post('/api/cases', {
        headers, data: { case_number: number, destination: 'CA', program: 'refugee', members, duplicates: await duplicatesOf(reg, members) },
      });
      expect(res.ok(), `register ${number}: ${res.status()} ${await res.text()}`).toBe(true);
      const created = await res.json();
      const q = await reg.request.post(`/api/cases/${created.id}/queue`, { headers, data: { version: created.version } });
      expect(q.ok(), `queue ${number}: ${q.status()} ${await q.text()}`).toBe(true);
    }
    await reg.context().close();
  });

  await test.step('the first page holds 50; showing more reaches every one of them', async () => {
    const nurse = await signIn(browser, 'nurse');
    await nurse.goto('/worklist/nurse');
    const rows = nurse.locator('table.worklist tbody tr');
    await expect(rows).toHaveCount(50, { timeout: 30_000 });
    const more = nurse.getByRole('button', { name: 'Show more people' });
    await expect(more).toBeVisible();
    await nurse.locator('#wl-filter').fill(`Pagination${tag}`);
    await expect(nurse.getByText('The search looks only at the people shown')).toBeVisible();
    // Follow the pages to the end: the button goes away when the whole list is shown.
    const busy = nurse.locator('[data-testid=worklist-more]:disabled');
    for (let i = 0; i < 100 && (await more.isVisible()); i++) {
      await more.click();
      await expect(busy).toHaveCount(0, { timeout: 30_000 });
    }
    await expect(more).toBeHidden({ timeout: 30_000 });
    await expect(rows).toHaveCount(cases * given.length, { timeout: 30_000 });
    for (let c = 0; c < cases; c++) {
      await expect(nurse.locator('table.worklist tbody tr', { hasText: `WLP-${run}-${c}` })).toHaveCount(given.length);
    }
    // A refresh (every 15 s) reloads as many pages as are shown: after the first page it follows
    // the cursor again, and the list does not shrink back to one page.
    const first = await nurse.waitForResponse((r) => /\/api\/worklist\?station=nurse$/.test(r.url()), { timeout: 45_000 });
    expect(first.ok()).toBe(true);
    const following = await nurse.waitForResponse((r) => /\/api\/worklist\?station=nurse&cursor=/.test(r.url()), { timeout: 30_000 });
    expect(following.ok()).toBe(true);
    await expect(rows).toHaveCount(cases * given.length);
    await nurse.context().close();
  });
});
