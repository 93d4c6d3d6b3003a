import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, logIn, pageAs, visit } from './support';

const TITLE = `Fontaines à eau dans chaque bâtiment ${Date.now()}`;
const ANSWER = 'Deux fontaines seront installées en 2027.';

/** The value next to a term of the idea's definition list. */
const figure = (page: Page, term: string) =>
  page.locator('main dl dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');

const post = (page: Page, path: string, data: string) =>
  page.request.post(path, {
    headers: {
      origin: new URL(page.url()).origin,
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
    },
    data,
    maxRedirects: 0,
  });

test.describe.configure({ mode: 'serial' });
let ideaPath = '';

test('a student submits an anonymous idea and cannot open the moderation pages', async ({ page }) => {
  await page.context().clearCookies();
  await logIn(page, 'viewer');
  await visit(page, '/ideas', 'ideas list');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Boîte à idées');
  await visit(page, '/ideas/new', 'new idea');
  await page.getByLabel("Titre de l'idée").fill(TITLE);
  await page.getByLabel('Description').fill('Pour en finir avec les bouteilles en plastique sur le campus.');
  await page.getByLabel('6. Eau propre et assainissement').check();
  await page.getByLabel('Axe du plan (facultatif)').selectOption({ index: 4 });
  await page.getByLabel('Déposer anonymement').check();
  await page.getByRole('button', { name: "Déposer l'idée" }).click();

  await expect(page.getByRole('status')).toHaveText('Votre idée a été déposée.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(figure(page, 'Auteur')).toContainText('Anonyme');
  await expect(figure(page, 'Statut')).toHaveText('Reçue');
  await expectAccessible(page);
  ideaPath = new URL(page.url()).pathname;

  await visit(page, '/ideas/mine', 'my ideas');
  await expect(page.getByRole('row').filter({ hasText: TITLE })).toContainText('Anonyme');

  for (const path of ['/ideas/moderation', '/ideas/settings', '/ideas/export']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  expect((await post(page, '/ideas/moderation?/moderate', 'kind=idea&itemId=x&decision=hide&reason=x')).status()).toBe(
    403,
  );
  expect((await post(page, `${ideaPath}?/status`, 'to=under_study')).status()).toBe(403);
});

test('another user supports the idea once, and never sees who wrote it', async ({ browser }) => {
  const page = await pageAs(browser, 'contributor');
  await visit(page, ideaPath, 'idea page');
  await expect(figure(page, 'Auteur')).toContainText('Anonyme');
  await expect(page.locator('main')).not.toContainText('Lecteur démo');
  await page.getByRole('button', { name: 'Soutenir cette idée' }).click();
  await expect(page.getByRole('status')).toHaveText('Votre soutien a été enregistré.');
  await expect(figure(page, 'Soutiens')).toHaveText('1 soutien');
  await expect(page.getByRole('button', { name: 'Soutenir cette idée' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Retirer mon soutien' })).toBeVisible();
  await expectAccessible(page);

  // A second support sent by hand is refused and counts nothing.
  expect((await post(page, `${ideaPath}?/support`, '')).status()).toBe(422);
  await page.goto(ideaPath);
  await expect(figure(page, 'Soutiens')).toHaveText('1 soutien');

  await visit(page, `/ideas?sort=supports`, 'ideas sorted by supports');
  await expect(page.getByRole('row').filter({ hasText: TITLE })).toContainText('Anonyme');
  await page.context().close();
});

test('the officer answers the idea, turns it into an action, and the export keeps it anonymous', async ({ page }) => {
  await logIn(page, 'admin');
  await visit(page, ideaPath, 'idea page (officer)');
  await expect(figure(page, 'Auteur')).toContainText('Anonyme');
  await expect(page.locator('main')).not.toContainText('Lecteur démo');

  await page.getByLabel('Nouveau statut').selectOption({ label: "À l'étude" });
  await page.getByRole('button', { name: 'Enregistrer le statut' }).click();
  await expect(page.getByRole('status')).toHaveText("Le statut a été changé ; l'auteur en sera prévenu.");

  await page.getByLabel('Nouveau statut').selectOption({ label: 'Acceptée' });
  await page.getByRole('button', { name: 'Enregistrer le statut' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Une réponse publique est obligatoire pour accepter ou refuser une idée.',
  );
  await page.getByLabel('Nouveau statut').selectOption({ label: 'Acceptée' });
  await page.getByLabel('Réponse publique', { exact: true }).fill(ANSWER);
  await page.getByRole('button', { name: 'Enregistrer le statut' }).click();
  await expect(figure(page, 'Statut')).toHaveText('Acceptée');
  await expectAccessible(page);

  await page.getByLabel('Objectif du plan').selectOption({ index: 0 });
  await page.getByRole('button', { name: "Créer l'action" }).click();
  await expect(page.getByRole('status')).toHaveText("L'action a été créée à partir de l'idée.");
  await expect(figure(page, 'Statut')).toHaveText('Transformée en action');
  const history = page.getByRole('table', { name: /Changements de statut/ });
  await expect(history.getByRole('row')).toHaveCount(5);
  await expect(history).toContainText(ANSWER);
  await expectAccessible(page);

  await figure(page, 'Action du plan').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(page.locator('main')).toContainText("Issue de l'idée :");
  await expectAccessible(page);
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page).toHaveURL(new RegExp(`${ideaPath}$`));

  for (const [path, label] of [
    ['/ideas/moderation', 'ideas moderation'],
    ['/ideas/settings', 'ideas settings'],
    ['/ideas/export', 'ideas export'],
    ['/ideas/mine', 'my ideas (officer)'],
  ]) {
    await visit(page, path, label);
  }
  const csv = await page.request.get('/ideas/export/download?format=csv');
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain(TITLE);
  expect(text.split('\n').find((l) => l.includes(TITLE))).toContain('Anonyme');
  // The demo holds a signed idea of the same account: only this idea's row must not name it.
  expect(text.split('\n').find((l) => l.includes(TITLE))).not.toContain('Lecteur démo');
  const xlsx = await page.request.get('/ideas/export/download?format=xlsx');
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');

  // The public list, once switched on, shows the answer without signing in and without any name.
  await page.goto('/ideas/settings');
  await page.getByLabel('Publier la liste des idées ayant reçu une réponse').check();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status')).toHaveText('Les réglages ont été enregistrés.');
  const publicPath = (await page.getByRole('link', { name: /^\/public\// }).getAttribute('href')) ?? '';
  const anonymous = await (await page.context().browser()?.newContext())?.newPage();
  if (!anonymous) throw new Error('no browser');
  await visit(anonymous, publicPath, 'public answered ideas');
  await expect(anonymous.locator('main')).toContainText(TITLE);
  await expect(anonymous.locator('main')).toContainText(ANSWER);
  await expect(anonymous.locator('main')).not.toContainText('Lecteur démo');
  await anonymous.context().close();
  await page.goto('/ideas/settings');
  await page.getByLabel('Publier la liste des idées ayant reçu une réponse').uncheck();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
});

test('the idea pages read in English and pass axe', async ({ page }) => {
  await logIn(page, 'admin');
  await page.goto('/ideas');
  await page.getByRole('button', { name: 'English' }).click();
  try {
    for (const [path, title] of [
      ['/ideas', 'Idea box'],
      ['/ideas/new', 'Submit an idea'],
      ['/ideas/mine', 'My ideas'],
      ['/ideas/moderation', 'Moderation of ideas'],
      ['/ideas/settings', 'Idea box settings'],
      ['/ideas/export', 'Export the ideas'],
      [ideaPath, TITLE],
    ]) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.locator('body')).not.toContainText(/\bideas\.[a-z]+\.[a-zA-Z.]+/);
      await expectAccessible(page);
    }
    await expect(page.locator('main')).toContainText('Anonymous');
  } finally {
    await page.getByRole('button', { name: 'Français' }).click();
  }
});
