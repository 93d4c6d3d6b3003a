import { expect, test } from '@playwright/test';
import { expectAccessible, logIn, visit } from './support';

const PROGRAMME = `Master Transitions ${Date.now().toString(36)}`;

test('a contributor records a programme addressing RES with its evidence, adds a course and sees the share', async ({
  page,
}) => {
  await logIn(page, 'contributor');
  await visit(page, '/teaching', 'teaching');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Formations et responsabilité sociétale et environnementale',
  );
  await page.getByRole('link', { name: 'Nouvelle formation' }).click();
  await expect(page).toHaveURL(/\/teaching\/programmes\/new$/);
  await visit(page, '/teaching/programmes/new', 'new programme');

  await page.getByLabel('Nom de la formation').fill(PROGRAMME);
  await page.getByLabel('Niveau').selectOption({ label: 'Master' });
  await page.getByLabel('La formation adresse la responsabilité sociétale et environnementale').check();
  await page.getByRole('button', { name: 'Enregistrer la formation' }).click();
  // Marked RES without evidence: refused, next to the field.
  await expect(page.getByRole('alert')).toContainText('doit avoir sa justification');
  await expect(page.getByLabel('Justification', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await page
    .getByLabel('Justification', { exact: true })
    .fill('Unités sur les risques, le climat et la santé publique.');
  await page.getByLabel('Lien vers la justification (facultatif)').fill('https://example.org/master');
  await page.getByRole('button', { name: 'Enregistrer la formation' }).click();
  await expect(page.getByRole('status')).toHaveText('La formation a été enregistrée.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PROGRAMME);
  await expectAccessible(page);
  const programmeUrl = page.url();

  const courseForm = page.getByRole('form', { name: 'Ajouter un enseignement' });
  await courseForm.getByLabel("Nom de l'enseignement").fill('Controverses socio-techniques');
  await courseForm.getByLabel('Heures (facultatif)').fill('16');
  await courseForm.getByLabel('Année ou semestre (facultatif)').fill('S1');
  await courseForm.getByLabel("L'enseignement adresse la responsabilité sociétale et environnementale").check();
  await courseForm.getByLabel('Justification', { exact: true }).fill('Débats sur des controverses environnementales.');
  await page.getByRole('button', { name: "Ajouter l'enseignement" }).click();
  await expect(page.getByRole('status')).toHaveText("L'enseignement a été ajouté.");
  const row = page.getByRole('table', { name: /^1 enseignement/ }).getByRole('row', { name: /Controverses/ });
  await expect(row).toContainText('16');
  await expect(row).toContainText('Oui');

  const feedbackForm = page.getByRole('form', { name: 'Enregistrer un retour' });
  await feedbackForm.getByLabel('Année universitaire').fill('2024-2025');
  await feedbackForm.getByLabel('Étudiants inscrits').fill('30');
  await feedbackForm.getByLabel('Répondants', { exact: true }).fill('12');
  await page.getByRole('button', { name: 'Enregistrer le retour' }).click();
  await expect(page.getByRole('status')).toHaveText('Le retour a été enregistré.');
  await expect(page.getByRole('table', { name: /^1 enquête/ })).toContainText(/40\s%/);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Controverses socio-techniques' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Controverses socio-techniques');
  await visit(page, new URL(page.url()).pathname, 'course');

  await visit(page, '/teaching?res=yes', 'teaching filtered');
  const share = page.getByRole('region', { name: 'Part des formations qui adressent la RES' });
  await expect(share.locator('dd').first()).toHaveText(/%\s\(\d+ formations sur \d+\)/);
  await expect(share).toContainText(/50\s%/);
  const listed = page.getByRole('row', { name: new RegExp(PROGRAMME) });
  await expect(listed).toContainText('Oui');
  await expect(listed).toContainText('1 (1)');
  await page.goto(programmeUrl);
  await expect(page.getByRole('table', { name: 'Historique' })).toContainText('addresses_res');
});

test('a contributor imports programmes and courses after a preview', async ({ page }) => {
  await logIn(page, 'contributor');
  await visit(page, '/teaching/import', 'teaching import');
  const name = `Licence import ${Date.now().toString(36)}`;
  await page.getByLabel('Fichier').setInputFiles({
    name: 'formations.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `Formation;Niveau;Formation RES;Justification formation;Enseignement;Heures;Enseignement RES;Justification enseignement\r\n${name};Licence ou bachelor;oui;Rapport;Écologie;20;oui;Programme\r\n${name};;;;Statistiques;30;non;\r\n`,
    ),
  });
  await page.getByRole('button', { name: "Voir l'aperçu" }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import de formations.csv');
  await expectAccessible(page);
  await page.getByRole('button', { name: "Confirmer l'import" }).click();
  await expect(page.locator('main')).toContainText('3');
  await expectAccessible(page);
  await page.goto('/teaching');
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('2 (1)');
});

test('the teaching pages read in English and pass axe', async ({ page }) => {
  await logIn(page, 'admin');
  await page.goto('/teaching');
  await page.getByRole('button', { name: 'English' }).click();
  try {
    await page.goto('/teaching');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Teaching and social and environmental responsibility',
    );
    await expect(page.locator('body')).not.toContainText(/\bteaching\.[a-z]+\.[a-zA-Z.]+/);
    await expectAccessible(page);
    await page.goto('/teaching/programmes/new');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('New programme');
    await expectAccessible(page);
  } finally {
    await page.getByRole('button', { name: 'Français' }).click();
  }
});

test('a viewer reads programmes but records nothing, and the server refuses their posts', async ({ page }) => {
  await page.context().clearCookies();
  await logIn(page, 'viewer');
  const response = await page.goto('/teaching');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('link', { name: 'Nouvelle formation' })).toHaveCount(0);
  await expectAccessible(page);
  expect((await page.goto('/teaching/programmes/new'))?.status()).toBe(403);
  const origin = new URL(page.url()).origin;
  const post = await page.request.post('/teaching/programmes/new', {
    headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    data: 'name=Intrus&level=master',
    maxRedirects: 0,
  });
  expect(post.status()).toBe(403);
});
