import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, logIn, measure } from './support';

/** The value next to a term of the totals. */
function total(page: Page, term: string) {
  return page.locator('main dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
}

/** Opens the data table of a chart, found by its caption, and returns the table. */
async function chartTable(page: Page, caption: string) {
  await page.getByText(`Voir les données du graphique — ${caption}`).click();
  return page.getByRole('table', { name: `Données du graphique : ${caption}` });
}

// The demo trips of 2025 (data/demo/imt-mines-ales-trips.tsv, GES 1point5 method): 28 missions, 38 legs,
// of which 12 flights (7 missions) weigh 5 619.5 kg of the year's 5 863.5 kg, i.e. 95.8 %.
test('the admin reads the demo year by mode, unit, purpose, month and category, and picks another year', async ({
  page,
}) => {
  await logIn(page, 'admin');
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Déplacements' })
    .click();
  await expect(page).toHaveURL(/\/travel$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déplacements professionnels');
  const pages = page.getByRole('navigation', { name: 'Pages des déplacements' });
  for (const name of [
    'Calculer et déclarer un déplacement',
    "Déplacements déclarés de l'établissement",
    'Importer un fichier GES 1point5',
    'Prix interne du carbone et fonds de compensation',
    "Vols signalés par la règle « train d'abord »",
  ]) {
    await expect(pages.getByRole('link', { name })).toBeVisible();
  }

  await page.getByLabel('Année').selectOption('2025');
  await page.getByRole('button', { name: "Afficher l'année" }).click();
  await expect(page).toHaveURL(/\/travel\?year=2025$/);
  await expect(page.getByRole('heading', { name: 'Bilan 2025' })).toBeVisible();
  await expect(total(page, 'Émissions')).toHaveText(/^5\s863,5 kg CO2e$/);
  await expect(total(page, 'Déplacements')).toHaveText('28 déplacements (38 trajets)');
  await expect(total(page, 'Vols à justifier')).toContainText('4 vols');
  await expect(total(page, 'Vols à justifier').getByRole('link', { name: 'voir les vols signalés' })).toHaveAttribute(
    'href',
    '/travel/flags',
  );
  await expect(total(page, 'Fonds de compensation en 2025')).toContainText('solde cumulé');

  const captions = [
    'Émissions par mode de déplacement en 2025 (kg CO2e)',
    'Émissions par structure du déclarant en 2025 (kg CO2e)',
    'Émissions par objet de mission en 2025, les dix plus lourds (kg CO2e)',
    'Émissions par mois de départ en 2025 (kg CO2e)',
    'Émissions par catégorie de voyageur en 2025 (kg CO2e)',
  ];
  await expect(page.locator('main figure')).toHaveCount(5);
  for (const caption of captions) await expect(page.getByRole('img', { name: caption })).toBeVisible();

  const modes = await chartTable(page, captions[0]);
  const plane = modes.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Avion', exact: true }) });
  await expect(plane.getByRole('cell')).toHaveText([/^5\s619,5$/, /^95,8\s%$/, '12', '7']);
  const purposes = await chartTable(page, captions[2]);
  await expect(purposes.getByRole('rowheader')).toHaveCount(12);
  await expect(purposes.getByRole('rowheader', { name: 'Autres objets (2)' })).toBeVisible();
  await expect(purposes.getByRole('rowheader', { name: 'Objet non renseigné' })).toBeVisible();
  const months = await chartTable(page, captions[3]);
  await expect(months.getByRole('rowheader')).toHaveCount(12);
  await expect(months.getByRole('rowheader').first()).toHaveText('janvier');
  await expectAccessible(page);
  await measure(page, 'travel dashboard 2025');

  await page.getByLabel('Année').selectOption('2024');
  await page.getByRole('button', { name: "Afficher l'année" }).click();
  await expect(page).toHaveURL(/\/travel\?year=2024$/);
  await expect(total(page, 'Déplacements')).toHaveText('27 déplacements (39 trajets)');
  await expect(page.getByRole('img', { name: 'Émissions par mode de déplacement en 2024 (kg CO2e)' })).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  try {
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Business travel');
    await expect(total(page, 'Trips')).toHaveText('27 trips (39 legs)');
    await expect(page.getByRole('img', { name: 'Emissions by mode of travel in 2024 (kg CO2e)' })).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Travel' }),
    ).toHaveAttribute('aria-current', 'page');
    await expectAccessible(page);
  } finally {
    await page.getByRole('button', { name: 'Français' }).click();
  }
});

test('a contributor reads only the trips they declared', async ({ page, request }) => {
  await logIn(page, 'contributor');
  await page.goto('/travel');
  // The institution's demo trips are the admin's: none of them shows, nor their years.
  await expect(page.getByText(/^Vous n'avez déclaré aucun déplacement en \d{4}\.$/)).toBeVisible();
  await expect(page.getByLabel('Année').locator('option')).toHaveCount(1);
  await expect(page.getByRole('link', { name: "Vols signalés par la règle « train d'abord »" })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Importer un fichier GES 1point5' })).toHaveCount(0);
  await expect(page.locator('main figure')).toHaveCount(0);
  await expectAccessible(page);

  await page.goto('/account/tokens');
  await page.getByLabel('Nom du jeton').fill('Tableau de bord');
  await page.getByRole('button', { name: 'Créer le jeton' }).click();
  const token = (await page.getByTestId('new-token').textContent()) ?? '';
  const created = await request.post('/api/v1/trips', {
    headers: { authorization: `Bearer ${token}` },
    data: {
      from: 'Alès',
      to: 'Lyon',
      mode: 'train_high_speed',
      roundTrip: true,
      date: '2023-05-15',
      purpose: 'Réunion',
    },
  });
  expect(created.status()).toBe(201);
  await page.getByRole('button', { name: 'Révoquer — Tableau de bord' }).click();
  await expect(page.getByRole('status')).toContainText('Jeton révoqué');

  await page.goto('/travel');
  await expect(page.getByText('Les émissions des déplacements que vous avez déclarés, par année.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bilan 2023' })).toBeVisible();
  await expect(total(page, 'Déplacements')).toHaveText('1 déplacement (1 trajet)');
  await expect(page.getByLabel('Année').locator('option')).toHaveText(['2023']);
  const modes = await chartTable(page, 'Émissions par mode de déplacement en 2023 (kg CO2e)');
  await expect(modes.getByRole('rowheader')).toHaveText(['Train à grande vitesse']);
  await expect(
    modes.getByRole('row').filter({ hasText: 'Train à grande vitesse' }).getByRole('cell').nth(1),
  ).toHaveText(/^100\s%$/);
  await expectAccessible(page);
});
