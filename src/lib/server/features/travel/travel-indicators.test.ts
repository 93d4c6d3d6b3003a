import { beforeAll, expect, test } from 'vitest';
import { catalogues } from '../../../i18n';
import { newId, nowIso } from '../../db/ids';
import { describeEachDialect } from '../../testing/databases';
import { loadDemoIfEmpty } from '../demo';
import { type Periodicity, parsePeriod, refreshComputedValues, sourceOptions } from '../indicators';
import {
  DOMESTIC_FLIGHTS_AVOIDED,
  FLIGHTS_COMPENSATED,
  percentMilli,
  STUDENTS_RAIL_AID_SHARE,
  TRAVEL_EMISSIONS,
  TRAVEL_INDICATOR_SOURCES,
  VIDEO_INTERVIEW_SHARE,
} from './travel-indicators';
import { aMeeting, aMobility, aTrip, plane, train } from './travel-indicators.fixtures';

test('a share is a number of percent x 1000, none without a total', () => {
  expect(percentMilli(2, 3)).toBe(66667);
  expect(percentMilli(1, 1)).toBe(100000);
  expect(percentMilli(0, 4)).toBe(0);
  expect(percentMilli(0, 0)).toBeNull();
});

test('every travel source is registered and has a label in both languages', () => {
  const offered = sourceOptions().map((o) => o.key);
  for (const source of TRAVEL_INDICATOR_SOURCES) {
    expect(offered, source.key).toContain(source.key);
    expect(catalogues.fr[source.labelKey], source.labelKey).toBeTruthy();
    expect(catalogues.en[source.labelKey], source.labelKey).toBeTruthy();
    expect(source.periodicities).toEqual(expect.arrayContaining(['year', 'academic_year']));
  }
});

describeEachDialect('travel indicator sources', (get) => {
  let institutionId: string;
  const period = (periodicity: Periodicity, label: string) => {
    const p = parsePeriod(periodicity, label);
    if (!p) throw new Error(`bad period ${label}`);
    return p;
  };
  const compute = (
    source: typeof TRAVEL_EMISSIONS,
    periodicity: Periodicity,
    label: string,
    sourceKey: string | null = null,
  ) => source.compute(get().db, { institutionId, sourceKey, period: period(periodicity, label) });

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    institutionId = (await db.selectFrom('institution').select('id').executeTakeFirstOrThrow()).id;
    // Travellers A, B, C, D. 2024: T1-T4; 2025: T5, T6. Grams and cents chosen to add up by hand.
    await aTrip(db, institutionId, '2024-03-10', 'A', [plane('FR', true, 200_000, 1_000)]);
    await aTrip(db, institutionId, '2024-06-01', 'B', [plane('FR', false, 80_000, 400)]);
    await aTrip(db, institutionId, '2024-10-01', 'A', [plane('ES', true, 300_000, 0)]);
    await aTrip(db, institutionId, '2024-11-05', 'C', [train(5_000, 25)]);
    await aTrip(db, institutionId, '2025-02-01', 'A', [plane('FR', false, 90_000, 450), train(2_000, 10)]);
    await aTrip(db, institutionId, '2025-09-15', 'D', [plane('DE', true, 400_000, 2_000)]);

    await aMeeting(db, institutionId, {
      date: '2025-01-10',
      kind: 'recruitment_interview',
      international: true,
      video: true,
    });
    await aMeeting(db, institutionId, {
      date: '2025-03-10',
      kind: 'recruitment_interview',
      international: true,
      video: false,
    });
    await aMeeting(db, institutionId, {
      date: '2025-05-10',
      kind: 'recruitment_interview',
      international: true,
      video: true,
    });
    await aMeeting(db, institutionId, {
      date: '2025-06-10',
      kind: 'recruitment_interview',
      international: false,
      video: true,
    });
    await aMeeting(db, institutionId, { date: '2025-07-10', kind: 'jury', international: true, video: true });

    await aMobility(db, institutionId, { year: '2024-2025', departure: '2024-09-20', aidCents: 15_000 });
    await aMobility(db, institutionId, { year: '2024-2025', departure: null, aidCents: 3_000 });
    await aMobility(db, institutionId, { year: '2024-2025', departure: '2025-01-15', aidCents: 8_000 });
    await aMobility(db, institutionId, { year: '2024-2025', departure: '2025-03-01', aidCents: 0 });
    await aMobility(db, institutionId, { year: '2025-2026', departure: '2025-09-01', aidCents: 0 });
    await aMobility(db, institutionId, { year: '2025-2026', departure: '2026-02-01', aidCents: 5_000 });

    // Another institution's records, which would change every figure below if they were counted.
    const other = newId();
    await db
      .insertInto('institution')
      .values({ id: other, slug: 'other-school', name: 'Other school', created_at: nowIso() })
      .execute();
    await aTrip(db, other, '2025-05-05', 'Z', [plane('FR', true, 999_000, 5_000)]);
    await aMeeting(db, other, { date: '2025-02-02', kind: 'recruitment_interview', international: true, video: false });
    await aMobility(db, other, { year: '2024-2025', departure: '2024-10-01', aidCents: 0 });
  });

  test('travel.emissions: kg CO2e of the trips dated in the period, or per distinct traveller', async () => {
    // 2024: 200 000 + 80 000 + 300 000 + 5 000 g = 585 kg -> 585 000.
    expect(await compute(TRAVEL_EMISSIONS, 'year', '2024')).toBe(585_000);
    // Travellers A, B and C: 585 / 3 = 195 kg each.
    expect(await compute(TRAVEL_EMISSIONS, 'year', '2024', 'perPerson')).toBe(195_000);
    // 2025: 90 000 + 2 000 + 400 000 = 492 kg, for A and D: 246 kg each.
    expect(await compute(TRAVEL_EMISSIONS, 'year', '2025')).toBe(492_000);
    expect(await compute(TRAVEL_EMISSIONS, 'year', '2025', ' perPerson ')).toBe(246_000);
    // 2024-2025 (1 Sep 2024 - 31 Aug 2025): 300 000 + 5 000 + 92 000 = 397 kg.
    expect(await compute(TRAVEL_EMISSIONS, 'academic_year', '2024-2025')).toBe(397_000);
    expect(await compute(TRAVEL_EMISSIONS, 'month', '2025-02')).toBe(92_000);
    expect(await compute(TRAVEL_EMISSIONS, 'quarter', '2025-Q3')).toBe(400_000);
    expect(await compute(TRAVEL_EMISSIONS, 'year', '2023')).toBeNull();
    await expect(compute(TRAVEL_EMISSIONS, 'year', '2024', 'perTraveller')).rejects.toThrow(/perPerson/);
  });

  test('travel.flightsCompensated: flight legs of the period with a contribution to the fund', async () => {
    // 2024: T1 and T2 contributed; T3 (price 0) did not; T4 is a train.
    expect(await compute(FLIGHTS_COMPENSATED, 'year', '2024')).toBe(2000);
    // 2025-Q1: the flight of T5 (its train leg is not a flight).
    expect(await compute(FLIGHTS_COMPENSATED, 'quarter', '2025-Q1')).toBe(1000);
    expect(await compute(FLIGHTS_COMPENSATED, 'academic_year', '2024-2025')).toBe(1000);
    expect(await compute(FLIGHTS_COMPENSATED, 'month', '2025-03')).toBeNull();
    expect(await compute(FLIGHTS_COMPENSATED, 'year', '2023')).toBeNull();
  });

  test('travel.domesticFlightsAvoided: domestic flights of the reference year minus those of the period', async () => {
    // Default reference: 2024, the first year with trips. 2024: T1 round trip (2) + T2 (1) = 3; 2025: T5 (1).
    expect(await compute(DOMESTIC_FLIGHTS_AVOIDED, 'year', '2025')).toBe(2000);
    expect(await compute(DOMESTIC_FLIGHTS_AVOIDED, 'year', '2024')).toBe(0);
    expect(await compute(DOMESTIC_FLIGHTS_AVOIDED, 'year', '2025', '2025')).toBe(0);
    // No trip in 2019 or in 2023: no figure.
    expect(await compute(DOMESTIC_FLIGHTS_AVOIDED, 'year', '2025', '2019')).toBeNull();
    expect(await compute(DOMESTIC_FLIGHTS_AVOIDED, 'year', '2023')).toBeNull();
    // Academic years: the first trip (March 2024) falls in 2023-2024 (T1, T2: 3); 2024-2025 has T5 (1).
    expect(await compute(DOMESTIC_FLIGHTS_AVOIDED, 'academic_year', '2024-2025')).toBe(2000);
    expect(await compute(DOMESTIC_FLIGHTS_AVOIDED, 'academic_year', '2024-2025', '2024')).toBe(0);
    await expect(compute(DOMESTIC_FLIGHTS_AVOIDED, 'year', '2025', 'last year')).rejects.toThrow(/reference year/);
  });

  test('travel.videoInterviewShare: international recruitment interviews held by video, in percent', async () => {
    // 2025: 2 of 3 (the domestic interview and the jury do not count) = 66.667 %.
    expect(await compute(VIDEO_INTERVIEW_SHARE, 'year', '2025')).toBe(66_667);
    expect(await compute(VIDEO_INTERVIEW_SHARE, 'academic_year', '2024-2025')).toBe(66_667);
    // Q1: 1 of 2; May: 1 of 1.
    expect(await compute(VIDEO_INTERVIEW_SHARE, 'quarter', '2025-Q1')).toBe(50_000);
    expect(await compute(VIDEO_INTERVIEW_SHARE, 'month', '2025-05')).toBe(100_000);
    expect(await compute(VIDEO_INTERVIEW_SHARE, 'year', '2024')).toBeNull();
  });

  test('travel.studentsRailAidShare: mobilities with rail aid, undated ones counted where their year starts', async () => {
    // 2024-2025: 3 of 4 with aid = 75 %; 2025-2026: 1 of 2.
    expect(await compute(STUDENTS_RAIL_AID_SHARE, 'academic_year', '2024-2025')).toBe(75_000);
    expect(await compute(STUDENTS_RAIL_AID_SHARE, 'academic_year', '2025-2026')).toBe(50_000);
    // 2024: left on 20 Sep 2024 (aid), undated of 2024-2025 (aid) = 2 of 2.
    expect(await compute(STUDENTS_RAIL_AID_SHARE, 'year', '2024')).toBe(100_000);
    // 2025: January (aid), March and September (none) = 1 of 3.
    expect(await compute(STUDENTS_RAIL_AID_SHARE, 'year', '2025')).toBe(33_333);
    expect(await compute(STUDENTS_RAIL_AID_SHARE, 'year', '2023')).toBeNull();
  });

  test('the daily refresh writes the travel emissions of each ended year into an indicator of that source', async () => {
    const { db } = get();
    const [total, perPerson] = await db
      .selectFrom('indicator')
      .innerJoin('plan', 'plan.id', 'indicator.plan_id')
      .select('indicator.id')
      .where('plan.institution_id', '=', institutionId)
      .where('indicator.id', 'not in', db.selectFrom('indicator_value').select('indicator_id'))
      .orderBy('indicator.id')
      .limit(2)
      .execute();
    const define = (id: string, sourceKey: string | null) =>
      db
        .updateTable('indicator')
        .set({
          source: 'travel.emissions',
          source_key: sourceKey,
          kind: 'number',
          periodicity: 'year',
          baseline_date: '2024-01-01',
        })
        .where('id', '=', id)
        .execute();
    await define(total.id, null);
    await define(perPerson.id, 'perPerson');

    // No `sources`: the registry itself must hold travel.emissions. 2024 and 2025 have ended on 6 April 2026.
    const report = await refreshComputedValues(db, { today: '2026-04-06', institutionId });

    expect(report).toMatchObject({ indicators: 2, periods: 4, written: 4, failed: 0, unknownSources: [] });
    const values = await db
      .selectFrom('indicator_value')
      .select(['indicator_id', 'period', 'value_milli', 'state', 'entered_by_label'])
      .where('indicator_id', 'in', [total.id, perPerson.id])
      .where('is_current', '=', 1)
      .orderBy('period')
      .execute();
    const of = (id: string) => values.filter((v) => v.indicator_id === id).map((v) => [v.period, v.value_milli]);
    expect(of(total.id)).toEqual([
      ['2024', 585_000],
      ['2025', 492_000],
    ]);
    expect(of(perPerson.id)).toEqual([
      ['2024', 195_000],
      ['2025', 246_000],
    ]);
    expect(values.every((v) => v.state === 'validated' && v.entered_by_label === 'module:travel.emissions')).toBe(true);
  });
});
