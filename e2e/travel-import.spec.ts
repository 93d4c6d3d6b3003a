import { expect, test } from '@playwright/test';
import { GES1POINT5_HEADER } from '../src/lib/server/features/travel/ges1point5-format';
import { expectAccessible, logIn, visit } from './support';

function ges1point5File(rows: string[][]): Buffer {
  return Buffer.from(`${[GES1POINT5_HEADER.join('\t'), ...rows.map((r) => r.join('\t'))].join('\n')}\n`, 'utf8');
}

const GOOD = [
  ['1', '14/09/2026', 'Strasbourg', 'France', 'Brest', 'France', 'train', '', 'NON', 'Jury de thèse', ''],
  ['1', '16/09/2026', 'Brest', 'France', 'Strasbourg', 'France', 'avion', '', 'NON', 'Jury de thèse', ''],
  ['2', '03/10/2026', 'Montpellier', 'France', 'Lyon', 'France', 'voiture', '2', 'OUI', '', ''],
];

async function upload(page: import('@playwright/test').Page, name: string, rows: string[][]) {
  await visit(page, '/travel/import', 'travel import upload');
  await page.getByLabel('Fichier de déplacements').setInputFiles({
    name,
    mimeType: 'text/tab-separated-values',
    buffer: ges1point5File(rows),
  });
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Aperçu de « ${name} »`);
}

test('the admin imports a GES 1point5 file: 3 valid rows, commit, then the trips are listed', async ({ page }) => {
  await logIn(page, 'admin');
  await upload(page, 'missions.tsv', GOOD);
  await expectAccessible(page);
  const table = page.getByRole('table', { name: "Lignes du fichier, les lignes refusées d'abord" });
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.getByRole('cell', { name: 'valide', exact: true })).toHaveCount(3);
  await page.getByRole('button', { name: 'Importer ces déplacements' }).click();
  await expect(page.getByText('2 déplacements importés.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Voir les déplacements' }).click();
  await expect(page).toHaveURL(/\/travel\/trips$/);
  await expect(page.getByRole('row').filter({ hasText: 'Strasbourg' }).first()).toBeVisible();
});

test('a file with one bad row shows it first and cannot be committed', async ({ page }) => {
  await logIn(page, 'admin');
  await upload(page, 'missions-erreur.tsv', [
    ...GOOD,
    ['3', '31/02/2026', 'Alès', 'France', 'Nîmes', 'France', 'bus', '', 'NON', '', ''],
  ]);
  await expectAccessible(page);
  const firstRow = page.locator('tbody tr').first();
  await expect(firstRow.getByRole('rowheader')).toHaveText('5');
  await expect(firstRow.getByRole('cell', { name: 'refusée', exact: true })).toBeVisible();
  await expect(page.getByText('Au moins une ligne est refusée')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Importer ces déplacements' })).toHaveCount(0);
});
