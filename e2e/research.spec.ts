import { expect, test } from '@playwright/test';
import { expectAccessible, logIn, visit } from './support';

/** A HAL-like export of 2019 (a year the demo leaves empty): 4 publications, 1 full text, 1 under CC BY. */
const HAL_CSV = [
  'halId_s,title_s,docType_s,producedDateY_i,submitType_s,openAccess_bool,licence_s',
  'hal-e2e-1901,Essai un,ART,2019,file,true,http://creativecommons.org/licenses/by/4.0/',
  'hal-e2e-1902,Essai deux,ART,2019,notice,false,',
  'hal-e2e-1903,Essai trois,COMM,2019,notice,false,',
  'hal-e2e-1904,Essai quatre,ART,2019,notice,false,',
].join('\n');

test('a contributor records a project with 2 SDGs and finds it on the "3 SDGs minimum" check', async ({ page }) => {
  const title = `Projet e2e ${Date.now()}`;
  await logIn(page, 'contributor');
  await visit(page, '/research', 'research projects');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Projets de recherche');
  await page.getByRole('link', { name: 'Enregistrer un projet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouveau projet de recherche');
  await expectAccessible(page);

  await page.getByLabel('Titre', { exact: true }).fill(title);
  await page.getByLabel('Acronyme (facultatif)').fill('E2E');
  await page
    .getByLabel('Équipe, unité ou centre de recherche')
    .selectOption({ label: 'PCH – Polymères composites et Hybrides' });
  await page.getByLabel('Date de début (facultatif)').fill('2025-01-01');
  await page.getByLabel('Montant du financement (€, facultatif)').fill('120 000,50');
  await page.getByRole('checkbox', { name: /^6\. / }).check();
  await page.getByRole('checkbox', { name: /^13\. / }).check();
  await page.getByLabel('Autres partenaires, écrits en clair (facultatif)').fill('UMR LMGC');
  await page.getByRole('button', { name: 'Enregistrer le projet' }).click();

  await expect(page.getByRole('status')).toHaveText('Le projet a été enregistré.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`E2E – ${title}`);
  await expect(page.getByRole('note')).toContainText('Ce projet compte 2 ODD : le plan en demande au moins 3');
  await expect(page.locator('main dl')).toContainText('UMR LMGC');
  await expect(page.locator('main dl')).toContainText(/120\s000,5/);
  await expectAccessible(page);

  await visit(page, '/research/sdg-check', 'research SDG check');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Projets avec moins de 3 ODD');
  const row = page.getByRole('row').filter({ hasText: title });
  await expect(row).toContainText('PCH');
  await expect(row.getByRole('cell').nth(3)).toHaveText('1');
  await row.getByRole('link', { name: /Compléter les ODD/ }).click();
  await expect(page).toHaveURL(/\/research\/projects\/[^/]+#edit$/);

  // Adding a third SDG takes it off the check.
  await page.getByRole('checkbox', { name: /^12\. / }).check();
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(page.getByRole('status')).toHaveText('Les modifications ont été enregistrées.');
  await expect(page.getByRole('table', { name: 'Historique' })).toContainText('6, 12, 13');
  await page.goto('/research/sdg-check');
  await expect(page.locator('main')).not.toContainText(title);
  await page.goto('/research?ruleBroken=1');
  await expect(page.locator('main')).not.toContainText(title);
});

test('the officer imports a HAL export, confirms it and reads the open-access rate of the year', async ({ page }) => {
  await logIn(page, 'admin');
  await visit(page, '/research/import', 'research HAL import');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Importer les publications depuis HAL');
  await page.getByLabel('Fichier exporté de HAL').setInputFiles({
    name: 'hal-2019.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(HAL_CSV, 'utf8'),
  });
  await page.getByRole('button', { name: "Voir l'aperçu" }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import HAL : hal-2019.csv');
  await expect(page.getByRole('table').first()).toContainText('hal-e2e-1901');
  await expectAccessible(page);
  await page.getByRole('button', { name: "Confirmer l'import" }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: "Voir les taux d'accès ouvert" }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Publications en accès ouvert');
  const year = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: '2019', exact: true }) })
    .first();
  await expect(year.getByRole('cell').nth(0)).toHaveText('4');
  await expect(year.getByRole('cell').nth(1)).toHaveText('1');
  await expect(year.getByRole('cell').nth(2)).toHaveText(/^25\s%$/);
  await expect(page.locator('figure svg')).toBeVisible();
  await visit(page, '/research/open-access', 'research open access');

  await visit(page, '/research/export', 'research export');
  for (const what of ['projects', 'openAccess']) {
    const response = await page.request.get(`/research/export/download?what=${what}&format=csv`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
  }
  const table = await page.request.get('/research/export/download?what=openAccess&format=csv');
  expect(await table.text()).toContain('2019;4;1;25');
});

test('the research pages read in English and pass axe', async ({ page }) => {
  await logIn(page, 'admin');
  await page.goto('/research');
  await page.getByRole('button', { name: 'English' }).click();
  try {
    for (const [path, title] of [
      ['/research', 'Research projects'],
      ['/research/projects/new', 'New research project'],
      ['/research/sdg-check', 'Projects with fewer than 3 SDGs'],
      ['/research/open-access', 'Open-access publications'],
      ['/research/import', 'Import publications from HAL'],
      ['/research/export', 'Export research'],
    ]) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.locator('body')).not.toContainText(/\bresearch\.[a-z]+\.[a-zA-Z.]+/);
      await expectAccessible(page);
    }
  } finally {
    await page.getByRole('button', { name: 'Français' }).click();
  }
});

test('a viewer reads projects and rates, but records and imports nothing', async ({ page }) => {
  await page.context().clearCookies();
  await logIn(page, 'viewer');
  await visit(page, '/research', 'research (viewer)');
  await expect(page.getByRole('link', { name: 'Enregistrer un projet' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Importer un export HAL' })).toHaveCount(0);
  expect((await page.goto('/research/projects/new'))?.status()).toBe(403);
  expect((await page.goto('/research/import'))?.status()).toBe(403);
  const origin = new URL(page.url()).origin;
  const post = await page.request.post('/research/projects/new', {
    headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    data: 'title=Interdit&sdgs=1',
    maxRedirects: 0,
  });
  expect(post.status()).toBe(403);
});
