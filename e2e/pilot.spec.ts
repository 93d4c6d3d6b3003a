import { expect, test } from '@playwright/test';
import { expectAccessible, logIn, measure, visit } from './support';

const OWN_ACTION = 'Compostage des déchets et donner à entr’ema pour maraichage'.replace('’', "'");
const OTHER_ACTION = 'Faire les Bilans Carbone (BC) des laboratoires';

test('a pilot edits their own action and the change appears in its history', async ({ page }) => {
  await logIn(page, 'pilot');
  await visit(page, '/plans', 'plans list');
  await page.getByRole('link', { name: "Plan d'action RES 2023/2027", exact: true }).click();
  await expectAccessible(page);
  await measure(page, 'plan tree 2023-2027');
  await page.getByRole('link', { name: OWN_ACTION }).click();
  await expectAccessible(page);
  await measure(page, 'action page');
  await page.getByRole('link', { name: "Modifier l'action" }).click();
  await expectAccessible(page);
  await measure(page, 'action edit form');
  await page.getByLabel('Statut').selectOption('in_progress');
  await page.getByLabel('Budget (euros)').fill('1 500,50');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status')).toHaveText('Modifications enregistrées.');
  const history = page.getByRole('table', { name: 'Historique' });
  await expect(history.getByRole('row').filter({ hasText: 'Statut' })).toContainText('not_started');
  await expect(history.getByRole('row').filter({ hasText: 'Statut' })).toContainText('in_progress');
  await expect(history.getByRole('row').filter({ hasText: 'Budget' })).toContainText('150050');
  await expectAccessible(page);
});

test("a pilot is refused on another pilot's action, on the page and on the server", async ({ page }) => {
  await logIn(page, 'pilot');
  await page.goto('/plans');
  await page.getByRole('link', { name: "Plan d'action RES 2023/2027", exact: true }).click();
  await page.getByRole('link', { name: OTHER_ACTION }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(OTHER_ACTION);
  await expect(page.getByRole('link', { name: "Modifier l'action" })).toHaveCount(0);
  const editUrl = `${page.url()}/edit`;
  const response = await page.goto(editUrl);
  expect(response?.status()).toBe(403);
  await expectAccessible(page);
  // A hand-made POST with the page's own origin is refused too.
  const post = await page.request.post(editUrl, {
    headers: {
      origin: new URL(page.url()).origin,
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
    },
    data: 'version=1&title=hijack&status=done',
    maxRedirects: 0,
  });
  expect(post.status()).toBe(403);
});

test('an edit made on a stale form is refused instead of overwriting', async ({ page, browser }) => {
  await logIn(page, 'admin');
  await page.goto('/plans');
  await page.getByRole('link', { name: "Plan d'action RES 2023/2027", exact: true }).click();
  await page.getByRole('link', { name: 'Rationalisation du gaspillage au restaurant' }).click();
  await page.getByRole('link', { name: "Modifier l'action" }).click();
  const editUrl = page.url();

  const other = await browser.newPage();
  await logIn(other, 'pilot');
  await other.goto(editUrl);
  await other.getByLabel('Statut').selectOption('done');
  await other.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(other.getByRole('status')).toHaveText('Modifications enregistrées.');
  await other.close();

  await page.getByLabel('Statut').selectOption('suspended');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('alert')).toContainText('Quelqu');
  await expectAccessible(page);
});

test('the plan tree filters by SDG, status and text', async ({ page }) => {
  await logIn(page, 'viewer');
  await page.goto('/plans');
  await page.getByRole('link', { name: "Plan d'action 2021-2022", exact: true }).click();
  await page.getByLabel('ODD', { exact: true }).selectOption('4');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page.getByRole('status')).toContainText('sur 25');
  await expectAccessible(page);
  await measure(page, 'plan tree filtered');
  await page.getByLabel('Texte').fill('enseignements');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page.locator('.action-line')).not.toHaveCount(0);
  for (const line of await page.locator('.action-line a').allTextContents()) {
    expect(line.toLowerCase()).toContain('enseignements');
  }
});
