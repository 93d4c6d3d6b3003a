import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { type Period, periodContaining } from '../indicators';
import { addCourse, recordFeedback } from './courses.service';
import { createProgramme } from './programmes.service';
import { FEEDBACK_RATE, RES_COURSE_HOURS, RES_LINK, RES_PROGRAMME_SHARE } from './teaching-indicators';

const year2024: Period = periodContaining('academic_year', '2024-10-01');
const calendar2024: Period = periodContaining('year', '2024-06-01');
const year2021: Period = periodContaining('academic_year', '2021-10-01');

describeEachDialect('teaching indicator sources', (get) => {
  let pilot: SessionUser;
  const compute = (source: typeof RES_PROGRAMME_SHARE, period: Period, sourceKey: string | null = null) =>
    source.compute(get().db, { institutionId: pilot.institutionId, sourceKey, period });

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    await db.deleteFrom('teaching_programme').where('institution_id', '=', pilot.institutionId).execute();
  });

  test('no programme, no course, no feedback: no figure', async () => {
    expect(await compute(RES_PROGRAMME_SHARE, year2024)).toBeNull();
    expect(await compute(RES_COURSE_HOURS, year2024)).toBeNull();
    expect(await compute(FEEDBACK_RATE, year2024)).toBeNull();
  });

  test('the share counts the programmes running in the academic year; a calendar year reads the one starting in September', async () => {
    const { db } = get();
    const res = { addressesRes: true, resEvidence: 'Rapport 2022.' };
    const a = await createProgramme(db, pilot, { name: 'A', level: 'engineer', ...res });
    const b = await createProgramme(db, pilot, { name: 'B', level: 'master', addressesRes: false });
    const c = await createProgramme(db, pilot, { name: 'C', level: 'master', activeFrom: '2022-2023', ...res });
    const d = await createProgramme(db, pilot, { name: 'D', level: 'master', resSince: '2025-2026', ...res });
    expect([a.ok, b.ok, c.ok, d.ok]).toEqual([true, true, true, true]);
    // 2024-2025: A, B, C, D run; A and C address RES (D only from 2025): 2 of 4 = 50 %.
    expect(await compute(RES_PROGRAMME_SHARE, year2024)).toBe(50_000);
    expect(await compute(RES_PROGRAMME_SHARE, calendar2024)).toBe(50_000);
    // 2021-2022: C not yet open: A of A, B, D = 33.333 %.
    expect(await compute(RES_PROGRAMME_SHARE, year2021)).toBe(33_333);
    expect(await compute(RES_PROGRAMME_SHARE, periodContaining('quarter', '2024-02-01'))).toBeNull();
  });

  test('hours of RES courses running that year, in hours x 1000', async () => {
    const { db } = get();
    const programme = await db
      .selectFrom('teaching_programme')
      .select('id')
      .where('institution_id', '=', pilot.institutionId)
      .where('name', '=', 'C')
      .executeTakeFirstOrThrow();
    const res = { addressesRes: true, resEvidence: 'Contenus RES.' };
    await addCourse(db, pilot, programme.id, { name: 'Controverses', hours: '16', ...res });
    await addCourse(db, pilot, programme.id, { name: 'Eau', hours: '1,5', activeFrom: '2024-2025', ...res });
    await addCourse(db, pilot, programme.id, { name: 'Maths', hours: '60', addressesRes: false });
    await addCourse(db, pilot, programme.id, { name: 'Sans heures', ...res });
    // 16 h + 1.5 h = 17.5 h.
    expect(await compute(RES_COURSE_HOURS, year2024)).toBe(17_500);
    // 2023-2024: "Eau" not yet: 16 h.
    expect(await compute(RES_COURSE_HOURS, periodContaining('academic_year', '2023-10-01'))).toBe(16_000);
    // 2021-2022: programme C not open, so none of its courses run.
    expect(await compute(RES_COURSE_HOURS, year2021)).toBeNull();
  });

  test('feedback rate over every course of the year, and the share who linked the course to RES', async () => {
    const { db } = get();
    const courses = await db
      .selectFrom('teaching_course')
      .select(['id', 'name'])
      .where('institution_id', '=', pilot.institutionId)
      .execute();
    const idOf = (name: string) => courses.find((c) => c.name === name)?.id ?? '';
    await recordFeedback(db, pilot, idOf('Controverses'), {
      academicYear: '2024-2025',
      enrolled: '100',
      respondents: '60',
      resLinkCount: '45',
    });
    await recordFeedback(db, pilot, idOf('Maths'), { academicYear: '2024-2025', enrolled: '50', respondents: '15' });
    await recordFeedback(db, pilot, idOf('Eau'), { academicYear: '2023-2024', enrolled: '10', respondents: '10' });
    // 75 respondents of 150 enrolled = 50 %.
    expect(await compute(FEEDBACK_RATE, year2024)).toBe(50_000);
    // Only the survey that asked: 45 of 60 = 75 %.
    expect(await compute(FEEDBACK_RATE, year2024, RES_LINK)).toBe(75_000);
    expect(await compute(FEEDBACK_RATE, periodContaining('academic_year', '2023-10-01'), RES_LINK)).toBeNull();
    expect(await compute(FEEDBACK_RATE, year2021)).toBeNull();
    await expect(compute(FEEDBACK_RATE, year2024, 'other')).rejects.toThrow('source_key');
  });
});
