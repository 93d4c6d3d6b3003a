import { expect, test } from '@playwright/test';
import { expectAccessible, logIn, visit } from './support';

const EDITION = '2030';

/** Opens the 2030 edition with SDGs 7, 12 and 13, or goes to it when a previous run opened it. */
async function openEdition(page: import('@playwright/test').Page): Promise<void> {
  await visit(page, '/the-impact', 'THE editions');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Classement THE Impact');
  if ((await page.getByRole('link', { name: `Édition ${EDITION}`, exact: true }).count()) > 0) {
    await page.goto(`/the-impact/${EDITION}`);
    return;
  }
  await page.getByLabel("Année de l'édition").fill(EDITION);
  await expect(page.getByRole('checkbox', { name: /ODD 17 :/ })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /ODD 17 :/ })).toBeDisabled();
  for (const sdg of [7, 12, 13]) await page.getByRole('checkbox', { name: new RegExp(`^ODD ${sdg} :`) }).check();
  await page.getByRole('button', { name: "Ouvrir l'édition" }).click();
  await expect(page.getByRole('status')).toHaveText("L'édition a été ouverte.");
}

test('the officer adds a policy without a public address, sees it flagged, and simulates a score', async ({ page }) => {
  await logIn(page, 'admin');
  await openEdition(page);
  await expect(page).toHaveURL(new RegExp(`/the-impact/${EDITION}`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Édition ${EDITION}`);
  await expect(page.locator('main')).toContainText('Période acceptée des politiques : 2026-2030.');
  await expectAccessible(page);

  await page
    .getByRole('navigation', { name: "Outils de l'édition" })
    .getByRole('link', { name: 'Ajouter une preuve' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouvelle preuve');
  await expectAccessible(page);
  const title = `Feuille de route ODD ${Date.now()}`;
  await page.getByLabel('Indicateur THE').selectOption('17|17.2.1');
  await page.getByLabel('Type de preuve').selectOption({ label: 'Politique' });
  await page.getByLabel('Intitulé').fill(title);
  await page.getByLabel('Date de création (facultatif)').fill('2028-03-01');
  await page.getByRole('button', { name: 'Enregistrer la preuve' }).click();
  await expect(page.getByRole('status')).toHaveText('La preuve a été enregistrée.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('main')).toContainText('aucune adresse publique');
  await expectAccessible(page);

  await visit(page, `/the-impact/${EDITION}/readiness`, 'THE readiness');
  const row = page.getByRole('row').filter({ hasText: title });
  await expect(row).toContainText("Pas d'adresse publique : perd le point « preuve publique ».");
  // No address and no file: existence 1 + date in the window 1, out of 4.
  await expect(row).toContainText('2 / 4');

  await visit(page, `/the-impact/${EDITION}/simulator`, 'THE simulator');
  await expect(page.getByRole('note')).toContainText('Simulation indicative');
  await page.getByLabel(/ODD 17 :/).fill('60');
  await page.getByLabel(/ODD 7 :/).fill('80');
  await page.getByLabel(/ODD 12 :/).fill('70');
  await page.getByLabel(/ODD 13 :/).fill('50');
  await page.getByRole('button', { name: 'Calculer' }).click();
  // 60 x 22 % + (80 + 70 + 50) x 26 % = 13.2 + 52 = 65.2
  await expect(page.locator('main')).toContainText('Score global simulé : 65,2 sur 100.');
  await expect(page.locator('main')).toContainText("Les trois ODD qui comptent en plus de l'ODD 17 : 7, 12, 13.");
  await expectAccessible(page);

  await page.getByLabel(/ODD 13 :/).fill('');
  await page.getByRole('button', { name: 'Calculer' }).click();
  await expect(page.locator('main')).toContainText('Pas éligible au classement global.');
  await expect(page.locator('main')).toContainText('Seuls 2 autres ODD ont un score : il en faut au moins 3.');
  await expectAccessible(page);

  const response = await page.request.get(`/the-impact/${EDITION}/export`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('spreadsheetml');
  expect((await response.body()).subarray(0, 2).toString()).toBe('PK');
});

test('the pages read in English and pass axe', async ({ page }) => {
  await logIn(page, 'admin');
  await openEdition(page);
  await page.goto('/the-impact');
  await page.getByRole('button', { name: 'English' }).click();
  try {
    for (const [path, title] of [
      ['/the-impact', 'THE Impact Rankings'],
      [`/the-impact/${EDITION}`, `${EDITION} edition`],
      [`/the-impact/${EDITION}/items/new`, 'New evidence item'],
      [`/the-impact/${EDITION}/readiness`, `Readiness check, ${EDITION} edition`],
      [`/the-impact/${EDITION}/simulator`, `Score simulator, ${EDITION} edition`],
    ]) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.locator('body')).not.toContainText(/\btheImpact\.[a-zA-Z.]+/);
      await expectAccessible(page);
    }
    await page.goto('/the-impact?edition=2030#settings');
    await expect(page.getByRole('heading', { name: `SDGs and period of the ${EDITION} edition` })).toBeVisible();
    await expectAccessible(page);
  } finally {
    await page.getByRole('button', { name: 'Français' }).click();
  }
});

test('the committee reads without editing; a viewer does not see the module', async ({ page }) => {
  await page.context().clearCookies();
  await logIn(page, 'committee');
  await visit(page, `/the-impact/${EDITION}`, 'THE edition (committee)');
  await expect(page.getByRole('link', { name: 'Ajouter une preuve' })).toHaveCount(0);
  const item = page.getByRole('link', { name: /^Feuille de route ODD/ }).first();
  await item.click();
  await expect(page.getByRole('button', { name: 'Enregistrer les modifications' })).toHaveCount(0);
  await expectAccessible(page);
  const origin = new URL(page.url()).origin;
  const post = await page.request.post(`/the-impact/${EDITION}/items/new?/create`, {
    headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    data: 'metric=17%7C17.2.1&kind=policy&title=x',
    maxRedirects: 0,
  });
  expect(post.status()).toBe(403);

  await page.context().clearCookies();
  await logIn(page, 'viewer');
  expect((await page.goto('/the-impact'))?.status()).toBe(404);
  expect((await page.goto(`/the-impact/${EDITION}/readiness`))?.status()).toBe(404);
});
