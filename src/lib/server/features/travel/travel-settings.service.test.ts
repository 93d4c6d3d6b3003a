import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { getFundLedger, setCarbonPrice } from './fund.service';
import { CARBON_METHODS, type CarbonMethod } from './methods';
import { DEFAULT_TRAVEL_SETTINGS, type TravelSettingsInput } from './travel-settings';
import { getTravelSettings, getTravelSettingsView, updateTravelSettings } from './travel-settings.service';
import { listTravelRecomputes, recomputeInstitutionTrips, recomputeOutdatedTrips } from './trip-recompute.service';
import type { DeclareTripInput } from './trips';
import { declareTrip, listTrainFirstFlags } from './trips.service';

const ADEME = 'ademe-base-empreinte-2025';

/** Three trips of 2026, declared with GES 1point5 and contrails (the defaults), priced at 100 EUR/t. */
const TRIPS: DeclareTripInput[] = [
  // Great circle 555.932 km, +95 km, round trip: 1301.864 km; GES plane.short 258.6 g/pkm -> 336,662 g.
  { from: 'Alès', to: 'CDG', mode: 'plane', justification: 'Correspondance' },
  // 190.333 km x 1.2 x 2 = 456.800 km; GES train.tgv 3.3 g/pkm -> 1,507 g.
  { from: 'Alès', to: 'Lyon', mode: 'train_high_speed' },
  // 59.439 km x 1.3 x 2 = 154.541 km; GES car.thermal 223.4 g/vkm shared by 2 -> 17,262 g.
  { from: 'Alès', to: 'Montpellier', mode: 'car_thermal', passengers: 2 },
].map((t) => ({
  roundTrip: true,
  passengers: 1,
  method: 'ges1point5',
  contrails: true,
  date: '2026-03-12',
  category: 'staff',
  ...t,
})) as DeclareTripInput[];

const settingsInput = (overrides: Partial<TravelSettingsInput> = {}): TravelSettingsInput => ({
  methodKey: 'ges1point5',
  contrails: true,
  justifyUnderMinutes: 240,
  flagUnderMinutes: 360,
  nameTravellers: false,
  ...overrides,
});

/** The ADEME method as a future factor set would publish it: version 2099, short flights at 250.572 g/pkm. */
function ademeVersion2099(): Record<keyof typeof CARBON_METHODS, CarbonMethod> {
  const ademe = CARBON_METHODS[ADEME];
  return {
    ...CARBON_METHODS,
    [ADEME]: {
      ...ademe,
      version: '2099',
      factors: ademe.factors.map((f) => (f.key === 'plane.upTo1000' ? { ...f, valueGramsPerUnit: 250.572 } : f)),
    },
  };
}

describeEachDialect('travel settings and recomputation of stored trips', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  const allLegs = () => get().db.selectFrom('trip_leg').selectAll().orderBy('id').execute();
  /** The first leg of each mode, in declaration order. */
  const legs = async () => {
    const byMode: Record<string, Awaited<ReturnType<typeof allLegs>>[number]> = {};
    for (const row of await allLegs()) byMode[row.mode] ??= row;
    return byMode;
  };
  const recomputeCount = async () =>
    Number(
      (
        await get()
          .db.selectFrom('travel_recompute')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    // 100 EUR/t: a leg's contribution in cents is its grams / 100, rounded half-up.
    expect((await setCarbonPrice(db, admin, 2026, 100)).ok).toBe(true);
    for (const trip of TRIPS) {
      const declared = await declareTrip(db, pilot, trip);
      if (!declared.ok) throw new Error(declared.error.code);
    }
  });

  test('an institution that saved nothing reads the defaults', async () => {
    const { db } = get();
    expect(await getTravelSettings(db, admin.institutionId)).toEqual(DEFAULT_TRAVEL_SETTINGS);
    expect(await getTravelSettingsView(db, admin.institutionId)).toMatchObject({ saved: false, updatedAt: null });
  });

  test('a pilot may not change the settings, and thresholds out of order are refused; nothing is stored', async () => {
    const { db } = get();
    expect(await updateTravelSettings(db, pilot, settingsInput({ methodKey: ADEME }))).toEqual({
      ok: false,
      error: { code: 'travel.settings.error.forbidden' },
    });
    expect(await updateTravelSettings(db, admin, settingsInput({ justifyUnderMinutes: 400 }))).toEqual({
      ok: false,
      error: { code: 'travel.settings.error.order' },
    });
    expect(await db.selectFrom('travel_settings').selectAll().execute()).toEqual([]);
    expect(await recomputeCount()).toBe(0);
  });

  test('switching to ADEME recomputes every leg with its factors, and the changelog and the fund add up', async () => {
    const { db } = get();
    const before = await legs();
    expect(before.plane).toMatchObject({ factor_key: 'plane.short', emissions_g: 336_662, contribution_cents: 3367 });

    const result = await updateTravelSettings(db, admin, settingsInput({ methodKey: ADEME }));
    if (!result.ok) throw new Error(result.error.code);
    const after = await legs();
    // ADEME plane.upTo1000 224.572 g/pkm x 1301.864 km = 292,362 g; 100 EUR/t -> 2,924 cents.
    expect(after.plane).toMatchObject({
      method_key: ADEME,
      method_version: '2025-10-16',
      factor_key: 'plane.upTo1000',
      factor_value_milli: 224_572,
      emissions_g: 292_362,
      contribution_cents: 2924,
      contrails: 1,
      distance_m: before.plane.distance_m,
      train_verdict: 'justification_required',
    });
    // train.tgv 2.93 g/pkm x 456.800 km = 1,338 g (13 cents); car.thermal 142.3 g/vkm / 2 x 154.541 km = 10,996 g.
    expect(after.train_high_speed).toMatchObject({
      factor_value_milli: 2930,
      emissions_g: 1338,
      contribution_cents: 13,
    });
    expect(after.car_thermal).toMatchObject({
      factor_value_milli: 142_300,
      emissions_g: 10_996,
      contribution_cents: 110,
    });
    expect(JSON.parse(after.plane.steps_json).at(-1)).toMatchObject({
      code: 'travel.step.result',
      params: { grams: 292_362 },
    });
    // Stored as a declaration stores it: compact JSON text.
    expect(JSON.stringify(JSON.parse(after.plane.steps_json))).toBe(after.plane.steps_json);

    // 336,662 + 1,507 + 17,262 = 355,431 g before; 292,362 + 1,338 + 10,996 = 304,696 g after.
    expect(result.value.recompute).toMatchObject({
      reason: 'settings',
      actorLabel: admin.displayName,
      from: { methodKey: 'ges1point5', methodVersion: CARBON_METHODS.ges1point5.version, contrails: true },
      to: { methodKey: ADEME, methodVersion: '2025-10-16', contrails: true },
      legsExamined: 3,
      legsChanged: 3,
      verdictsChanged: 0,
      emissionsBeforeG: 355_431,
      emissionsAfterG: 304_696,
      // 3,367 + 15 + 173 = 3,555 cents before; 2,924 + 13 + 110 = 3,047 after.
      contributionBeforeCents: 3555,
      contributionAfterCents: 3047,
    });
    const planeGroup = result.value.recompute?.details.factors[0];
    expect(planeGroup).toEqual({
      fromMethodKey: 'ges1point5',
      fromFactorKey: 'plane.short',
      fromFactorMilli: 258_600,
      fromFactorUnit: 'pkm',
      toFactorKey: 'plane.upTo1000',
      toFactorMilli: 224_572,
      toFactorUnit: 'pkm',
      legs: 1,
      gramsBefore: 336_662,
      gramsAfter: 292_362,
    });
    expect(result.value.recompute?.details.factors).toHaveLength(3);

    // The fund reads contributions from the legs: its 2026 line follows the recomputation.
    const [year] = await getFundLedger(db, admin, 2026);
    expect(year.contributions.cents).toBe(3047);
    expect(await getTravelSettingsView(db, admin.institutionId)).toMatchObject({ methodKey: ADEME, saved: true });
    const audit = await db
      .selectFrom('audit_event')
      .select(['field', 'before_value', 'after_value'])
      .where('entity_type', '=', 'travel_settings')
      .execute();
    expect(audit).toEqual([{ field: 'method_key', before_value: 'ges1point5', after_value: ADEME }]);
  });

  test('leaving contrails out lowers the flight by its contrail component and leaves the other legs alone', async () => {
    const { db } = get();
    const before = await legs();
    const result = await updateTravelSettings(db, admin, settingsInput({ methodKey: ADEME, contrails: false }));
    if (!result.ok) throw new Error(result.error.code);
    const after = await legs();
    // (224.572 - 101 contrails) = 123.572 g/pkm x 1301.864 km = 160,874 g: 131,488 g less (101 x 1301.864).
    expect(after.plane).toMatchObject({ factor_value_milli: 123_572, emissions_g: 160_874, contrails: 0 });
    expect(before.plane.emissions_g - after.plane.emissions_g).toBe(131_488);
    expect(JSON.parse(after.plane.steps_json).map((s: { code: string }) => s.code)).toContain(
      'travel.step.contrailsExcluded',
    );
    expect(after.train_high_speed).toEqual(before.train_high_speed);
    expect(after.car_thermal).toEqual(before.car_thermal);
    expect(result.value.recompute).toMatchObject({
      from: { contrails: true },
      to: { contrails: false },
      legsExamined: 3,
      legsChanged: 1,
      emissionsBeforeG: 304_696,
      emissionsAfterG: 304_696 - 131_488,
    });
  });

  test('saving the same settings writes nothing; a recomputation with nothing to change changes no leg', async () => {
    const { db } = get();
    const runs = await recomputeCount();
    const same = await updateTravelSettings(db, admin, settingsInput({ methodKey: ADEME, contrails: false }));
    expect(same).toMatchObject({ ok: true, value: { changed: false, recompute: null } });
    expect(await recomputeCount()).toBe(runs);

    const before = await legs();
    const run = await recomputeInstitutionTrips(db, {
      institutionId: admin.institutionId,
      actor: { userId: admin.id, label: admin.displayName },
      reason: 'settings',
    });
    expect(run).toMatchObject({ legsExamined: 3, legsChanged: 0, emissionsBeforeG: 173_208, emissionsAfterG: 173_208 });
    expect(run.details.factors).toEqual([]);
    expect(await legs()).toEqual(before);
  });

  test('new train-first thresholds re-evaluate the flights\u2019 verdicts and leave their figures alone', async () => {
    const { db } = get();
    const before = await legs();
    // Alès-CDG: 555.932 km x 1.2 = 667 rail-km, 667 / 200 + 0.5 = 3.836 h: over 3 h 30, under 6 h -> flagged.
    const result = await updateTravelSettings(
      db,
      admin,
      settingsInput({ methodKey: ADEME, contrails: false, justifyUnderMinutes: 210 }),
    );
    if (!result.ok) throw new Error(result.error.code);
    const after = await legs();
    expect(after.plane).toEqual({ ...before.plane, train_verdict: 'flagged' });
    expect(after.plane.train_hours_milli).toBe(3836);
    expect(result.value.recompute).toMatchObject({ legsChanged: 1, verdictsChanged: 1, emissionsAfterG: 173_208 });
    expect(result.value.recompute?.details).toMatchObject({
      factors: [],
      verdicts: [{ from: 'justification_required', to: 'flagged', legs: 1 }],
      trainFirstRule: { before: { justifyUnderHours: 4, flagUnderHours: 6 }, after: { justifyUnderHours: 3.5 } },
    });
    const flags = await listTrainFirstFlags(db, admin);
    expect(flags.ok && flags.value.map((f) => f.verdict)).toEqual(['flagged']);
  });

  test('a new factor set recomputes only the legs still on the old version, as the system', async () => {
    const { db } = get();
    const methods = ademeVersion2099();
    const first = await recomputeOutdatedTrips(db, admin.institutionId, { methods });
    // (250.572 - 101) = 149.572 g/pkm x 1301.864 km = 194,722 g; the train and the car only change version.
    expect(first).toMatchObject({
      reason: 'factor_set',
      actorLabel: null,
      from: { methodKey: ADEME, methodVersion: '2025-10-16' },
      to: { methodKey: ADEME, methodVersion: '2099' },
      legsExamined: 3,
      legsChanged: 3,
      emissionsAfterG: 173_208 - 160_874 + 194_722,
    });
    expect((await legs()).plane).toMatchObject({ method_version: '2099', emissions_g: 194_722 });

    // A trip declared with the shipped ADEME set is the only outdated leg now.
    const declared = await declareTrip(db, pilot, { ...TRIPS[1], method: ADEME, contrails: false, to: 'Nîmes' });
    if (!declared.ok) throw new Error(declared.error.code);
    const second = await recomputeOutdatedTrips(db, admin.institutionId, { methods });
    expect(second).toMatchObject({ legsExamined: 1, legsChanged: 1, from: { methodVersion: '2025-10-16' } });
    expect(await recomputeOutdatedTrips(db, admin.institutionId, { methods })).toBeNull();

    // Back to the shipped set: every leg now carries "2099", which is not the current version either.
    const back = await recomputeOutdatedTrips(db, admin.institutionId);
    expect(back).toMatchObject({ legsExamined: 4, legsChanged: 4, to: { methodVersion: '2025-10-16' } });
    expect((await legs()).plane).toMatchObject({ emissions_g: 160_874 });
  });

  test('a leg the method cannot compute, met on a later page, leaves every leg and the settings as they were', async () => {
    const { db } = get();
    const before = await allLegs();
    const runs = await recomputeCount();
    // No factor for cars in this method: the plane (first page) computes, the car (a later page) cannot.
    const broken = ademeVersion2099();
    broken[ADEME] = {
      ...broken[ADEME],
      factors: broken[ADEME].factors.filter((f) => !f.modes.includes('car_thermal')),
    };
    await expect(recomputeOutdatedTrips(db, admin.institutionId, { methods: broken, pageSize: 1 })).rejects.toThrow(
      /noFactor/,
    );
    expect(await allLegs()).toEqual(before);
    expect(await recomputeCount()).toBe(runs);

    const refused = await updateTravelSettings(db, admin, settingsInput({ methodKey: ADEME, contrails: true }), {
      methods: broken,
      pageSize: 1,
    });
    expect(refused).toEqual({ ok: false, error: { code: 'travel.settings.error.recompute' } });
    expect(await allLegs()).toEqual(before);
    expect((await getTravelSettings(db, admin.institutionId)).contrails).toBe(false);
  });

  test('the changelog lists the runs newest first, for the admin only', async () => {
    const { db } = get();
    const runs = await listTravelRecomputes(db, admin);
    if (!runs.ok) throw new Error(runs.error.code);
    expect(runs.value.map((r) => r.reason)).toEqual([
      'factor_set',
      'factor_set',
      'factor_set',
      'settings',
      'settings',
      'settings',
      'settings',
    ]);
    expect(await listTravelRecomputes(db, pilot)).toEqual({
      ok: false,
      error: { code: 'travel.settings.error.forbidden' },
    });
  });
});
