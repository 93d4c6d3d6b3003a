import AxeBuilder from '@axe-core/playwright';
import { type Browser, type Cookie, expect, type Page } from '@playwright/test';

export const PASSWORD = 'demo-trajectoire';
export const ACCOUNTS = {
  admin: 'responsable.ddrs@demo.trajectoire.test',
  committee: 'referent.dde@demo.trajectoire.test',
  pilot: 'pilote@demo.trajectoire.test',
  contributor: 'contributeur@demo.trajectoire.test',
  viewer: 'lecteur@demo.trajectoire.test',
  student: 'etudiant@demo.trajectoire.test',
} as const;

export const PLAN_2023 = "Plan d'action RES 2023/2027";
export const PLAN_2021 = "Plan d'action 2021-2022";

/**
 * Sessions opened by logIn, by account, kept for the whole worker: signing in runs argon2 on the server,
 * so later tests reuse the cookie and sign in again only when the session is gone (logout, expiry).
 */
const sessions = new Map<keyof typeof ACCOUNTS, Cookie[]>();

export async function logIn(page: Page, who: keyof typeof ACCOUNTS): Promise<void> {
  const kept = sessions.get(who);
  if (kept) {
    await page.context().addCookies(kept);
    await page.goto('/plans');
    if (new URL(page.url()).pathname === '/plans') return;
    sessions.delete(who);
  }
  await page.goto('/login');
  await page.getByLabel('Adresse électronique').fill(ACCOUNTS[who]);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/plans/);
  sessions.set(
    who,
    (await page.context().cookies()).filter((c) => c.name === 'trj_session'),
  );
}

/** A second browser context signed in as another account, for flows between two people. */
export async function pageAs(browser: Browser, who: keyof typeof ACCOUNTS): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, who);
  return page;
}

/** Opens an indicator page the way a user finds it: plan, then action, then the action's indicator link. */
export async function openIndicator(page: Page, action: string, indicator: string, plan = PLAN_2023): Promise<string> {
  await page.goto('/plans');
  await page.getByRole('link', { name: plan, exact: true }).click();
  await page.getByRole('link', { name: action, exact: true }).click();
  await page.getByRole('link', { name: indicator, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(indicator);
  return new URL(page.url()).pathname;
}

/** Fails on any WCAG 2.1 A/AA violation found by axe-core. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

// EcoIndex (GreenIT / cnumr published method): quantiles of DOM size, requests and KB over the HTTP Archive sample.
const Q_DOM = [
  0, 47, 75, 159, 233, 298, 358, 417, 476, 537, 603, 674, 753, 843, 949, 1076, 1237, 1459, 1801, 2479, 594601,
];
const Q_REQ = [0, 2, 15, 25, 34, 42, 49, 56, 63, 70, 78, 86, 95, 105, 117, 130, 147, 170, 205, 281, 3920];
const Q_KB = [
  0, 1.37, 144.7, 319.53, 479.46, 631.97, 783.38, 937.91, 1098.62, 1265.47, 1448.32, 1648.27, 1876.08, 2142.06, 2465.37,
  2866.31, 3401.59, 4155.73, 5400.08, 8037.54, 223212.26,
];

function quantile(q: number[], value: number): number {
  for (let i = 1; i < q.length; i++) {
    if (value < q[i]) return i - 1 + (value - q[i - 1]) / (q[i] - q[i - 1]);
  }
  return q.length - 1;
}

export function ecoIndex(dom: number, requests: number, kb: number): { score: number; grade: string } {
  const score = 100 - (5 * (3 * quantile(Q_DOM, dom) + 2 * quantile(Q_REQ, requests) + quantile(Q_KB, kb))) / 6;
  const grades: [number, string][] = [
    [80, 'A'],
    [70, 'B'],
    [55, 'C'],
    [40, 'D'],
    [25, 'E'],
    [10, 'F'],
  ];
  return { score: Math.round(score), grade: grades.find(([min]) => score > min)?.[1] ?? 'G' };
}

/** Prints weight, DOM size, request count and EcoIndex of the current page (measured, never asserted on time). */
export async function measure(page: Page, label: string): Promise<{ bytes: number; dom: number; requests: number }> {
  const m = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const bytes =
      (nav?.transferSize ?? 0) + resources.reduce((s, r) => s + (r.transferSize || r.encodedBodySize || 0), 0);
    const scripts = resources.filter((r) => r.initiatorType === 'script').length;
    return { bytes, dom: document.getElementsByTagName('*').length, requests: 1 + resources.length, scripts };
  });
  const eco = ecoIndex(m.dom, m.requests, m.bytes / 1024);
  console.log(
    `[page] ${label.padEnd(28)} ${String(Math.round(m.bytes / 102.4) / 10).padStart(6)} KB  DOM ${String(m.dom).padStart(5)}  requests ${m.requests}  scripts ${m.scripts}  EcoIndex ${eco.score} (${eco.grade})`,
  );
  return m;
}

/** Visits a page, checks it is accessible and prints its weight. */
export async function visit(page: Page, path: string, label = path): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), `status of ${path}`).toBeLessThan(400);
  await expectAccessible(page);
  await measure(page, label);
}
