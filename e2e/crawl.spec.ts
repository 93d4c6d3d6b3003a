import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, logIn, measure, openIndicator, PLAN_2021, visit } from './support';

const COMPOST_ACTION = 'Compostage des déchets et donner à entr’ema pour maraichage'.replace('’', "'");
const COMPOST = 'Kg de compost produit/an';

// Sixty-odd pages, each checked by axe: well beyond the default minute per test.
test.describe.configure({ timeout: 300_000 });

/** Back-office pages every signed-in officer reaches from the navigation. */
const OFFICER_PAGES = [
  '/plans',
  '/sdg',
  '/people',
  '/governance',
  '/admin/users',
  '/import',
  '/dashboard',
  '/admin/progress',
  '/account',
  '/account/notifications',
  '/account/tokens',
  '/api/docs',
  '/exports',
  '/travel',
  '/travel/footprint',
  '/travel/trips',
  '/travel/import',
  '/travel/import/profiles',
  '/travel/fund',
  '/travel/flags',
  '/travel/mobility',
  '/travel/video',
  '/travel/settings',
  '/travel/recomputes',
  '/travel/places',
  '/reports',
  '/reports/annual/2025',
  '/awareness',
  '/awareness/sessions/new',
  '/awareness/quick',
  '/awareness/facilitators',
  '/awareness/headcounts',
  '/awareness/coverage',
  '/awareness/import',
  '/teaching',
  '/teaching/programmes/new',
  '/teaching/import',
  '/events',
  '/events/new',
  '/events/import',
  '/events/export',
  '/engagement',
  '/reporting',
  '/research',
  '/research/projects/new',
  '/research/sdg-check',
  '/research/open-access',
  '/research/import',
  '/research/export',
  '/partners',
  '/partners/new',
  '/partners/sdg',
  '/partners/import',
  '/partners/export',
  '/ideas',
  '/ideas/new',
  '/ideas/mine',
  '/ideas/moderation',
  '/ideas/settings',
  '/ideas/export',
  '/label',
  '/label/referential',
  '/the-impact',
  '/portal-settings',
];

/** The pilot's own work pages (written alongside this crawl: they must exist and pass axe). */
const MY_PAGES = ['/my', '/my/values', '/my/values/import'];

/** The dashboard of the 2021-2022 plan: the plan picker's option, not a hard-coded id. */
async function otherPlanDashboard(page: Page): Promise<string> {
  await page.goto('/dashboard');
  const id = await page
    .getByLabel('Plan', { exact: true })
    .locator('option', { hasText: PLAN_2021 })
    .getAttribute('value');
  expect(id).toBeTruthy();
  return `/dashboard?plan=${id}`;
}

test('every back-office page passes axe as the officer, in French', async ({ page }) => {
  await logIn(page, 'admin');
  for (const path of ['/sdg/17', '/plans/reviews', ...OFFICER_PAGES]) {
    await visit(page, path);
  }
  await visit(page, await otherPlanDashboard(page), 'dashboard 2021-2022');
  const indicator = await openIndicator(page, COMPOST_ACTION, COMPOST);
  await expectAccessible(page);
  await measure(page, 'indicator page');
  await visit(page, `${indicator}/edit`, 'indicator definition form');
  await page.goto('/people');
  await page.locator('main table a[href^="/people/"]').first().click();
  await expectAccessible(page);
  await measure(page, 'person page');
  await page.goto('/plans');
  const planLinks = await page
    .locator('main tbody a[href^="/plans/"]:not([href*="export"])')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(planLinks.length).toBeGreaterThanOrEqual(2);
  for (const href of planLinks) await visit(page, href, `plan ${href.slice(0, 20)}…`);
});

const UNTRANSLATED =
  /\b(plan|sdg|people|governance|admin|import|nav|errors|dashboard|indicators|progress|notifications|api|export|chart|my|travel|fund)\.[a-z]+\.[a-zA-Z.]+/;

test('the same pages pass axe in English, with no untranslated key showing', async ({ page }) => {
  await logIn(page, 'admin');
  const indicator = await openIndicator(page, COMPOST_ACTION, COMPOST);
  const otherPlan = await otherPlanDashboard(page);
  await page.getByRole('button', { name: 'English' }).click();
  try {
    for (const path of [...OFFICER_PAGES, otherPlan, indicator, `${indicator}/edit`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBeLessThan(400);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expectAccessible(page);
      const text = await page.locator('body').textContent();
      expect(text ?? '', path).not.toMatch(UNTRANSLATED);
    }
  } finally {
    await page.getByRole('button', { name: 'Français' }).click();
  }
});

test("the pilot's own pages pass axe in French and in English", async ({ page }) => {
  await logIn(page, 'pilot');
  const missing: string[] = [];
  for (const path of MY_PAGES) {
    const response = await page.goto(path);
    if (response?.status() === 404) {
      missing.push(path);
      continue;
    }
    await visit(page, path);
  }
  await page.getByRole('button', { name: 'English' }).click();
  try {
    for (const path of MY_PAGES.filter((p) => !missing.includes(p))) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expectAccessible(page);
      expect((await page.locator('body').textContent()) ?? '', path).not.toMatch(UNTRANSLATED);
    }
  } finally {
    await page.getByRole('button', { name: 'Français' }).click();
  }
  expect(missing, 'pages answering 404').toEqual([]);
});

test('a viewer sees the plan but no edit, import or admin entry', async ({ page }) => {
  await logIn(page, 'viewer');
  await expect(page.getByRole('link', { name: 'Importer un plan' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Utilisateurs' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: "Règles d'avancement" })).toHaveCount(0);
  for (const path of ['/admin/users', '/import', '/plans/reviews', '/admin/progress']) {
    const r = await page.goto(path);
    expect(r?.status(), path).toBe(403);
  }
});

test('viewers and committee members read an indicator but may not edit its definition or the progress rules', async ({
  page,
}) => {
  for (const who of ['viewer', 'committee'] as const) {
    await page.context().clearCookies();
    await logIn(page, who);
    const indicator = await openIndicator(page, COMPOST_ACTION, COMPOST);
    await expect(page.getByRole('link', { name: 'Modifier la définition' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Saisir ou corriger une valeur' })).toHaveCount(0);
    for (const path of [`${indicator}/edit`, '/admin/progress']) {
      const r = await page.goto(path);
      expect(r?.status(), `${who} ${path}`).toBe(403);
    }
    await expectAccessible(page);
    // The server refuses the form posts too, not only the pages.
    const origin = new URL(page.url()).origin;
    const post = (path: string, data: string) =>
      page.request.post(path, {
        headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        data,
        maxRedirects: 0,
      });
    expect((await post('/admin/progress', 'onTrackMin=10&atRiskMin=5&graceDays=1')).status(), who).toBe(403);
    expect((await post(`${indicator}/edit`, 'version=1&name=hijack')).status(), who).toBe(403);
    expect((await post(`${indicator}?/validate`, 'period=2025&version=1')).status(), who).toBe(403);
  }
});
