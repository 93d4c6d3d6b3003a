import { expect, test } from '@playwright/test';
import { logIn, visit } from './support';

// A year no other spec touches, so the flow starts from an empty report.
const YEAR = '2024';

test('the officer selects SDGs, writes a narrative, publishes and downloads the HTML', async ({ page }) => {
  await logIn(page, 'admin');
  await visit(page, '/reports', 'reports');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rapports');
  await visit(page, `/reports/annual/${YEAR}`, 'annual report');
  // The preview embeds the report with its own title (an h1 too).
  await expect(page.getByRole('heading', { level: 1 }).first()).toHaveText(`Rapport annuel ${YEAR} par ODD`);

  const sdgs = page.getByRole('group', { name: 'Un chapitre par ODD sélectionné' });
  for (const box of await sdgs.getByRole('checkbox').all()) await box.uncheck();
  await sdgs.getByLabel(/^ODD 13 — /).check();
  await sdgs.getByLabel(/^ODD 17 — /).check();
  await page.getByRole('button', { name: 'Enregistrer la sélection' }).click();
  await expect(page.getByRole('status')).toHaveText("La sélection d'ODD a été enregistrée.");
  await expect(page.getByRole('heading', { level: 3, name: /^ODD 17 — / })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: /^ODD 4 — / })).toHaveCount(0);

  await page.getByLabel(/^Texte : ODD 17 — /).fill('Nos **partenariats** ont grandi.\n\n- un réseau régional');
  await page.getByRole('button', { name: /^Enregistrer le texte — ODD 17/ }).click();
  await expect(page.getByRole('status')).toHaveText('Le texte a été enregistré.');
  const preview = page.getByRole('region', { name: 'Aperçu du rapport' });
  await expect(preview.getByText('un réseau régional')).toBeVisible();
  await expect(preview.getByRole('heading', { name: /^ODD 17 — / })).toBeVisible();

  await page.getByRole('button', { name: 'Soumettre à la relecture' }).click();
  await expect(page.getByText('Statut : En relecture')).toBeVisible();
  await page.getByRole('button', { name: 'Publier une nouvelle version' }).click();
  await expect(page.getByRole('status')).toHaveText(/^La version \d+ a été publiée\.$/);
  await visit(page, `/reports/annual/${YEAR}`, 'annual report published');

  const download = page.waitForEvent('download');
  await page
    .getByRole('region', { name: 'Versions publiées' })
    .getByRole('link', { name: /^HTML — Version 1/ })
    .click();
  const file = await (await download).path();
  const { readFileSync } = await import('node:fs');
  const html = readFileSync(file, 'utf8');
  expect(html).toContain('Nos <strong>partenariats</strong> ont grandi.');
  expect(html).toContain('<dt>Version</dt><dd>1</dd>');
});

test('a viewer sees published versions only, in English', async ({ page }) => {
  await logIn(page, 'viewer');
  await page.context().addCookies([{ name: 'trj_locale', value: 'en', url: page.url() }]);
  await visit(page, '/reports', 'reports (viewer, en)');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reports');
  expect((await page.request.get(`/reports/annual/${YEAR}`)).status()).toBe(404);
  expect((await page.request.get(`/reports/annual/${YEAR}/download?format=html`)).status()).toBe(404);
  const css = await page.request.get('/reports/report.css');
  expect(css.headers()['content-type']).toContain('text/css');
});
