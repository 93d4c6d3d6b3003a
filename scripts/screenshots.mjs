// Regenerates the README screenshots from a running server: `node scripts/screenshots.mjs [baseURL]`.
// Start the server first (npm start). Uses Debian's Chromium through playwright-core; writes docs/screenshots/*.png.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'fr-FR' });
const shot = async (name) => page.screenshot({ path: `${out}/${name}.png` });

await page.goto(`${base}/login`);
await shot('login');
await page.getByLabel('Adresse électronique').fill('responsable.ddrs@demo.trajectoire.test');
await page.getByLabel('Mot de passe').fill(process.env.TRAJECTOIRE_DEMO_PASSWORD ?? 'demo-trajectoire');
await page.getByRole('button', { name: 'Se connecter' }).click();
await page.waitForURL(/\/plans/);
await shot('plans');
await page.getByRole('link', { name: "Plan d'action RES 2023/2027", exact: true }).click();
await shot('plan-tree');
await page.getByRole('link', { name: /Compostage des déchets/ }).click();
await shot('action');
await page.goto(`${base}/sdg`);
await page
  .getByLabel(/Plan/)
  .first()
  .selectOption({ label: "Plan d'action 2021-2022" })
  .catch(() => {});
await page
  .getByRole('button', { name: /Afficher|Choisir|Voir/ })
  .first()
  .click()
  .catch(() => {});
await shot('sdg-matrix');
await page.goto(`${base}/import`);
await shot('import');
await page.goto(`${base}/people`);
await shot('people');
await browser.close();
console.log(`screenshots written to ${out}/`);
