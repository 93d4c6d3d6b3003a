import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, logIn, visit } from './support';

/** The value next to a term of a definition list, within a part of the page. */
function figure(scope: ReturnType<Page['locator']>, term: string) {
  return scope.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
}

test('the officer records a student mobility with rail aid, confirming an uncertain destination', async ({ page }) => {
  await logIn(page, 'admin');
  await visit(page, '/travel/mobility', 'students abroad');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Étudiants en mobilité internationale');

  await page.getByLabel("Référence de l'étudiant").fill('E2026-0001');
  await page.getByLabel('Destination', { exact: true }).fill('Valencia');
  await page.getByLabel("Mode de déplacement utilisé à l'aller").selectOption({ label: "Train à l'étranger" });
  await page.getByLabel('Aide au pré-acheminement ferroviaire (€)').fill('120,50');
  await page.getByLabel('Programme (facultatif)').fill('Erasmus+');
  await page.getByRole('button', { name: 'Enregistrer la mobilité' }).click();

  // Valencia is Spanish or Venezuelan: the officer picks one and the form is sent again with it.
  await expect(page.getByRole('alert')).toContainText("La destination n'a pas pu être reconnue avec certitude");
  await expect(page.getByLabel('Aide au pré-acheminement ferroviaire (€)')).toHaveValue('120,50');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Utiliser Valencia, Espagne' }).click();

  await expect(page.getByRole('status')).toHaveText('La mobilité a été enregistrée.');
  const row = page
    .getByRole('table', { name: /^1 mobilité/ })
    .getByRole('row')
    .filter({ hasText: 'Valencia, Espagne' });
  await expect(row).toContainText('120,50');
  await expect(row).toContainText('Erasmus+');
  await expect(row).toContainText("Train à l'étranger");
  await expect(page.locator('main')).not.toContainText('E2026-0001');
  const totals = page.getByRole('region', { name: /^Année universitaire / });
  await expect(figure(totals, 'Mobilités enregistrées')).toHaveText('1');
  await expect(figure(totals, 'Avec une aide ferroviaire')).toHaveText(/^1 mobilité \(100\s%\)$/);
  await expect(figure(totals, 'Aide accordée')).toHaveText('120,50 €');
  await expectAccessible(page);
});

test('an interview held by video shows the emissions it avoided, step by step', async ({ page }) => {
  await logIn(page, 'admin');
  await visit(page, '/travel/video', 'meetings by video');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réunions en visioconférence');

  await page.getByLabel('Type de réunion').selectOption({ label: 'Entretien de recrutement' });
  await expect(page.getByLabel("Réunion à l'international (un participant à l'étranger)")).toBeChecked();
  await expect(page.getByLabel('en visioconférence')).toBeChecked();
  await page.getByLabel('Personnes qui se seraient déplacées').fill('2');
  await page.getByLabel('Départ').fill('Montpellier');
  await page.getByLabel('Arrivée').fill('PEK');
  await expect(page.getByLabel('Aller-retour')).toBeChecked();
  await page.getByRole('button', { name: 'Enregistrer la réunion' }).click();

  await expect(page.getByRole('status')).toHaveText(
    "La réunion a été enregistrée avec les émissions qu'elle a évitées.",
  );
  const card = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: /^Entretien de recrutement du / }) });
  await expect(card).toContainText('En visioconférence');
  await expect(card).toContainText('2 participants');
  await expect(figure(card, 'Trajet évité')).toContainText('Montpellier ⇄ Beijing Capital International Airport');
  await expect(figure(card, 'Émissions évitées')).toHaveText(/^\d[\d\s]*,\d kg CO2e$/);
  await card.getByText('Détail du calcul').click();
  const steps = card.getByRole('listitem');
  await expect(steps.first()).toContainText("Distance à vol d'oiseau");
  await expect(steps.last()).toContainText('par personne × 2 =');

  const totals = page.getByRole('region', { name: /^Année / });
  await expect(figure(totals, "Entretiens de recrutement à l'international en visio")).toHaveText(
    /^1 sur 1 \(100\s%\)$/,
  );
  await expect(figure(totals, 'Émissions évitées')).toHaveText(
    (await figure(card, 'Émissions évitées').textContent()) ?? '',
  );
  await expectAccessible(page);

  // A meeting by video without its trip is refused, next to the fields.
  await page.getByLabel('Départ').fill('');
  await page.getByRole('button', { name: 'Enregistrer la réunion' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Pour une réunion en visioconférence, indiquez le lieu de départ du trajet évité.',
  );
  await expect(page.getByLabel('Départ')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('both pages read in English and pass axe', async ({ page }) => {
  await logIn(page, 'admin');
  await page.goto('/travel/mobility');
  await page.getByRole('button', { name: 'English' }).click();
  try {
    for (const [path, title] of [
      ['/travel/mobility', 'Students abroad'],
      ['/travel/video', 'Meetings by videoconference'],
    ]) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.locator('body')).not.toContainText(/\btravel\.[a-z]+\.[a-zA-Z.]+/);
      await expectAccessible(page);
    }
    await expect(page.getByLabel('People who would have travelled')).toBeVisible();
  } finally {
    await page.getByRole('button', { name: 'Français' }).click();
  }
});

test('a viewer reads the totals but records nothing, and the server refuses their posts', async ({ page }) => {
  await page.context().clearCookies();
  await logIn(page, 'viewer');
  for (const [path, button] of [
    ['/travel/mobility', 'Enregistrer la mobilité'],
    ['/travel/video', 'Enregistrer la réunion'],
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole('button', { name: button })).toHaveCount(0);
    await expect(page.getByRole('region', { name: /^Année / })).toBeVisible();
    await expect(page.locator('main')).toContainText('vous en voyez les totaux');
    await expectAccessible(page);
  }
  await expect(page.locator('main')).not.toContainText('Montpellier');

  const origin = new URL(page.url()).origin;
  const post = (path: string, data: string) =>
    page.request.post(path, {
      headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      data,
      maxRedirects: 0,
    });
  const mobility = 'studentRef=X1&academicYear=2025-2026&destination=Berlin&mode=train_high_speed&railAid=10';
  expect((await post('/travel/mobility?/add', mobility)).status()).toBe(403);
  expect((await post('/travel/mobility?/delete', 'id=any')).status()).toBe(403);
  const meeting = 'kind=jury&heldByVideo=yes&date=2026-01-10&participants=1&from=Paris&to=Lyon&mode=plane';
  expect((await post('/travel/video?/add', meeting)).status()).toBe(403);
  expect((await post('/travel/video?/delete', 'id=any')).status()).toBe(403);
});
