import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, logIn, visit } from './support';

/** The year of the draft this spec works on, as the start form chose it. */
let year = '';

/** The criterion's card on the year's page, by its code. */
const criterion = (page: Page, code: string) => page.getByRole('article', { name: new RegExp(`^${code} · `) });

/** The officer's criteria: Trajectoire's placeholder list, created with the button when the demo has none. */
async function ensureCriteria(page: Page): Promise<void> {
  await visit(page, '/label/referential', 'label criteria');
  const seed = page.getByRole('button', { name: 'Créer la liste de critères de Trajectoire' });
  if (await seed.count()) {
    await seed.click();
    await expect(page.getByRole('status')).toHaveText('La liste de critères de Trajectoire a été créée.');
  }
  await expect(page.locator('main')).toContainText('À compléter : libellé officiel du référentiel');
  await expectAccessible(page);
}

test('the officer sets two levels with a justification and evidence, then sees the radar', async ({ page }) => {
  await logIn(page, 'admin');
  await ensureCriteria(page);

  await visit(page, '/label', 'label summary');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Label DD&RS : auto-évaluation');
  await expect(page.locator('main')).toContainText("selon l'échelle de maturité de Trajectoire");
  const startYear = page.getByLabel('Année', { exact: true }).last();
  year = (await startYear.inputValue()) || '';
  expect(year).toMatch(/^\d{4}$/);
  await page.getByRole('button', { name: 'Commencer le brouillon' }).click();
  await expect(page).toHaveURL(new RegExp(`/label/${year}\\?done=started`));
  await expect(page.getByRole('status')).toHaveText("Le brouillon de l'année a été créé.");
  await expectAccessible(page);

  const sg1 = criterion(page, 'SG-1');
  await sg1.getByLabel('3 : démarche structurée').check();
  await sg1.getByLabel('Justification du critère SG-1').fill('Schéma directeur DD&RS adopté par le conseil en 2023.');
  await sg1.getByRole('button', { name: 'Enregistrer le critère SG-1' }).click();
  await expect(page.getByRole('status')).toHaveText('Le critère a été enregistré.');
  await expect(criterion(page, 'SG-1').getByLabel('3 : démarche structurée')).toBeChecked();

  await criterion(page, 'SG-1').getByText('Ajouter une preuve au critère SG-1').click();
  await criterion(page, 'SG-1').getByLabel('Adresse web (https://…)').fill('https://www.mines-ales.fr/ecole-engagee');
  await criterion(page, 'SG-1').getByLabel('Texte du lien (facultatif)').fill('Engagements de l’école');
  await criterion(page, 'SG-1').getByRole('button', { name: 'Ajouter le lien' }).click();
  await expect(page.getByRole('status')).toHaveText('La preuve a été ajoutée.');
  await expect(criterion(page, 'SG-1').getByRole('link', { name: 'Engagements de l’école' })).toHaveAttribute(
    'href',
    'https://www.mines-ales.fr/ecole-engagee',
  );

  // A plan action as evidence of the second criterion.
  await criterion(page, 'SG-2').getByText('Ajouter une preuve au critère SG-2').click();
  await criterion(page, 'SG-2').getByLabel('Action du plan').selectOption({ index: 1 });
  await criterion(page, 'SG-2').getByRole('button', { name: "Lier l'action" }).click();
  await expect(page.getByRole('status')).toHaveText('La preuve a été ajoutée.');

  const sg2 = criterion(page, 'SG-2');
  await sg2.getByLabel('4 : démarche maîtrisée et suivie').check();
  await sg2.getByLabel('Justification du critère SG-2').fill('Comité de pilotage DD&RS réuni chaque trimestre.');
  await sg2.getByRole('button', { name: 'Enregistrer le critère SG-2' }).click();
  await expect(page.getByRole('status')).toHaveText('Le critère a été enregistré.');
  // 3 and 4: mean 3.5, level 4.
  await expect(page.getByRole('region', { name: 'Stratégie et gouvernance' })).toContainText(
    "Niveau de l'axe : 4 (moyenne 3,5, 2 critères évalués sur 3)",
  );
  await expectAccessible(page);

  await visit(page, `/label?year=${year}&target=4`, 'label summary with target');
  const radar = page.locator('figure').filter({ has: page.locator('svg[role="img"]') });
  await expect(radar.locator('svg title').first()).toHaveText(`Niveaux moyens par axe (${year})`);
  const axes = page.getByRole('table', {
    name: `Niveaux par axe en ${year} : moyenne des critères évalués et niveau arrondi`,
  });
  const strategy = axes.getByRole('row', { name: /^Stratégie et gouvernance/ });
  await expect(strategy).toContainText('2 sur 3');
  await expect(strategy).toContainText('3,5');
  await expect(strategy.getByRole('cell').nth(3)).toHaveText('0,5');
  await expect(page.getByRole('heading', { name: 'Critères non évalués', level: 2 })).toBeVisible();

  const xlsx = await page.request.get(`/label/${year}/export?format=xlsx`);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
  const csv = await page.request.get(`/label/${year}/export?format=csv`);
  expect(await csv.text()).toContain('Schéma directeur DD&RS adopté par le conseil en 2023.');
});

test('the label pages read in English and pass axe', async ({ page }) => {
  await logIn(page, 'admin');
  await page.goto('/label');
  await page.getByRole('button', { name: 'English' }).click();
  try {
    for (const [path, title] of [
      ['/label', 'DD&RS label: self-assessment'],
      ['/label/referential', 'DD&RS label criteria'],
      [`/label/${year}`, `Self-assessment ${year}`],
    ]) {
      await visit(page, path, `${path} (en)`);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.locator('body')).not.toContainText(/\blabel\.[a-z]+\.[a-zA-Z.]+/);
    }
  } finally {
    await page.getByRole('button', { name: 'Français' }).click();
  }
});

test('a viewer reads the summary only, and the server refuses their posts and the details', async ({ page }) => {
  await page.context().clearCookies();
  await logIn(page, 'viewer');
  await visit(page, '/label', 'label summary (viewer)');
  await expect(page.locator('main')).toContainText('Vous voyez la synthèse');
  await expect(page.locator('main')).not.toContainText('Schéma directeur DD&RS adopté');
  await expect(page.getByRole('button', { name: 'Commencer le brouillon' })).toHaveCount(0);
  for (const path of [`/label/${year}`, '/label/referential', `/label/${year}/export?format=xlsx`]) {
    expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  }
  const origin = new URL(page.url()).origin;
  const post = (path: string, data: string) =>
    page.request.post(path, {
      headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      data,
      maxRedirects: 0,
    });
  expect((await post('/label?/start', 'year=2024')).status()).toBe(403);
  expect((await post(`/label/${year}?/save`, 'criterionId=x&level=5')).status()).toBe(403);
  expect((await post(`/label/${year}?/submit`, '')).status()).toBe(403);
  expect((await post('/label/referential?/seed', '')).status()).toBe(403);
});

test('the committee reads the year in full without forms; the officer submits and the year is frozen', async ({
  browser,
}) => {
  const committee = await (await browser.newContext()).newPage();
  await logIn(committee, 'committee');
  await visit(committee, `/label/${year}`, 'label year (committee)');
  await expect(committee.locator('main')).toContainText('Schéma directeur DD&RS adopté par le conseil en 2023.');
  await expect(committee.getByRole('button', { name: /^Enregistrer le critère/ })).toHaveCount(0);
  await committee.context().close();

  const page = await (await browser.newContext()).newPage();
  await logIn(page, 'admin');
  await page.goto(`/label/${year}`);
  await page.getByRole('button', { name: `Soumettre et figer l'auto-évaluation ${year}` }).click();
  await expect(page.getByRole('status')).toHaveText("L'auto-évaluation a été soumise : elle est désormais figée.");
  await expect(page.locator('main')).toContainText('elle est figée et ne peut plus être modifiée');
  await expect(page.getByRole('button', { name: /^Enregistrer le critère/ })).toHaveCount(0);
  await expectAccessible(page);
  await page.context().close();
});
