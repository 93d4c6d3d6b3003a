import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import { expectAccessible, logIn } from './support';

/** The figures of a result, as a definition list: the value next to a term. */
function figure(scope: Page | Locator, term: string) {
  return scope.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
}

/** The fields of one leg of the form ("Trajet 1", "Trajet 2"…). */
const legOf = (page: Page, n: number, name = 'Trajet') => page.getByRole('group', { name: `${name} ${n}` });
/** The totals of an estimate: the first list of the result region. */
const totals = (page: Page, name = 'Résultat') => page.getByRole('region', { name }).locator('dl').first();
/** The result of one leg, a region named after its heading ("Trajet 1 : Alès → Nîmes"). */
const legResult = (page: Page, heading: RegExp) => page.getByRole('region', { name: heading });

/** A browser without JavaScript, signed in as the pilot: the form must work all the same. */
async function pageWithoutScript(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await logIn(page, 'pilot');
  return page;
}

test('the pilot describes a flight with the keyboard and reads its footprint step by step', async ({ page }) => {
  await logIn(page, 'pilot');
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Déplacements' })
    .click();
  await page.getByRole('link', { name: 'Calculer et déclarer un déplacement' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Empreinte d'un déplacement");
  await expectAccessible(page);

  // A past year: the fund test may have set this year's internal price, and this one reads the suggested value.
  await page.getByLabel('Date de départ', { exact: true }).fill('2025-03-12');
  const leg = legOf(page, 1);
  await leg.getByLabel('Départ').focus();
  await page.keyboard.type('Alès');
  await page.keyboard.press('Tab');
  await expect(leg.getByLabel('Arrivée')).toBeFocused();
  await page.keyboard.type('CDG');
  await page.keyboard.press('Tab');
  await expect(leg.getByLabel('Mode de déplacement')).toBeFocused();
  await page.keyboard.type('Avion');
  await page.keyboard.press('Tab');
  await expect(leg.getByLabel('Classe de cabine (avion)')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(leg.getByLabel('Aller-retour')).toBeFocused();
  await page.keyboard.press('Space');
  // Enter in a text field estimates (the form's first button), it never removes a leg.
  await leg.getByLabel('Arrivée').focus();
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\?\/estimate#outcome$/);
  await expect(page.getByRole('heading', { name: 'Résultat' })).toBeFocused();
  const result = legResult(page, /^Trajet 1 : Alès → /);
  await expect(figure(result, 'Départ')).toContainText('Alès, France (confiance 95 %)');
  await expect(figure(result, 'Arrivée')).toContainText("code d'aéroport CDG");
  await expect(figure(result, "Distance à vol d'oiseau")).toHaveText('555,9 km');
  await expect(figure(result, 'Distance retenue')).toContainText('1 301,9 km');
  await expect(figure(result, 'Distance retenue')).toContainText('aller-retour compris');
  await expect(figure(result, "Facteur d'émission")).toContainText('Source : GES 1point5');
  await expect(figure(result, 'Émissions par passager')).toHaveText(/^\d[\d\s\u202f]*,\d kg CO2e$/);
  await expect(figure(result, "Règle « train d'abord »")).toContainText('Justification écrite requise');
  await expect(figure(result, "Règle « train d'abord »")).toContainText('moins de 4 h');
  const contribution = figure(result, 'Contribution au fonds interne');
  await expect(contribution).toContainText(/Contribution : \d+,\d{2} € pour [\d,]+ tCO2e à \d+(,\d+)? €\/t\./);
  await expect(contribution).toContainText('rapport Quinet 2019');
  const steps = result.getByRole('list').filter({ has: page.getByText("Distance à vol d'oiseau : 555,9 km.") });
  await expect(steps.getByRole('listitem')).toHaveCount(5);
  await expect(steps).toContainText('Aller-retour : 650,9 km × 2 = 1 301,9 km.');
  await expect(figure(totals(page), 'Émissions par voyageur')).toHaveText(
    (await figure(result, 'Émissions par passager').textContent()) ?? '',
  );
  await expectAccessible(page);
});

test('an uncertain place offers candidates and an unknown one gives no figures', async ({ page }) => {
  await logIn(page, 'pilot');
  await page.goto('/travel/footprint');
  await legOf(page, 1).getByLabel('Départ').fill('Valencia');
  await legOf(page, 1).getByLabel('Arrivée').fill('CDG');
  await page.getByRole('button', { name: "Calculer l'empreinte" }).click();
  const result = legResult(page, /^Trajet 1 : Valencia → /);
  await expect(figure(result, 'Départ')).toContainText('« Valencia » est incertain');
  await expect(page.getByRole('status')).toContainText("Le trajet 1 n'a pas pu être calculé");
  await expect(page.getByRole('term').filter({ hasText: "Distance à vol d'oiseau" })).toHaveCount(0);
  await expectAccessible(page);
  // Choosing a candidate re-runs the estimate with it, keeping the rest of the form.
  await page.getByRole('button', { name: 'Valencia, Espagne', exact: true }).click();
  await expect(legOf(page, 1).getByLabel('Départ')).toHaveValue('Valencia, Espagne');
  await expect(legOf(page, 1).getByLabel('Arrivée')).toHaveValue('CDG');
  await expect(figure(legResult(page, /^Trajet 1 : Valencia → /), "Distance à vol d'oiseau")).toHaveText(/ km$/);

  await legOf(page, 1).getByLabel('Départ').fill('Xyzzyville');
  await page.getByRole('button', { name: "Calculer l'empreinte" }).click();
  await expect(figure(legResult(page, /^Trajet 1 : Xyzzyville → /), 'Départ')).toHaveText(
    "« Xyzzyville » n'est pas reconnu. Vérifiez l'orthographe, ajoutez le pays ou donnez le code de l'aéroport.",
  );
  await expect(page.getByRole('term').filter({ hasText: "Distance à vol d'oiseau" })).toHaveCount(0);
  await expect(page.getByText('kg CO2e')).toHaveCount(0);
});

test('invalid input is explained next to each field, with links to them', async ({ page }) => {
  await logIn(page, 'pilot');
  // The first form's query (one leg) still opens the page with its trip.
  await page.goto('/travel/footprint?from=&to=Paris&mode=rocket&passengers=0&method=ges1point5');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Le formulaire contient des erreurs : corrigez les champs signalés.');
  const leg = legOf(page, 1);
  await expect(leg.getByLabel('Départ')).toHaveAccessibleDescription(/Indiquez le lieu de départ/);
  await expect(leg.getByLabel('Mode de déplacement')).toHaveAccessibleDescription(
    'Choisissez un mode de déplacement dans la liste.',
  );
  await expect(leg.getByLabel('Nombre de personnes dans le véhicule')).toHaveAccessibleDescription(
    /entier entre 1 et 9/,
  );
  await expect(page.getByText('kg CO2e')).toHaveCount(0);
  await expectAccessible(page);
  await alert.getByRole('link', { name: 'Trajet 1 – Nombre de personnes dans le véhicule' }).click();
  await expect(leg.getByLabel('Nombre de personnes dans le véhicule')).toBeFocused();
});

test('without JavaScript the pilot adds legs, removes one, and declares a mission of two legs', async ({ browser }) => {
  // axe-core runs inside the page, so it cannot run here: the same server-rendered states are checked with
  // JavaScript on in the other tests (French and English).
  const page = await pageWithoutScript(browser);
  await page.goto('/travel/footprint');
  await expect(legOf(page, 2)).toHaveCount(0);

  await page.getByLabel('Date de départ').fill('2026-05-04');
  await page.getByLabel('Objet de la mission (facultatif)').fill('Jury de thèse à Paris');
  const first = legOf(page, 1);
  await first.getByLabel('Départ').fill('Alès');
  await first.getByLabel('Arrivée').fill('Nîmes');
  await first.getByLabel('Mode de déplacement').selectOption({ label: 'Voiture thermique' });
  await first.getByLabel('Nombre de personnes dans le véhicule').fill('2');
  await page.getByRole('button', { name: 'Ajouter un trajet' }).click();

  // The next leg starts where the previous one ended, and every typed value is kept.
  await expect(page).toHaveURL(/\?\/addLeg#leg-1-to$/);
  await expect(page.getByRole('status')).toHaveText("Trajet 2 ajouté : il part de l'arrivée du trajet précédent.");
  const second = legOf(page, 2);
  await expect(second.getByLabel('Départ')).toHaveValue('Nîmes');
  await expect(first.getByLabel('Départ')).toHaveValue('Alès');
  await expect(first.getByLabel('Nombre de personnes dans le véhicule')).toHaveValue('2');
  await expect(page.getByLabel('Objet de la mission (facultatif)')).toHaveValue('Jury de thèse à Paris');
  await second.getByLabel('Arrivée').fill('Paris');
  await second.getByLabel('Mode de déplacement').selectOption({ label: 'Train à grande vitesse' });

  await page.getByRole('button', { name: 'Ajouter un trajet' }).click();
  await expect(legOf(page, 3).getByLabel('Départ')).toHaveValue('Paris');
  await legOf(page, 3).getByRole('button', { name: 'Supprimer le trajet 3' }).click();
  await expect(page.getByRole('status')).toHaveText('Trajet 3 supprimé.');
  await expect(legOf(page, 3)).toHaveCount(0);
  await expect(legOf(page, 2).getByLabel('Arrivée')).toHaveValue('Paris');

  await page.getByRole('button', { name: "Calculer l'empreinte" }).click();
  // Alès → Nîmes: 51.1 km by road at 223.4 g per vehicle-km for 2 people = 5708 g;
  // Nîmes → Paris: 694.9 rail-km at 3.3 g (TGV) = 2293 g; total 8001 g.
  await expect(figure(totals(page), 'Émissions par voyageur')).toHaveText('8,0 kg CO2e');
  await expect(figure(totals(page), "Règle « train d'abord »")).toHaveText('Aucun vol à justifier.');
  await expect(figure(legResult(page, /^Trajet 1 : Alès → Nîmes$/), 'Émissions par passager')).toHaveText(
    '5,7 kg CO2e',
  );
  await expect(figure(legResult(page, /^Trajet 2 : Nîmes → Paris$/), 'Émissions par passager')).toHaveText(
    '2,3 kg CO2e',
  );
  await expect(page.getByLabel("Justification du choix de l'avion")).toHaveCount(0);

  await page.getByRole('button', { name: 'Déclarer ce déplacement' }).click();
  await expect(page).toHaveURL(/\/travel\/trips\/[0-9a-f-]{36}/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déplacement du 2026-05-04');
  await expect(figure(page.locator('main'), 'Trajet').first()).toHaveText('Alès → Nîmes → Paris (2 trajets)');
  await expect(figure(page.locator('main'), 'Émissions (kg CO2e)')).toHaveText('8,0 kg CO2e');
  await expect(page.getByRole('heading', { level: 2, name: 'Trajet 1 : Alès → Nîmes' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Trajet 2 : Nîmes → Paris' })).toBeVisible();

  await page.getByRole('link', { name: 'Tous les déplacements déclarés' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Jury de thèse à Paris' });
  await expect(row).toContainText('2026-05-04');
  await expect(row).toContainText('Alès → Paris');
  await expect(row.getByRole('cell').nth(4)).toHaveText('8,0');
  await page.context().close();
});

test('the pilot declares a mission whose flight needs a justification, and finds it step by step', async ({ page }) => {
  await logIn(page, 'pilot');
  await page.goto(
    '/travel/footprint?from=Al%C3%A8s&to=CDG&mode=plane&roundTrip=on&passengers=1&method=ges1point5&contrails=on',
  );
  await page.getByLabel('Date de départ').fill('2026-03-12');
  await page.getByLabel('Catégorie de voyageur').selectOption({ label: 'Doctorant·e' });
  await page.getByLabel('Objet de la mission (facultatif)').fill('Colloque à Paris');
  await expect(page.getByLabel("Justification du choix de l'avion")).toBeVisible();

  // Without a justification the mission is refused; the message links to the field.
  await page.getByRole('button', { name: 'Déclarer ce déplacement' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Un vol de cette mission doit être justifié');
  await expect(alert).toBeFocused();
  await expect(page.getByLabel("Justification du choix de l'avion")).toHaveAttribute('aria-invalid', 'true');
  await expect(figure(legResult(page, /^Trajet 1 : Alès → /), "Distance à vol d'oiseau")).toHaveText('555,9 km');
  await expectAccessible(page);
  await alert.getByRole('link', { name: "Justification du choix de l'avion" }).click();
  await expect(page.getByLabel("Justification du choix de l'avion")).toBeFocused();

  await page.keyboard.type('Correspondance vers un vol pour Montréal');
  await page.getByRole('button', { name: 'Déclarer ce déplacement' }).click();
  await expect(page).toHaveURL(/\/travel\/trips\/[0-9a-f-]{36}/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déplacement du 2026-03-12');
  await expect(figure(page, 'Justification')).toHaveText('Correspondance vers un vol pour Montréal');
  await expect(figure(page, 'Catégorie de voyageur')).toHaveText('Doctorant·e');
  await expect(figure(page, 'Distance retenue')).toHaveText('1 301,9 km');
  await expect(figure(page, "Règle « train d'abord »")).toContainText('Justification écrite requise');
  const steps = page.getByRole('list').filter({ has: page.getByText("Distance à vol d'oiseau : 555,9 km.") });
  await expect(steps.getByRole('listitem')).toHaveCount(5);
  const emissions = await figure(page, 'Émissions par passager').first().textContent();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Tous les déplacements déclarés' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes déplacements déclarés');
  const row = page.getByRole('row').filter({ hasText: 'Colloque à Paris' });
  await expect(row).toContainText('2026-03-12');
  await expect(row).toContainText('Avion');
  await expect(row.getByRole('cell').nth(4)).toHaveText((emissions ?? '').replace(' kg CO2e', ''));
  await expectAccessible(page);
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déplacement du 2026-03-12');
});

test('with JavaScript the footprint is previewed while typing, without pressing Estimate', async ({ page }) => {
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });
  await logIn(page, 'pilot');
  await page.goto('/travel/footprint');
  const preview = page.locator('#footprint-preview');
  await expect(preview).toHaveAttribute('aria-live', 'polite');
  await expect(preview).toBeEmpty();

  const leg = legOf(page, 1);
  await leg.getByLabel('Départ').fill('Alès');
  await leg.getByLabel('Arrivée').fill('Nîmes');
  await leg.getByLabel('Mode de déplacement').selectOption({ label: 'Voiture thermique' });
  // Alès → Nîmes: 51.1 road-km at 223.4 g per vehicle-km, alone: 11.4 kg.
  await expect(preview).toContainText('Aperçu, trajet 1 (Alès → Nîmes) : 11,4 kg CO2e.');
  await expect(preview).toContainText('Aperçu, total : 11,4 kg CO2e');
  await leg.getByLabel('Nombre de personnes dans le véhicule').fill('2');
  await expect(preview).toContainText('Aperçu, trajet 1 (Alès → Nîmes) : 5,7 kg CO2e.');
  await leg.getByLabel('Arrivée').fill('Xyzzyville');
  await expect(preview).toContainText("Aperçu : le trajet 1 n'a pas pu être calculé.");
  await leg.getByLabel('Arrivée').fill('Nîmes');
  await expect(preview).toContainText('5,7 kg CO2e');

  // Nothing was submitted: the page is the same, with no result section.
  await expect(page).toHaveURL(/\/travel\/footprint$/);
  await expect(page.getByRole('heading', { name: 'Résultat' })).toHaveCount(0);
  expect(blocked).toEqual([]);
  await expectAccessible(page);

  // The form is the same with JavaScript: "Add a leg" posts it and the new leg starts at Nîmes.
  await page.getByRole('button', { name: 'Ajouter un trajet' }).click();
  await expect(legOf(page, 2).getByLabel('Départ')).toHaveValue('Nîmes');
  await expect(legOf(page, 2).getByLabel('Arrivée')).toBeFocused();
  await expectAccessible(page);
});

test('the preview answers only the signed-in user, and only from the site itself', async ({ page, playwright }) => {
  await logIn(page, 'pilot');
  await page.goto('/travel/footprint');
  const origin = new URL(page.url()).origin;
  const form = {
    date: '2026-05-04',
    category: 'staff',
    method: 'ges1point5',
    'legs.0.from': 'Alès',
    'legs.0.to': 'Nîmes',
    'legs.0.mode': 'train_regional',
  };
  const sameSite = await page.request.post('/travel/footprint/preview', { form, headers: { origin } });
  expect(sameSite.status()).toBe(200);
  expect((await sameSite.json()).lines[0]).toMatch(/^Aperçu, trajet 1 \(Alès → Nîmes\) : [\d,]+ kg CO2e\.$/);
  // SvelteKit refuses a form posted from another origin (CSRF), before the endpoint runs.
  const foreign = await page.request.post('/travel/footprint/preview', {
    form,
    headers: { origin: 'https://attacker.example' },
  });
  expect(foreign.status()).toBe(403);
  const anonymous = await playwright.request.newContext({ baseURL: origin });
  const unsigned = await anonymous.post('/travel/footprint/preview', { form, headers: { origin } });
  expect(unsigned.status()).toBe(401);
  await anonymous.dispose();
});

test('the multi-leg form reads in English, through a refusal', async ({ page }) => {
  await logIn(page, 'pilot');
  await page.goto('/travel/footprint');
  await page.getByRole('button', { name: 'English' }).click();
  try {
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trip footprint');
    await expectAccessible(page);
    await legOf(page, 1, 'Leg').getByLabel('From').fill('Nîmes');
    await legOf(page, 1, 'Leg').getByLabel('To').fill('Paris');
    await legOf(page, 1, 'Leg').getByLabel('Mode of travel').selectOption({ label: 'High-speed train' });
    await page.getByRole('button', { name: 'Add a leg' }).click();
    await expect(legOf(page, 2, 'Leg').getByLabel('From')).toHaveValue('Paris');
    await expectAccessible(page);
    await legOf(page, 2, 'Leg').getByLabel('To').fill('Brussels');
    await legOf(page, 2, 'Leg').getByLabel('Mode of travel').selectOption({ label: 'Plane' });
    await page.getByRole('button', { name: 'Calculate the footprint' }).click();
    const flight = legResult(page, /^Leg 2: Paris → Brussels$/);
    await expect(figure(flight, 'Train-first rule')).toContainText('Written justification required');
    await expect(figure(totals(page, 'Result'), 'Train-first rule')).toHaveText(
      'At least one flight must be justified: write the justification before you declare.',
    );
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Declare this trip' }).click();
    await expect(page.getByRole('alert')).toContainText('A flight of this mission must be justified');
    await expectAccessible(page);
    await page.getByLabel('Why the plane is needed').fill('Back the same evening for a jury');
    await page.getByRole('button', { name: 'Declare this trip' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Leg 1: Nîmes → Paris' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Leg 2: Paris → Brussels' })).toBeVisible();
    await expect(figure(page, 'Route')).toHaveText('Nîmes → Paris → Brussels (2 legs)');
    await expectAccessible(page);
  } finally {
    await page.getByRole('button', { name: 'Français' }).click();
  }
});
