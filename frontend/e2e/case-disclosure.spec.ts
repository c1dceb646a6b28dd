// What each role sees of a case's people: the registrar the whole registration, the caseworker
// only names, birth dates and the travel status (data minimisation) — on the demo case
// RW-2026-0101 that `mhac seed` registers.
import { type Page, expect, test } from '@playwright/test';
import { signIn } from './helpers';

async function openCase(page: Page, number: string) {
  await page.goto(`/cases?q=${encodeURIComponent(number)}`);
  await page.getByRole('link', { name: number }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
}

test('the caseworker sees a case without the registration details; the registrar with them', async ({ browser }) => {
  const registrar = await signIn(browser, 'registrar');
  await openCase(registrar, 'RW-2026-0101');
  const regHeader = registrar.locator('table.grid thead');
  await expect(regHeader).toContainText('Sex');
  await expect(regHeader).toContainText('Relationship');
  const names = await registrar.locator('table.grid tbody tr td:first-child').allTextContents();
  expect(names.length).toBeGreaterThan(0);
  await registrar.context().close();

  const caseworker = await signIn(browser, 'caseworker');
  const answer = caseworker.waitForResponse((r) => /\/api\/cases\/[^/]+$/.test(new URL(r.url()).pathname));
  await openCase(caseworker, 'RW-2026-0101');
  const body = (await (await answer).json()) as { members: Record<string, unknown>[] };
  for (const m of body.members) {
    for (const hidden of ['document_number', 'phone', 'countries_lived', 'residence_country']) expect(m).not.toHaveProperty(hidden);
  }
  const cwHeader = caseworker.locator('table.grid thead');
  await expect(cwHeader).toContainText('Birth date');
  await expect(cwHeader).not.toContainText('Sex');
  await expect(cwHeader).not.toContainText('Relationship');
  await expect(caseworker.locator('table.grid tbody tr td:first-child')).toHaveText(names);
  await caseworker.context().close();
});
