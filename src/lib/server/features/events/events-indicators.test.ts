import { beforeAll, expect, test } from 'vitest';
import { catalogues } from '../../../i18n';
import { newId, nowIso } from '../../db/ids';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { linkIndicatorsToSources, type Periodicity, parsePeriod, sourceOptions } from '../indicators';
import { anEvent } from './events.fixtures';
import { createEvent } from './events.service';
import {
  EVENTS_ACCESSIBLE_SHARE,
  EVENTS_ATTENDANCE,
  EVENTS_COUNT,
  EVENTS_INDICATOR_SOURCES,
  EVENTS_SDGS_COVERED,
  EVENTS_SEED_INDICATOR_LINKS,
} from './events-indicators';

test('every events source is registered and has a label in both languages', () => {
  const offered = sourceOptions().map((o) => o.key);
  for (const source of EVENTS_INDICATOR_SOURCES) {
    expect(offered, source.key).toContain(source.key);
    expect(catalogues.fr[source.labelKey], source.labelKey).toBeTruthy();
    expect(catalogues.en[source.labelKey], source.labelKey).toBeTruthy();
    expect(source.periodicities).toEqual(expect.arrayContaining(['year', 'academic_year']));
  }
  for (const link of EVENTS_SEED_INDICATOR_LINKS) {
    expect(EVENTS_INDICATOR_SOURCES.map((s) => s.key)).toContain(link.source);
  }
});

describeEachDialect('events indicator sources', (get) => {
  let admin: SessionUser;
  const compute = (
    source: typeof EVENTS_COUNT,
    periodicity: Periodicity,
    label: string,
    sourceKey: string | null = null,
  ) => {
    const period = parsePeriod(periodicity, label);
    if (!period) throw new Error(`bad period ${label}`);
    return source.compute(get().db, { institutionId: admin.institutionId, sourceKey, period });
  };

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
  });

  test('with no event recorded yet, no source has a figure', async () => {
    for (const source of EVENTS_INDICATOR_SOURCES) expect(await compute(source, 'year', '2024'), source.key).toBeNull();
  });

  test('count, attendance, SDGs covered and accessible share of the events starting in the period', async () => {
    const { db } = get();
    const add = async (o: Parameters<typeof anEvent>[0]) => {
      const r = await createEvent(db, admin, anEvent(o));
      if (!r.ok) throw new Error(r.error.code);
    };
    // 2024: four events. The Culturelles (500, SDGs 13 15, LSF), a Pint of Science with unknown attendance
    // (SDG 12), a Fête de la science ending in 2025 but starting in 2024 (800, SDGs 4 13, step-free), and a
    // Culturelles lecture (200, SDG 13, no arrangement).
    await add({ startDate: '2024-02-25' });
    await add({
      title: 'Pint',
      kind: 'pint_of_science',
      seriesName: '',
      startDate: '2024-05-10',
      attendance: null,
      sdgs: [12],
      accessibility: [],
    });
    await add({
      title: 'Fête',
      kind: 'fete_de_la_science',
      seriesName: 'Fête de la science',
      startDate: '2024-12-30',
      endDate: '2025-01-03',
      attendance: 800,
      sdgs: [4, 13],
      accessibility: ['step_free_access'],
    });
    await add({ title: 'Culturelles 2', startDate: '2024-11-15', attendance: 200, sdgs: [13], accessibility: [] });
    // 2023: one Pint of Science with unknown attendance and no SDG.
    await add({
      title: 'Pint 2023',
      kind: 'pint_of_science',
      seriesName: '',
      startDate: '2023-05-10',
      attendance: null,
      sdgs: [],
      accessibility: [],
    });
    // Another institution's event, which would change every figure if it were counted.
    const other = newId();
    await db
      .insertInto('institution')
      .values({ id: other, slug: 'elsewhere', name: 'Elsewhere', created_at: nowIso() })
      .execute();
    await createEvent(
      db,
      { ...admin, institutionId: other },
      anEvent({ startDate: '2024-03-01', attendance: 9999, sdgs: [1, 2, 3] }),
    );

    expect(await compute(EVENTS_COUNT, 'year', '2024')).toBe(4_000);
    expect(await compute(EVENTS_COUNT, 'year', '2024', 'pint_of_science')).toBe(1_000);
    expect(await compute(EVENTS_COUNT, 'year', '2024', 'series:les culturelles')).toBe(2_000);
    // A period without events, once the institution records some: zero, not "no figure".
    expect(await compute(EVENTS_COUNT, 'year', '2021')).toBe(0);

    // 500 + 800 + 200 = 1 500 known attendees; the Pint of Science's unknown attendance is not a zero.
    expect(await compute(EVENTS_ATTENDANCE, 'year', '2024')).toBe(1_500_000);
    expect(await compute(EVENTS_ATTENDANCE, 'year', '2024', 'series:Les Culturelles')).toBe(700_000);
    expect(await compute(EVENTS_ATTENDANCE, 'year', '2023')).toBeNull();
    expect(await compute(EVENTS_ATTENDANCE, 'quarter', '2024-Q4')).toBe(1_000_000);

    // SDGs 4, 12, 13, 15 in 2024; none (0) in 2023, which has an event.
    expect(await compute(EVENTS_SDGS_COVERED, 'year', '2024')).toBe(4_000);
    expect(await compute(EVENTS_SDGS_COVERED, 'year', '2024', 'fete_de_la_science')).toBe(2_000);
    expect(await compute(EVENTS_SDGS_COVERED, 'year', '2023')).toBe(0);
    expect(await compute(EVENTS_SDGS_COVERED, 'academic_year', '2024-2025')).toBe(2_000);
    expect(await compute(EVENTS_SDGS_COVERED, 'year', '2022')).toBeNull();

    // 2 of the 4 events of 2024 have an arrangement: 50 %.
    expect(await compute(EVENTS_ACCESSIBLE_SHARE, 'year', '2024')).toBe(50_000);
    expect(await compute(EVENTS_ACCESSIBLE_SHARE, 'year', '2023')).toBe(0);
    expect(await compute(EVENTS_ACCESSIBLE_SHARE, 'month', '2024-02')).toBe(100_000);
    expect(await compute(EVENTS_ACCESSIBLE_SHARE, 'year', '2022')).toBeNull();

    await expect(compute(EVENTS_COUNT, 'year', '2024', 'kermesse')).rejects.toThrow(/not an event kind/);
  });

  test("the seed links find the plan's indicator: the atlas's participants", async () => {
    const { db } = get();
    const report = await linkIndicatorsToSources(db, admin.institutionId, EVENTS_SEED_INDICATOR_LINKS, {
      userId: null,
      label: 'test',
    });
    expect(report.unmatched).toEqual([]);
    expect(report.linked.map((l) => [l.source, l.sourceKey])).toEqual([
      ['events.attendance', 'series:Atlas de la biodiversité des campus'],
    ]);
    expect(report.linked[0]?.name).toMatch(/^Nombre de participants aux journées de sciences participatives/);
  });
});
