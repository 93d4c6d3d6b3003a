import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { bytes, PDF, PNG } from '../indicators/test-files';
import { IDEA_STATUS_MAIL_JOB, ideasJobHandlers, runDueJobs } from '../notifications';
import type { SubmitIdeaInput } from './ideas';
import { commentIdea, submitIdea, supportIdea, withdrawSupport } from './ideas.service';
import { getIdeaAttachment, getIdeaPage, listIdeas, listMyIdeas } from './ideas-pages.service';
import { changeIdeaStatus } from './ideas-status.service';

const anIdea = (overrides: Partial<SubmitIdeaInput> = {}): SubmitIdeaInput => ({
  title: 'Des fontaines à eau dans chaque bâtiment',
  description: 'Pour en finir avec les bouteilles en plastique.',
  sdgs: [12, 6, 12],
  axisCode: 'campus_environment',
  anonymous: true,
  ...overrides,
});
const NO_FILTERS = { mine: false, sort: 'date' } as const;

describeEachDialect('ideas: submit, support, comment, status', (get) => {
  let admin: SessionUser;
  let viewer: SessionUser;
  let contributor: SessionUser;
  let pilot: SessionUser;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    contributor = await sessionUserByEmail(db, 'contributeur@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
  });

  test('an anonymous idea keeps its author for abuse handling but shows "no name" to everyone, the officer included', async () => {
    const { db } = get();
    const submitted = await submitIdea(db, viewer, anIdea(), [{ filename: 'plan.pdf', bytes: PDF }]);
    if (!submitted.ok) throw new Error(submitted.error.code);
    const row = await db.selectFrom('idea').selectAll().where('id', '=', submitted.value.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      anonymous: 1,
      author_user_id: viewer.id,
      status: 'received',
      axis_code: 'campus_environment',
    });
    const sdgs = await db.selectFrom('idea_sdg').select('sdg_number').where('idea_id', '=', row.id).execute();
    expect(sdgs.map((s) => Number(s.sdg_number)).sort((a, b) => a - b)).toEqual([6, 12]);

    for (const reader of [admin, contributor, viewer]) {
      const page = await getIdeaPage(db, reader, row.id);
      expect(page?.authorName).toBeNull();
      expect(JSON.stringify(page)).not.toContain(viewer.displayName);
      const list = await listIdeas(db, reader, NO_FILTERS);
      expect(list.find((i) => i.id === row.id)?.authorName).toBeNull();
      expect(JSON.stringify(list)).not.toContain(viewer.displayName);
    }
    expect((await getIdeaPage(db, viewer, row.id))?.isMine).toBe(true);
    // The audit trail of the submission names nobody either.
    const audit = await db.selectFrom('audit_event').selectAll().where('entity_id', '=', row.id).execute();
    expect(audit.every((a) => a.actor_user_id === null && a.actor_label === 'anonymous')).toBe(true);
    // The attachment comes back as stored.
    const page = await getIdeaPage(db, contributor, row.id);
    const file = await getIdeaAttachment(db, contributor, row.id, page?.attachments[0]?.id ?? '');
    expect(file?.contentType).toBe('application/pdf');
    expect(Buffer.from(file?.bytes ?? []).equals(Buffer.from(PDF))).toBe(true);
  });

  test('a signed idea shows its author; attachments are checked by their bytes', async () => {
    const { db } = get();
    const signed = await submitIdea(db, contributor, anIdea({ anonymous: false, title: 'Atelier vélo' }), [
      { filename: 'photo.png', bytes: PNG },
    ]);
    if (!signed.ok) throw new Error(signed.error.code);
    expect((await getIdeaPage(db, viewer, signed.value.id))?.authorName).toBe(contributor.displayName);

    const html = bytes('<html><script>alert(1)</script></html>');
    expect(await submitIdea(db, viewer, anIdea(), [{ filename: 'x.pdf', bytes: html }])).toMatchObject({
      ok: false,
      error: { code: 'ideas.error.attachmentType', params: { file: 'x.pdf' } },
    });
    // A CSV is a valid evidence file elsewhere, not an idea attachment.
    expect(
      await submitIdea(db, viewer, anIdea(), [{ filename: 'a.csv', bytes: bytes('a;b\n1;2\n3;4\n') }]),
    ).toMatchObject({
      ok: false,
      error: { code: 'ideas.error.attachmentType' },
    });
    const big = new Uint8Array(6 * 1024 * 1024);
    big.set(PDF);
    expect(await submitIdea(db, viewer, anIdea(), [{ filename: 'big.pdf', bytes: big }])).toMatchObject({
      ok: false,
      error: { code: 'ideas.error.attachmentTooLarge' },
    });
    expect(await submitIdea(db, viewer, anIdea({ title: ' ' }))).toMatchObject({
      error: { code: 'ideas.error.title' },
    });
    expect(await submitIdea(db, viewer, anIdea({ axisCode: 'nope' }))).toMatchObject({
      error: { code: 'ideas.error.axis' },
    });
    expect(await submitIdea(db, viewer, anIdea({ sdgs: [18] }))).toMatchObject({ error: { code: 'ideas.error.sdgs' } });
  });

  test('one support per person: a second one is refused, withdrawing is allowed, one’s own idea cannot be supported', async () => {
    const { db } = get();
    const idea = await submitIdea(db, viewer, anIdea({ title: 'Soutiens' }));
    if (!idea.ok) throw new Error(idea.error.code);
    const id = idea.value.id;
    expect(await supportIdea(db, contributor, id)).toEqual({ ok: true, value: null });
    expect(await supportIdea(db, contributor, id)).toEqual({
      ok: false,
      error: { code: 'ideas.error.alreadySupported' },
    });
    expect(await supportIdea(db, pilot, id)).toEqual({ ok: true, value: null });
    expect(await supportIdea(db, viewer, id)).toEqual({ ok: false, error: { code: 'ideas.error.ownIdea' } });
    expect((await getIdeaPage(db, admin, id))?.supports).toBe(2);
    expect((await getIdeaPage(db, contributor, id))?.supportedByMe).toBe(true);
    expect(await withdrawSupport(db, contributor, id)).toEqual({ ok: true, value: null });
    expect(await withdrawSupport(db, contributor, id)).toEqual({
      ok: false,
      error: { code: 'ideas.error.notSupported' },
    });
    expect((await getIdeaPage(db, admin, id))?.supports).toBe(1);
    const sorted = await listIdeas(db, admin, { ...NO_FILTERS, sort: 'supports' });
    expect(sorted[0]?.supports).toBeGreaterThanOrEqual(1);
  });

  test('comments are signed', async () => {
    const { db } = get();
    const idea = await submitIdea(db, viewer, anIdea({ title: 'Commentée' }));
    if (!idea.ok) throw new Error(idea.error.code);
    expect((await commentIdea(db, pilot, idea.value.id, 'Bonne idée')).ok).toBe(true);
    expect(await commentIdea(db, pilot, idea.value.id, '  ')).toEqual({
      ok: false,
      error: { code: 'ideas.error.comment' },
    });
    const page = await getIdeaPage(db, contributor, idea.value.id);
    expect(page?.comments.map((c) => [c.authorLabel, c.body])).toEqual([[pilot.displayName, 'Bonne idée']]);
  });

  test('the officer moves the status with a public answer; history, "My ideas" and the author’s mail follow', async () => {
    const { db } = get();
    const idea = await submitIdea(db, viewer, anIdea({ title: 'Workflow' }));
    if (!idea.ok) throw new Error(idea.error.code);
    const id = idea.value.id;
    expect(await changeIdeaStatus(db, viewer, id, { to: 'under_study' })).toEqual({
      ok: false,
      error: { code: 'ideas.error.forbidden' },
    });
    expect(await changeIdeaStatus(db, admin, id, { to: 'accepted', answer: 'Oui' })).toEqual({
      ok: false,
      error: { code: 'ideas.error.transition' },
    });
    expect((await changeIdeaStatus(db, admin, id, { to: 'under_study' })).ok).toBe(true);
    expect(await changeIdeaStatus(db, admin, id, { to: 'accepted', answer: '' })).toEqual({
      ok: false,
      error: { code: 'ideas.error.answerRequired' },
    });
    expect((await changeIdeaStatus(db, admin, id, { to: 'accepted', answer: 'Installées en 2027.' })).ok).toBe(true);

    const page = await getIdeaPage(db, viewer, id);
    expect(page?.status).toBe('accepted');
    expect(page?.publicAnswer).toBe('Installées en 2027.');
    expect(page?.history.map((h) => [h.fromStatus, h.toStatus, h.byLabel])).toEqual([
      [null, 'received', ''],
      ['received', 'under_study', admin.displayName],
      ['under_study', 'accepted', admin.displayName],
    ]);
    const mine = await listMyIdeas(db, viewer);
    expect(mine.find((m) => m.id === id)).toMatchObject({ status: 'accepted', publicAnswer: 'Installées en 2027.' });

    // One mail job per status change, sent once in the author's language.
    const jobs = await db
      .selectFrom('job')
      .select(['kind', 'dedupe_key'])
      .where('kind', '=', IDEA_STATUS_MAIL_JOB)
      .execute();
    expect(jobs.length).toBeGreaterThanOrEqual(2);
    const sent: { to: string; subject: string }[] = [];
    const mailer = { send: async (m: { to: string; subject: string }) => void sent.push(m) };
    const handlers = ideasJobHandlers(db, mailer, 'https://trajectoire.test');
    await runDueJobs(db, handlers, 'worker-ideas', () => new Date(Date.now() + 60_000));
    const ours = sent.filter((m) => m.subject.includes('Workflow'));
    expect(ours.map((m) => m.subject)).toEqual([
      "Votre idée « Workflow » : À l'étude",
      'Votre idée « Workflow » : Acceptée',
    ]);
    expect(ours.every((m) => m.to === viewer.email)).toBe(true);
    // A job run again (a retry) sends nothing twice.
    const before = sent.length;
    await db.updateTable('job').set({ status: 'queued' }).where('kind', '=', IDEA_STATUS_MAIL_JOB).execute();
    await runDueJobs(db, handlers, 'worker-ideas', () => new Date(Date.now() + 60_000));
    expect(sent.length).toBe(before);
  });
});
