import * as XLSX from '@e965/xlsx';
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, test } from 'vitest';
import { newId } from '../../db/ids';
import { describeEachDialect } from '../../testing/databases';
import { loadDemoIfEmpty } from '../demo';
import { actionsOf, listPlans, loadPlanTree, type PlanTree } from '../plan';
import { importPlanFile } from '../plan-import';
import { EXPORT_FORMATS, exportPlan } from '.';

/** What must survive an export then an import: everything but ids, positions and links to people. */
function comparable(tree: PlanTree) {
  const action = (a: PlanTree['workstreams'][number]['actions'][number]) => ({
    title: a.title,
    pilotText: a.pilotText,
    pilots: a.pilots.map((p) => `${p.kind}:${p.label}`),
    status: a.status,
    sdgs: a.sdgs,
    axes: a.axes,
    startDate: a.startDate,
    endDate: a.endDate,
    fteMilli: a.fteMilli,
    budgetCents: a.budgetCents,
    description: a.description,
    indicators: a.indicators.map((i) => ({ name: i.name, unit: i.unit })),
  });
  return {
    title: tree.plan.title,
    kind: tree.plan.kind,
    years: [tree.plan.startYear, tree.plan.endYear],
    means: tree.means.map((m) => [m.label, m.fteRatioMilli, m.basis]),
    workstreams: tree.workstreams.map((w) => ({
      code: w.code,
      title: w.title,
      actions: w.actions.map(action),
      objectives: w.objectives.map((o) => ({
        code: o.code,
        title: o.title,
        targets: o.targets.map((t) => t.label),
        actions: o.actions.map(action),
      })),
    })),
  };
}

const EVIL_TITLE = '=HYPERLINK("http://evil","x")';

describeEachDialect('plan export', (getDb) => {
  let institutionId = '';
  let multiYearId = '';
  let yearlyId = '';

  beforeAll(async () => {
    const { db } = getDb();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    institutionId = (await db.selectFrom('institution').select('id').executeTakeFirstOrThrow()).id;
    const plans = await listPlans(db, institutionId);
    multiYearId = plans.find((p) => p.kind === 'multi_year')!.id;
    yearlyId = plans.find((p) => p.kind === 'yearly')!.id;
    const tree = (await loadPlanTree(db, institutionId, multiYearId))!;
    const [first, second, third, fourth] = actionsOf(tree);
    // Fields the demo leaves empty, so that the round trip really carries them.
    const edits = [
      {
        id: first.id,
        status: 'in_progress',
        start_date: '2024-01-15',
        end_date: '2025-06-30',
        fte_milli: 1250,
        budget_cents: 1_234_567,
        description: 'Première étape ; puis « la suite », 20 %',
      },
      { id: second.id, status: 'done', start_date: '2023-09-01', end_date: null, fte_milli: 500, budget_cents: 100 },
      { id: third.id, status: 'suspended', start_date: null, end_date: '2027-12-31', fte_milli: 0, budget_cents: 0 },
      {
        id: fourth.id,
        status: 'cancelled',
        start_date: null,
        end_date: null,
        fte_milli: 125,
        budget_cents: 99_999_999,
      },
    ];
    for (const { id, ...values } of edits) await db.updateTable('action').set(values).where('id', '=', id).execute();
    await db
      .insertInto('action_sdg')
      .values([
        { action_id: first.id, sdg_number: 4 },
        { action_id: first.id, sdg_number: 13 },
        { action_id: second.id, sdg_number: 17 },
      ])
      .execute();
    await db
      .insertInto('action_axis')
      .values([
        { action_id: first.id, axis_code: 'teaching' },
        { action_id: first.id, axis_code: 'research_innovation' },
        { action_id: third.id, axis_code: 'social_territorial' },
      ])
      .execute();
    // An objective with a target and no action yet must not disappear; cells starting with "-" or "+" are
    // neutralised for spreadsheets on the way out and must come back as they were.
    const objectiveId = newId();
    await db
      .insertInto('objective')
      .values({
        id: objectiveId,
        workstream_id: tree.workstreams[0].id,
        position: 99,
        code: '5',
        title: 'Objectif sans action',
      })
      .execute();
    await db
      .insertInto('target')
      .values({
        id: newId(),
        objective_id: objectiveId,
        position: 0,
        label: '-20 % de déchets',
        baseline_value_milli: null,
        target_value_milli: -20_000,
        unit: '%',
        deadline: '2027-12-31',
        qualitative: 0,
      })
      .execute();
    await db.updateTable('action').set({ title: '+ de vélos sur le campus' }).where('id', '=', fourth.id).execute();
  });

  for (const format of EXPORT_FORMATS) {
    test(`a plan exported to ${format.toUpperCase()} and imported back is the same plan`, async () => {
      const { db } = getDb();
      const file = (await exportPlan(db, { institutionId, planId: multiYearId, format }))!;
      const imported = await importPlanFile(db, {
        institutionId,
        actor: { userId: null, label: 'test' },
        bytes: file.bytes,
        filename: file.filename,
      });
      if (!imported.ok) throw new Error(JSON.stringify(imported.error));
      expect(imported.value.preview.source).toBe('seed-plan');
      const original = comparable((await loadPlanTree(db, institutionId, multiYearId))!);
      const copy = comparable((await loadPlanTree(db, institutionId, imported.value.planId))!);
      expect(copy).toEqual(original);
      expect(copy.workstreams.flatMap((w) => w.objectives)).toHaveLength(18);
      expect(copy.workstreams[0].objectives[0].actions[0]).toMatchObject({
        status: 'in_progress',
        sdgs: [4, 13],
        axes: ['teaching', 'research_innovation'],
        fteMilli: 1250,
        budgetCents: 1_234_567,
      });
    });
  }

  test('a yearly plan grouped by axis (actions without objective) round-trips too', async () => {
    const { db } = getDb();
    const file = (await exportPlan(db, { institutionId, planId: yearlyId, format: 'xlsx' }))!;
    const imported = await importPlanFile(db, {
      institutionId,
      actor: { userId: null, label: 'test' },
      bytes: file.bytes,
      filename: file.filename,
    });
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    const original = comparable((await loadPlanTree(db, institutionId, yearlyId))!);
    const copy = comparable((await loadPlanTree(db, institutionId, imported.value.planId))!);
    expect(copy).toEqual(original);
  });

  test('a formula in a cell is exported as inert text in CSV and XLSX', async () => {
    const { db } = getDb();
    const tree = (await loadPlanTree(db, institutionId, multiYearId))!;
    const target = actionsOf(tree)[5];
    await db.updateTable('action').set({ title: EVIL_TITLE }).where('id', '=', target.id).execute();

    const csv = (await exportPlan(db, { institutionId, planId: multiYearId, format: 'csv' }))!;
    const text = new TextDecoder().decode(csv.bytes);
    const records: string[][] = parse(text, { delimiter: ';', bom: true, relax_column_count: true });
    expect(records.flat()).toContain(`'${EVIL_TITLE}`);
    expect(records.flat()).not.toContain(EVIL_TITLE);

    const xlsx = (await exportPlan(db, { institutionId, planId: multiYearId, format: 'xlsx' }))!;
    const workbook = XLSX.read(xlsx.bytes, { type: 'array', cellFormula: true });
    const sheet = workbook.Sheets[workbook.SheetNames[0]];
    const cells = Object.entries(sheet)
      .filter(([address]) => !address.startsWith('!'))
      .map(([, cell]) => cell as XLSX.CellObject);
    const evil = cells.find((c) => String(c.v).includes('HYPERLINK'));
    expect(evil).toMatchObject({ t: 's', v: `'${EVIL_TITLE}` });
    expect(cells.every((c) => c.t === 's' && c.f === undefined)).toBe(true);

    const imported = await importPlanFile(db, {
      institutionId,
      actor: { userId: null, label: 'test' },
      bytes: csv.bytes,
      filename: csv.filename,
    });
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    const titles = actionsOf((await loadPlanTree(db, institutionId, imported.value.planId))!).map((a) => a.title);
    expect(titles).toContain(EVIL_TITLE);
  });

  test("another institution's plan cannot be exported", async () => {
    const { db } = getDb();
    expect(await exportPlan(db, { institutionId: newId(), planId: multiYearId, format: 'csv' })).toBeUndefined();
  });
});
