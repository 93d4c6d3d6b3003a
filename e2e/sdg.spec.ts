import { expect, test } from '@playwright/test';
import { expectAccessible, logIn, measure, visit } from './support';

test('the SDG matrix is a readable table and leads to each SDG page', async ({ page }) => {
  await logIn(page, 'viewer');
  await visit(page, '/sdg', 'SDG matrix 2023-2027');
  await page.getByLabel('Plan affiché').selectOption({ label: "Plan d'action 2021-2022" });
  await page.getByRole('button', { name: 'Afficher' }).click();
  const matrix = page.getByRole('table', { name: /Plan d'action 2021-2022/ });
  await expect(matrix).toBeVisible();
  const row = matrix.getByRole('row').filter({ hasText: 'Développer de nouveaux enseignements' });
  await expect(row.getByText('ODD 4 : oui')).toHaveCount(1);
  await expectAccessible(page);
  await measure(page, 'SDG matrix 2021-2022');
  await page.goto('/sdg/13');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ODD 13');
  await expectAccessible(page);
  await measure(page, 'SDG 13 page');
});

test('the officer confirms the SDGs of a matrix row that could not be aligned', async ({ page }) => {
  await logIn(page, 'admin');
  await visit(page, '/plans/reviews', 'SDG reviews');
  const first = page
    .locator('form')
    .filter({ has: page.getByRole('checkbox') })
    .first();
  const title = (await first.locator('legend').textContent())?.trim() ?? '';
  await first.getByRole('button').click();
  await expect(page.getByRole('status')).toHaveText('ODD confirmés.');
  await expect(page.locator('legend', { hasText: title })).toHaveCount(0);
  await expectAccessible(page);
});
