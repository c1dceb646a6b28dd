// Identity at the front desk: a resettlement case list imported through the upload page, with a
// preview that lists each problem by line and column and a file with a problem importing nothing.
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

const stamp = Date.now().toString(36).toUpperCase();
const header = 'Case No,Relation to PA,Surname,Given Names,DOB,Sex,Nationality,Doc No,Destination,Programme\n';
const good =
  header +
  `ID-${stamp}-1,PA,Habimana,Jean-Pierre,1984,M,CD,P${stamp}1,USA,refugee\n` +
  `ID-${stamp}-1,Son,Habimana,Eric,2019-05-01,M,CD,,USA,refugee\n` +
  `ID-${stamp}-2,PA,Mohammed,Ahmed,1990-01-15,M,SD,P${stamp}2,Canada,refugee\n`;
const bad = good + `ID-${stamp}-3,PA,Ngoga,Paul,31/02/1990,Q,RW,,USA,refugee\n`;

function csv(name: string, body: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(body, 'utf8') };
}

test('a case list is previewed, refused with its problems, then imported once', async ({ browser }) => {
  const page = await signIn(browser, 'registrar');
  await page.getByRole('link', { name: 'Import case list' }).click();
  await expect(page.getByRole('heading', { name: 'Import a case list' })).toBeVisible();

  // A file with a bad line: its problems by line and column, and no import button.
  await page.getByLabel('Case list (CSV or XLSX)').setInputFiles(csv('bad.csv', bad));
  await page.getByRole('button', { name: 'Preview' }).click();
  const problems = page.getByTestId('import-problems');
  await expect(problems.locator('tbody tr')).toHaveCount(2);
  await expect(problems.locator('tbody tr td:first-child')).toHaveText(['5', '5']);
  await expect(problems.locator('tbody tr td:nth-child(2)')).toHaveText(['Sex', 'DOB']);
  await expect(page.getByRole('button', { name: /^Import \d+ cases$/ })).toHaveCount(0);

  // The good file: preview, import, and the same file again changes nothing.
  await page.getByLabel('Case list (CSV or XLSX)').setInputFiles(csv('good.csv', good));
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('import-preview').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('import-preview')).toContainText('Jean-Pierre Habimana, Eric Habimana');
  await page.getByRole('button', { name: 'Import 2 cases' }).click();
  await expect(page.getByRole('status')).toContainText('Imported: 2 cases (3 people); 0 unchanged.');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('status')).toContainText('0 new cases (0 people), 2 already registered and unchanged.');

  // The imported case is there to open and queue.
  await page.getByRole('link', { name: 'Case search' }).click();
  await page.locator('#case-q').fill(`ID-${stamp}-1`);
  await expect(page.getByText(`ID-${stamp}-1`).first()).toBeVisible();
});

test('the registrar photographs a person with the camera; a retake is kept in the history', async ({ browser }) => {
  const page = await signIn(browser, 'registrar');
  await page.getByRole('link', { name: 'Import case list' }).click();
  // A surname of this run's own: a retry must not meet the first attempt's person as a duplicate.
  const surname = 'Uwimana' + stamp.replace(/[0-9]/g, (d) => 'bcdfghjkmn'[Number(d)]).toLowerCase();
  const list = header + `PH-${stamp},PA,${surname},Claudine,1991-04-04,F,RW,PH${stamp},USA,refugee\n`;
  await page.getByLabel('Case list (CSV or XLSX)').setInputFiles(csv('one.csv', list));
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: 'Import 1 cases' }).click();
  await expect(page.getByRole('status')).toContainText('Imported: 1 cases');
  await page.getByRole('link', { name: 'Case search' }).click();
  await page.locator('#case-q').fill(`PH-${stamp}`);
  await page.getByRole('link', { name: `PH-${stamp}` }).first().click();

  const card = page.locator('.photo-capture');
  await expect(card.getByTestId('no-photo')).toBeVisible();
  for (let i = 0; i < 2; i++) {
    await card.getByRole('button', { name: 'Take photo' }).click();
    await expect(card.locator('video')).toBeVisible();
    await expect.poll(() => card.locator('video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
    await card.getByRole('button', { name: 'Capture' }).click();
    await expect(card.getByTestId('photo-preview')).toBeVisible();
    await card.getByRole('button', { name: 'Save photo' }).click();
    await expect(card.getByRole('status')).toContainText('Photo saved');
    await expect(card.getByTestId('photo')).toBeVisible();
  }
  const id = (await card.getAttribute('data-testid'))!.replace('photo-', '');
  const hist = await page.request.get(`/api/applicants/${id}/photos`);
  const items = (await hist.json()).items as { width: number; height: number; current: boolean }[];
  expect(items.map((p) => [p.width, p.height, p.current])).toEqual([[300, 385, true], [300, 385, false]]);
});
