import { expect, test } from 'vitest';
import { isDemoAllowed, parseConfig } from '../../config';
import { describeEachDialect } from '../../testing/databases';
import { findSessionUserById } from '../auth';
import { actionsOf, editAction, getActionPage, listPlans, loadPlanTree } from '../plan';
import { DEMO_ACCOUNTS, loadDemoIfEmpty } from './demo';

test('the demo never loads in production or when turned off', () => {
  expect(isDemoAllowed(parseConfig({}))).toBe(true);
  expect(isDemoAllowed(parseConfig({ NODE_ENV: 'production' }))).toBe(false);
  expect(isDemoAllowed(parseConfig({ TRAJECTOIRE_DEMO: 'off' }))).toBe(false);
});

test('an invalid setting is refused with the name of the variable', () => {
  expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  expect(() => parseConfig({ UPLOAD_MAX_MB: 'lots' })).toThrow(/UPLOAD_MAX_MB/);
});

describeEachDialect('the IMT Mines Alès demo', (get) => {
  test('loads both plans, the governance and one account per role into an empty database', async () => {
    const { db } = get();
    expect(await loadDemoIfEmpty(db, { password: 'demo-password-123' })).toBe(true);
    const institution = await db.selectFrom('institution').selectAll().executeTakeFirstOrThrow();
    expect(institution.name).toBe('IMT Mines Alès');
    expect(institution.purpose_statement).toContain('acteurs responsables du développement de la Nation');

    const plans = await listPlans(db, institution.id);
    expect(plans.map((p) => [p.title, p.kind, p.actionCount])).toEqual([
      ["Plan d'action RES 2023/2027", 'multi_year', 49],
      ["Plan d'action 2021-2022", 'yearly', 25],
    ]);
    const multiYear = await loadPlanTree(db, institution.id, plans[0].id);
    expect(multiYear?.workstreams.map((w) => w.code)).toEqual(['1', '2', '3', '4']);
    expect(multiYear?.workstreams.reduce((n, w) => n + w.objectives.length, 0)).toBe(17);
    // "Chantier 2" and "Chantier 2 (suite)" are one workstream; "Objectif 2 (suite)" joined Objectif 2.
    const second = multiYear?.workstreams[1];
    expect(second?.objectives.map((o) => o.code)).toEqual(['1', '2', '3', '4', '5']);
    expect(second?.objectives[1].actions).toHaveLength(4);
    // Cross-cutting means: 10 % of an FTE per referent, 6 referents in the steering committee.
    expect(multiYear?.means[0]).toMatchObject({ fteRatioMilli: 100, fteMilli: 600 });

    const yearly = await loadPlanTree(db, institution.id, plans[1].id);
    expect(yearly?.workstreams.map((w) => w.axis)).toEqual([
      'strategy_governance',
      'teaching',
      'research_innovation',
      'campus_environment',
      'social_territorial',
    ]);
    const openReviews = await db.selectFrom('sdg_review').select('id').where('status', '=', 'open').execute();
    expect(openReviews.length).toBeGreaterThan(0);

    const referents = await db
      .selectFrom('working_group_member')
      .select('unit_id')
      .where('role', '=', 'referent')
      .execute();
    expect(new Set(referents.map((r) => r.unit_id)).size).toBe(6);
    const users = await db
      .selectFrom('app_user')
      .innerJoin('membership', 'membership.user_id', 'app_user.id')
      .select(['email', 'role'])
      .execute();
    expect(users.map((u) => u.role).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.role).sort());
  });

  test('does nothing on a database that already holds an institution', async () => {
    const { db } = get();
    expect(await loadDemoIfEmpty(db, { password: 'demo-password-123' })).toBe(false);
    const count = await db
      .selectFrom('plan')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  test('the demo pilot edits their own action, with history, and not the others', async () => {
    const { db } = get();
    const account = await db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'pilote@demo.trajectoire.test')
      .executeTakeFirstOrThrow();
    const pilot = await findSessionUserById(db, account.id);
    if (!pilot) throw new Error('no pilot');
    const plans = await listPlans(db, pilot.institutionId);
    const tree = await loadPlanTree(db, pilot.institutionId, plans[0].id);
    const actions = tree ? actionsOf(tree) : [];
    const own = actions.find((a) => a.title.startsWith('Compostage des déchets'));
    const other = actions.find((a) => a.title.startsWith('Faire les Bilans Carbone'));
    if (!own || !other) throw new Error('demo actions missing');

    const page = await getActionPage(db, pilot, own.id);
    expect(page?.canEdit).toBe(true);
    const edit = {
      expectedVersion: page?.version ?? 0,
      title: own.title,
      status: 'in_progress' as const,
      startDate: '2024-01-15',
      endDate: '2027-06-30',
      fteMilli: 250,
      budgetCents: 150_000,
      description: null,
      // The demo tags this action with SDGs 12 and 15 (docs/demo-data.md).
      sdgs: [11, 12],
      axes: ['campus_environment' as const],
    };
    const saved = await editAction(db, pilot, own.id, edit);
    expect(saved).toEqual({ ok: true, value: { version: 2, changed: 7 } });
    const after = await getActionPage(db, pilot, own.id);
    expect(after?.action).toMatchObject({ status: 'in_progress', fteMilli: 250, budgetCents: 150_000, sdgs: [11, 12] });
    const fields = after?.history
      .filter((h) => h.operation === 'update')
      .map((h) => `${h.field}:${h.before}->${h.after}`);
    expect(fields).toEqual(
      expect.arrayContaining(['status:not_started->in_progress', 'budget_cents:null->150000', 'sdgs:12, 15->11, 12']),
    );

    // The same form submitted again (stale version) is refused; nothing changes.
    expect(await editAction(db, pilot, own.id, { ...edit, status: 'done' })).toEqual({
      ok: false,
      error: { code: 'plan.action.conflict' },
    });
    expect((await getActionPage(db, pilot, own.id))?.action.status).toBe('in_progress');

    const otherPage = await getActionPage(db, pilot, other.id);
    expect(otherPage?.canEdit).toBe(false);
    expect(await editAction(db, pilot, other.id, { ...edit, expectedVersion: 1, title: other.title })).toEqual({
      ok: false,
      error: { code: 'plan.action.forbidden' },
    });
  });

  test('an action of another institution is not found, as if it did not exist', async () => {
    const { db } = get();
    const account = await db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'lecteur@demo.trajectoire.test')
      .executeTakeFirstOrThrow();
    const viewer = await findSessionUserById(db, account.id);
    if (!viewer) throw new Error('no viewer');
    const action = await db.selectFrom('action').select('id').executeTakeFirstOrThrow();
    expect(await getActionPage(db, { ...viewer, institutionId: 'another-institution' }, action.id)).toBeUndefined();
  });
});
