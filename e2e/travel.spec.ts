import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, logIn } from './support';

/** The figures of the result, as a definition list: the value next to a term. */
function figure(page: Page, term: string) {
  return page.locator('main dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
}

test('the pilot describes a flight with the keyboard and reads its footprint step by step', async ({ page }) => {
  await logIn(page, 'pilot');
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Déplacements' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Empreinte d'un déplacement");
  await expectAccessible(page);

  await page.getByLabel('Départ').focus();
  await page.keyboard.type('Alès');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Arrivée')).toBeFocused();
  await page.keyboard.type('CDG');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Mode de déplacement')).toBeFocused();
  await page.keyboard.type('Avion');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Aller-retour')).toBeFocused();
  await page.keyboard.press('Space');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: "Calculer l'empreinte" })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/from=Al%C3%A8s&to=CDG&mode=plane&roundTrip=on/);
  await expect(figure(page, 'Départ')).toContainText('Alès, France (confiance 95 %)');
  await expect(figure(page, 'Arrivée')).toContainText("code d'aéroport CDG");
  await expect(figure(page, "Distance à vol d'oiseau")).toHaveText('555,9 km');
  await expect(figure(page, 'Distance retenue')).toContainText('1 301,9 km');
  await expect(figure(page, 'Distance retenue')).toContainText('aller-retour compris');
  await expect(figure(page, "Facteur d'émission")).toContainText('Source : GES 1point5');
  await expect(figure(page, 'Émissions par passager')).toHaveText(/^\d[\d\s\u202f]*,\d kg CO2e$/);
  await expect(figure(page, "Règle « train d'abord »")).toContainText('Justification écrite requise');
  await expect(figure(page, "Règle « train d'abord »")).toContainText('moins de 4 h');
  const contribution = figure(page, 'Contribution au fonds interne');
  await expect(contribution).toContainText(/Contribution : \d+,\d{2} € pour [\d,]+ tCO2e à \d+ €\/t\./);
  await expect(contribution).toContainText('rapport Quinet 2019');
  await expect(contribution).toContainText("choix de l'établissement");
  const steps = page.getByRole('list').filter({ has: page.getByText("Distance à vol d'oiseau : 555,9 km.") });
  await expect(steps.getByRole('listitem')).toHaveCount(5);
  await expect(steps).toContainText('Aller-retour : 650,9 km × 2 = 1 301,9 km.');
  await expectAccessible(page);
});

test('an uncertain place offers candidates and an unknown one gives no figures', async ({ page }) => {
  await logIn(page, 'pilot');
  await page.goto('/travel/footprint');
  await page.getByLabel('Départ').fill('Valencia');
  await page.getByLabel('Arrivée').fill('CDG');
  await page.getByRole('button', { name: "Calculer l'empreinte" }).click();
  await expect(figure(page, 'Départ')).toContainText('« Valencia » est incertain');
  await expect(page.getByRole('term').filter({ hasText: "Distance à vol d'oiseau" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Valencia, Espagne', exact: true }).click();
  await expect(page.getByLabel('Départ')).toHaveValue('Valencia, Espagne');
  await expect(figure(page, 'Départ')).toContainText('Valencia, Espagne');
  await expect(figure(page, "Distance à vol d'oiseau")).toHaveText(/ km$/);

  await page.getByLabel('Départ').fill('Xyzzyville');
  await page.getByRole('button', { name: "Calculer l'empreinte" }).click();
  await expect(figure(page, 'Départ')).toHaveText(
    "« Xyzzyville » n'est pas reconnu. Vérifiez l'orthographe, ajoutez le pays ou donnez le code de l'aéroport.",
  );
  await expect(page.getByRole('term').filter({ hasText: "Distance à vol d'oiseau" })).toHaveCount(0);
  await expect(page.getByText('kg CO2e')).toHaveCount(0);
});

test('invalid input is explained next to each field', async ({ page }) => {
  await logIn(page, 'pilot');
  await page.goto('/travel/footprint?from=&to=Paris&mode=rocket&passengers=0&method=ges1point5');
  await expect(page.getByRole('alert')).toHaveText(
    'Le formulaire contient des erreurs : corrigez les champs signalés.',
  );
  await expect(page.getByLabel('Départ')).toHaveAccessibleDescription(/Indiquez le lieu de départ/);
  await expect(page.getByLabel('Mode de déplacement')).toHaveAccessibleDescription(
    'Choisissez un mode de déplacement dans la liste.',
  );
  await expect(page.getByLabel('Nombre de personnes dans le véhicule')).toHaveAccessibleDescription(
    /entier entre 1 et 9/,
  );
  await expect(page.getByText('kg CO2e')).toHaveCount(0);
  await expectAccessible(page);
});

test('the page reads in English', async ({ page }) => {
  await logIn(page, 'pilot');
  await page.goto('/travel/footprint');
  await page.getByRole('button', { name: 'English' }).click();
  try {
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trip footprint');
    await page.getByLabel('From').fill('Alès');
    await page.getByLabel('To').fill('CDG');
    await page.getByLabel('Mode of travel').selectOption({ label: 'Plane' });
    await page.getByLabel('Round trip').check();
    await page.getByRole('button', { name: 'Calculate the footprint' }).click();
    await expect(figure(page, 'Great-circle distance')).toHaveText('555.9 km');
    await expect(figure(page, 'Train-first rule')).toContainText('Written justification required');
    await expect(figure(page, 'Contribution to the internal fund')).toContainText(/Contribution: €\d+\.\d{2}/);
    await expect(
      page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Travel' }),
    ).toHaveAttribute('aria-current', 'page');
    await expectAccessible(page);
  } finally {
    await page.getByRole('button', { name: 'Français' }).click();
  }
});

test('the pilot declares a justified flight and finds it, step by step, among their trips', async ({ page }) => {
  await logIn(page, 'pilot');
  await page.goto(
    '/travel/footprint?from=Al%C3%A8s&to=CDG&mode=plane&roundTrip=on&passengers=1&method=ges1point5&contrails=on',
  );
  const declaration = page.getByRole('form', { name: 'Déclarer ce déplacement' });
  await expect(declaration.getByLabel("Justification du choix de l'avion")).toBeVisible();
  await declaration.getByLabel('Date du déplacement').fill('2026-03-12');
  await declaration.getByLabel('Catégorie de voyageur').selectOption({ label: 'Doctorant·e' });
  await declaration.getByLabel('Objet de la mission (facultatif)').fill('Colloque à Paris');

  // Without a justification the flight is refused and the field says why.
  await declaration.getByRole('button', { name: 'Déclarer ce déplacement' }).click();
  await expect(page.getByRole('alert')).toContainText('Ce vol doit être justifié');
  await expect(page.getByLabel("Justification du choix de l'avion")).toHaveAttribute('aria-invalid', 'true');
  await expect(figure(page, "Distance à vol d'oiseau")).toHaveText('555,9 km');
  await expectAccessible(page);

  await page.getByLabel("Justification du choix de l'avion").fill('Correspondance vers un vol pour Montréal');
  await page.getByRole('button', { name: 'Déclarer ce déplacement' }).click();
  await expect(page).toHaveURL(/\/travel\/trips\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déplacement du 2026-03-12');
  await expect(figure(page, 'Justification')).toHaveText('Correspondance vers un vol pour Montréal');
  await expect(figure(page, 'Catégorie de voyageur')).toHaveText('Doctorant·e');
  await expect(figure(page, 'Distance retenue')).toHaveText('1 301,9 km');
  await expect(figure(page, "Facteur d'émission")).toContainText('Source : GES 1point5');
  await expect(figure(page, "Règle « train d'abord »")).toContainText('Justification écrite requise');
  const steps = page.getByRole('list').filter({ has: page.getByText("Distance à vol d'oiseau : 555,9 km.") });
  await expect(steps.getByRole('listitem')).toHaveCount(5);
  await expect(steps).toContainText('Aller-retour : 650,9 km × 2 = 1 301,9 km.');
  const emissions = await figure(page, 'Émissions par passager').first().textContent();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Tous les déplacements déclarés' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes déplacements déclarés');
  const table = page.getByRole('table', { name: /déplacements? déclarés?/ });
  const row = table.getByRole('row').filter({ hasText: '2026-03-12' });
  await expect(row).toContainText('Colloque à Paris');
  await expect(row).toContainText('Avion');
  await expect(row.getByRole('cell').nth(4)).toHaveText((emissions ?? '').replace(' kg CO2e', ''));
  await expectAccessible(page);
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déplacement du 2026-03-12');
});
