import { beforeAll, expect, test } from 'vitest';
import { newId } from '../../db/ids';
import { describeEachDialect } from '../../testing/databases';
import { recordAudit } from '../audit';
import { loadDemoIfEmpty } from '../demo';
import { PROGRESS_STATUSES } from '../progress';
import { getPlanDashboard, OVERDUE_SHOWN, RECENT_CHANGES } from '.';

const TODAY = '2026-06-01';

describeEachDialect('plan dashboard', (get) => {
  let institutionId: string;
  let planId: string;
  let watched: { id: string; name: string; actionId: string | null };
  let personName: string;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    institutionId = (await db.selectFrom('institution').select('id').executeTakeFirstOrThrow()).id;
    const plan = await db
      .selectFrom('plan')
      .select('id')
      .where('institution_id', '=', institutionId)
      .orderBy('start_year', 'desc')
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    planId = plan.id;
    const indicator = await db
      .selectFrom('indicator')
      .select(['id', 'name', 'action_id'])
      .where('plan_id', '=', planId)
      .where('action_id', 'is not', null)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    watched = { id: indicator.id, name: indicator.name, actionId: indicator.action_id };
    const person = await db
      .selectFrom('person')
      .select(['id', 'display_name'])
      .where('institution_id', '=', institutionId)
      .orderBy('display_name')
      .executeTakeFirstOrThrow();
    personName = person.display_name;
    // A yearly manual indicator with no 2025 value is overdue on TODAY (2025 was due 30 days after its end).
    await db
      .updateTable('indicator')
      .set({
        source: 'manual',
        periodicity: 'year',
        direction: 'increase',
        kind: 'number',
        baseline_value_milli: 0,
        baseline_date: '2023-01-01',
        target_value_milli: 100_000,
        target_date: '2027-12-31',
        responsible_person_id: person.id,
      })
      .where('id', '=', watched.id)
      .execute();
    // Tag its action with an SDG and an axis, so that both views have a line to show.
    await db.deleteFrom('action_sdg').where('action_id', '=', watched.actionId!).execute();
    await db.insertInto('action_sdg').values({ action_id: watched.actionId!, sdg_number: 13 }).execute();
    const axis = await db.selectFrom('plan_axis').select('code').orderBy('code').executeTakeFirstOrThrow();
    await db.deleteFrom('action_axis').where('action_id', '=', watched.actionId!).execute();
    await db.insertInto('action_axis').values({ action_id: watched.actionId!, axis_code: axis.code }).execute();
    await db.deleteFrom('indicator_value').where('indicator_id', '=', watched.id).execute();
    const valueId = newId();
    await db
      .insertInto('indicator_value')
      .values({
        id: valueId,
        indicator_id: watched.id,
        period: '2024',
        period_start: '2024-01-01',
        period_end: '2024-12-31',
        version: 1,
        is_current: 1,
        value_milli: 40_000,
        state: 'validated',
        entered_by_label: 'test',
        entered_at: '2025-01-15T10:00:00.000Z',
        is_demo: 0,
      })
      .execute();
    const actor = { userId: null, label: 'Test' };
    await recordAudit(db, {
      institutionId,
      actor,
      entityType: 'indicator_value',
      entityId: valueId,
      operation: 'create',
    });
    await recordAudit(db, {
      institutionId,
      actor,
      entityType: 'action',
      entityId: watched.actionId!,
      operation: 'update',
      changes: [
        { field: 'status', before: 'planned', after: 'in_progress' },
        { field: 'description', before: null, after: 'Started' },
      ],
    });
  });

  test('without a plan id the first plan is shown, with its status counts adding up', async () => {
    const page = await getPlanDashboard(get().db, institutionId, undefined, TODAY);
    expect(page?.plans.length).toBeGreaterThan(0);
    const dashboard = page?.dashboard;
    expect(dashboard?.plan.id).toBe(planId);
    expect(Object.keys(dashboard?.plan.statusCounts ?? {}).sort()).toEqual([...PROGRESS_STATUSES].sort());
    const total = Object.values(dashboard?.plan.statusCounts ?? {}).reduce((a, b) => a + b, 0);
    expect(total).toBe(dashboard?.plan.indicatorCount);
    expect(total).toBeGreaterThan(0);
  });

  test('workstreams, SDGs and axes carry a progress between 0 and 1 (or none) and a status', async () => {
    const dashboard = (await getPlanDashboard(get().db, institutionId, planId, TODAY))?.dashboard;
    expect(dashboard?.workstreams.length).toBeGreaterThan(0);
    expect(dashboard?.sdgs.map((s) => s.sdg)).toContain(13);
    expect(dashboard?.axes.length).toBeGreaterThan(0);
    for (const line of [...(dashboard?.workstreams ?? []), ...(dashboard?.sdgs ?? []), ...(dashboard?.axes ?? [])]) {
      expect(PROGRESS_STATUSES).toContain(line.status);
      if (line.progress !== null) {
        expect(line.progress).toBeGreaterThanOrEqual(0);
        expect(line.progress).toBeLessThanOrEqual(1);
      }
    }
    for (const s of dashboard?.sdgs ?? []) expect(s.sdg).toBeGreaterThanOrEqual(1);
  });

  test('an indicator without its last due value is listed as overdue with its responsible person', async () => {
    const dashboard = (await getPlanDashboard(get().db, institutionId, planId, TODAY))?.dashboard;
    const line = dashboard?.overdue.find((o) => o.indicatorId === watched.id);
    expect(line).toMatchObject({
      indicatorName: watched.name,
      actionId: watched.actionId,
      responsible: personName,
      period: '2025',
      dueDate: '2026-01-30',
    });
    expect(line?.daysLate).toBeGreaterThan(100);
    expect(dashboard?.overdue.length).toBeLessThanOrEqual(OVERDUE_SHOWN);
    expect(dashboard?.overdueTotal).toBeGreaterThanOrEqual(dashboard?.overdue.length ?? 0);
  });

  test('recent changes group the fields of one change and name the action or indicator they touched', async () => {
    const changes = (await getPlanDashboard(get().db, institutionId, planId, TODAY))?.dashboard?.recentChanges ?? [];
    expect(changes.length).toBeLessThanOrEqual(RECENT_CHANGES);
    const action = changes.find((c) => c.entityType === 'action' && c.target.id === watched.actionId);
    expect(action).toMatchObject({ operation: 'update', actorLabel: 'Test', target: { kind: 'action' } });
    expect(action?.fields.sort()).toEqual(['description', 'status']);
    const value = changes.find((c) => c.entityType === 'indicator_value');
    expect(value).toMatchObject({
      operation: 'create',
      period: '2024',
      target: { kind: 'indicator', id: watched.id, title: watched.name },
      fields: [],
    });
    const times = changes.map((c) => c.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  test('a plan of another institution, or no plan at all, is not found', async () => {
    expect(await getPlanDashboard(get().db, institutionId, 'no-such-plan', TODAY)).toBeUndefined();
    expect(await getPlanDashboard(get().db, 'no-such-institution', planId, TODAY)).toBeUndefined();
    expect(await getPlanDashboard(get().db, 'no-such-institution', undefined, TODAY)).toEqual({
      plans: [],
      dashboard: null,
    });
  });
});
