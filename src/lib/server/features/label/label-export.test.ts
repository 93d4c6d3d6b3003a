import * as XLSX from '@e965/xlsx';
import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { collectTables, flattenSections } from '../reports/document';
import { addEvidence, saveAssessmentItem } from './assessment.service';
import { startAssessment } from './assessment-start.service';
import { getEvidenceOptions } from './assessment-views.service';
import { loadLabelDemo } from './label-demo';
import { buildLabelDocument } from './label-document';
import { exportLabelAssessment } from './label-export';
import { getReferentialPage } from './referential.service';

const BASE = 'https://trajectoire.example.org';

describeEachDialect('label export for the auditors', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  let actionId = '';

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    await loadLabelDemo(db, admin.institutionId);
    const page = await getReferentialPage(db, admin);
    const [sg1, sg2] = page?.axes[0].criteria ?? [];
    const ge1 = page?.axes[3].criteria[0];
    await startAssessment(db, admin, { year: 2025, copyPrevious: false, currentYear: 2026 });
    await saveAssessmentItem(db, admin, 2025, {
      criterionId: sg1.id,
      level: 3,
      justification: '=HYPERLINK("http://evil")',
    });
    await saveAssessmentItem(db, admin, 2025, { criterionId: sg2.id, level: 4, justification: 'Comité de pilotage' });
    await saveAssessmentItem(db, admin, 2025, {
      criterionId: ge1?.id ?? '',
      level: 2,
      justification: 'Bilan carbone 2022',
    });
    actionId = (await getEvidenceOptions(db, admin)).actions[0].id;
    await addEvidence(db, admin, 2025, { kind: 'action', criterionId: sg1.id, actionId }, { maxMb: 1 });
    await addEvidence(
      db,
      admin,
      2025,
      { kind: 'url', criterionId: sg1.id, url: 'https://example.org/sd.pdf', text: 'Schéma' },
      { maxMb: 1 },
    );
  });

  test('the workbook has a summary sheet and one sheet per axis, formulas neutralised, evidence with addresses', async () => {
    const { db } = get();
    const file = await exportLabelAssessment(db, admin, 2025, 'xlsx', { locale: 'fr', baseUrl: BASE });
    if (!file) throw new Error('no file');
    expect(file.filename).toBe('label-ddrs-2025.xlsx');
    const book = XLSX.read(file.bytes, { type: 'array' });
    expect(book.SheetNames).toEqual([
      'Synthèse',
      'Stratégie et gouvernance',
      'Enseignement et formation',
      'Recherche et innovation',
      'Gestion environnementale',
      // 31 characters at most.
      'Politique sociale et ancrage te',
    ]);
    const rows = (name: string) => XLSX.utils.sheet_to_json<string[]>(book.Sheets[name], { header: 1, defval: '' });
    const summary = rows('Synthèse');
    expect(summary[0]).toEqual(['Axe', 'Critères', 'Critères évalués', 'Moyenne', 'Niveau', 'Critères non évalués']);
    expect(summary[1]).toEqual(['Stratégie et gouvernance', '3', '2', '3,5', '4', 'SG-3']);
    expect(summary[4]).toEqual(['Gestion environnementale', '3', '1', '2', '2', 'GE-2, GE-3']);
    // Axis levels 4 and 2: global 3.
    expect(summary[6].slice(0, 5)).toEqual(['Niveau global', '', '2 axes évalués', '3', '3']);
    const sg = rows('Stratégie et gouvernance');
    expect(sg[0]).toEqual([
      'Code',
      'Critère',
      'Libellé provisoire',
      'Niveau',
      'Signification du niveau',
      'Justification',
      'Preuves',
    ]);
    expect(sg[1].slice(0, 6)).toEqual([
      'SG-1',
      expect.stringMatching(/^À compléter : libellé officiel du référentiel/),
      'oui',
      '3',
      '3 : démarche structurée',
      `'=HYPERLINK("http://evil")`,
    ]);
    expect(sg[1][6]).toContain(`(${BASE}/actions/${actionId})`);
    expect(sg[1][6]).toContain('Lien : Schéma (https://example.org/sd.pdf)');
    expect(sg[3].slice(3, 5)).toEqual(['', 'non évalué']);
    // Every cell is a plain string, never a formula.
    for (const name of book.SheetNames) {
      for (const [address, cell] of Object.entries(book.Sheets[name])) {
        if (!address.startsWith('!')) expect((cell as XLSX.CellObject).f).toBeUndefined();
      }
    }
  });

  test('the CSV has one row per criterion with its axis, headings in the reader’s language', async () => {
    const { db } = get();
    const file = await exportLabelAssessment(db, admin, 2025, 'csv', { locale: 'en', baseUrl: BASE });
    if (!file) throw new Error('no file');
    const text = new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, '');
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('Axis;Code;Criterion;Provisional wording;Level;Meaning of the level;Justification;Evidence');
    expect(lines.find((l) => l.startsWith('Strategy and governance;SG-2;'))).toContain(
      ';4;4: managed and monitored;Comité de pilotage;',
    );
    expect(text).toContain(`'=HYPERLINK`);
  });

  test('only the officer and the committee export, and only an existing year', async () => {
    const { db } = get();
    expect(await exportLabelAssessment(db, pilot, 2025, 'xlsx', { locale: 'fr', baseUrl: BASE })).toBeUndefined();
    expect(await exportLabelAssessment(db, admin, 2019, 'xlsx', { locale: 'fr', baseUrl: BASE })).toBeUndefined();
  });

  test('the report document has a summary with the radar and a section with a table per axis', async () => {
    const { db } = get();
    const doc = await buildLabelDocument(db, admin, 2025, {
      locale: 'fr',
      baseUrl: BASE,
      generatedAt: '2026-01-01T00:00:00Z',
    });
    if (!doc) throw new Error('no document');
    expect(doc.title).toBe('Label DD&RS : auto-évaluation 2025');
    expect(doc.sections.map((s) => s.id)).toEqual([
      'summary',
      'axis-strategy-governance',
      'axis-teaching',
      'axis-research-innovation',
      'axis-campus-environment',
      'axis-social-territorial',
    ]);
    const radar = flattenSections(doc.sections)[0].blocks.find((b) => b.kind === 'figure');
    expect(radar).toMatchObject({ kind: 'figure', chart: 'radar' });
    expect(radar?.kind === 'figure' && radar.svg.startsWith('<svg ')).toBe(true);
    const tables = collectTables(doc);
    expect(tables.map((t) => t.table.caption)).toContain(
      'Critères de l’axe Stratégie et gouvernance'.replace('’', "'"),
    );
    expect(await buildLabelDocument(db, pilot, 2025)).toBeUndefined();
  });
});
