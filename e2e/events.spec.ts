import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, logIn, visit } from './support';

/** A run-unique suffix: the demo database may already hold events recorded by an earlier run. */
const RUN = Date.now().toString(36);

async function recordEvent(
  page: Page,
  event: { title: string; date: string; attendance: string; sdgs: RegExp[]; lsf: boolean },
): Promise<void> {
  await visit(page, '/events/new', 'events new');
  await page.getByLabel('Titre', { exact: true }).fill(event.title);
  await page.getByLabel("Type d'événement").selectOption({ label: 'Cycle de conférences' });
  await page.getByLabel('Cycle ou série (facultatif)').fill('Les Culturelles');
  await page.getByLabel('Date de début').fill(event.date);
  await page.getByLabel('Lieu (facultatif)').fill('IMT Mines Alès');
  await page.getByLabel('Grand public').check();
  await page.getByLabel('Nombre de participants (facultatif)').fill(event.attendance);
  for (const sdg of event.sdgs) await page.getByRole('checkbox', { name: sdg }).check();
  if (event.lsf) await page.getByLabel('Langue des signes française (LSF)').check();
  await page.getByRole('button', { name: "Enregistrer l'événement" }).click();
  await expect(page.getByRole('status')).toHaveText("L'événement a été enregistré.");
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(event.title);
}

test('an event with two SDGs signed in French Sign Language is found with the "accessible" filter', async ({
  page,
}) => {
  await logIn(page, 'contributor');
  await visit(page, '/events', 'events');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Événements de culture scientifique');

  // A refused form keeps what was typed and says why, next to the field.
  await page.goto('/events/new');
  await page.getByLabel('Titre', { exact: true }).fill('Essai');
  await page.getByLabel('Date de début').fill('2026-03-12');
  await page.getByLabel('Nombre de participants (facultatif)').fill('beaucoup');
  await page.getByRole('button', { name: "Enregistrer l'événement" }).click();
  await expect(page.getByRole('alert')).toHaveText(
    "Le nombre de participants doit être un nombre entier (ou vide s'il est inconnu).",
  );
  await expect(page.getByLabel('Nombre de participants (facultatif)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Titre', { exact: true })).toHaveValue('Essai');
  await expectAccessible(page);

  const plain = `Conférence sans aménagement ${RUN}`;
  const signed = `Culturelles signées en LSF ${RUN}`;
  await recordEvent(page, { title: plain, date: '2026-03-12', attendance: '80', sdgs: [/^\s*7\. /], lsf: false });
  await recordEvent(page, {
    title: signed,
    date: '2026-03-19',
    attendance: '520',
    sdgs: [/^\s*13\. /, /^\s*15\. /],
    lsf: true,
  });
  await expectAccessible(page);
  const facts = page.locator('dl.fields');
  await expect(facts).toContainText('Langue des signes française (LSF)');
  await expect(facts.locator('li')).toHaveCount(2);
  await expect(page.getByRole('table', { name: /Modifications de l'événement/ })).toContainText('sdgs');

  await page.goto('/events');
  await page.getByLabel('Année', { exact: true }).selectOption('2026');
  await page.getByLabel('Seulement les événements accessibles (au moins un aménagement)').check();
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/accessible=yes/);
  const list = page.getByRole('table', { name: /les plus récents d'abord/ });
  await expect(list.getByRole('row', { name: new RegExp(signed) })).toContainText('Langue des signes française (LSF)');
  await expect(list).not.toContainText(plain);
  await expectAccessible(page);

  // The totals by year count every event, whatever the filters.
  await expect(page.getByRole('table', { name: /par année/ }).getByRole('rowheader', { name: '2026' })).toBeVisible();

  await visit(page, '/events/export?accessible=yes', 'events export');
  await expect(page.getByText('Seuls les événements qui correspondent aux filtres')).toBeVisible();
  const file = await page.request.get('/events/export/download?format=csv&accessible=yes&year=2026');
  expect(file.status()).toBe(200);
  const csv = await file.text();
  expect(csv).toContain(signed);
  expect(csv).not.toContain(plain);
});

test('a file of events is previewed row by row, then imported', async ({ page }) => {
  await logIn(page, 'pilot');
  await visit(page, '/events/import', 'events import');
  await page.getByLabel('Fichier (CSV, XLSX ou ODS)').setInputFiles({
    name: 'evenements.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `Titre;Type;Début;Participants;ODD;Accessibilité\nPint of Science ${RUN};pint of science;12/05/2026;45;"4;12";sous-titrage\n`,
    ),
  });
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Aperçu de l'import : evenements.csv");
  await expectAccessible(page);
  await page.getByRole('button', { name: "Confirmer l'import" }).click();
  await expect(page.getByRole('status')).toContainText('1 enregistrement créé');
  await page.goto('/events?kind=pint_of_science');
  await expect(page.getByRole('link', { name: `Pint of Science ${RUN}` })).toBeVisible();
});

test('the events pages read in English and pass axe', async ({ page }) => {
  await logIn(page, 'admin');
  await page.goto('/events');
  await page.getByRole('button', { name: 'English' }).click();
  try {
    for (const [path, title] of [
      ['/events', 'Science outreach events'],
      ['/events/new', 'Record an event'],
      ['/events/import', 'Import events'],
      ['/events/export', 'Export events'],
    ]) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.locator('body')).not.toContainText(/\bevents\.[a-z]+\.[a-zA-Z.]+/);
      await expectAccessible(page);
    }
  } finally {
    await page.getByRole('button', { name: 'Français' }).click();
  }
});

test('a viewer reads events but cannot record, edit or delete one', async ({ page }) => {
  await page.context().clearCookies();
  await logIn(page, 'viewer');
  await visit(page, '/events', 'events (viewer)');
  await expect(page.getByRole('link', { name: 'Enregistrer un événement' })).toHaveCount(0);
  const first = page
    .getByRole('table', { name: /les plus récents d'abord/ })
    .getByRole('link')
    .first();
  if ((await first.count()) > 0) {
    await first.click();
    await expect(page.getByRole('button', { name: 'Enregistrer les modifications' })).toHaveCount(0);
    await expectAccessible(page);
  }
  for (const path of ['/events/new', '/events/import']) {
    expect((await page.goto(path))?.status(), path).toBe(403);
  }
  const origin = new URL(page.url()).origin;
  const post = (path: string, data: string) =>
    page.request.post(path, {
      headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      data,
      maxRedirects: 0,
    });
  expect((await post('/events/new', 'title=X&kind=other&startDate=2026-01-01')).status()).toBe(403);
  expect((await post('/events/any-id?/delete', '')).status()).toBe(403);
});
