import { expect, test } from '@playwright/test';
import { expectAccessible, logIn, visit } from './support';

const PROJECT = 'Chaudière biomasse de la résidence';
const PUBLIC_PATH = '/fund/imt-mines-ales';

test('the admin sets the 2026 price and records a disbursement; an anonymous visitor sees it on the public page', async ({
  page,
  browser,
}) => {
  await logIn(page, 'admin');
  await visit(page, '/travel/fund', 'carbon fund');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fonds de compensation carbone');

  await page.getByLabel('Prix 2026 (€ par tonne de CO2e)').fill('95,50');
  await page.getByRole('button', { name: 'Enregistrer le prix 2026' }).click();
  await expect(page.getByText('Le prix interne du carbone a été enregistré.')).toBeVisible();
  await expect(page.getByText("Prix fixé par l'établissement : 95,5 €/t.")).toBeVisible();

  await page.getByLabel('Dépense (projet financé)').check();
  await page.getByLabel('Date').fill('2026-10-05');
  await page.getByLabel('Montant (€)').fill('1 250,00');
  await page.getByLabel('Intitulé').fill(PROJECT);
  await page.getByLabel('Description du projet (facultatif)').fill('Remplace une chaudière au fioul.');
  await page.getByRole('checkbox', { name: /^7\. / }).check();
  await page.getByRole('button', { name: 'Ajouter le mouvement' }).click();
  await expect(page.getByText('Le mouvement a été ajouté au registre.')).toBeVisible();
  await expectAccessible(page);

  const ledger2026 = page.getByRole('table', { name: 'Mouvements du fonds en 2026 (€)' });
  await expect(ledger2026.getByRole('row').filter({ hasText: PROJECT })).toContainText('−1 250,00');
  await expect(ledger2026.getByRole('row').filter({ hasText: "Solde de l'année" })).toBeVisible();
  await expect(ledger2026.getByRole('row').filter({ hasText: 'Solde cumulé' })).toBeVisible();

  const anonymous = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  const response = await anonymous.goto(PUBLIC_PATH);
  expect(response?.status()).toBe(200);
  await expect(anonymous).toHaveURL(new RegExp(`${PUBLIC_PATH}$`));
  const projects = anonymous.getByRole('table', { name: 'Projets financés en 2026' });
  const row = projects.getByRole('row').filter({ hasText: PROJECT });
  await expect(row).toContainText('2026-10-05');
  await expect(row).toContainText('1 250,00');
  await expect(row).toContainText('7. ');
  await expect(row).toContainText('Remplace une chaudière au fioul.');
  await expect(anonymous.getByRole('table', { name: 'Sommes collectées et dépensées par année (€)' })).toBeVisible();
  await expect(anonymous.locator('body')).not.toContainText('Déplacement');
  await expectAccessible(anonymous);
  await anonymous.context().close();
});

test('an unknown institution has no public fund page', async ({ page }) => {
  const response = await page.goto('/fund/no-such-institution');
  expect(response?.status()).toBe(404);
});

test('the admin corrects a disbursement and then deletes it; the history keeps both', async ({ page }) => {
  const label = 'Composteurs du campus';
  await logIn(page, 'admin');
  await page.goto('/travel/fund');
  await page.getByLabel('Dépense (projet financé)').check();
  await page.getByLabel('Date').fill('2026-06-15');
  await page.getByLabel('Montant (€)').fill('300');
  await page.getByLabel('Intitulé').fill(label);
  await page.getByRole('button', { name: 'Ajouter le mouvement' }).click();
  await expect(page.getByText('Le mouvement a été ajouté au registre.')).toBeVisible();

  await page.getByRole('link', { name: `Corriger « ${label} »` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Corriger le mouvement « ${label} »`);
  await expect(page.getByLabel('Montant (€)')).toHaveValue('300,00');
  await page.getByLabel('Montant (€)').fill('350,50');
  await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
  await expect(page.getByText("Le mouvement a été corrigé ; l'historique garde la valeur précédente.")).toBeVisible();
  const ledger = page.getByRole('table', { name: 'Mouvements du fonds en 2026 (€)' });
  await expect(ledger.getByRole('row').filter({ hasText: label })).toContainText('−350,50');

  await page.getByRole('link', { name: `Corriger « ${label} »` }).click();
  await expectAccessible(page);
  const history = page.getByRole('table', { name: 'Historique du mouvement' });
  await expect(history.getByRole('row').filter({ hasText: 'amount_cents' }).first()).toContainText('35050');
  // Without the confirmation box the browser refuses to submit; keyboard users tick it with Space.
  await page.getByLabel(`Je confirme la suppression de « ${label} »`).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Supprimer le mouvement' }).click();
  await expect(page.getByText("Le mouvement a été supprimé ; l'historique garde ses valeurs.")).toBeVisible();
  await expect(page.getByRole('link', { name: `Corriger « ${label} »` })).toHaveCount(0);
});
