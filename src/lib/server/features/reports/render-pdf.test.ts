import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { sampleReport } from './fixtures/sample-report';
import { closePdfBrowser, DEFAULT_CHROMIUM_PATH, renderPdf } from './render-pdf';

// The PDFs are read back with poppler-utils (pdfinfo, pdftotext), which CI installs with Chromium.
const hasPoppler = ['/usr/bin/pdfinfo', '/usr/bin/pdftotext'].every((p) => existsSync(p));
const hasChromium = existsSync(DEFAULT_CHROMIUM_PATH);
const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));

afterAll(async () => {
  await closePdfBrowser();
  rmSync(dir, { recursive: true, force: true });
});

function readPdf(bytes: Uint8Array, name: string) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const info = Object.fromEntries(
    execFileSync('pdfinfo', [file], { encoding: 'utf8' })
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2].trim()]),
  );
  // Lines joined: a table row or a long heading may wrap differently from one engine to the other.
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  return { info, text, pages: Number(info.Pages) };
}

const EXPECTED_TEXT = [
  'Rapport développement durable 2026',
  'Sommaire',
  'Présentation',
  'ODD 17 : partenariats',
  'Ce que nous avons fait',
  'Actions par statut',
  'Mobilité douce',
  'Achats responsables',
  '=HYPERLINK("x")',
  '<script>alert("xss")</script>',
  'Avancement par chantier (données)',
  'Gestion environnementale',
  'Licence Ouverte / Etalab 2.0',
];

// Without Chromium (a developer machine without Debian's package) only the pdfmake fallback is tested.
describe.skipIf(!hasChromium || !hasPoppler)('PDF report printed by Chromium', () => {
  test('is a tagged A4 PDF with the title, the headings, the table text and page numbers', async () => {
    const pdf = await renderPdf(sampleReport());
    expect(pdf.engine).toBe('chromium');
    const { info, text, pages } = readPdf(pdf.bytes, 'chromium.pdf');
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toBe('Rapport développement durable 2026');
    expect(info['Page size']).toContain('(A4)');
    for (const expected of EXPECTED_TEXT) expect(text).toContain(expected);
    expect(text).toContain(`Page 1 sur ${pages}`);
  });

  test('reuses one browser across renders and launches a new one after closing', async () => {
    await closePdfBrowser();
    const launch = vi.spyOn(chromium, 'launch');
    const [a, b] = await Promise.all([renderPdf(sampleReport()), renderPdf(sampleReport())]);
    await renderPdf(sampleReport());
    expect([a.engine, b.engine]).toEqual(['chromium', 'chromium']);
    expect(launch).toHaveBeenCalledTimes(1);
    await closePdfBrowser();
    expect((await renderPdf(sampleReport())).engine).toBe('chromium');
    expect(launch).toHaveBeenCalledTimes(2);
    launch.mockRestore();
  });
});

describe.skipIf(!hasPoppler)('PDF report drawn by pdfmake', () => {
  test('is used when asked, with the same text and page numbers', async () => {
    const pdf = await renderPdf(sampleReport(), { engine: 'pdfmake' });
    expect(pdf.engine).toBe('pdfmake');
    const { info, text, pages } = readPdf(pdf.bytes, 'pdfmake.pdf');
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(info.Title).toBe('Rapport développement durable 2026');
    for (const expected of EXPECTED_TEXT) expect(text).toContain(expected);
    expect(text).toContain(`Page 1 sur ${pages}`);
  });

  test('is used when the Chromium executable cannot start', async () => {
    const notABrowser = join(dir, 'not-a-browser');
    writeFileSync(notABrowser, 'not an executable');
    const pdf = await renderPdf(sampleReport(), { chromiumPath: notABrowser });
    expect(pdf.engine).toBe('pdfmake');
  });

  test('is used when Chromium is not installed', async () => {
    const pdf = await renderPdf(sampleReport(), { chromiumPath: join(dir, 'no-chromium-here') });
    expect(pdf.engine).toBe('pdfmake');
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });
});
