import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { addCourse, deleteCourse, editCourse, getCoursePage, recordFeedback } from './courses.service';
import {
  createProgramme,
  deleteProgramme,
  editProgramme,
  getProgrammePage,
  getTeachingOverview,
} from './programmes.service';
import type { ProgrammeInput } from './teaching-forms';

/** A master's programme marked RES since 2023-2024, with its evidence. */
function aProgramme(overrides: Partial<ProgrammeInput> = {}): ProgrammeInput {
  return {
    name: 'Master Risques et environnement',
    level: 'master',
    activeFrom: '2020-2021',
    studentCount: '40',
    addressesRes: true,
    resSince: '2023-2024',
    resEvidence: 'Unités sur les risques naturels et le changement climatique.',
    resEvidenceUrl: 'https://example.org/master',
    ...overrides,
  };
}

describeEachDialect('teaching programmes and courses', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  let contributor: SessionUser;
  let committee: SessionUser;
  let viewer: SessionUser;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    contributor = await sessionUserByEmail(db, 'contributeur@demo.trajectoire.test');
    committee = await sessionUserByEmail(db, 'referent.dde@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    // Start from no programme, whether or not the demo loaded its own.
    await db.deleteFrom('teaching_programme').where('institution_id', '=', admin.institutionId).execute();
  });

  test('a contributor records a programme marked RES with its evidence; the creation is audited', async () => {
    const { db } = get();
    const created = await createProgramme(db, contributor, aProgramme());
    if (!created.ok) throw new Error(created.error.code);
    const row = await db
      .selectFrom('teaching_programme')
      .selectAll()
      .where('id', '=', created.value.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      institution_id: contributor.institutionId,
      level: 'master',
      active_from_year: 2020,
      active_to_year: null,
      student_count: 40,
      addresses_res: 1,
      res_since_year: 2023,
      res_evidence_url: 'https://example.org/master',
      is_demo: 0,
      version: 1,
      created_by: contributor.id,
    });
    const audit = await db
      .selectFrom('audit_event')
      .select(['operation', 'field', 'after_value'])
      .where('entity_type', '=', 'teaching_programme')
      .where('entity_id', '=', created.value.id)
      .execute();
    expect(audit).toContainEqual({ operation: 'create', field: 'addresses_res', after_value: '1' });
  });

  test('the committee and viewers read programmes but record nothing; names are unique', async () => {
    const { db } = get();
    for (const user of [committee, viewer]) {
      expect(await createProgramme(db, user, aProgramme({ name: 'Autre' }))).toEqual({
        ok: false,
        error: { code: 'teaching.error.forbidden' },
      });
    }
    expect(await createProgramme(db, pilot, aProgramme())).toEqual({
      ok: false,
      error: { code: 'teaching.error.duplicateName' },
    });
    expect(await createProgramme(db, pilot, aProgramme({ name: 'X', resEvidence: '' }))).toEqual({
      ok: false,
      error: { code: 'teaching.error.resEvidence' },
    });
    expect(await createProgramme(db, pilot, aProgramme({ name: 'X', departmentId: 'no-such-unit' }))).toEqual({
      ok: false,
      error: { code: 'teaching.error.departmentId' },
    });
    const overview = await getTeachingOverview(db, viewer, {}, '2025-11-01');
    expect(overview.canEdit).toBe(false);
    expect(overview.programmes.map((p) => p.name)).toEqual(['Master Risques et environnement']);
  });

  test('an edit carries its version: changes are audited, a stale form is refused', async () => {
    const { db } = get();
    const created = await createProgramme(db, pilot, aProgramme({ name: 'Ingénieur généraliste', level: 'engineer' }));
    if (!created.ok) throw new Error(created.error.code);
    const id = created.value.id;
    const edited = await editProgramme(
      db,
      pilot,
      id,
      aProgramme({ name: 'Ingénieur généraliste', level: 'engineer', studentCount: '600' }),
      1,
    );
    expect(edited).toEqual({ ok: true, value: { version: 2, changed: 1 } });
    expect(
      await editProgramme(db, admin, id, aProgramme({ name: 'Ingénieur généraliste', level: 'engineer' }), 1),
    ).toEqual({
      ok: false,
      error: { code: 'teaching.error.conflict' },
    });
    const page = await getProgrammePage(db, viewer, id);
    expect(page?.history.find((h) => h.field === 'student_count')).toMatchObject({
      operation: 'update',
      before: '40',
      after: '600',
    });
    expect(await editProgramme(db, viewer, id, aProgramme(), 2)).toEqual({
      ok: false,
      error: { code: 'teaching.error.forbidden' },
    });
  });

  test('courses: a RES course in an unmarked programme suggests marking it; feedback replaces the same year', async () => {
    const { db } = get();
    const programme = await createProgramme(
      db,
      contributor,
      aProgramme({ name: 'Bachelor', level: 'bachelor', addressesRes: false, resEvidence: '', resSince: '' }),
    );
    if (!programme.ok) throw new Error(programme.error.code);
    const course = await addCourse(db, contributor, programme.value.id, {
      name: 'Climat et sociétés',
      hours: '24,5',
      semester: 'S2',
      addressesRes: true,
      resEvidence: 'Fresque du climat et controverses.',
    });
    if (!course.ok) throw new Error(course.error.code);
    expect(
      await addCourse(db, contributor, programme.value.id, { name: 'Climat et sociétés', addressesRes: false }),
    ).toEqual({
      ok: false,
      error: { code: 'teaching.error.duplicateName' },
    });
    expect(await addCourse(db, viewer, programme.value.id, { name: 'Autre', addressesRes: false })).toEqual({
      ok: false,
      error: { code: 'teaching.error.forbidden' },
    });

    const page = await getProgrammePage(db, viewer, programme.value.id);
    expect(page?.suggestsMarking).toBe(true);
    expect(page?.courses.map((c) => [c.name, c.hours_minutes, c.addresses_res])).toEqual([
      ['Climat et sociétés', 1470, 1],
    ]);
    const overview = await getTeachingOverview(db, viewer, { res: false }, '2025-11-01');
    expect(overview.programmes.map((p) => [p.name, p.suggestsMarking, p.resCourseCount])).toEqual([
      ['Bachelor', true, 1],
    ]);

    const first = await recordFeedback(db, pilot, course.value.id, {
      academicYear: '2024-2025',
      enrolled: '50',
      respondents: '20',
      resLinkCount: '',
    });
    expect(first).toMatchObject({ ok: true, value: { replaced: false } });
    const second = await recordFeedback(db, pilot, course.value.id, {
      academicYear: '2024-2025',
      enrolled: '50',
      respondents: '30',
      resLinkCount: '24',
    });
    expect(second).toMatchObject({ ok: true, value: { replaced: true } });
    const coursePage = await getCoursePage(db, viewer, course.value.id);
    expect(coursePage?.feedback.map((f) => [f.academic_year, f.enrolled, f.respondents, f.res_link_count])).toEqual([
      [2024, 50, 30, 24],
    ]);
    expect(
      await recordFeedback(db, viewer, course.value.id, { academicYear: '2024', enrolled: '1', respondents: '1' }),
    ).toEqual({
      ok: false,
      error: { code: 'teaching.error.forbidden' },
    });

    const edited = await editCourse(
      db,
      contributor,
      course.value.id,
      { name: 'Climat et sociétés', hours: '30', addressesRes: true, resEvidence: 'Fresque.' },
      1,
    );
    expect(edited).toMatchObject({ ok: true, value: { version: 2 } });
    expect((await getCoursePage(db, viewer, course.value.id))?.course.hours_minutes).toBe(1800);
  });

  test('only the officer deletes; a programme goes with its courses and their feedback', async () => {
    const { db } = get();
    const programme = await createProgramme(db, pilot, aProgramme({ name: 'À supprimer' }));
    if (!programme.ok) throw new Error(programme.error.code);
    const course = await addCourse(db, pilot, programme.value.id, { name: 'Cours', addressesRes: false });
    if (!course.ok) throw new Error(course.error.code);
    await recordFeedback(db, pilot, course.value.id, { academicYear: '2024-2025', enrolled: '10', respondents: '5' });

    expect(await deleteCourse(db, pilot, course.value.id)).toEqual({
      ok: false,
      error: { code: 'teaching.error.forbidden' },
    });
    expect(await deleteProgramme(db, pilot, programme.value.id)).toEqual({
      ok: false,
      error: { code: 'teaching.error.forbidden' },
    });
    expect(await deleteProgramme(db, admin, programme.value.id)).toEqual({ ok: true, value: null });
    expect(await deleteProgramme(db, admin, programme.value.id)).toEqual({
      ok: false,
      error: { code: 'teaching.error.notFound' },
    });
    expect(await getCoursePage(db, admin, course.value.id)).toBeUndefined();
    const feedback = await db
      .selectFrom('teaching_feedback')
      .select('id')
      .where('course_id', '=', course.value.id)
      .execute();
    expect(feedback).toEqual([]);
  });

  test('the overview filters by level and RES and gives the share per academic year against the 50 % target', async () => {
    const { db } = get();
    const overview = await getTeachingOverview(db, viewer, { level: 'master' }, '2024-10-01');
    expect(overview.programmes.map((p) => p.name)).toEqual(['Master Risques et environnement']);
    expect(overview.targetPercent).toBe(50);
    expect(overview.currentYear).toBe(2024);
    // Running in 2024-2025: the master (RES since 2023), the engineering programme (RES since 2023) and the bachelor (not marked).
    expect(overview.shares[0]).toMatchObject({ year: 2024, active: 3, addressingRes: 2 });
    // 2022-2023: the same three run, none addresses RES yet.
    expect(overview.shares.find((s) => s.year === 2022)).toMatchObject({ active: 3, addressingRes: 0 });
    expect(overview.feedback).toEqual([
      { academicYear: 2024, records: 1, enrolled: 50, respondents: 30, askedRes: 30, resLinks: 24 },
    ]);
  });
});
