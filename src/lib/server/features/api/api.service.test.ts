import { expect, test } from 'vitest';
import { newId } from '../../db/ids';
import { describeEachDialect } from '../../testing/databases';
import { actionsOf, loadPlanTree } from '../plan';
import { fromMilli } from './api';
import { apiGetAction, apiGetIndicator, apiGetPlan, apiListIndicatorValues, apiListPlans } from './api.service';
import { demoContext, insertValue, otherInstitutionUser } from './test-fixtures';

test('stored thousandths become decimals', () => {
  expect(fromMilli(12_500)).toBe(12.5);
  expect(fromMilli(-5_000)).toBe(-5);
  expect(fromMilli(null)).toBeNull();
});

describeEachDialect('the read-only API', (get) => {
  test('lists the plans of the token user’s institution only', async () => {
    const { db } = get();
    const { user } = await demoContext(db);
    const plans = await apiListPlans(db, user);
    expect(plans.map((p) => [p.title, p.kind, p.actionCount])).toEqual([
      ["Plan d'action RES 2023/2027", 'multi_year', 49],
      ["Plan d'action 2021-2022", 'yearly', 25],
    ]);
    expect(await apiListPlans(db, await otherInstitutionUser(db))).toEqual([]);
  });

  test('gives a plan as a tree whose actions carry pilots, SDGs, axes and indicators', async () => {
    const { db } = get();
    const { user, plan } = await demoContext(db);
    const tree = await apiGetPlan(db, user, plan.id);
    if (!tree) throw new Error('plan not found');
    expect(tree.workstreams.map((w) => w.code)).toEqual(['1', '2', '3', '4']);
    const actions = tree.workstreams.flatMap((w) => [...w.objectives.flatMap((o) => o.actions), ...w.actions]);
    expect(actions).toHaveLength(49);
    expect(actions.every((a) => a.pilots.length > 0)).toBe(true);
    const withIndicator = actions.find((a) => a.indicators.length > 0);
    expect(withIndicator?.indicators[0]).toMatchObject({
      id: expect.any(String),
      name: expect.any(String),
      kind: expect.any(String),
      direction: expect.any(String),
      periodicity: expect.any(String),
    });
    expect(tree.means[0]).toMatchObject({ fteRatio: 0.1, fte: 0.6 });
    expect(JSON.parse(JSON.stringify(tree))).toEqual(tree);

    // The yearly plan carries the SDG matrix and the axes.
    const yearly = (await apiListPlans(db, user)).find((p) => p.kind === 'yearly');
    const yearlyTree = yearly ? await apiGetPlan(db, user, yearly.id) : undefined;
    const yearlyActions = yearlyTree?.workstreams.flatMap((w) => [
      ...w.objectives.flatMap((o) => o.actions),
      ...w.actions,
    ]);
    expect(yearlyActions?.some((a) => a.sdgs.length > 0 && a.axes.length > 0)).toBe(true);
  });

  test('an indicator of an objective hangs from the objective, not from an action', async () => {
    const { db } = get();
    const { user, plan } = await demoContext(db);
    const objective = await db
      .selectFrom('objective')
      .innerJoin('workstream', 'workstream.id', 'objective.workstream_id')
      .select('objective.id')
      .where('workstream.plan_id', '=', plan.id)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('indicator')
      .values({
        id: newId(),
        plan_id: plan.id,
        action_id: null,
        objective_id: objective.id,
        target_id: null,
        position: 999,
        name: 'Part des formations abordant la RSE',
        unit: '%',
        baseline_value_milli: null,
        baseline_date: null,
        target_value_milli: 50_000,
        target_date: '2027-12-31',
        responsible_person_id: null,
        source_key: null,
      })
      .execute();
    const tree = await apiGetPlan(db, user, plan.id);
    const found = tree?.workstreams.flatMap((w) => w.objectives).find((o) => o.id === objective.id);
    expect(found?.indicators.map((i) => [i.name, i.unit])).toEqual([['Part des formations abordant la RSE', '%']]);
  });

  test('gives an action with its place in the plan and its budget in cents', async () => {
    const { db } = get();
    const { user, plan, institution } = await demoContext(db);
    const planTree = await loadPlanTree(db, institution.id, plan.id);
    const view = actionsOf(planTree ?? { plan, means: [], workstreams: [] })[0];
    await db.updateTable('action').set({ budget_cents: 150_050, fte_milli: 250 }).where('id', '=', view.id).execute();
    const action = await apiGetAction(db, user, view.id);
    expect(action).toMatchObject({
      id: view.id,
      title: view.title,
      budgetCents: 150_050,
      fte: 0.25,
      plan: { id: plan.id, title: plan.title },
      workstream: { id: view.workstreamId },
    });
  });

  test('answers nothing for an unknown id or another institution’s rows', async () => {
    const { db } = get();
    const { plan, institution } = await demoContext(db);
    const stranger = await otherInstitutionUser(db);
    const indicator = await db
      .selectFrom('indicator')
      .select('id')
      .where('plan_id', '=', plan.id)
      .executeTakeFirstOrThrow();
    const planTree = await loadPlanTree(db, institution.id, plan.id);
    const actionId = actionsOf(planTree ?? { plan, means: [], workstreams: [] })[0].id;
    expect(await apiGetPlan(db, stranger, plan.id)).toBeUndefined();
    expect(await apiGetAction(db, stranger, actionId)).toBeUndefined();
    expect(await apiGetIndicator(db, stranger, indicator.id)).toBeUndefined();
    expect(await apiListIndicatorValues(db, stranger, indicator.id, { history: true })).toBeUndefined();
    const { user } = await demoContext(db);
    expect(await apiGetPlan(db, user, 'no-such-plan')).toBeUndefined();
    expect(await apiGetIndicator(db, user, 'no-such-indicator')).toBeUndefined();
  });

  test('gives an indicator definition with decimals and its responsible person', async () => {
    const { db } = get();
    const { user, plan } = await demoContext(db);
    const row = await db.selectFrom('indicator').selectAll().where('plan_id', '=', plan.id).executeTakeFirstOrThrow();
    const person = await db
      .selectFrom('person')
      .select(['id', 'display_name'])
      .where('institution_id', '=', user.institutionId)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('indicator')
      .set({
        baseline_value_milli: 1_250,
        baseline_date: '2023-01-01',
        target_value_milli: 100_000,
        target_date: '2027-12-31',
        responsible_person_id: person.id,
      })
      .where('id', '=', row.id)
      .execute();
    expect(await apiGetIndicator(db, user, row.id)).toMatchObject({
      id: row.id,
      planId: plan.id,
      name: row.name,
      baseline: { value: 1.25, date: '2023-01-01' },
      target: { value: 100, date: '2027-12-31' },
      responsiblePerson: { id: person.id, name: person.display_name },
      source: 'manual',
    });
  });

  test('gives the current value of each period, or every version with the history', async () => {
    const { db } = get();
    const { user, plan } = await demoContext(db);
    const indicator = await db
      .selectFrom('indicator')
      .selectAll()
      .where('plan_id', '=', plan.id)
      .orderBy('position', 'desc')
      .executeTakeFirstOrThrow();
    await db.deleteFrom('indicator_value').where('indicator_id', '=', indicator.id).execute();
    await insertValue(db, { indicatorId: indicator.id, period: '2023', version: 1, current: true, valueMilli: 12_500 });
    await insertValue(db, {
      indicatorId: indicator.id,
      period: '2024',
      version: 1,
      current: false,
      valueMilli: 10_000,
    });
    await insertValue(db, {
      indicatorId: indicator.id,
      period: '2024',
      version: 2,
      current: true,
      valueMilli: -5_000,
      state: 'validated',
      changeReason: 'typo',
      reviewedBy: user.id,
    });
    const current = await apiListIndicatorValues(db, user, indicator.id, { history: false });
    expect(current?.values.map((v) => [v.period, v.version, v.value, v.current])).toEqual([
      ['2023', 1, 12.5, true],
      ['2024', 2, -5, true],
    ]);
    expect(current?.values[1]).toMatchObject({
      unit: indicator.unit,
      state: 'validated',
      changeReason: 'typo',
      reviewedBy: user.displayName,
      enteredBy: 'Robert L.',
      hasEvidenceFile: false,
      demo: false,
    });
    const history = await apiListIndicatorValues(db, user, indicator.id, { history: true });
    expect(history?.values.map((v) => [v.period, v.version, v.value, v.current])).toEqual([
      ['2023', 1, 12.5, true],
      ['2024', 1, 10, false],
      ['2024', 2, -5, true],
    ]);
  });
});
