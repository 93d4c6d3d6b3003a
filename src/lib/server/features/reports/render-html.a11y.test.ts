import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sampleReport } from './fixtures/sample-report';
import { renderHtmlDocument } from './render-html';
import { DEFAULT_CHROMIUM_PATH } from './render-pdf';

// axe-core runs in a real browser; without Debian's Chromium (CI installs it) this check is skipped.
describe.skipIf(!existsSync(DEFAULT_CHROMIUM_PATH))('HTML report accessibility', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the standalone page passes axe (WCAG 2.1 A and AA), figures open or closed', async () => {
    for (const openDetails of [false, true]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.setContent(renderHtmlDocument(sampleReport(), { openDetails }));
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
      await context.close();
    }
  });
});
