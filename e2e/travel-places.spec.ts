import { expect, test } from '@playwright/test';
import { GES1POINT5_HEADER } from '../src/lib/server/features/travel/ges1point5-format';
import { expectAccessible, logIn, visit } from './support';

/** "Villeneuve": dozens of French towns bear the name, so the resolver asks a person. */
const ROWS = [['1', '02/02/2026', 'Villeneuve', 'France', 'Paris', 'France', 'train', '', 'OUI', 'Réunion', '']];

function ges1point5File(rows: string[][]): Buffer {
  return Buffer.from(`${[GES1POINT5_HEADER.join('\t'), ...rows.map((r) => r.join('\t'))].join('\n')}\n`, 'utf8');
}

test('an uncertain place of an import is answered once on the review list, and the preview then accepts the row', async ({
  page,
}) => {
  await logIn(page, 'admin');
  await visit(page, '/travel/places', 'places to check');

  await page.goto('/travel/import');
  await page.getByLabel('Fichier de déplacements').setInputFiles({
    name: 'villeneuve.tsv',
    mimeType: 'text/tab-separated-values',
    buffer: ges1point5File(ROWS),
  });
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  const previewUrl = page.url();
  await expect(page.getByRole('cell', { name: 'refusée', exact: true })).toBeVisible();
  await page.getByRole('link', { name: /1 lieu n'a pas été reconnu avec certitude/ }).click();

  await expect(page).toHaveURL(/\/travel\/places$/);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Villeneuve', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lieu « Villeneuve »');
  await expectAccessible(page);

  // The reviewer searches the town they mean and keeps it, with the keyboard.
  await page.getByLabel('Ville, aéroport ou code IATA').fill('Villeneuve-sur-Lot');
  await page.getByRole('button', { name: 'Chercher' }).click();
  const results = page.getByRole('group', { name: 'Lieux trouvés pour « Villeneuve-sur-Lot »' });
  await results.getByRole('radio').first().focus();
  await page.keyboard.press('Space');
  await expect(results.getByRole('radio').first()).toBeChecked();
  await expectAccessible(page);
  await results.locator('xpath=..').getByRole('button', { name: 'Retenir ce lieu' }).click();

  await expect(page).toHaveURL(/\/travel\/places$/);
  await expect(page.getByRole('link', { name: 'Villeneuve', exact: true })).toHaveCount(0);
  const answers = page.getByRole('table', { name: /réponses? retenues?/ });
  await expect(answers.getByRole('row').filter({ hasText: 'Villeneuve' })).toContainText('Villeneuve-sur-Lot (France)');

  // The same upload, read again with the remembered answer: the row is valid and can be committed.
  await page.goto(previewUrl);
  await expect(page.getByRole('cell', { name: 'valide', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Importer ces déplacements' })).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await page.goto('/travel/places');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Places to check');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Français' }).click();
});

test('a viewer cannot open the review list', async ({ page }) => {
  await logIn(page, 'viewer');
  const response = await page.goto('/travel/places');
  expect(response?.status()).toBe(403);
});
