// The web app and the queue dashboard under the Content-Security-Policy: every page an admin and a
// caseworker open runs without a single policy violation (no inline script or style, no foreign
// origin), the answers carry the policy, and the dashboard renders with its inline scripts allowed
// by hash, read-only. A login posted as a form (what another site could make a browser send) is
// refused.
import { type Page, expect, test } from '@playwright/test';
import { PASSWORD, signIn } from './helpers';

/** Records the page's CSP violations from the first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations ?? []);
}

test('the web app runs under its Content-Security-Policy', async ({ browser }) => {
  for (const [user, paths] of [
    ['admin', ['/', '/admin', '/board']],
    ['caseworker', ['/', '/board']],
  ] as const) {
    const page = await signIn(browser, user);
    const violations = await watchViolations(page);
    for (const path of paths) {
      const resp = await page.goto(path);
      expect(resp?.headers()['content-security-policy']).toContain("script-src 'self';");
      expect(resp?.headers()['x-frame-options']).toBe('DENY');
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
      expect(await violations(), `${user} ${path}`).toEqual([]);
    }
    await page.context().close();
  }
});

test('the public verification page runs under the policy', async ({ page }) => {
  const violations = await watchViolations(page);
  const resp = await page.goto('/verify/no-such-code-12345');
  expect(resp?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await expect(page.locator('main')).toBeVisible();
  expect(await violations()).toEqual([]);
});

test('the queue dashboard renders, read-only, with only its own inline scripts', async ({ browser }) => {
  const page = await signIn(browser, 'admin');
  const violations = await watchViolations(page);
  const resp = await page.goto('/admin/queues/');
  const csp = resp?.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'sha256-[^']+' 'sha256-[^']+';/);
  await expect(page.getByText('Queues', { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  // Its Google Fonts stylesheets are the only thing the policy stops: the clinic loads nothing
  // from another origin. No script is blocked.
  const blocked = await violations();
  expect(blocked.filter((v) => !v.includes('fonts.googleapis.com'))).toEqual([]);
  await page.context().close();
});

test('a login posted as a form is refused', async ({ request }) => {
  const resp = await request.post('/api/session', { form: { username: 'admin', password: PASSWORD } });
  expect(resp.status()).toBe(415);
  expect((await resp.json()).code).toBe('unsupported_media_type');
});
