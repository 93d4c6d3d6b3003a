import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { periodContaining } from '../indicators';
import { submitIdea } from './ideas.service';
import { turnIdeaIntoAction } from './ideas-action.service';
import { loadIdeasDemo } from './ideas-demo';
import { IDEAS_ANSWERED, IDEAS_SUBMITTED, IDEAS_TURNED_INTO_ACTIONS } from './ideas-indicators';
import { moderateItem } from './ideas-moderation.service';
import { getIdeaPage, listIdeas } from './ideas-pages.service';
import { changeIdeaStatus } from './ideas-status.service';
import { listObjectiveOptions } from './ideas-views.queries';

describeEachDialect('ideas: indicator sources and demo', (get) => {
  let admin: SessionUser;
  let viewer: SessionUser;
  const year2025 = periodContaining('year', '2025-06-01');
  const year2026 = periodContaining('year', '2026-06-01');

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
  });

  const compute = (source: typeof IDEAS_SUBMITTED, period: typeof year2025) =>
    source.compute(get().db, { institutionId: admin.institutionId, sourceKey: null, period });

  test('without any idea the sources have no data', async () => {
    expect(await compute(IDEAS_SUBMITTED, year2025)).toBeNull();
    expect(await compute(IDEAS_ANSWERED, year2025)).toBeNull();
    expect(await compute(IDEAS_TURNED_INTO_ACTIONS, year2025)).toBeNull();
  });

  test('submitted, share answered and turned into actions are counted per period; hidden ideas are not', async () => {
    const { db } = get();
    const ids: string[] = [];
    for (const title of ['A', 'B', 'C', 'D']) {
      const r = await submitIdea(db, viewer, { title, description: 'd', sdgs: [], anonymous: false });
      if (!r.ok) throw new Error(r.error.code);
      ids.push(r.value.id);
    }
    await db.updateTable('idea').set({ submitted_on: '2025-03-10' }).where('id', 'in', ids).execute();
    // A: rejected; B: turned into an action; C: still received; D: hidden by moderation (spam).
    await changeIdeaStatus(db, admin, ids[0], { to: 'rejected', answer: 'Non.' });
    await changeIdeaStatus(db, admin, ids[1], { to: 'under_study' });
    const [objective] = await listObjectiveOptions(db, admin.institutionId);
    const turned = await turnIdeaIntoAction(db, admin, ids[1], { objectiveId: objective.id });
    if (!turned.ok) throw new Error(turned.error.code);
    await db
      .updateTable('idea_status_change')
      .set({ changed_at: '2025-12-31T23:30:00.000Z' })
      .where('idea_id', '=', ids[1])
      .where('to_status', '=', 'turned_into_action')
      .execute();
    await moderateItem(db, admin, { kind: 'idea', id: ids[3] }, 'hide', 'spam');

    expect(await compute(IDEAS_SUBMITTED, year2025)).toBe(3000);
    // 2 answered of 3: 66.667 %.
    expect(await compute(IDEAS_ANSWERED, year2025)).toBe(66667);
    expect(await compute(IDEAS_TURNED_INTO_ACTIONS, year2025)).toBe(1000);
    expect(await compute(IDEAS_SUBMITTED, year2026)).toBe(0);
    expect(await compute(IDEAS_ANSWERED, year2026)).toBeNull();
    expect(await compute(IDEAS_TURNED_INTO_ACTIONS, year2026)).toBe(0);
  });

  test('the demo ideas load with their statuses, supports and anonymous author', async () => {
    const { db } = get();
    await loadIdeasDemo(db, admin.institutionId);
    const list = await listIdeas(db, admin, { mine: false, sort: 'supports' });
    const fountains = list.find((i) => i.title.startsWith('Des fontaines à eau'));
    expect(fountains).toMatchObject({ status: 'accepted', authorName: null, supports: 2, sdgs: [6, 12] });
    const page = await getIdeaPage(db, admin, fountains?.id ?? '');
    expect(page?.history.map((h) => h.toStatus)).toEqual(['received', 'under_study', 'accepted']);
    expect(page?.publicAnswer).toContain('Deux fontaines');
    const bikes = list.find((i) => i.title.includes('vélos'));
    expect(bikes?.authorName).toBe('Contributeur démo');
    expect((await getIdeaPage(db, viewer, bikes?.id ?? ''))?.comments).toHaveLength(1);
  });
});
