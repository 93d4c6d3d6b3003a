import { expect, test } from '@playwright/test';
import { expectAccessible, logIn } from './support';

test('the language switch turns the interface to English and back, without JavaScript', async ({ page }) => {
  await logIn(page, 'viewer');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Action plans');
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: "Plan d'action RES 2023/2027", exact: true }).click();
  await expect(page.getByRole('button', { name: 'Filter' })).toBeVisible();
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('button', { name: 'Filtrer' })).toBeVisible();
});
