import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { INDICATOR_SOURCES, linkIndicatorsToSources } from '../indicators';
import { periodContaining } from '../indicators/periods';
import { checkInParticipant } from './attendance.service';
import {
  AWARENESS_COVERAGE,
  AWARENESS_PARTICIPANTS,
  AWARENESS_SEED_INDICATOR_LINKS,
  AWARENESS_TEACHERS_TRAINED,
  typeKeysOf,
} from './awareness-indicators';
import { getCoverage, getHeadcountsPage, setHeadcount } from './coverage.service';
import { recordSession } from './sessions.service';

const YEAR = '2032-2033';
const academicYear = periodContaining('academic_year', '2032-10-01');
const year2033 = periodContaining('year', '2033-01-01');

describeEachDialect('awareness coverage and indicators', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  let viewer: SessionUser;
  const institutionId = () => admin.institutionId;

  async function session(user: SessionUser, typeKey: string, startDate: string, anonymous = [] as never[]) {
    const recorded = await recordSession(
      db(),
      user,
      { typeKey, title: `${typeKey} ${startDate}`, startDate, online: true },
      anonymous,
    );
    if (!recorded.ok) throw new Error(recorded.error.code);
    return recorded.value.id;
  }
  const db = () => get().db;

  beforeAll(async () => {
    await loadDemoIfEmpty(db(), { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db(), 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db(), 'pilote@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db(), 'lecteur@demo.trajectoire.test');

    // Two fresks in 2032-2033: Marie comes to both, Paul to one; 40 staff counted without names at the second.
    const climate = await session(pilot, 'climate_fresk', '2032-10-05');
    const digital = await session(pilot, 'digital_fresk', '2033-02-10', [
      { population: 'administrative_technical', programme: '', participants: 40 },
    ] as never[]);
    for (const id of [climate, digital]) {
      await checkInParticipant(db(), pilot, id, {
        name: 'Marie Martin',
        email: 'marie.martin@example.org',
        population: 'teacher_researcher',
      });
    }
    await checkInParticipant(db(), pilot, climate, { name: 'Paul Durand', population: 'teacher_researcher' });
    // A teacher training: one teacher-researcher (Marie again) and one teacher.
    const training = await session(pilot, 'teacher_training', '2033-03-01');
    await checkInParticipant(db(), pilot, training, {
      name: 'Marie Martin',
      email: 'marie.martin@example.org',
      population: 'teacher_researcher',
    });
    await checkInParticipant(db(), pilot, training, { name: 'Zoé Petit', population: 'teacher' });
    await checkInParticipant(db(), pilot, training, { name: 'Léo Bonnet', population: 'student' });
  });

  test('only the officer enters headcounts; 0 removes one', async () => {
    expect(
      await setHeadcount(db(), pilot, {
        academicYear: YEAR,
        population: 'teacher_researcher',
        programme: '',
        headcount: 10,
      }),
    ).toEqual({ ok: false, error: { code: 'awareness.error.forbidden' } });
    expect(
      await setHeadcount(db(), admin, { academicYear: YEAR, population: 'external', programme: 'X', headcount: 10 }),
    ).toEqual({ ok: false, error: { code: 'awareness.headcount.error.programme' } });
    expect(
      await setHeadcount(db(), admin, {
        academicYear: '2032-2034',
        population: 'external',
        programme: '',
        headcount: 10,
      }),
    ).toEqual({ ok: false, error: { code: 'awareness.headcount.error.academicYear' } });
    for (const headcount of [7, 10]) {
      expect(
        await setHeadcount(db(), admin, {
          academicYear: YEAR,
          population: 'teacher_researcher',
          programme: '',
          headcount,
        }),
      ).toEqual({ ok: true });
    }
    await setHeadcount(db(), admin, { academicYear: YEAR, population: 'external', programme: '', headcount: 5 });
    await setHeadcount(db(), admin, { academicYear: YEAR, population: 'external', programme: '', headcount: 0 });
    const page = await getHeadcountsPage(db(), viewer, '2033-01-01');
    expect(page.canManage).toBe(false);
    expect(page.headcounts.filter((h) => h.academicYear === YEAR)).toEqual([
      { academicYear: YEAR, population: 'teacher_researcher', programme: '', headcount: 10 },
    ]);
    const audit = await db()
      .selectFrom('audit_event')
      .select(['before_value', 'after_value'])
      .where('entity_type', '=', 'awareness_headcount')
      .where('entity_id', '=', `${YEAR}:teacher_researcher:`)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { before_value: null, after_value: '7' },
      { before_value: '7', after_value: '10' },
    ]);
  });

  test('coverage counts Marie once though she came three times; staff is unknown while a reached category has no headcount', async () => {
    const rows = await getCoverage(db(), viewer, { academicYear: YEAR });
    const row = (level: string, key: string) => rows.find((r) => r.level === level && r.key === key);
    // Marie and Paul: 2 distinct teacher-researchers out of 10.
    expect(row('population', 'teacher_researcher')).toMatchObject({
      named: 2,
      anonymous: 0,
      headcount: 10,
      ratio: 0.2,
    });
    expect(row('population', 'administrative_technical')).toMatchObject({
      named: 0,
      anonymous: 40,
      headcount: null,
      ratio: null,
    });
    expect(row('group', 'staff')).toMatchObject({ named: 3, anonymous: 40, reached: 43, headcount: null, ratio: null });
  });

  test('awareness.coverage: the share of a population reached in the period, null without headcount', async () => {
    const compute = (sourceKey: string, period = academicYear) =>
      AWARENESS_COVERAGE.compute(db(), { institutionId: institutionId(), sourceKey, period });
    expect(await compute('teacher_researcher')).toBe(20_000);
    expect(await compute('staff')).toBeNull();
    await setHeadcount(db(), admin, {
      academicYear: YEAR,
      population: 'administrative_technical',
      programme: '',
      headcount: 100,
    });
    await setHeadcount(db(), admin, { academicYear: YEAR, population: 'teacher', programme: '', headcount: 10 });
    // (3 named + 40 counted) / (10 + 100 + 10) = 35.833 %.
    expect(await compute('staff')).toBe(35_833);
    await expect(compute('nobody')).rejects.toThrow('not a population');
  });

  test('awareness.participants: participations of the period, by comma-separated types', async () => {
    const compute = (sourceKey: string | null, period = academicYear) =>
      AWARENESS_PARTICIPANTS.compute(db(), { institutionId: institutionId(), sourceKey, period });
    // Climate: 2 named; digital: 1 named + 40; training: 3 named.
    expect(await compute(null)).toBe(46_000);
    expect(await compute('climate_fresk, digital_fresk')).toBe(43_000);
    expect(await compute('waste')).toBe(0);
    // The calendar year 2033 holds the digital fresk and the training only.
    expect(await compute(null, year2033)).toBe(44_000);
    expect(await compute(null, periodContaining('year', '2040-01-01'))).toBeNull();
    expect(() => typeKeysOf('climate_fresk,bogus')).toThrow('not a session type');
  });

  test('awareness.teachersTrained: distinct teachers at a teacher training of the period', async () => {
    const compute = (period = academicYear) =>
      AWARENESS_TEACHERS_TRAINED.compute(db(), { institutionId: institutionId(), sourceKey: null, period });
    // Marie (teacher-researcher) and Zoé (teacher); the student does not count.
    expect(await compute()).toBe(2_000);
    expect(await compute(periodContaining('academic_year', '2040-10-01'))).toBeNull();
  });

  test('the registry lists the three awareness sources', () => {
    const keys = INDICATOR_SOURCES.map((s) => s.key);
    expect(keys).toEqual(
      expect.arrayContaining(['awareness.participants', 'awareness.coverage', 'awareness.teachersTrained']),
    );
  });

  test('every seed link finds its indicator in the 2023-2027 plan, unless people already entered values there', async () => {
    const report = await linkIndicatorsToSources(db(), institutionId(), AWARENESS_SEED_INDICATOR_LINKS, {
      userId: null,
      label: 'test',
    });
    expect(report.linked.map((l) => l.sourceKey)).toEqual(expect.arrayContaining(['earth_180', 'waste']));
    // The demo gives hand-entered (invented) values to some of these indicators: the linker leaves those manual.
    for (const link of report.unmatched) {
      const withValues = await db()
        .selectFrom('indicator')
        .innerJoin('action', 'action.id', 'indicator.action_id')
        .innerJoin('indicator_value', 'indicator_value.indicator_id', 'indicator.id')
        .select('indicator.id')
        .where('action.title', 'like', `%${link.actionIncludes}%`)
        .where('indicator.name', 'like', `${link.indicatorIncludes}%`)
        .executeTakeFirst();
      expect(withValues, link.actionIncludes).toBeDefined();
    }
  });
});
