import { expect, test } from '@playwright/test';
import { ACCOUNTS, expectAccessible, measure, PASSWORD } from './support';

test('the login page is accessible, light and ships no JavaScript', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  await expectAccessible(page);
  const m = await measure(page, '/login');
  expect(await page.locator('script[src]').count()).toBe(0);
  expect(m.requests).toBeLessThan(10);
});

test('a wrong password shows a clear error and no session', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Adresse électronique').fill(ACCOUNTS.viewer);
  await page.getByLabel('Mot de passe').fill('not the password');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Adresse ou mot de passe incorrect.');
  await expectAccessible(page);
  await page.goto('/plans');
  await expect(page).toHaveURL(/\/login\?next=%2Fplans/);
});

test('the keyboard reaches the skip link first and it moves focus to the content', async ({ page }) => {
  await page.goto('/login');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('a user logs out and the session no longer works', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Adresse électronique').fill(ACCOUNTS.viewer);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/plans$/);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/plans');
  await expect(page).toHaveURL(/\/login/);
});

test.describe('HTTP', () => {
  test('pages carry a strict CSP and security headers', async ({ request }) => {
    const r = await request.get('/login');
    expect(r.status()).toBe(200);
    const csp = r.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers()['x-content-type-options']).toBe('nosniff');
    expect(r.headers()['x-frame-options']).toBe('DENY');
    expect(r.headers()['referrer-policy']).toBe('same-origin');
    expect(r.headers()['x-request-id']).toBeTruthy();
  });

  test('a form posted from another site is refused (CSRF)', async ({ request }) => {
    const r = await request.post('/login', {
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      data: `email=${encodeURIComponent(ACCOUNTS.admin)}&password=${PASSWORD}`,
    });
    expect(r.status()).toBe(403);
  });

  // An address no demo account has: the limiter counts it like a real one (no account enumeration), and the
  // lock it sets cannot stop a later test's sign-in.
  test('login is rate limited per account', async ({ request, baseURL }) => {
    const attempt = (password: string, address: string) =>
      request.post('/login', {
        headers: {
          origin: baseURL ?? '',
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': address,
        },
        data: `email=${encodeURIComponent('rate-limited@demo.trajectoire.test')}&password=${encodeURIComponent(password)}`,
        maxRedirects: 0,
      });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt('wrong password', `192.0.2.${i + 1}`)).status());
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    const blocked = await attempt(PASSWORD, '192.0.2.99');
    expect(blocked.status()).toBe(429);
  });

  test('pages that need an account redirect to the login page', async ({ request }) => {
    for (const path of [
      '/plans',
      '/sdg',
      '/people',
      '/governance',
      '/import',
      '/admin/users',
      '/dashboard',
      '/my',
      '/my/values',
      '/indicators/any-indicator',
      '/indicators/any-indicator/edit',
      '/indicators/evidence/any-file',
      '/admin/progress',
      '/account',
      '/account/notifications',
      '/account/tokens',
      '/exports',
      '/exports/values?plan=any-plan&format=csv',
      '/travel',
      '/travel/footprint',
      '/travel/trips',
      '/travel/import',
      '/travel/import/any-upload',
      '/travel/import/profiles',
      '/travel/trips/any-trip',
      '/travel/trips/export?format=csv',
      '/travel/flags',
      '/travel/mobility',
      '/travel/video',
      '/travel/settings',
      '/travel/recomputes',
      '/travel/places',
      '/travel/places/any-review',
    ]) {
      const r = await request.get(path, { maxRedirects: 0 });
      expect(r.status(), path).toBe(303);
      expect(r.headers().location, path).toMatch(/^\/login\?next=/);
    }
  });

  test('an unknown page answers 404 with a readable page', async ({ request }) => {
    const r = await request.get('/no-such-page');
    expect(r.status()).toBe(404);
    expect(await r.text()).toContain('Cette page n’existe pas'.replace('’', "'"));
  });
});
