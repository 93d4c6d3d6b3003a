import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, logIn, measure, openIndicator, PLAN_2021, PLAN_2023 } from './support';

const COMPOST_ACTION = 'Compostage des déchets et donner à entr’ema pour maraichage'.replace('’', "'");
const COMPOST = 'Kg de compost produit/an';
// Validated demo values 40 000 (2023), 95 000 (2024) and 150 000 kWhef (2025); no baseline nor target in the seed.
const ENERGY_ACTION =
  'Réduction des consommations en énergie fossile par la rénovation énergétique de certains bâtiments : G, R, JN';
const ENERGY = 'Kwhef économisés';
const DEMO_NOTICE = /^Ce plan contient des valeurs de démonstration/;
const STATUSES = ['Atteint', 'En bonne voie', 'À risque', 'En retard', 'Sans données'] as const;

/**
 * Every SVG chart in the main content is an image with a text alternative (aria-label, aria-labelledby or
 * <title>), inside a figure with a caption and the same data as a table. Returns how many charts were found.
 */
async function expectChartsDescribed(page: Page): Promise<number> {
  const charts = await page.locator('main svg').evaluateAll((svgs) =>
    svgs.map((svg) => {
      const byIds = (svg.getAttribute('aria-labelledby') ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
        .join(' ')
        .trim();
      const title = svg.querySelector(':scope > title')?.textContent?.trim() ?? '';
      const name = svg.getAttribute('aria-label')?.trim() || byIds || title;
      const figure = svg.closest('figure');
      return {
        role: svg.getAttribute('role'),
        name,
        caption: figure?.querySelector('figcaption')?.textContent?.trim() ?? '',
        tableRows: figure?.querySelectorAll('table tbody tr').length ?? 0,
      };
    }),
  );
  const problems = charts.flatMap((c, i) => [
    ...(c.role === 'img' ? [] : [`chart ${i}: role=${c.role}`]),
    ...(c.name ? [] : [`chart ${i}: no text alternative`]),
    ...(c.caption ? [] : [`chart ${i}: no figure caption`]),
    ...(c.tableRows > 0 ? [] : [`chart ${i}: no data table`]),
  ]);
  expect(problems, `charts on ${page.url()}`).toEqual([]);
  return charts.length;
}

/** Opens a chart's data table (a <details>) with the keyboard and returns it. */
async function openChartTable(page: Page, caption: string) {
  const figure = page.locator('figure').filter({ has: page.locator('figcaption', { hasText: caption }) });
  await figure.locator('summary').press('Enter');
  const table = figure.getByRole('table', { name: `Données du graphique : ${caption}` });
  await expect(table).toBeVisible();
  return table;
}

/** Indicators per status, read from the data table of the dashboard's status chart. */
async function statusCounts(page: Page): Promise<Record<(typeof STATUSES)[number], number>> {
  await page.goto('/dashboard');
  const caption = (await page.locator('figcaption', { hasText: 'Statut des indicateurs du plan' }).textContent()) ?? '';
  const table = await openChartTable(page, caption.trim());
  const counts = {} as Record<(typeof STATUSES)[number], number>;
  for (const status of STATUSES) {
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: status, exact: true }) });
    counts[status] = Number(await row.getByRole('cell').textContent());
  }
  return counts;
}

test('the dashboard shows the demo plan: statuses, charts with captions and tables, SDG and axis views', async ({
  page,
}) => {
  await logIn(page, 'viewer');
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Tableau de bord' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tableau de bord');
  await expect(page.getByLabel('Plan', { exact: true })).toHaveValue(/.+/);
  await expect(page.getByLabel('Plan', { exact: true }).locator('option:checked')).toHaveText(PLAN_2023);
  await expect(page.getByText(/avancement global : .*; statut : .*; \d+ indicateurs\./)).toBeVisible();
  await expect(page.getByText(DEMO_NOTICE)).toBeVisible();

  for (const heading of [
    'Statut des indicateurs',
    'Avancement par chantier',
    'Mises à jour en retard',
    'Modifications récentes',
    'Avancement par ODD',
    'Avancement par axe',
  ]) {
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  }
  expect(await expectChartsDescribed(page)).toBeGreaterThanOrEqual(4);
  await expect(page.getByRole('img', { name: /^Statut des indicateurs du plan \(\d+ indicateurs\)/ })).toBeVisible();
  await expectAccessible(page);
  await measure(page, 'dashboard');

  const counts = await statusCounts(page);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(0);
  // The demo values give some indicators a real status, not only "no data".
  expect(total - counts['Sans données']).toBeGreaterThan(0);

  // SDG and axis views carry their counts as plain tables too.
  const sdgTable = page.getByRole('table', { name: 'Nombre d’indicateurs par statut, pour chaque ODD' });
  await expect(sdgTable.getByRole('rowheader', { name: /^ODD \d+ — / }).first()).toBeVisible();
  const axisTable = page.getByRole('table', { name: 'Nombre d’indicateurs par statut, pour chaque axe' });
  await expect(axisTable.locator('tbody tr').first()).toBeVisible();

  // Recent changes name what changed and lead to it.
  const recent = page.getByRole('table', { name: 'Dernières modifications des actions et des indicateurs du plan' });
  await expect(recent.locator('tbody tr a[href^="/indicators/"]').first()).toBeVisible();

  // The other plan has its own dashboard, chosen with the keyboard.
  await page.goto('/dashboard');
  await page.getByLabel('Plan', { exact: true }).selectOption({ label: PLAN_2021 });
  await page.getByRole('button', { name: 'Afficher' }).press('Enter');
  await expect(page).toHaveURL(/\/dashboard\?plan=/);
  await expect(page.getByLabel('Plan', { exact: true }).locator('option:checked')).toHaveText(PLAN_2021);
  await expect(page.getByRole('link', { name: PLAN_2021, exact: true })).toBeVisible();
  // No demo value was loaded into that plan, so no notice.
  await expect(page.getByText(DEMO_NOTICE)).toHaveCount(0);
  await expectChartsDescribed(page);
  await expectAccessible(page);
});

test('an indicator page draws its values as a described chart with a table, demo values marked', async ({ page }) => {
  await logIn(page, 'committee');
  await openIndicator(page, COMPOST_ACTION, COMPOST);
  expect(await expectChartsDescribed(page)).toBeGreaterThanOrEqual(1);
  const caption = `Valeurs soumises ou validées de l'indicateur « ${COMPOST} »`;
  await expect(page.getByRole('img', { name: new RegExp(`^${caption}`) })).toBeVisible();
  const table = await openChartTable(page, caption);
  await expect(table.getByRole('row').filter({ hasText: '2023' })).toContainText('1 800');
  await expect(table.getByRole('row').filter({ hasText: '2024' })).toContainText('2 600');
  const values = page.getByRole('table', { name: `Valeur actuelle de chaque période pour « ${COMPOST} »` });
  const row2024 = values.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2024', exact: true }) });
  await expect(row2024).toContainText('démonstration');
  await expectAccessible(page);
});

test('the officer changes a progress threshold: a bad value is refused clearly, a good one moves the statuses', async ({
  page,
}) => {
  await logIn(page, 'admin');

  // Give the energy indicator a quantified target: 150 000 kWhef in 2025 is 30 % of the way to 500 000 in 2030,
  // when the straight line expected 37.5 %: a ratio of 80 %, at risk with the default 90 % / 60 % thresholds.
  const indicator = await openIndicator(page, ENERGY_ACTION, ENERGY);
  await page.getByRole('link', { name: 'Modifier la définition' }).click();
  await page.getByLabel('Valeur de référence', { exact: true }).fill('0');
  await page.getByLabel('Date de la valeur de référence').fill('2023-01-01');
  await page.getByLabel('Valeur cible').fill('500 000');
  await page.getByLabel('Échéance').fill('2030-12-31');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page).toHaveURL(new RegExp(`${indicator}$`));
  const standing = page.locator('dl').filter({ has: page.getByText('Statut', { exact: true }) });
  await expect(standing).toContainText('À risque');
  const before = await statusCounts(page);

  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: "Règles d'avancement" })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Règles d'avancement");
  const onTrack = page.getByLabel('Seuil « en bonne voie » (% du progrès attendu)');
  const atRisk = page.getByLabel('Seuil « à risque » (% du progrès attendu)');
  await expect(onTrack).toHaveValue('90');
  await expect(atRisk).toHaveValue('60');

  await atRisk.fill('95');
  await atRisk.press('Enter');
  await expect(page.getByRole('alert')).toHaveText(
    'Le seuil « à risque » doit être inférieur au seuil « en bonne voie ».',
  );
  await expect(atRisk).toHaveValue('95');
  await expect(atRisk).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await atRisk.fill('soixante');
  await atRisk.press('Enter');
  await expect(page.getByRole('alert')).toHaveText(
    'Vérifiez les valeurs : des seuils entre 0 et 100 %, un délai en jours entier entre 0 et 366.',
  );
  await atRisk.fill('60');
  await onTrack.fill('150');
  await onTrack.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Vérifiez les valeurs');

  try {
    await onTrack.fill('75');
    await onTrack.press('Enter');
    await expect(page.getByRole('status')).toHaveText('Règles enregistrées.');
    await expect(onTrack).toHaveValue('75');
    await expect(page.getByRole('listitem').filter({ hasText: '75' }).first()).toBeVisible();
    const history = page.getByRole('table', { name: /^Modifications des règles de progression/ });
    const change = history.getByRole('row').filter({ hasText: 'Seuil « en bonne voie » (%)' }).first();
    await expect(change).toContainText('90 %');
    await expect(change).toContainText('75 %');
    await expect(change).toContainText(/Bazin I\./);
    await expectAccessible(page);

    // Indicators between 75 % and 90 % of the expected progress (ours among them) move from at risk to on track;
    // nothing else moves.
    const after = await statusCounts(page);
    const moved = before['À risque'] - after['À risque'];
    expect(moved).toBeGreaterThanOrEqual(1);
    expect(after).toEqual({
      ...before,
      'À risque': before['À risque'] - moved,
      'En bonne voie': before['En bonne voie'] + moved,
    });
    await page.goto(indicator);
    await expect(standing).toContainText('En bonne voie');
  } finally {
    await page.goto('/admin/progress');
    await onTrack.fill('90');
    await atRisk.fill('60');
    await onTrack.press('Enter');
    await expect(page.getByRole('status')).toHaveText('Règles enregistrées.');
  }
});

test('a user changes their notification choices and they stay changed', async ({ page }) => {
  await logIn(page, 'admin');
  await page.goto('/account');
  await page.getByRole('link', { name: 'Notifications par courriel' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes notifications');
  const reminders = page.getByRole('checkbox', { name: /^Rappels de saisie/ });
  const digest = page.getByRole('checkbox', { name: /^Synthèse hebdomadaire/ });
  const initial = { reminders: await reminders.isChecked(), digest: await digest.isChecked() };

  const toggleAndSave = async () => {
    await reminders.focus();
    await page.keyboard.press('Space');
    await digest.focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Enregistrer mes choix' }).press('Enter');
    await expect(page.getByRole('status')).toHaveText('Vos choix sont enregistrés.');
  };
  await toggleAndSave();
  await page.goto('/account/notifications');
  await expect(reminders).toBeChecked({ checked: !initial.reminders });
  await expect(digest).toBeChecked({ checked: !initial.digest });
  await expectAccessible(page);

  // And back: both ways are stored, not only the change from the default.
  await toggleAndSave();
  await page.reload();
  await expect(reminders).toBeChecked({ checked: initial.reminders });
  await expect(digest).toBeChecked({ checked: initial.digest });

  // A pilot is not offered the officers' weekly digest.
  await page.context().clearCookies();
  await logIn(page, 'pilot');
  await page.goto('/account/notifications');
  await expect(page.getByRole('checkbox', { name: /^Rappels de saisie/ })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /^Synthèse hebdomadaire/ })).toHaveCount(0);
});
