import { type Browser, expect, type Page, test } from '@playwright/test';
import { ACCOUNTS, logIn, visit } from './support';

const SLUG = 'imt-mines-ales';
const BASE = `/public/${SLUG}`;
const SECTIONS = ['plan', 'sdg', 'reports', 'fund', 'data'] as const;
const LICENCE = 'Licence Ouverte / Etalab 2.0';

test.describe.configure({ mode: 'serial' });

/** The officer sets the portal: open or closed, and which sections are public. */
async function setPortal(page: Page, enabled: boolean, sections: readonly string[]): Promise<void> {
  await page.goto('/portal-settings');
  await page.getByLabel('Ouvrir le portail public').setChecked(enabled);
  const labels: Record<string, string> = {
    plan: 'Avancement du plan par chantier et par ODD',
    sdg: 'Matrice ODD × axes',
    reports: 'Rapports publiés',
    fund: 'Projets du fonds de compensation',
    data: 'Données ouvertes (CSV et JSON)',
  };
  for (const s of SECTIONS) await page.getByLabel(labels[s]).setChecked(sections.includes(s));
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status')).toHaveText('Les réglages du portail ont été enregistrés.');
}

/** A browser context without any session: what the public sees. */
async function anonymous(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** What must never appear on a public page: the demo accounts' addresses and the officer's name. */
let privateTexts: string[] = [];

async function expectNothingPrivate(page: Page): Promise<void> {
  const html = await page.content();
  for (const secret of privateTexts) expect(html, `${page.url()} shows ${secret}`).not.toContain(secret);
  expect(await page.locator('script').count(), `${page.url()} ships a script`).toBe(0);
  // No back-office navigation: the site's main menu is only for signed-in users.
  await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toHaveCount(0);
}

test('a closed portal and a closed section answer 404, like an unknown institution', async ({ page, browser }) => {
  await logIn(page, 'admin');
  privateTexts = [...Object.values(ACCOUNTS), (await page.locator('header.site .site-bar > span').textContent()) ?? ''];
  privateTexts = privateTexts.filter((s) => s.trim().length > 3);
  await visit(page, '/portal-settings', 'portal settings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portail public');
  await setPortal(page, false, SECTIONS);
  const visitor = await anonymous(browser);
  expect((await visitor.goto(BASE))?.status()).toBe(404);
  expect((await visitor.goto(`${BASE}/data/plan.csv`))?.status()).toBe(404);
  expect((await visitor.goto('/public/no-such-institution'))?.status()).toBe(404);

  await setPortal(page, true, ['plan', 'sdg', 'reports', 'fund']);
  expect((await visitor.goto(BASE))?.status()).toBe(200);
  expect((await visitor.goto(`${BASE}/data`))?.status()).toBe(404);
  expect((await visitor.request.get(`${BASE}/data/values.json`)).status()).toBe(404);
  await setPortal(page, true, SECTIONS);
  await visitor.context().close();
});

test('the public crawls every portal page in French: accessible, light, nothing private', async ({ browser }) => {
  const visitor = await anonymous(browser);
  await visit(visitor, BASE, 'portal home (fr)');
  await expect(visitor.getByRole('heading', { level: 1 })).toContainText('IMT Mines Alès');
  await expect(visitor.getByRole('link', { name: LICENCE })).toHaveAttribute('rel', 'license');
  await expectNothingPrivate(visitor);
  for (const s of SECTIONS) {
    await visitor.goto(BASE);
    await visitor
      .getByRole('navigation', { name: 'Rubriques du portail' })
      .getByRole('link')
      .nth(SECTIONS.indexOf(s) + 1)
      .click();
    await expect(visitor).toHaveURL(new RegExp(`${BASE}/${s}$`));
    await visit(visitor, `${BASE}/${s}`, `portal ${s} (fr)`);
    await expectNothingPrivate(visitor);
  }
  await visitor.goto(`${BASE}/plan`);
  await expect(visitor.getByRole('table', { name: /Avancement par chantier/ })).toBeVisible();
  await visitor.goto(`${BASE}/sdg`);
  await expect(visitor.getByRole('table', { name: 'Actions par ODD et par axe' }).getByRole('row')).toHaveCount(18);

  // Open data: every file states the licence; nothing private inside.
  for (const name of ['plan.csv', 'plan.json', 'indicators.csv', 'indicators.json', 'values.csv', 'values.json']) {
    const response = await visitor.request.get(`${BASE}/data/${name}`);
    expect(response.status(), name).toBe(200);
    expect(response.headers().link).toContain('rel="license"');
    const body = await response.text();
    expect(body, name).toContain(LICENCE);
    for (const secret of privateTexts) expect(body, `${name} shows ${secret}`).not.toContain(secret);
  }
  const plan = JSON.parse(await (await visitor.request.get(`${BASE}/data/plan.json`)).text());
  expect(plan.metadata).toMatchObject({ licence: LICENCE, institution: 'IMT Mines Alès' });

  // Published reports, when there are any: each format downloads.
  await visitor.goto(`${BASE}/reports`);
  const html = visitor.getByRole('link', { name: /, HTML$/ }).first();
  if (await html.count()) {
    const href = (await html.getAttribute('href')) ?? '';
    expect((await visitor.request.get(href)).status()).toBe(200);
  }
  await visitor.context().close();
});

test('the portal reads in English too', async ({ browser }) => {
  const visitor = await anonymous(browser);
  await visitor.goto(BASE);
  await visitor.getByRole('button', { name: 'English' }).click();
  await expect(visitor.getByRole('navigation', { name: 'Portal sections' })).toBeVisible();
  await visit(visitor, BASE, 'portal home (en)');
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(
    'Sustainability and social responsibility at IMT Mines Alès',
  );
  for (const s of SECTIONS) {
    await visit(visitor, `${BASE}/${s}`, `portal ${s} (en)`);
    await expectNothingPrivate(visitor);
  }
  const csv = await (await visitor.request.get(`${BASE}/data/values.csv`)).text();
  expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toContain('Indicator id;Indicator;Period');
  await visitor.context().close();
});
