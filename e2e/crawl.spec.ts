import { expect, test } from '@playwright/test';
import { expectAccessible, logIn, measure, visit } from './support';

test('every back-office page passes axe as the officer, in French', async ({ page }) => {
  await logIn(page, 'admin');
  for (const path of [
    '/plans',
    '/sdg',
    '/sdg/17',
    '/people',
    '/governance',
    '/admin/users',
    '/import',
    '/plans/reviews',
  ]) {
    await visit(page, path);
  }
  await page.goto('/people');
  await page.locator('main table a[href^="/people/"]').first().click();
  await expectAccessible(page);
  await measure(page, 'person page');
  await page.goto('/plans');
  const planLinks = await page
    .locator('main tbody a[href^="/plans/"]:not([href*="export"])')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(planLinks.length).toBeGreaterThanOrEqual(2);
  for (const href of planLinks) await visit(page, href, `plan ${href.slice(0, 20)}…`);
});

test('the same pages pass axe in English, with no untranslated key showing', async ({ page }) => {
  await logIn(page, 'admin');
  await page.getByRole('button', { name: 'English' }).click();
  for (const path of ['/plans', '/sdg', '/people', '/governance', '/admin/users', '/import']) {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expectAccessible(page);
    const text = await page.locator('body').textContent();
    expect(text ?? '', path).not.toMatch(/\b(plan|sdg|people|governance|admin|import|nav|errors)\.[a-z]+\.[a-zA-Z.]+/);
  }
  await page.getByRole('button', { name: 'Français' }).click();
});

test('a viewer sees the plan but no edit, import or admin entry', async ({ page }) => {
  await logIn(page, 'viewer');
  await expect(page.getByRole('link', { name: 'Importer un plan' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Utilisateurs' })).toHaveCount(0);
  for (const path of ['/admin/users', '/import', '/plans/reviews']) {
    const r = await page.goto(path);
    expect(r?.status(), path).toBe(403);
  }
});
