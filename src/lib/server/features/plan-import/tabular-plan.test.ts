import { describe, expect, test } from 'vitest';
import type { ParsedPlan } from './parsed-plan';
import { detectColumns, findHeaderRow, type PlanMeta, rowsToPlan } from './tabular-plan';

const META: PlanMeta = { title: 'Plan 2025', kind: 'yearly', startYear: 2025, endYear: 2025 };
const HEADER = [
  'Chantier',
  'Objectif',
  'Cible',
  'Action',
  'Pilote',
  'ODD',
  'Axe',
  'Statut',
  'Début',
  'Fin',
  'ETP',
  'Budget (€)',
];

/** One data row under HEADER; unspecified cells are empty. */
function aRow(cells: Partial<Record<(typeof HEADER)[number], string>>): string[] {
  return HEADER.map((h) => cells[h] ?? '');
}

function parse(rows: string[][]): ParsedPlan {
  const table = [HEADER, ...rows];
  const result = rowsToPlan(table, 0, detectColumns(HEADER), META);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

const firstAction = (plan: ParsedPlan) =>
  plan.workstreams[0].objectives[0]?.actions[0] ?? plan.workstreams[0].actions[0];

describe('detectColumns', () => {
  test('French headings of the seed map to their fields', () => {
    expect(
      detectColumns(['Chantier', 'Objectif', 'Cible 2027', "Nom de l'action", 'Pilote/équipe', 'Indicateurs de suivi']),
    ).toEqual({
      workstream: 0,
      objective: 1,
      target: 2,
      action: 3,
      pilot: 4,
      indicators: 5,
    });
  });

  test('English headings, synonyms, accents, case and punctuation are recognised', () => {
    expect(
      detectColumns([
        'Workstream',
        'OBJECTIVE',
        'Target',
        'Action name',
        'Owner',
        'KPI',
        'SDGs',
        'Axe Plan vert',
        'Status',
        'Start',
        'Échéance',
        'FTE',
        'Budget (€)',
        'Description',
      ]),
    ).toEqual({
      workstream: 0,
      objective: 1,
      target: 2,
      action: 3,
      pilot: 4,
      indicators: 5,
      sdgs: 6,
      axes: 7,
      status: 8,
      startDate: 9,
      endDate: 10,
      fte: 11,
      budget: 12,
      description: 13,
    });
    expect(
      detectColumns(['Axe stratégique', 'Responsable', 'Date de début', 'Date de fin', 'ETP', 'Indicators']),
    ).toEqual({
      workstream: 0,
      pilot: 1,
      startDate: 2,
      endDate: 3,
      fte: 4,
      indicators: 5,
    });
  });

  test('unknown headings are left out and the first of two same headings wins', () => {
    expect(detectColumns(['Remarques', 'Action', 'Action', ''])).toEqual({ action: 1 });
  });

  test('the header row is the first naming an action and a workstream or objective', () => {
    expect(findHeaderRow([['Plan 2025'], ['Action', 'Pilote'], ['Objectif', 'Action'], ['x']])).toBe(2);
    expect(findHeaderRow([['Action', 'Pilote']])).toBe(-1);
  });
});

describe('rowsToPlan', () => {
  test('a mapping without an action column is refused naming the column', () => {
    expect(rowsToPlan([['Chantier']], 0, { workstream: 0 }, META)).toEqual({
      ok: false,
      error: { code: 'import.plan.missingColumn', params: { column: 'action' } },
    });
  });

  test('a table without any action is not a plan', () => {
    expect(rowsToPlan([HEADER, aRow({ Chantier: 'Chantier 1' })], 0, detectColumns(HEADER), META)).toEqual({
      ok: false,
      error: { code: 'import.plan.notAPlan' },
    });
  });

  test('a fully filled table (headings repeated on every row) is not reported as merged', () => {
    const plan = parse([
      aRow({
        Chantier: 'Chantier 1 : Climat',
        Objectif: 'Objectif 1 : Énergie',
        Cible: '-20% de gaz',
        Action: 'Isoler',
      }),
      aRow({
        Chantier: 'Chantier 1 : Climat',
        Objectif: 'Objectif 1 : Énergie',
        Cible: '-20% de gaz',
        Action: 'Chauffer moins',
      }),
    ]);
    expect(plan.rows.map((r) => r.outcome)).toEqual(['skipped', 'imported', 'imported']);
    expect(plan.workstreams[0].objectives[0].targets).toHaveLength(1);
    expect(plan.workstreams[0].objectives[0].actions).toHaveLength(2);
  });

  test('returning to an earlier objective merges into it; a different title adds a warning code', () => {
    const plan = parse([
      aRow({ Chantier: '1 - Climat', Objectif: '1. Énergie', Action: 'A' }),
      aRow({ Objectif: '2. Mobilité', Action: 'B' }),
      aRow({ Objectif: '1. Energie fossile', Action: 'C' }),
    ]);
    expect(plan.workstreams[0].objectives.map((o) => o.actions.map((a) => a.title))).toEqual([['A', 'C'], ['B']]);
    expect(plan.rows[3]).toMatchObject({
      outcome: 'merged',
      code: 'import.plan.objectiveTitleDiffers',
      params: { number: '1' },
    });
  });

  test('optional columns are read: SDGs, axes, status, dates, FTE and budget', () => {
    const plan = parse([
      aRow({
        Chantier: 'Chantier 1',
        Objectif: 'Objectif 1',
        Action: 'Isoler',
        ODD: 'ODD 7; ODD13',
        Axe: 'Gestion environnementale, 3',
        Statut: 'En cours',
        Début: '01/09/2025',
        Fin: '45930',
        ETP: '0,5',
        'Budget (€)': '12 000,50 €',
      }),
    ]);
    expect(firstAction(plan)).toMatchObject({
      sdgs: [7, 13],
      axes: ['campus_environment', 'research_innovation'],
      status: 'in_progress',
      startDate: '2025-09-01',
      endDate: '2025-09-30',
      fteMilli: 500,
      budgetCents: 1_200_050,
    });
  });

  test('an unknown SDG is a row warning, the valid ones are kept', () => {
    const plan = parse([aRow({ Chantier: 'C1', Objectif: 'O1', Action: 'A', ODD: '4, 18' })]);
    expect(firstAction(plan).sdgs).toEqual([4]);
    expect(plan.rows[1]).toMatchObject({ outcome: 'warning', code: 'import.plan.invalidSdg', params: { value: '18' } });
  });

  test.each([
    ['Statut', 'peut-être', 'import.plan.invalidStatus'],
    ['Début', '31/02/2025', 'import.plan.invalidDate'],
    ['Fin', 'bientôt', 'import.plan.invalidDate'],
    ['ETP', 'beaucoup', 'import.plan.invalidFte'],
    ['Budget (€)', '-500', 'import.plan.invalidBudget'],
    ['Axe', 'Gouvernance durable', 'import.plan.invalidAxis'],
  ])('an unreadable %s cell rejects the row with a reason', (column, value, code) => {
    const plan = parse([
      aRow({ Chantier: 'C1', Objectif: 'O1', Action: 'Bad', [column]: value }),
      aRow({ Action: 'Good' }),
    ]);
    expect(plan.rows[1]).toEqual({ row: 2, outcome: 'rejected', code, params: { column, value } });
    expect(plan.rows[2]).toMatchObject({ row: 3, outcome: 'imported' });
    expect(plan.workstreams[0].objectives[0].actions.map((a) => a.title)).toEqual(['Good']);
  });

  test('an action before any workstream goes to a workstream named after the plan', () => {
    const plan = parse([aRow({ Action: 'Seule' })]);
    expect(plan.workstreams).toMatchObject([{ code: null, title: 'Plan 2025', actions: [{ title: 'Seule' }] }]);
    expect(plan.warnings.map((w) => w.code)).toEqual(['import.plan.implicitWorkstream']);
  });

  test('a workstream named after a Plan vert axis carries the axis', () => {
    const plan = parse([aRow({ Chantier: 'Axe 2 : Enseignement et formation', Action: 'Former' })]);
    expect(plan.workstreams[0]).toMatchObject({ code: '2', title: 'Enseignement et formation', axis: 'teaching' });
    expect(plan.workstreams[0].actions).toHaveLength(1);
  });

  test('targets take the plan end year as deadline', () => {
    const plan = parse([aRow({ Chantier: 'C1', Objectif: 'O1', Cible: '100% du personnel formé', Action: 'Former' })]);
    expect(plan.workstreams[0].objectives[0].targets[0].deadline).toBe('2025-12-31');
  });
});

describe('hostile content', () => {
  test('formulas stay plain text and are never evaluated', () => {
    const plan = parse([
      aRow({ Chantier: '=1+1', Objectif: '@SUM(A1)', Action: '=HYPERLINK("http://evil";"x")', Pilote: '+cmd' }),
    ]);
    expect(plan.workstreams[0].title).toBe('=1+1');
    expect(plan.workstreams[0].objectives[0].title).toBe('@SUM(A1)');
    expect(firstAction(plan).title).toBe('=HYPERLINK("http://evil";"x")');
  });

  test('control and invisible characters are stripped, HTML is kept as text', () => {
    const plan = parse([
      aRow({ Chantier: 'C1', Objectif: 'O1', Action: 'Isoler\u0000 le\u202E <script>alert(1)</script>' }),
    ]);
    expect(firstAction(plan).title).toBe('Isoler le <script>alert(1)</script>');
  });

  test('a cell longer than 2,000 characters is cut and the row warned', () => {
    const plan = parse([aRow({ Chantier: 'C1', Objectif: 'O1', Action: 'a'.repeat(5000) })]);
    expect(firstAction(plan).title).toHaveLength(2000);
    expect(plan.rows[1]).toMatchObject({
      outcome: 'warning',
      code: 'import.plan.cellTruncated',
      params: { column: 'Action', max: 2000 },
    });
  });
});
