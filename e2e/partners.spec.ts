import { expect, test } from '@playwright/test';
import { expectAccessible, logIn, visit } from './support';

const RUN = Date.now().toString(36);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

test('a pilot records a partner with SDGs and an agreement, and sees it on the SDG page', async ({ page }) => {
  const name = `Pôle Hydrogène ${RUN}`;
  await logIn(page, 'pilot');
  await visit(page, '/partners', 'partners');
  await page.getByRole('link', { name: 'Ajouter un partenaire' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ajouter un partenaire');
  await expectAccessible(page);

  await page.getByLabel('Nom', { exact: true }).fill(name);
  await page.getByLabel('Type de partenaire').selectOption({ label: 'Pôle de compétitivité' });
  await page.getByLabel('Administrateur', { exact: true }).check();
  await page.getByLabel('Précision : Administrateur').fill('conseil de surveillance');
  await page.getByLabel('Début du partenariat (facultatif)').fill('2023-01-01');
  await page.getByRole('checkbox', { name: /^\s*ODD 7 –/ }).check();
  await page.getByRole('checkbox', { name: /^\s*ODD 17 –/ }).check();
  await page.getByRole('button', { name: 'Enregistrer le partenaire' }).click();

  await expect(page.getByRole('status')).toHaveText('Le partenaire a été enregistré.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.locator('main')).toContainText('conseil de surveillance');
  await expectAccessible(page);

  await page.getByLabel('Intitulé de la convention').fill('Convention de partenariat');
  await page.getByLabel('Type de convention').selectOption({ label: 'Accord-cadre' });
  await page.getByLabel('Fin de validité (facultatif)').fill('2099-12-31');
  await page.getByLabel('Convention signée (facultatif)').setInputFiles({
    name: 'convention.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await page.getByRole('button', { name: 'Enregistrer la convention' }).click();
  await expect(page.getByRole('status')).toHaveText('La convention a été enregistrée.');
  const row = page
    .getByRole('table', { name: /^1 convention/ })
    .getByRole('row')
    .filter({ hasText: 'Convention de partenariat' });
  await expect(row).toContainText('en vigueur');
  await expect(row.getByRole('link', { name: /Télécharger/ })).toBeVisible();
  // Contacts are personal data: a pilot sees the section.
  await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
  await expectAccessible(page);
  const partnerPath = new URL(page.url()).pathname;
  await visit(page, `${partnerPath}/edit`, 'partner edit');

  await visit(page, '/partners/sdg', 'partners by SDG');
  const sdg7 = page
    .getByRole('table', { name: 'Partenaires par ODD et par type' })
    .getByRole('row')
    .filter({ hasText: 'ODD 7 –' });
  await expect(sdg7).toBeVisible();
  await page.goto('/partners?sdg=17');
  await expect(page.getByRole('link', { name })).toBeVisible();
  await visit(page, '/partners/import', 'partners import');
  await visit(page, '/partners/export', 'partners export');
});

test('a viewer reads partners without contacts, and the SDG 17 page links to partnerships', async ({ page }) => {
  await page.context().clearCookies();
  await logIn(page, 'viewer');
  await visit(page, '/sdg/17', 'SDG 17');
  await page.getByRole('link', { name: "Les partenariats de l'établissement, par ODD et par type" }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Partenariats par ODD et par type');
  await visit(page, '/partners', 'partners (viewer)');
  await expect(page.getByRole('link', { name: 'Ajouter un partenaire' })).toHaveCount(0);
  const first = page.getByRole('table').getByRole('row').nth(1).getByRole('link').first();
  if ((await first.count()) > 0) {
    await first.click();
    await expect(page.getByRole('heading', { name: 'Contacts' })).toHaveCount(0);
    await expectAccessible(page);
  }
});

test('the officer imports partners from a CSV file after a preview', async ({ page }) => {
  await logIn(page, 'admin');
  await visit(page, '/partners/import', 'partners import');
  await page.getByLabel('Fichier').setInputFiles({
    name: 'partenaires.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`Nom;Type;Rôle;ODD\nAssociation ${RUN};Association;Membre;13\n`),
  });
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import de partenaires.csv');
  await expectAccessible(page);
  await page.getByRole('button', { name: "Confirmer l'import" }).click();
  await expect(page.getByRole('link', { name: 'Voir les partenaires' })).toBeVisible();
  await page.goto('/partners?kind=ngo');
  await expect(page.getByRole('link', { name: `Association ${RUN}` })).toBeVisible();
});

test('the partners pages read in English and pass axe', async ({ page }) => {
  await logIn(page, 'admin');
  await page.goto('/partners');
  await page.getByRole('button', { name: 'English' }).click();
  try {
    for (const [path, title] of [
      ['/partners', 'Partnerships'],
      ['/partners/new', 'Add a partner'],
      ['/partners/sdg', 'Partnerships by SDG and kind'],
      ['/partners/import', 'Import partners'],
      ['/partners/export', 'Export the partners'],
    ]) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.locator('body')).not.toContainText(/\bpartners\.[a-z]+\.[a-zA-Z.]+/);
      await expectAccessible(page);
    }
  } finally {
    await page.getByRole('button', { name: 'Français' }).click();
  }
});
