import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import { loadDemoIfEmpty } from '../demo';
import { buildAnnualReport } from './annual-builder';
import type { ReportDocument } from './document';
import { renderDocx } from './render-docx';
import { renderHtmlDocument } from './render-html';
import { closePdfBrowser, DEFAULT_CHROMIUM_PATH, renderPdf } from './render-pdf';
import { saveReportNarrative, selectReportSdgs } from './reports.service';

// Golden checks of the demo institution's 2025 report, built at a fixed time from a fixed selection.
const YEAR = 2025;
const GENERATED_AT = '2026-01-15T09:00:00.000Z';
const SDGS = [4, 13, 17];
const NARRATIVE = "L'école a **renforcé** ses partenariats.\n\n- un réseau régional\n- des chaires";
const hasChromium = existsSync(DEFAULT_CHROMIUM_PATH);
const hasPoppler = ['/usr/bin/pdfinfo', '/usr/bin/pdftotext'].every((p) => existsSync(p));
const dir = mkdtempSync(join(tmpdir(), 'annual-golden-'));

afterAll(async () => {
  await closePdfBrowser();
  rmSync(dir, { recursive: true, force: true });
});

const decodeXml = (s: string) =>
  s.replace(
    /&(apos|quot|lt|gt|amp);/g,
    (_, e: string) => ({ apos: "'", quot: '"', lt: '<', gt: '>', amp: '&' })[e] ?? e,
  );

describeEachDialect('annual report golden files', (get) => {
  let doc: ReportDocument;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    const admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    await selectReportSdgs(db, admin, YEAR, SDGS);
    await saveReportNarrative(db, admin, YEAR, { blockKey: 'sdg:17', markdown: NARRATIVE, expectedVersion: 0 });
    const built = await buildAnnualReport(db, admin.institutionId, YEAR, 'fr', {
      generatedAt: GENERATED_AT,
      version: '1',
      today: '2026-01-15',
    });
    if (!built) throw new Error('no document');
    doc = built;
  });

  test('the HTML of the demo report matches its snapshot, on both databases', async () => {
    await expect(renderHtmlDocument(doc)).toMatchFileSnapshot('./fixtures/annual-demo-2025.html');
  });

  test('the DOCX has the chapters as headings, the narrative as paragraphs and the tables as cells', async () => {
    const files = unzipSync(await renderDocx(doc));
    const body = strFromU8(files['word/document.xml']);
    const headings = [...body.matchAll(/<w:pStyle w:val="Heading1"\/>[\s\S]*?<w:t(?: [^>]*)?>([^<]*)</g)].map((m) =>
      decodeXml(m[1]),
    );
    expect(headings).toEqual([
      "Raison d'être",
      'Gouvernance',
      "Le plan en un coup d'œil",
      'Matrice ODD × axes',
      'ODD 4 — Éducation de qualité',
      'ODD 13 — Mesures relatives à la lutte contre les changements climatiques',
      'ODD 17 — Partenariats pour la réalisation des objectifs',
    ]);
    const texts = [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1]));
    expect(texts.join('')).toContain('un réseau régional');
    expect(texts).toContain('renforcé');
    expect(texts).toContain('Actions par statut');
    expect(body).toContain('<w:tbl>');
  });

  test.skipIf(!hasChromium || !hasPoppler)(
    'the PDF is tagged, has pages and carries the chapters (skipped without Chromium or poppler-utils)',
    async () => {
      const pdf = await renderPdf(doc);
      expect(pdf.engine).toBe('chromium');
      const file = join(dir, `annual-${get().dialect}.pdf`);
      writeFileSync(file, pdf.bytes);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThan(3);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const expected of [
        'Matrice ODD × axes',
        'ODD 17 — Partenariats',
        'un réseau régional',
        'Actions par statut',
      ])
        expect(text).toContain(expected);
    },
    60_000,
  );
});
