import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, logIn, visit } from './support';

const GES = 'GES 1point5 (Labos 1point5), version 2022-redistributed';
const ADEME = 'ADEME Base Empreinte 2025 (as used by Impact CO2), version 2025-10-16';

async function chooseMethod(page: Page, option: string): Promise<void> {
  await page.goto('/travel/settings');
  await page.getByLabel('Méthode de calcul des émissions').selectOption({ label: option });
  await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
  await expect(page.getByText('Les réglages ont été enregistrés.')).toBeVisible();
}

test('the officer switches the method, reads the recomputation it caused, in French and in English', async ({
  page,
}) => {
  await logIn(page, 'admin');
  await visit(page, '/travel/trips', 'declared trips');
  await page.getByRole('link', { name: /Réglages des déplacements/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réglages des déplacements professionnels');
  await expect(page.getByText("L'établissement n'a encore rien enregistré")).toBeVisible();
  await expect(page.getByRole('group', { name: /Justification écrite exigée/ }).getByLabel('Heures')).toHaveValue('4');
  await expect(page.getByRole('group', { name: /Vol signalé quand/ }).getByLabel('Heures')).toHaveValue('6');
  await expectAccessible(page);

  try {
    await chooseMethod(page, ADEME);
    // The entry the save created, shown on the settings page itself.
    const run = page.getByRole('region', { name: /changement des réglages/ });
    await expect(run).toContainText(`${GES} → ${ADEME}`);
    await expect(run).toContainText('Bazin I.');
    await expect(run.getByRole('table', { name: /Étapes modifiées par facteur d'émission/ })).toBeVisible();
    await expectAccessible(page);

    // A threshold out of order is refused with a sentence, and the form keeps what was typed.
    await page
      .getByRole('group', { name: /Justification écrite exigée/ })
      .getByLabel('Heures')
      .fill('7');
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await expect(page.getByRole('alert')).toContainText('ne peut pas dépasser le seuil de signalement');
    await expect(page.getByRole('group', { name: /Justification écrite exigée/ }).getByLabel('Heures')).toHaveValue(
      '7',
    );
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Historique des recalculs' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Historique des recalculs des déplacements');
    await expect(page.getByRole('heading', { level: 2 }).first()).toContainText('changement des réglages');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'English' }).click();
    try {
      for (const path of ['/travel/settings', '/travel/recomputes']) {
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('lang', 'en');
        await expectAccessible(page);
        expect(await page.locator('body').textContent()).not.toMatch(/\btravel\.(settings|recomputes)\.[a-zA-Z.]+/);
      }
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('History of trip recomputations');
      await expect(page.getByRole('heading', { level: 2 }).first()).toContainText('settings changed');
    } finally {
      await page.getByRole('button', { name: 'Français' }).click();
    }
  } finally {
    // Later specs expect the default method.
    await chooseMethod(page, GES);
  }
});

// Not the contributor: auth.spec's rate-limit test locks that account for 15 minutes in a full run.
for (const who of ['pilot', 'viewer'] as const) {
  test(`a ${who} may not open the travel settings or their history, nor post them`, async ({ page }) => {
    await logIn(page, who);
    for (const path of ['/travel/settings', '/travel/recomputes']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
    const post = await page.request.post('/travel/settings', {
      headers: { accept: 'text/html', origin: new URL(page.url()).origin },
      form: { methodKey: 'ademe-base-empreinte-2025', justifyHours: '4', flagHours: '6' },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(403);
  });
}
