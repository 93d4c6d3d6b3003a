import { expect, test } from '@playwright/test';
import { expectAccessible, logIn, measure, visit } from './support';

const CSV = [
  'Workstream;Objective;Target;Action;Owner;Indicators;SDGs;Status;Start;End',
  'Climat;Réduire nos émissions;-5 % par an;Plan de mobilité domicile-travail;Bazin I.;Part des trajets en vélo (%);11, 13;en cours;2025-01-01;2026-12-31',
  'Climat;Réduire nos émissions;-5 % par an;Visioconférence pour les recrutements;André F.;Nb de visios;13;à faire;;',
  'Campus;Biodiversité;100 % essences locales;Plantation de haies;SG/Div Immob;Mètres de haies;15;terminée;2024-03-01;2024-04-30',
].join('\r\n');

test('the officer imports a CSV plan: preview with counts, then commit, then the plan is there', async ({ page }) => {
  await logIn(page, 'admin');
  await visit(page, '/import', 'import upload');
  await page.getByLabel('Fichier du plan').setInputFiles({
    name: 'plan-mobilite.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${CSV}`, 'utf8'),
  });
  await page.getByRole('button', { name: 'Envoyer et prévisualiser' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Aperçu de l'import");
  await expectAccessible(page);
  await measure(page, 'import preview');
  await expect(page.getByRole('heading', { name: 'Correspondance des colonnes' })).toBeVisible();
  await page.getByLabel('Titre du plan').fill('Plan mobilité 2025');
  await page.getByRole('button', { name: "Enregistrer et recalculer l'aperçu" }).click();
  await page.getByRole('button', { name: 'Valider et créer le plan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import terminé');
  await expect(page.getByText('Le plan « Plan mobilité 2025 » a été créé.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Ouvrir le plan importé' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plan mobilité 2025');
  await expect(page.locator('.action-line')).toHaveCount(3);
  await expect(page.getByRole('link', { name: 'Plantation de haies' })).toBeVisible();
});

test('a file that is not a plan is refused with a clear message and nothing is stored', async ({ page }) => {
  await logIn(page, 'admin');
  await page.goto('/plans');
  const before = await page.locator('tbody tr').count();
  await page.goto('/import');
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  await page.getByLabel('Fichier du plan').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: png });
  await page.getByRole('button', { name: 'Envoyer et prévisualiser' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectAccessible(page);
  await page.goto('/plans');
  await expect(page.locator('tbody tr')).toHaveCount(before);
});

test('only the officer may import', async ({ page }) => {
  await logIn(page, 'pilot');
  const response = await page.goto('/import');
  expect(response?.status()).toBe(403);
});
