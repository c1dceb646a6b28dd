// The chart as each station sees it, at 1366×768: the user's own data entry first, a sticky
// summary (flags, what is to do, the outcome so far), the rule table's sources on demand with the
// reason always shown, the nurse's sections folded for the physician; the physician's chart far
// below 2,500 px. Fields say in the user's language when they are empty or hold letters; the
// vitals flag values from the served ranges with their sources; the lab worklist says who is
// still waiting for the nurse. axe finds no serious or critical violation on each screen.
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type Page, expect, test } from '@playwright/test';
import { consentAll, signIn, worklistRows, yearsAgo } from './helpers';
import { checkIdentity, photographEveryone, submitRegistration } from './identity-helpers';

const run = Date.now().toString(36).toUpperCase();
// Names take Latin letters only: the run's digits become letters.
const surname = 'Uwera' + run.replace(/[0-9]/g, (d) => 'ABCDEFGHIJ'[Number(d)]).toLowerCase();

async function axe(page: Page, screen: string) {
  const res = await new AxeBuilder({ page }).analyze();
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function register(browser: Browser, caseNumber: string): Promise<string> {
  const page = await signIn(browser, 'registrar');
  await page.goto('/register');
  await page.locator('#case_number').fill(caseNumber);
  await page.locator('#destination').selectOption('US');
  await page.locator('#program').selectOption('refugee');
  await page.locator('#m0-surnames').fill(surname);
  await page.locator('#m0-given_names').fill('Diane');
  await page.locator('#m0-birth_date').fill(yearsAgo(31, 40));
  await page.locator('#m0-sex').selectOption('female');
  await page.locator('#m0-relationship').selectOption('principal');
  await page.locator('#m0-nationality').fill('RW');
  await page.locator('#m0-residence').fill('RW');
  await page.locator('#m0-countries').fill('RW');
  await page.locator('#m0-docnum').fill(`${caseNumber}-1`);
  await submitRegistration(page, caseNumber);
  await photographEveryone(page);
  await page.getByRole('button', { name: /Put in queue/ }).click();
  await expect(page.getByText('Everyone is in the queue.')).toBeVisible();
  const caseId = page.url().split('/').pop() ?? '';
  await page.context().close();
  await consentAll(browser, caseId);
  const nurse = await signIn(browser, 'nurse');
  const rows = await worklistRows(nurse, 'nurse', caseNumber, 1);
  await nurse.context().close();
  return rows[0].id;
}

/** The lab's worklist card of this person, and what it says about why they are there. */
async function labWhy(browser: Browser, expected: string) {
  const lab = await signIn(browser, 'lab');
  await lab.setViewportSize({ width: 1366, height: 768 });
  await lab.goto('/lab');
  const card = lab.getByTestId('lab-person').filter({ hasText: surname.toUpperCase() }).or(
    lab.getByTestId('lab-person').filter({ hasText: surname }));
  await expect(card.first()).toBeVisible({ timeout: 30_000 });
  await expect(card.first().getByTestId('lab-why')).toHaveText(expected);
  await axe(lab, 'lab worklist');
  await lab.context().close();
}

/** The physician's chart at 1366×768: its height, the layout, the summary staying in view. */
async function physicianChart(browser: Browser, id: string, when: string): Promise<number> {
  const doc = await signIn(browser, 'physician');
  await doc.setViewportSize({ width: 1366, height: 768 });
  await doc.goto(`/chart/${id}`);
  const summary = doc.getByTestId('chart-summary');
  await expect(summary).toBeVisible();
  await expect(doc.locator('#plan')).toBeVisible();
  const height = await doc.evaluate(() => document.documentElement.scrollHeight);
  test.info().annotations.push({ type: `physician chart height, ${when} (px, 1366×768)`, description: String(height) });
  console.log(`physician chart document height at 1366x768, ${when}: ${height}px`);
  // Where the height goes: each part of the chart, for BENCHMARKS.md.
  console.log(await doc.evaluate(() => Array.from(document.querySelectorAll('article > *, .col-main > *, .col-side > *'))
    .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className.split(' ')[0]} ${Math.round(e.getBoundingClientRect().height)}`).join('\n')));
  expect(height).toBeLessThan(2500);

  // The physician's own entry (classification, sign-off) comes before the plan.
  const cls = await doc.locator('#classification').boundingBox();
  const plan = await doc.locator('#plan').boundingBox();
  expect(cls && plan && cls.y < plan.y).toBe(true);
  // The summary says what is still to do and the outcome so far.
  await expect(summary.getByTestId('sum-outcome')).toContainText(/Outcome so far: .+ (provisional|final)/);
  // The reason of each rule shows; its source opens on demand.
  const row = doc.locator('[data-testid=plan] tbody tr').first();
  await expect(row.locator('td.reason')).not.toBeEmpty();
  await expect(row.locator('td.reason')).toBeVisible();
  const source = row.locator('details.source-detail');
  await expect(source).not.toHaveAttribute('open', '');
  await source.locator('summary').click();
  await expect(source).toHaveAttribute('open', '');
  await expect(source.getByText(/Confidence:/)).toBeVisible();
  // The nurse's history and vitals are folded with their state; they open on demand.
  const fold = doc.locator('details.station-fold').filter({ has: doc.getByTestId('nurse-fold') });
  await expect(fold.getByTestId('nurse-fold')).toBeVisible();
  await expect(doc.locator('#vitals')).toBeHidden();
  await fold.locator('summary').first().click();
  await expect(doc.locator('#vitals')).toBeVisible();
  await axe(doc, `physician chart (${when})`);
  // The summary stays at the top of the window at the bottom of the page.
  await doc.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(async () => {
    const box = await summary.boundingBox();
    expect(box && box.y >= -1 && box.y < 10).toBe(true);
  }).toPass({ timeout: 5000 });
  await doc.context().close();
  return height;
}

test('each station sees its own entry first; the physician chart stays short; fields and flags speak', async ({ browser }) => {
  const caseNumber = `RW-CL-${run}`;
  const id = await register(browser, caseNumber);

  await test.step('axe on the sign-in page, the radiology worklist and the lab and radiology charts', async () => {
    const ctx = await browser.newContext();
    const login = await ctx.newPage();
    await login.goto('/login');
    await expect(login.getByLabel('Username')).toBeVisible();
    await axe(login, 'sign-in');
    await ctx.close();
    for (const role of ['lab', 'radiology']) {
      const page = await signIn(browser, role);
      await page.setViewportSize({ width: 1366, height: 768 });
      if (role === 'radiology') {
        await page.goto('/radiology');
        await expect(page.locator('#rx-h')).toBeVisible();
        await axe(page, 'radiology worklist');
      }
      await page.goto(`/chart/${id}`);
      await expect(page.getByTestId('chart-summary')).toBeVisible();
      await expect(page.locator('#plan')).toBeVisible();
      await axe(page, `${role} chart`);
      await page.context().close();
    }
  });

  await test.step('the lab worklist says the person is still waiting for the nurse', async () => {
    await labWhy(browser, 'Still waiting for the nurse');
  });

  await test.step('the physician chart of a newly queued person', async () => {
    await physicianChart(browser, id, 'newly queued');
  });

  await test.step('the nurse: own sections first, the fields\' own messages, vitals flags with sources', async () => {
    const page = await signIn(browser, 'nurse');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/chart/${id}?from=nurse`);
    await checkIdentity(page, 'history', 'exam');
    const hist = await page.locator('#history').boundingBox();
    const plan = await page.locator('#plan').boundingBox();
    expect(hist && plan && hist.y < plan.y).toBe(true);
    await expect(page.getByTestId('sum-pending')).toContainText('To do:');

    // Required fields left empty: each says so in the user's language, not the browser's bubble.
    const vitals = page.locator('#vitals');
    await page.locator('label.lang select').selectOption('fr');
    await vitals.locator('button[type=submit]').click();
    await expect(page.locator('#v-height_cm-err')).toHaveText('Remplissez ce champ.');
    await expect(page.locator('#v-weight_kg-err')).toHaveText('Remplissez ce champ.');
    await expect(page.locator('#v-height_cm')).toBeFocused();
    await page.locator('label.lang select').selectOption('en');
    await vitals.locator('button[type=submit]').click();
    await expect(page.locator('#v-height_cm-err')).toHaveText('Fill in this field.');
    await axe(page, 'nurse chart with field messages');

    // Letters in a number field are named, not silently emptied.
    await page.locator('#v-height_cm').fill('16o');
    await expect(page.locator('#v-height_cm-err')).toHaveText('Enter a number (digits only; letters were typed).');
    await expect(page.locator('#v-height_cm')).toHaveValue('16o');
    await page.locator('#v-height_cm').fill('162');
    await expect(page.locator('#v-height_cm-err')).toHaveCount(0);
    await page.locator('#v-weight_kg').fill('61,5'); // a decimal comma reads as a point
    await expect(page.locator('#v-weight_kg')).toHaveValue('61.5');
    await expect(page.getByTestId('bmi')).toHaveText('BMI 23.4');

    // Flags from the served ranges, each with its limit; the sources open on demand.
    await page.locator('#v-temperature_c').fill('38.4');
    await page.locator('#v-bp_systolic').fill('150');
    await page.locator('#v-bp_diastolic').fill('95');
    const flags = page.getByTestId('vitals-flags');
    await expect(flags).toContainText('Outside the usual range: fever (≥ 38); high blood pressure (≥ 140 or ≥ 90)');
    await flags.getByTestId('vflag-sources').locator('summary').click();
    await expect(flags.getByTestId('vflag-sources')).toContainText('WHO fact sheet: Hypertension');
    await expect(flags.getByTestId('vflag-sources')).toContainText('CDC');
    await axe(page, 'nurse chart with vitals flags');
    await page.locator('#v-temperature_c').fill('36.6');
    await page.locator('#v-bp_systolic').fill('118');
    await page.locator('#v-bp_diastolic').fill('76');
    await page.locator('#v-pulse').fill('72');
    await expect(flags).not.toContainText('Outside the usual range');
    await page.locator('#v-pregnant-no').check();
    await page.locator('#v-exam-normal-yes').check();
    await vitals.getByRole('button', { name: 'Save' }).click();
    await expect(vitals.locator('.saved')).toHaveText('Saved.');

    const history = page.locator('#history');
    await history.getByRole('button', { name: 'None of these' }).click();
    await history.getByRole('button', { name: 'Save' }).click();
    await expect(history.locator('.saved')).toHaveText('Saved.');
    await page.context().close();
  });

  await test.step('the lab worklist: specimens can be taken now', async () => {
    await labWhy(browser, 'Seen by the nurse: specimens can be taken now');
  });

  await test.step('the physician chart once the nurse has recorded', async () => {
    await physicianChart(browser, id, 'history and vitals recorded');
  });
});
