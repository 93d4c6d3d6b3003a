import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { countPlan, type ParsedAction, type ParsedPlan, type ParseResult } from './parsed-plan';
import { parseSdgMatrix } from './sdg-matrix';

const REPORT = readFileSync(join(process.cwd(), 'data/demo/imt-mines-ales-rapport-2022-odd17.txt'), 'utf8');
const HEADER = ['Action', ...Array.from({ length: 17 }, (_, i) => String(i + 1)), ''].join('\t');

function planOf(result: ParseResult): ParsedPlan {
  if (!result.ok) throw new Error(`expected a plan, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function allActions(plan: ParsedPlan): ParsedAction[] {
  return plan.workstreams.flatMap((w) => w.actions);
}

function actionStartingWith(plan: ParsedPlan, prefix: string): ParsedAction {
  const action = allActions(plan).find((a) => a.title.startsWith(prefix));
  if (!action) throw new Error(`no action starting with ${prefix}`);
  return action;
}

/** A matrix row: title then 18 cells, marks at the given cell indexes (1-based, 18 = beyond SDG 17). */
function matrixRow(title: string, markedCells: number[] = [], mark = '●', cellCount = 19): string {
  return [title, ...Array.from({ length: cellCount - 1 }, (_, i) => (markedCells.includes(i + 1) ? mark : ''))].join(
    '\t',
  );
}

describe('the seed report (IMT Mines Alès, 2022)', () => {
  const plan = planOf(parseSdgMatrix(REPORT));

  test('gives a yearly plan for 2021-2022 read from "pour 2021-2022" above the table', () => {
    expect(plan).toMatchObject({
      kind: 'yearly',
      title: "Plan d'action 2021-2022",
      startYear: 2021,
      endYear: 2022,
      means: [],
    });
  });

  test('gives one workstream per Plan-vert axis, titled as written', () => {
    expect(plan.workstreams.map((w) => [w.title, w.axis, w.code])).toEqual([
      ['Stratégie-gouvernance (y compris le pilotage)', 'strategy_governance', null],
      ['Formation', 'teaching', null],
      ['Recherche et innovation (y compris le développement économique)', 'research_innovation', null],
      ['Gestion environnementale du campus', 'campus_environment', null],
      ['Politique sociale et ancrage territorial', 'social_territorial', null],
    ]);
    expect(plan.workstreams.map((w) => w.actions.length)).toEqual([6, 4, 6, 6, 3]);
  });

  test('gives 25 actions, each carrying its workstream axis', () => {
    expect(countPlan(plan)).toMatchObject({ workstreams: 5, objectives: 0, actions: 25 });
    for (const w of plan.workstreams) for (const a of w.actions) expect(a.axes).toEqual([w.axis]);
  });

  test('reads SDGs only from certain rows: full header width and every mark under columns 1 to 17', () => {
    const certain = allActions(plan)
      .filter((a) => a.sdgs.length > 0)
      .map((a) => [a.row, a.sdgs]);
    expect(certain).toEqual([
      [77, [4]],
      [78, [4]],
      [79, [4, 8, 9]],
      [84, [4, 6, 9, 12, 13, 14, 15]],
      [85, [4, 6, 7, 9, 12, 13, 14, 15]],
      [86, [3, 5, 9, 13]],
      [87, [4, 5, 9]],
      [88, [9, 16]],
    ]);
    expect(actionStartingWith(plan, 'Développer de nouveaux enseignements').sdgs).toEqual([4]);
  });

  test('a row with a mark beyond column 17 keeps no SDG and is offered for review with the mark moved to 17', () => {
    const action = actionStartingWith(plan, 'Rendre plus visibles les contributions');
    expect(action.sdgs).toEqual([]);
    expect(plan.reviews.find((r) => r.row === action.row)).toEqual({
      row: 83,
      actionTitle: action.title,
      rawCells: expect.any(Array),
      markedCells: [6, 7, 9, 12, 13, 14, 15, 18],
      suggestedSdgs: [6, 7, 9, 12, 13, 14, 15, 17],
      reasonCode: 'import.matrix.markBeyondLastColumn',
    });
    const onlyBeyond = plan.reviews.find((r) => r.actionTitle.startsWith('Intégrer les actions phare du Plan vert'));
    expect(onlyBeyond).toMatchObject({ row: 71, markedCells: [18], suggestedSdgs: [17] });
  });

  test('rows narrower than the header after the page break are offered for review, read as if aligned left', () => {
    const review = plan.reviews.find((r) => r.actionTitle.startsWith('Continuité des aides sociales'));
    expect(review).toMatchObject({
      row: 99,
      markedCells: [1, 2, 3, 11],
      suggestedSdgs: [1, 2, 3, 11],
      reasonCode: 'import.matrix.cellCountMismatch',
    });
    expect(review?.rawCells).toHaveLength(17);
  });

  test('lists every uncertain row for review, with a warning and a row report each', () => {
    const beyond = [70, 71, 72, 73, 74, 75, 80, 83];
    const narrower = [92, 93, 94, 95, 96, 97, 99, 100, 101];
    expect(plan.reviews.map((r) => [r.row, r.reasonCode])).toEqual([
      ...beyond.map((row) => [row, 'import.matrix.markBeyondLastColumn']),
      ...narrower.map((row) => [row, 'import.matrix.cellCountMismatch']),
    ]);
    expect(plan.warnings.map((w) => w.row)).toEqual([...beyond, ...narrower]);
    const warned = plan.rows.filter((r) => r.outcome === 'warning').map((r) => r.row);
    expect(warned).toEqual([...beyond, ...narrower]);
    for (const review of plan.reviews) expect(actionStartingWith(plan, review.actionTitle).sdgs).toEqual([]);
  });

  test('merges the title continued on the next page into its action', () => {
    const action = actionStartingWith(plan, "Déployer l'offre de parcours");
    expect(action.title).toBe(
      "Déployer l'offre de parcours transformation numérique et transformation écologique pour l'accompagnement des entreprises",
    );
    expect(action.row).toBe(88);
    expect(plan.rows.find((r) => r.row === 90)).toEqual({
      row: 90,
      outcome: 'merged',
      code: 'import.matrix.titleContinued',
      params: { row: 88 },
    });
  });

  test('skips the header and the header repeated after the page break, and stops before the next section', () => {
    expect(plan.rows.filter((r) => r.outcome === 'skipped')).toEqual([
      { row: 68, outcome: 'skipped', code: 'import.matrix.header' },
      { row: 81, outcome: 'skipped', code: 'import.matrix.repeatedHeader' },
    ]);
    expect(Math.max(...plan.rows.map((r) => r.row))).toBe(101);
  });

  test('every code it emits has a French and an English message', () => {
    const codes = new Set([
      ...plan.rows.map((r) => r.code),
      ...plan.warnings.map((w) => w.code),
      ...plan.reviews.map((r) => r.reasonCode),
    ]);
    codes.add('import.matrix.notFound');
    codes.add('import.matrix.noActions');
    codes.add('import.matrix.noMarks');
    codes.add('import.matrix.unknownMark');
    codes.add('import.matrix.actionWithoutAxis');
    codes.add('import.matrix.marksWithoutTitle');
    for (const locale of ['fr', 'en']) {
      const messages = JSON.parse(readFileSync(join(process.cwd(), 'messages', locale, 'import-file.json'), 'utf8'));
      for (const code of codes) expect(messages[code], `${locale}: ${code}`).toEqual(expect.any(String));
    }
  });
});

describe('other matrices', () => {
  test('a text without the "Action 1..17" header is refused', () => {
    expect(parseSdgMatrix('Action\t1\t2\t3\nTri\t●\n')).toEqual({
      ok: false,
      error: { code: 'import.matrix.notFound' },
    });
  });

  test('"x" and "✓" count as marks and the caller title and years win over the text', () => {
    const text = [
      HEADER,
      matrixRow('Formation'),
      matrixRow('Former les élèves', [4], 'x'),
      matrixRow('Former le personnel', [4, 8], '✓'),
    ].join('\n');
    const plan = planOf(parseSdgMatrix(text, { title: 'Plan 2024', startYear: 2024, endYear: 2025 }));
    expect(plan).toMatchObject({ title: 'Plan 2024', startYear: 2024, endYear: 2025, reviews: [], warnings: [] });
    expect(allActions(plan).map((a) => a.sdgs)).toEqual([[4], [4, 8]]);
  });

  test('without years above the table the plan has a neutral title and no years', () => {
    const plan = planOf(parseSdgMatrix([HEADER, matrixRow('Formation'), matrixRow('Former', [4])].join('\n')));
    expect(plan).toMatchObject({ title: "Plan d'action annuel", startYear: null, endYear: null });
  });

  test('an unexpected cell content makes the row uncertain instead of being ignored', () => {
    const cells = matrixRow('Former', [4]).split('\t');
    cells[5] = '?';
    const plan = planOf(parseSdgMatrix([HEADER, matrixRow('Formation'), cells.join('\t')].join('\n')));
    expect(plan.reviews).toMatchObject([
      { row: 3, markedCells: [4], suggestedSdgs: [4], reasonCode: 'import.matrix.unknownMark' },
    ]);
    expect(allActions(plan)[0].sdgs).toEqual([]);
  });

  test('an action before any axis heading is kept without axis and flagged', () => {
    const plan = planOf(parseSdgMatrix([HEADER, matrixRow('Agir', [13])].join('\n')));
    expect(plan.workstreams).toMatchObject([
      { title: 'Sans axe', axis: null, actions: [{ title: 'Agir', sdgs: [13], axes: [] }] },
    ]);
    expect(plan.warnings).toEqual([{ code: 'import.matrix.actionWithoutAxis', row: 2 }]);
  });

  test('an unmarked row that is neither an axis nor a continuation is an action flagged as unmarked', () => {
    const plan = planOf(
      parseSdgMatrix(
        [HEADER, matrixRow('Formation'), matrixRow('Former', [4]), matrixRow('Accueillir les alternants')].join('\n'),
      ),
    );
    expect(allActions(plan).map((a) => a.title)).toEqual(['Former', 'Accueillir les alternants']);
    expect(plan.warnings).toEqual([{ code: 'import.matrix.noMarks', row: 4 }]);
  });

  test('CRLF line endings are accepted', () => {
    const plan = planOf(parseSdgMatrix([HEADER, matrixRow('Formation'), matrixRow('Former', [4])].join('\r\n')));
    expect(allActions(plan)[0]).toMatchObject({ row: 3, sdgs: [4] });
  });
});
