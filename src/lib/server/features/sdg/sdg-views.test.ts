import { describe, expect, test } from 'vitest';
import { describeEachDialect } from '../../testing/databases';
import { findSessionUserById } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { type ActionView, listOpenSdgReviews, type PlanTree, resolveSdgReview } from '../plan';
import {
  countActionsPerSdg,
  coverageOf,
  loadPlanTrees,
  rawCellsView,
  sdgMatrixView,
  sdgOverviewOf,
  sdgPageView,
} from './sdg-views';

let nextId = 0;
function anAction(sdgs: number[], extra: Partial<ActionView> = {}): ActionView {
  nextId++;
  return {
    id: `a${nextId}`,
    position: nextId,
    title: `Action ${nextId}`,
    status: 'not_started',
    pilotText: '',
    pilots: [],
    sdgs,
    axes: [],
    indicators: [],
    startDate: null,
    endDate: null,
    fteMilli: null,
    budgetCents: null,
    description: null,
    workstreamId: 'w',
    objectiveId: null,
    ...extra,
  };
}

function aPlan(
  id: string,
  workstreams: { title: string; actions: ActionView[]; objectiveActions?: ActionView[] }[],
): PlanTree {
  return {
    plan: { id, title: `Plan ${id}`, kind: 'yearly', startYear: 2021, endYear: 2022, actionCount: 0, openReviews: 0 },
    means: [],
    workstreams: workstreams.map((w, i) => ({
      id: `${id}-w${i}`,
      code: null,
      title: w.title,
      axis: i === 0 ? 'teaching' : null,
      objectives: w.objectiveActions
        ? [{ id: `${id}-o${i}`, code: null, title: 'Objectif', targets: [], actions: w.objectiveActions }]
        : [],
      actions: w.actions,
    })),
  };
}

describe('SDG coverage', () => {
  test('counts the SDGs with at least one action and lists the others', () => {
    const totals = Array.from({ length: 17 }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const c = coverageOf(totals);
    expect(c.covered).toBe(9);
    expect(c.uncovered).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
  });

  test('the top SDGs are the most frequent, ties broken by SDG number, never an SDG without action', () => {
    const totals = Array(17).fill(0);
    totals[12] = 5;
    totals[3] = 2;
    totals[16] = 2;
    totals[0] = 2;
    expect(coverageOf(totals).top).toEqual([
      { sdg: 13, count: 5 },
      { sdg: 1, count: 2 },
      { sdg: 4, count: 2 },
    ]);
    const single = Array(17).fill(0);
    single[6] = 1;
    expect(coverageOf(single).top).toEqual([{ sdg: 7, count: 1 }]);
  });
});

describe('SDG matrix of a plan', () => {
  test('one row per action with 17 marks, grouped by workstream, objective actions first', () => {
    const tree = aPlan('p', [
      { title: 'Formation', actions: [anAction([4])], objectiveActions: [anAction([4, 13])] },
      { title: 'Campus', actions: [anAction([])] },
    ]);
    const m = sdgMatrixView(tree);
    expect(m.groups.map((g) => [g.title, g.axis, g.actions.length])).toEqual([
      ['Formation', 'teaching', 2],
      ['Campus', null, 1],
    ]);
    const first = m.groups[0].actions[0];
    expect(first.marks).toHaveLength(17);
    expect(first.marks.flatMap((on, i) => (on ? [i + 1] : []))).toEqual([4, 13]);
    expect(m.totals[3]).toBe(2);
    expect(m.totals[12]).toBe(1);
    expect(m.actionCount).toBe(3);
    expect(m.taggedCount).toBe(2);
    expect(m.coverage.covered).toBe(2);
  });

  test('the overview shows the first plan unless another is asked for, and nothing for an unknown plan', () => {
    const trees = [
      aPlan('new', [{ title: 'W', actions: [anAction([1])] }]),
      aPlan('old', [{ title: 'W', actions: [anAction([1, 2])] }]),
    ];
    expect(sdgOverviewOf(trees)?.matrix?.planId).toBe('new');
    expect(sdgOverviewOf(trees, 'old')?.matrix?.planId).toBe('old');
    expect(sdgOverviewOf(trees, 'elsewhere')).toBeUndefined();
    expect(sdgOverviewOf(trees)?.perSdg.slice(0, 3)).toEqual([2, 1, 0]);
    expect(sdgOverviewOf([])).toEqual({ plans: [], matrix: null, perSdg: Array(17).fill(0) });
  });

  test('an SDG listed twice on an action counts once', () => {
    expect(countActionsPerSdg([aPlan('p', [{ title: 'W', actions: [anAction([5, 5])] }])])[4]).toBe(1);
  });
});

describe('page of one SDG', () => {
  test('gathers the actions of every plan serving the SDG, with workstream, status and pilot', () => {
    const trees = [
      aPlan('a', [
        {
          title: 'Campus',
          actions: [
            anAction([13], {
              status: 'done',
              pilots: [{ kind: 'person', label: 'Bazin I.', personId: 'x', teamId: null, unitId: null }],
            }),
            anAction([4]),
          ],
        },
      ]),
      aPlan('b', [{ title: 'Formation', actions: [anAction([13], { pilotText: 'DFE' })] }]),
      aPlan('c', [{ title: 'Recherche', actions: [anAction([9])] }]),
    ];
    const page = sdgPageView(trees, 13);
    expect(page.plans.map((p) => p.id)).toEqual(['a', 'b']);
    expect(page.plans[0].actions[0]).toMatchObject({ workstreamTitle: 'Campus', status: 'done', pilot: 'Bazin I.' });
    expect(page.plans[1].actions[0].pilot).toBe('DFE');
    expect(page.actionCount).toBe(2);
    expect(page.byStatus).toEqual([
      { status: 'not_started', count: 1 },
      { status: 'done', count: 1 },
    ]);
    expect(sdgPageView(trees, 1)).toEqual({ sdg: 1, plans: [], actionCount: 0, byStatus: [] });
  });
});

describe('raw cells of a row to review', () => {
  test('keeps the non-empty cells by position after the title and counts the columns read', () => {
    const row = ['Trier les déchets', '', ' ● '].concat(Array(15).fill('')).concat(['●']);
    const v = rawCellsView(row, 'Trier les déchets');
    expect(v.cells).toEqual([
      { position: 2, content: '●' },
      { position: 18, content: '●' },
    ]);
    expect(v.columnsAfterTitle).toBe(18);
  });

  test('shows the first cell when it is not the title', () => {
    expect(rawCellsView(['suite', '●'], 'Action').cells).toEqual([
      { position: 0, content: 'suite' },
      { position: 1, content: '●' },
    ]);
  });
});

describeEachDialect('SDG views on the demo', (get) => {
  test("the 2021-2022 plan's matrix has its five Plan-vert axes and 25 actions", async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    const institution = await db.selectFrom('institution').selectAll().executeTakeFirstOrThrow();
    const trees = await loadPlanTrees(db, institution.id);
    const tree = trees.find((t) => t.plan.title === "Plan d'action 2021-2022");
    expect(tree).toBeDefined();
    if (!tree) return;
    const m = sdgMatrixView(tree);
    expect(m.groups).toHaveLength(5);
    expect(m.groups.every((g) => g.axis !== null)).toBe(true);
    expect(m.actionCount).toBe(25);
    expect(m.totals.reduce((s, n) => s + n, 0)).toBeGreaterThan(0);
    // The report's matrix is misaligned after page breaks: those rows wait for the officer and the view says so.
    const reviews = await listOpenSdgReviews(db, institution.id, tree.plan.id);
    expect(reviews.length).toBeGreaterThan(0);
    expect(m.openReviews).toBe(reviews.length);
    expect(sdgPageView(trees, 4).actionCount).toBe(
      m.totals[3] + countActionsPerSdg(trees.filter((t) => t !== tree))[3],
    );
  });

  test('confirming a review sets the action SDGs, closes the review and records it in the history', async () => {
    const { db } = get();
    const institution = await db.selectFrom('institution').selectAll().executeTakeFirstOrThrow();
    const adminRow = await db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'responsable.ddrs@demo.trajectoire.test')
      .executeTakeFirstOrThrow();
    const admin = await findSessionUserById(db, adminRow.id);
    if (!admin) throw new Error('demo admin missing');
    const reviews = await listOpenSdgReviews(db, institution.id);
    expect(reviews.length).toBeGreaterThan(0);
    const review = reviews[0];

    const viewer = { ...admin, role: 'viewer' as const };
    expect(await resolveSdgReview(db, viewer, review.id, [4])).toEqual({
      ok: false,
      error: { code: 'plan.review.forbidden' },
    });

    expect(await resolveSdgReview(db, admin, review.id, [17, 4, 4])).toEqual({
      ok: true,
      value: { actionId: review.actionId },
    });
    const sdgs = await db
      .selectFrom('action_sdg')
      .select('sdg_number')
      .where('action_id', '=', review.actionId)
      .orderBy('sdg_number')
      .execute();
    expect(sdgs.map((s) => s.sdg_number)).toEqual([4, 17]);
    const status = await db
      .selectFrom('sdg_review')
      .select('status')
      .where('id', '=', review.id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('resolved');
    const audit = await db
      .selectFrom('audit_event')
      .select(['field', 'after_value', 'actor_user_id'])
      .where('entity_id', '=', review.actionId)
      .where('field', '=', 'sdgs')
      .execute();
    expect(audit).toEqual([{ field: 'sdgs', after_value: '4, 17', actor_user_id: admin.id }]);
    expect((await listOpenSdgReviews(db, institution.id)).map((r) => r.id)).not.toContain(review.id);
    expect(await resolveSdgReview(db, admin, review.id, [1])).toEqual({
      ok: false,
      error: { code: 'plan.review.notFound' },
    });
  });
});
