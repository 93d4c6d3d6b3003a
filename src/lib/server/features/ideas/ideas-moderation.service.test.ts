import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { commentIdea, submitIdea, supportIdea } from './ideas.service';
import { getModerationQueue, mergeIdea, moderateItem, reportItem, revealIdeaAuthor } from './ideas-moderation.service';
import { getIdeaPage, listIdeas } from './ideas-pages.service';
import { getIdeaSettings, updateIdeaSettings } from './ideas-settings.service';

const NO_FILTERS = { mine: false, sort: 'date' } as const;

describeEachDialect('ideas: moderation', (get) => {
  let admin: SessionUser;
  let committee: SessionUser;
  let pilot: SessionUser;
  let contributor: SessionUser;
  let viewer: SessionUser;

  const anIdea = async (author: SessionUser, title: string, anonymous = false) => {
    const result = await submitIdea(get().db, author, { title, description: 'd', sdgs: [], anonymous });
    if (!result.ok) throw new Error(result.error.code);
    return result.value.id;
  };

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    committee = await sessionUserByEmail(db, 'referent.dde@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    contributor = await sessionUserByEmail(db, 'contributeur@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
  });

  test('the threshold is 3 by default and only the officer changes it', async () => {
    const { db } = get();
    expect(await getIdeaSettings(db, admin.institutionId)).toEqual({ reportThreshold: 3, publicList: false });
    expect(await updateIdeaSettings(db, viewer, { reportThreshold: '2', publicList: true })).toEqual({
      ok: false,
      error: { code: 'ideas.error.forbidden' },
    });
    expect(await updateIdeaSettings(db, admin, { reportThreshold: '0', publicList: false })).toEqual({
      ok: false,
      error: { code: 'ideas.error.threshold' },
    });
    expect(await updateIdeaSettings(db, admin, { reportThreshold: '2', publicList: false })).toEqual({ ok: true });
    expect((await getIdeaSettings(db, admin.institutionId)).reportThreshold).toBe(2);
  });

  test('reports count once per person; at the threshold the idea is hidden from others until the officer decides', async () => {
    const { db } = get();
    await updateIdeaSettings(db, admin, { reportThreshold: '2', publicList: false });
    const id = await anIdea(viewer, 'Contenu douteux');
    expect(await reportItem(db, pilot, { kind: 'idea', id }, 'hors sujet')).toEqual({
      ok: true,
      value: { hidden: false },
    });
    expect(await reportItem(db, pilot, { kind: 'idea', id }, undefined)).toEqual({
      ok: false,
      error: { code: 'ideas.error.alreadyReported' },
    });
    expect(await reportItem(db, contributor, { kind: 'idea', id }, undefined)).toEqual({
      ok: true,
      value: { hidden: true },
    });

    expect(await getIdeaPage(db, pilot, id)).toBeUndefined();
    expect((await listIdeas(db, pilot, NO_FILTERS)).some((i) => i.id === id)).toBe(false);
    expect((await getIdeaPage(db, viewer, id))?.moderationState).toBe('pending_review');
    expect((await getIdeaPage(db, admin, id))?.moderationState).toBe('pending_review');
    const queue = await getModerationQueue(db, admin);
    expect(queue?.ideas.find((i) => i.id === id)).toMatchObject({ state: 'pending_review', reports: 2 });

    // Reviewed and kept: visible again, the reports closed (a reporter cannot report it again).
    expect(await moderateItem(db, admin, { kind: 'idea', id }, 'show', 'Conforme à la charte')).toEqual({
      ok: true,
      value: null,
    });
    expect((await getIdeaPage(db, pilot, id))?.moderationState).toBe('visible');
    expect((await getModerationQueue(db, admin))?.ideas.some((i) => i.id === id)).toBe(false);
    await updateIdeaSettings(db, admin, { reportThreshold: '3', publicList: false });
  });

  test('a viewer (student) or a committee member cannot moderate, merge, reveal or read the queue', async () => {
    const { db } = get();
    const id = await anIdea(contributor, 'À modérer');
    for (const user of [viewer, committee, pilot]) {
      expect(await moderateItem(db, user, { kind: 'idea', id }, 'hide', 'non')).toEqual({
        ok: false,
        error: { code: 'ideas.error.forbidden' },
      });
      expect(await mergeIdea(db, user, id, id)).toEqual({ ok: false, error: { code: 'ideas.error.forbidden' } });
      expect(await revealIdeaAuthor(db, user, id, 'curiosité')).toEqual({
        ok: false,
        error: { code: 'ideas.error.forbidden' },
      });
      expect(await getModerationQueue(db, user)).toBeUndefined();
    }
    expect((await getIdeaPage(db, viewer, id))?.moderationState).toBe('visible');
  });

  test('the officer hides a comment with a reason; others no longer see it', async () => {
    const { db } = get();
    const id = await anIdea(contributor, 'Commentaires modérés');
    const comment = await commentIdea(db, pilot, id, 'Propos déplacé');
    if (!comment.ok) throw new Error(comment.error.code);
    expect(await moderateItem(db, admin, { kind: 'comment', id: comment.value.id }, 'hide', '')).toEqual({
      ok: false,
      error: { code: 'ideas.error.reason' },
    });
    expect((await moderateItem(db, admin, { kind: 'comment', id: comment.value.id }, 'hide', 'Injurieux')).ok).toBe(
      true,
    );
    expect((await getIdeaPage(db, viewer, id))?.comments).toEqual([]);
    expect((await getIdeaPage(db, admin, id))?.comments[0]?.moderationState).toBe('hidden');
    expect((await getModerationQueue(db, admin))?.comments.find((c) => c.id === comment.value.id)).toMatchObject({
      state: 'hidden',
      reason: 'Injurieux',
    });
  });

  test('merging moves supports without counting anyone twice, and the duplicate points to the idea kept', async () => {
    const { db } = get();
    const kept = await anIdea(contributor, 'Fontaines (gardée)');
    const duplicate = await anIdea(viewer, 'Fontaines (doublon)');
    await supportIdea(db, pilot, kept);
    await supportIdea(db, pilot, duplicate);
    await supportIdea(db, admin, duplicate);
    // The kept idea's author supported the duplicate: never a supporter of their own idea after the merge.
    await supportIdea(db, contributor, duplicate);
    expect(await mergeIdea(db, admin, duplicate, kept)).toEqual({ ok: true, value: null });
    expect((await getIdeaPage(db, viewer, kept))?.supports).toBe(2);
    const merged = await getIdeaPage(db, viewer, duplicate);
    expect(merged?.mergedInto).toEqual({ id: kept, title: 'Fontaines (gardée)' });
    expect(merged?.supports).toBe(0);
    expect((await listIdeas(db, viewer, NO_FILTERS)).some((i) => i.id === duplicate)).toBe(false);
    expect(await supportIdea(db, pilot, duplicate)).toEqual({ ok: false, error: { code: 'ideas.error.notOpen' } });
    expect(await mergeIdea(db, admin, kept, duplicate)).toEqual({ ok: false, error: { code: 'ideas.error.merge' } });
  });

  test('revealing an anonymous author needs a reason and is audited with the officer’s name', async () => {
    const { db } = get();
    const id = await anIdea(viewer, 'Anonyme à révéler', true);
    expect(await revealIdeaAuthor(db, admin, id, ' ')).toEqual({ ok: false, error: { code: 'ideas.error.reason' } });
    expect(await revealIdeaAuthor(db, admin, id, 'Propos menaçants signalés')).toEqual({
      ok: true,
      value: { displayName: viewer.displayName, email: viewer.email },
    });
    const audit = await db
      .selectFrom('audit_event')
      .select(['actor_user_id', 'after_value'])
      .where('entity_id', '=', id)
      .where('field', '=', 'author_revealed')
      .execute();
    expect(audit).toEqual([{ actor_user_id: admin.id, after_value: 'Propos menaçants signalés' }]);
  });
});
