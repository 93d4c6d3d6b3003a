import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, logIn, pageAs, visit } from './support';

/** The accounting export fixture: Windows-1252, ";", decimal commas; 4 trips in 3 missions and 4 other expenses. */
const ACCOUNTING = readFileSync('src/lib/server/features/travel/fixtures/notes-de-frais-1252.csv');
const PROFILE = 'Export notes de frais (e2e)';

async function uploadAccounting(page: Page, format: string, file: string, preview: string) {
  await page.getByLabel(format).check();
  await page.getByLabel(file).setInputFiles({ name: 'notes-de-frais.csv', mimeType: 'text/csv', buffer: ACCOUNTING });
  await page.getByRole('button', { name: preview }).click();
}

test('the admin imports an accounting export through the mapping step, saves a profile and commits', async ({
  page,
}) => {
  await logIn(page, 'admin');
  await visit(page, '/travel/import', 'travel import upload (formats)');
  await uploadAccounting(page, /Export comptable/, 'Fichier de déplacements', 'Prévisualiser');

  await expect(page.getByRole('heading', { level: 2, name: 'Correspondance des colonnes' })).toBeVisible();
  await expectAccessible(page);
  // Proposed from the French header of the file.
  await expect(page.getByLabel('Type ou nature de la dépense')).toHaveValue('Nature de la dépense');
  await expect(page.getByLabel('Lieu de départ')).toHaveValue('Ville de départ');
  await expect(page.getByLabel('Aller-retour (OUI/NON, A/R…)')).toHaveValue('A/R');
  await page.getByLabel('Enregistrer cette correspondance comme profil (facultatif)').fill(PROFILE);
  await page.getByRole('button', { name: 'Valider la correspondance et prévisualiser' }).click();

  await expect(page.getByText(`Profil « ${PROFILE} » enregistré.`)).toBeVisible();
  const table = page.getByRole('table', { name: "Lignes du fichier, les lignes refusées d'abord" });
  await expect(table.getByRole('cell', { name: 'valide', exact: true })).toHaveCount(4);
  await expect(table.getByRole('cell', { name: 'ignorée', exact: true })).toHaveCount(4);
  await expect(table.getByText("Ligne ignorée : « Hôtel » (189) n'est pas un déplacement.")).toBeVisible();
  await expect(page.getByText('4 lignes ignorées (hors déplacement).')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Importer ces déplacements' }).click();
  await expect(page.getByText('3 déplacements importés.')).toBeVisible();
  await expectAccessible(page);

  await visit(page, '/travel/import/profiles', 'travel import profiles');
  await expect(page.getByRole('rowheader', { name: PROFILE })).toBeVisible();
});

test('in English, a saved profile fills the mapping step, and the profile can be deleted', async ({ page }) => {
  await logIn(page, 'admin');
  await page.goto('/travel/import');
  await page.getByRole('button', { name: 'English' }).click();
  try {
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expectAccessible(page);
    await uploadAccounting(page, /Accounting or expense-claim export/, 'Travel file', 'Preview');
    await expect(page.getByRole('heading', { level: 2, name: 'Column mapping' })).toBeVisible();
    // Confirm without the amount, then apply the saved profile: the amount column comes back.
    await page.getByLabel('Amount (shown only)').selectOption('');
    await page.getByRole('button', { name: 'Confirm the mapping and preview' }).click();
    await expect(page.getByText('Row skipped: “Hôtel” is not a trip.')).toBeVisible();
    await page.getByRole('link', { name: 'Change the column mapping' }).click();
    await expect(page.getByLabel('Amount (shown only)')).toHaveValue('');
    await page.getByLabel('Saved profile').selectOption({ label: PROFILE });
    await page.getByRole('button', { name: 'Apply this profile' }).click();
    await expect(page.getByLabel('Amount (shown only)')).toHaveValue('Montant TTC (€)');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Confirm the mapping and preview' }).click();
    await expect(page.getByText('4 rows skipped (not a trip).')).toBeVisible();
    await expect(page.getByText('Row skipped: “Hôtel” (189) is not a trip.')).toBeVisible();
    await expectAccessible(page);

    await page.goto('/travel/import/profiles');
    await expectAccessible(page);
    await page.getByRole('button', { name: `Delete the profile “${PROFILE}”` }).click();
    await expect(page.getByText('Profile deleted.')).toBeVisible();
    await expect(page.getByText('No saved profile.')).toBeVisible();
    await expectAccessible(page);
  } finally {
    await page.getByRole('button', { name: 'Français' }).click();
  }
});

test('an executable renamed .csv is refused at upload, and a pilot cannot open the profiles', async ({
  page,
  browser,
}) => {
  await logIn(page, 'admin');
  await page.goto('/travel/import');
  await page.getByLabel(/Vols par codes/).check();
  await page.getByLabel('Fichier de déplacements').setInputFiles({
    name: 'vols.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
  });
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  await expect(page.getByRole('alert')).toContainText('(binary)');
  await expect(page.getByLabel(/Vols par codes/)).toBeChecked();
  await expectAccessible(page);

  const pilot = await pageAs(browser, 'pilot');
  const response = await pilot.goto('/travel/import/profiles');
  expect(response?.status()).toBe(403);
  await pilot.context().close();
});
