import * as XLSX from '@e965/xlsx';
import { describe, expect, test } from 'vitest';
import type { ActionView, PlanTree } from '../plan';
import {
  EXPORT_HEADINGS,
  exportBaseName,
  formatEuros,
  formatFte,
  infoTable,
  neutraliseCell,
  neutraliseTable,
  planTable,
} from './plan-export';
import { toCsv, toXlsx } from './plan-export-files';

function anAction(title: string, overrides: Partial<ActionView> = {}): ActionView {
  return {
    id: title,
    position: 0,
    title,
    status: 'not_started',
    pilotText: '',
    pilots: [],
    sdgs: [],
    axes: [],
    indicators: [],
    startDate: null,
    endDate: null,
    fteMilli: null,
    budgetCents: null,
    description: null,
    workstreamId: 'w',
    objectiveId: null,
    ...overrides,
  };
}

function aTree(): PlanTree {
  return {
    plan: {
      id: 'p',
      title: 'Plan RES 2023/2027',
      kind: 'multi_year',
      startYear: 2023,
      endYear: 2027,
      actionCount: 3,
      openReviews: 0,
    },
    means: [
      {
        label: '10% x nombre de référents DRS',
        fteRatioMilli: 100,
        basis: 'steering_committee_referents',
        fteMilli: 600,
      },
    ],
    workstreams: [
      {
        id: 'w',
        code: '1',
        title: 'Gouvernance',
        axis: null,
        actions: [anAction('Action du chantier')],
        objectives: [
          {
            id: 'o1',
            code: '2',
            title: 'Former',
            targets: [
              {
                id: 't1',
                label: '100% du personnel formé',
                baselineValue: null,
                targetValue: 100,
                unit: '%',
                deadline: null,
                qualitative: false,
              },
              {
                id: 't2',
                label: '50% des formations',
                baselineValue: null,
                targetValue: 50,
                unit: '%',
                deadline: null,
                qualitative: false,
              },
            ],
            actions: [
              anAction('Fresque du climat\npour tous', {
                status: 'in_progress',
                pilotText: 'Bazin I. + Martinez S.',
                indicators: [
                  { id: 'i1', name: 'Nb de sessions', unit: 'nombre' },
                  { id: 'i2', name: '% du personnel', unit: '%' },
                ],
                sdgs: [4, 13],
                axes: ['teaching', 'campus_environment'],
                startDate: '2024-01-15',
                endDate: '2025-06-30',
                fteMilli: 1250,
                budgetCents: 1_234_567,
                description: 'Ligne 1\nLigne 2',
              }),
            ],
          },
          { id: 'o2', code: 'B', title: 'Sans action', targets: [], actions: [] },
        ],
      },
    ],
  };
}

describe('the action table', () => {
  const rows = planTable(aTree());

  test('starts with the title and means lines the seed reader takes as preamble, then the headings', () => {
    expect(rows[0]).toEqual(['Plan RES 2023/2027']);
    expect(rows[1]).toEqual(['Moyens transversaux : 10% x nombre de référents DRS']);
    expect(rows[2]).toEqual([...EXPORT_HEADINGS]);
  });

  test("puts a workstream's own actions before its objectives, where an empty Objectif cell cannot be read as 'same as above'", () => {
    expect(rows[3].slice(0, 4)).toEqual(['Chantier 1 : Gouvernance', '', '', 'Action du chantier']);
  });

  test('writes every field of an action in words the importer reads, on one line', () => {
    expect(rows[4]).toEqual([
      'Chantier 1 : Gouvernance',
      'Objectif 2 : Former',
      '100% du personnel formé 50% des formations',
      'Fresque du climat pour tous',
      'Bazin I. + Martinez S.',
      'Nb de sessions ; % du personnel',
      '4, 13',
      'Enseignement et formation, Gestion environnementale',
      'En cours',
      '2024-01-15',
      '2025-06-30',
      '1,25',
      '12345,67',
      'Ligne 1 Ligne 2',
    ]);
  });

  test('keeps an objective without actions as a row of its own, without a code the importer could not read back', () => {
    expect(rows[5]).toEqual(['Chantier 1 : Gouvernance', 'Sans action', '', ...Array(11).fill('')]);
    expect(rows).toHaveLength(6);
  });
});

describe('numbers', () => {
  test('FTE and euros use a decimal comma; euros always carry two decimals', () => {
    expect([formatFte(null), formatFte(0), formatFte(500), formatFte(1250), formatFte(125)]).toEqual([
      '',
      '0',
      '0,5',
      '1,25',
      '0,125',
    ]);
    expect([formatEuros(null), formatEuros(0), formatEuros(100), formatEuros(150_050), formatEuros(5)]).toEqual([
      '',
      '0,00',
      '1,00',
      '1500,50',
      '0,05',
    ]);
  });
});

describe('formula injection', () => {
  test.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+33 4 66', "'+33 4 66"],
    ['-20% de GES', "'-20% de GES"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['Réduire de 20 %', 'Réduire de 20 %'],
    ['', ''],
  ])('%j is written %j', (cell, expected) => {
    expect(neutraliseCell(cell)).toBe(expected);
  });

  test('the XLSX writer stores every cell as a string, even one that looks like a formula or a number', () => {
    const bytes = toXlsx(
      [{ name: 'Actions', rows: neutraliseTable([['=1+1', '42', '2024-01-15', '']]), headerRow: 0 }],
      't',
    );
    const sheet = XLSX.read(bytes, { type: 'array', cellFormula: true }).Sheets.Actions;
    expect(sheet.A1).toMatchObject({ t: 's', v: "'=1+1" });
    expect(sheet.A1.f).toBeUndefined();
    expect(sheet.B1).toMatchObject({ t: 's', v: '42' });
    expect(sheet.C1).toMatchObject({ t: 's', v: '2024-01-15' });
    expect(sheet.D1).toBeUndefined();
  });
});

describe('files', () => {
  test('the CSV has a UTF-8 BOM, semicolons and CRLF line ends, and quotes cells that need it', () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      toCsv([
        ['a;b', 'é'],
        ['c', 'dit "oui"'],
      ]),
    );
    expect(text).toBe('\uFEFF"a;b";é\r\n' + 'c;"dit ""oui"""\r\n');
  });

  test('the workbook opens on the action sheet, followed by the Infos sheet', () => {
    const tree = aTree();
    const bytes = toXlsx(
      [
        { name: 'Actions', rows: planTable(tree), headerRow: 2 },
        { name: 'Infos', rows: infoTable(tree, '2026-11-25') },
      ],
      tree.plan.title,
    );
    const workbook = XLSX.read(bytes, { type: 'array' });
    expect(workbook.SheetNames).toEqual(['Actions', 'Infos']);
    const infos = XLSX.utils.sheet_to_json<string[]>(workbook.Sheets.Infos, { header: 1 });
    expect(infos).toContainEqual(['Plan', 'Plan RES 2023/2027']);
    expect(infos).toContainEqual(['Exporté le', '2026-11-25']);
    expect(infos).toContainEqual(['Moyens transversaux', "10% x nombre de référents DRS (0,6 ETP aujourd'hui)"]);
    expect(workbook.Sheets.Actions['!autofilter']?.ref).toBe('A3:N6');
  });

  test('the file name is an ASCII slug of the title with the export date', () => {
    expect(exportBaseName("Plan d'action RES 2023/2027", '2026-11-25')).toBe('plan-d-action-res-2023-2027-2026-11-25');
    expect(exportBaseName('Œuvres & « ÉTÉ »', '2026-11-25')).toBe('oeuvres-ete-2026-11-25');
    expect(exportBaseName('***', '2026-11-25')).toBe('plan-2026-11-25');
  });
});
