import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, logIn, visit } from './support';

/** The French academic year (September to August) of today, as the pages compute it. */
function currentAcademicYear(): string {
  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const first = Number(today.slice(5, 7)) >= 9 ? year : year - 1;
  return `${first}-${first + 1}`;
}

function figure(page: Page, term: string) {
  return page.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
}

test('the officer records a session, checks two participants in and reads the coverage', async ({ page }) => {
  await logIn(page, 'admin');
  await visit(page, '/awareness', 'awareness sessions');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sensibilisation et formation');

  // Taguet A. becomes a facilitator, then leads the session.
  await visit(page, '/awareness/facilitators', 'awareness facilitators');
  await page.getByLabel('Personne', { exact: true }).selectOption({ label: 'Taguet A.' });
  await page.getByRole('button', { name: 'Ajouter aux animateurs' }).click();
  await expect(page.getByRole('status')).toHaveText('La personne a été ajoutée aux animateurs.');
  await expect(page.getByRole('row').filter({ hasText: 'Taguet A.' })).toContainText('0');

  await visit(page, '/awareness/sessions/new', 'awareness new session');
  await page.getByLabel('Type de session').selectOption({ label: 'Fresque du numérique' });
  await page.getByLabel('Intitulé').fill('Fresque du numérique — e2e');
  await page.getByLabel('Lieu (facultatif)').fill('Salle B12');
  await page.getByRole('checkbox', { name: /Taguet A\./ }).check();
  await page.getByRole('button', { name: 'Enregistrer la session' }).click();
  await expect(page.getByRole('status')).toHaveText('La session a été enregistrée.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fresque du numérique — e2e');
  await expect(figure(page, 'Animateurs')).toHaveText('Taguet A.');
  await expectAccessible(page);

  for (const [name, email] of [
    ['Alice Martin', 'alice.martin@example.org'],
    ['Bruno Leroy', ''],
  ]) {
    await page.getByLabel('Nom et prénom').fill(name);
    await page.getByLabel('Adresse électronique (facultatif)').fill(email);
    await page.getByLabel('Population', { exact: true }).selectOption({ label: 'Enseignants-chercheurs' });
    await page.getByRole('button', { name: 'Enregistrer la présence' }).click();
    await expect(page.getByRole('status')).toHaveText('La présence a été enregistrée.');
  }
  const participants = page.getByRole('table', { name: '2 participants nommés' });
  await expect(participants.getByRole('row')).toHaveCount(3);
  await expect(participants).toContainText('Alice Martin');
  await expect(figure(page, 'Participants')).toHaveText('2 (2 nommés, 0 comptés sans nom)');

  // The same person twice is refused.
  await page.getByLabel('Nom et prénom').fill('A. Martin');
  await page.getByLabel('Adresse électronique (facultatif)').fill('ALICE.MARTIN@example.org');
  await page.getByLabel('Population', { exact: true }).selectOption({ label: 'Enseignants-chercheurs' });
  await page.getByRole('button', { name: 'Enregistrer la présence' }).click();
  await expect(page.getByRole('alert')).toHaveText('Cette personne est déjà enregistrée pour cette session.');
  await expectAccessible(page);

  // Without a headcount the coverage is unknown; with 40 teacher-researchers it is 5 %.
  const year = currentAcademicYear();
  await visit(page, `/awareness/coverage?year=${year}`, 'awareness coverage');
  const table = page.getByRole('table', { name: `Année universitaire ${year}` });
  const row = table
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Enseignants-chercheurs', exact: true }) });
  await expect(row).toContainText('inconnu (effectif manquant)');

  await visit(page, '/awareness/headcounts', 'awareness headcounts');
  await page.getByLabel('Année universitaire').selectOption(year);
  await page.getByLabel('Population').selectOption({ label: 'Enseignants-chercheurs' });
  await page.getByRole('textbox', { name: 'Effectif' }).fill('40');
  await page.getByRole('button', { name: "Enregistrer l'effectif" }).click();
  await expect(page.getByRole('status')).toHaveText("L'effectif a été enregistré.");

  await page.goto(`/awareness/coverage?year=${year}`);
  await expect(row.getByRole('cell').last()).toHaveText(/^5\s%$/);
  await expect(row.getByRole('cell').nth(3)).toHaveText('40');
  await expectAccessible(page);
});

test('a large event is recorded in one submit with counts for several populations', async ({ page }) => {
  await logIn(page, 'admin');
  await visit(page, '/awareness/quick', 'awareness large event');
  await page.getByLabel('Type de session').selectOption({ label: 'Fresque du climat' });
  await page.getByLabel('Intitulé').fill('Rentrée climat — e2e');
  await page.getByLabel('Date (premier jour)').fill('2026-09-07');
  await page.getByLabel('Dernier jour (facultatif)').fill('2026-09-08');
  await page.getByLabel('Autres animateurs (nombre, sans nom)').fill('34');
  await page.getByLabel('Étudiants', { exact: true }).fill('4 000');
  await page.getByLabel('Personnels administratifs et techniques').fill('120');
  await page.getByLabel('Formation des étudiants (facultatif)').fill('Première année');
  await page.getByRole('button', { name: "Enregistrer l'événement" }).click();
  await expect(page.getByRole('status')).toHaveText('La session a été enregistrée.');
  await expect(figure(page, 'Participants')).toHaveText(/^4\s120 \(0 nommés, 4\s120 comptés sans nom\)$/);
  await expect(figure(page, 'Date')).toHaveText('du 2026-09-07 au 2026-09-08');
  await expect(figure(page, 'Animateurs')).toHaveText('34 animateurs non nommés');
  await expectAccessible(page);

  await visit(page, '/awareness?type=climate_fresk', 'awareness filtered');
  await expect(page.getByRole('row').filter({ hasText: 'Rentrée climat — e2e' })).toContainText(/4\s120/);
  await visit(page, '/awareness/import', 'awareness import');
  await page.getByLabel('Session', { exact: true }).selectOption({ label: '2026-09-07 — Rentrée climat — e2e' });
  await page.getByLabel('Fichier').setInputFiles({
    name: 'presence.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Nom;Email;Population;Programme;Année\nChloé Garnier;chloe@example.org;Étudiants;Première année;1\n',
    ),
  });
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import de presence.csv');
  await expectAccessible(page);
  await page.getByRole('button', { name: "Confirmer l'import" }).click();
  await page.getByRole('link', { name: 'Voir la session' }).click();
  await expect(page.getByRole('table', { name: '1 participant nommé' })).toContainText('Chloé Garnier');
  const response = await page.request.get('/awareness/export?format=csv');
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('Rentrée climat — e2e');
});

test('the awareness pages read in English and pass axe', async ({ page }) => {
  await logIn(page, 'admin');
  await page.goto('/awareness');
  await page.getByRole('button', { name: 'English' }).click();
  try {
    for (const [path, title] of [
      ['/awareness', 'Awareness and training'],
      ['/awareness/sessions/new', 'Record a session'],
      ['/awareness/quick', 'Record a large event'],
      ['/awareness/facilitators', 'Facilitators'],
      ['/awareness/headcounts', 'Headcounts by population'],
      ['/awareness/coverage', 'Awareness coverage'],
      ['/awareness/import', 'Import an attendance list or headcounts'],
    ]) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.locator('body')).not.toContainText(/\bawareness\.[a-z]+\.[a-zA-Z.]+/);
      await expectAccessible(page);
    }
  } finally {
    await page.getByRole('button', { name: 'Français' }).click();
  }
});

test('a viewer reads sessions and coverage without names, and the server refuses their posts', async ({ page }) => {
  await page.context().clearCookies();
  await logIn(page, 'viewer');
  await visit(page, '/awareness', 'awareness as viewer');
  await expect(page.getByRole('link', { name: 'Enregistrer une session' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Fresque du numérique — e2e' }).click();
  await expect(page.locator('main')).toContainText('Les noms des participants ne sont visibles');
  await expect(page.locator('main')).not.toContainText('Alice Martin');
  await expectAccessible(page);
  const sessionPath = new URL(page.url()).pathname;
  await visit(page, '/awareness/coverage', 'awareness coverage as viewer');
  await visit(page, '/awareness/headcounts', 'awareness headcounts as viewer');
  await expect(page.locator('main')).toContainText('Seul le responsable DD&RS saisit les effectifs.');

  const origin = new URL(page.url()).origin;
  const post = (path: string, data: string) =>
    page.request.post(path, {
      headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      data,
      maxRedirects: 0,
    });
  expect((await post('/awareness/sessions/new', 'typeKey=waste&title=X&startDate=2026-01-01')).status()).toBe(403);
  expect((await post('/awareness/headcounts', 'academicYear=2025-2026&population=student&headcount=1')).status()).toBe(
    403,
  );
  expect((await post(`${sessionPath}?/checkIn`, 'name=X&population=student')).status()).toBe(404);
  expect((await post(`${sessionPath}?/delete`, '')).status()).toBe(404);
  expect((await page.request.get('/awareness/export?format=csv&content=participants')).status()).toBe(404);
});
