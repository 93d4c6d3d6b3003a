import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { periodContaining } from '../indicators';
import { getProgrammePage, getTeachingOverview } from './programmes.service';
import { loadTeachingDemo, readTeachingDemo } from './teaching-demo';
import { FEEDBACK_RATE, RES_COURSE_HOURS, RES_LINK } from './teaching-indicators';

describeEachDialect('teaching demo', (get) => {
  let viewer: SessionUser;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    // The lead's demo may already load it; load it here otherwise.
    const loaded = await db
      .selectFrom('teaching_programme')
      .select('id')
      .where('institution_id', '=', viewer.institutionId)
      .executeTakeFirst();
    if (!loaded) await loadTeachingDemo(db, viewer.institutionId);
  });

  test("the report's programmes and courses are loaded, invented ones flagged", async () => {
    const { db } = get();
    const demo = readTeachingDemo();
    const overview = await getTeachingOverview(db, viewer, {}, '2024-10-01');
    expect(overview.programmes).toHaveLength(demo.programmes.length);
    const damage = overview.programmes.find((p) => p.name.startsWith('Master international DAMAGE'));
    expect(damage).toMatchObject({ level: 'master', addressesRes: true, departmentName: '2ER', isDemo: false });
    // The international water master is "in preparation" in the report: invented start year, not marked, one RES course.
    const water = overview.programmes.find((p) => p.name.startsWith('Parcours international'));
    expect(water).toMatchObject({ addressesRes: false, isDemo: true, suggestsMarking: true, activeFromYear: 2024 });
    // 2024-2025: 15 programmes run, 14 address RES.
    expect(overview.shares[0]).toMatchObject({ year: 2024, active: 15, addressingRes: 14 });
    expect(overview.shares.find((s) => s.year === 2023)).toMatchObject({ active: 14, addressingRes: 14 });

    const engineering = overview.programmes.find((p) => p.name === 'Cursus ingénieur généraliste');
    const page = await getProgrammePage(db, viewer, engineering?.id ?? '');
    const course = (name: string) => page?.courses.find((c) => c.name === name);
    // The report's own figures: 40 h elective, 16 h of controversy since 2022; the ethics unit's hours are invented.
    expect(course("Responsabilité Environnementale et Citoyenne de l'Ingénieur")).toMatchObject({
      hours_minutes: 2400,
      is_demo: 0,
      semester: 'S6-S7',
    });
    expect(course("Enseignement de la controverse (Ethique de l'ingénieur)")).toMatchObject({
      hours_minutes: 960,
      active_from_year: 2022,
      is_demo: 0,
    });
    expect(course("Ethique de l'ingénieur")).toMatchObject({ is_demo: 1 });
    expect(page?.feedback.every((f) => f.is_demo === 1)).toBe(true);
  });

  test('the demo feeds the indicators: feedback rate and RES link share of 2022-2023', async () => {
    const { db } = get();
    const input = { institutionId: viewer.institutionId, period: periodContaining('academic_year', '2022-10-01') };
    // 121 + 20 + 48 respondents of 180 + 24 + 90 enrolled = 64.286 %.
    expect(await FEEDBACK_RATE.compute(db, { ...input, sourceKey: null })).toBe(64_286);
    // 97 + 19 of 121 + 20 who were asked = 82.270 %.
    expect(await FEEDBACK_RATE.compute(db, { ...input, sourceKey: RES_LINK })).toBe(82_270);
    expect(await RES_COURSE_HOURS.compute(db, { ...input, sourceKey: null })).toBeGreaterThan(0);
  });
});
