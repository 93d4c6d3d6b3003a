import { expect, test } from 'vitest';
import { describeEachDialect } from '../../testing/databases';
import { type ApiTripRequest, apiTripRequestSchema, invalidFieldsOf, parseApiTripRequest } from './api-trips';
import { apiGetTrip, apiPostTrip } from './api-trips.service';
import { DEMO_VIEWER, demoContext, otherInstitutionUser } from './test-fixtures';

/** Alès → Paris-CDG by plane, round trip: under 4 h by train, so the train-first rule asks for a justification. */
function aFlightToCdg(overrides: Record<string, unknown> = {}): ApiTripRequest {
  return apiTripRequestSchema.parse({
    from: 'Alès',
    to: 'CDG',
    mode: 'plane',
    roundTrip: true,
    date: '2026-03-12',
    purpose: 'Colloque',
    ...overrides,
  });
}

test('the body takes the form’s defaults and lists every invalid or unknown field', () => {
  expect(aFlightToCdg()).toMatchObject({
    passengers: 1,
    method: 'ges1point5',
    contrails: true,
    travellerCategory: 'staff',
    dryRun: false,
  });
  const parsed = apiTripRequestSchema.safeParse({
    from: '',
    to: 'CDG',
    mode: 'rocket',
    roundTrip: 'yes',
    date: '2026-02-30',
    justifcation: 'typo',
  });
  if (parsed.success) throw new Error('an invalid body was accepted');
  expect(invalidFieldsOf(parsed.error)).toEqual(['date', 'from', 'justifcation', 'mode', 'roundTrip']);
});

/** Nîmes → Paris by TGV, then Paris → Brussels by plane (justified): a mission of two legs. */
function aMissionToBrussels(overrides: Record<string, unknown> = {}): ApiTripRequest {
  const parsed = parseApiTripRequest({
    date: '2026-03-12',
    purpose: 'Réunion de projet',
    justification: 'Retour le soir même',
    legs: [
      { from: 'Nîmes', to: 'Paris', mode: 'train_high_speed', roundTrip: false },
      { from: 'Paris', to: 'Bruxelles', mode: 'plane', roundTrip: false, cabinClass: 'economy' },
    ],
    ...overrides,
  });
  if (!parsed.success) throw new Error(parsed.fields.join(', '));
  return parsed.data;
}

test('a body with legs is a mission: the same defaults, and invalid fields named inside their leg', () => {
  expect(aMissionToBrussels()).toMatchObject({
    method: 'ges1point5',
    contrails: true,
    travellerCategory: 'staff',
    dryRun: false,
    legs: [{ passengers: 1 }, { passengers: 1, cabinClass: 'economy' }],
  });
  expect(
    parseApiTripRequest({
      date: '2026-03-12',
      legs: [
        { from: 'Nîmes', to: 'Paris', mode: 'train_high_speed', roundTrip: false },
        { from: 'Paris', to: '', mode: 'rocket', roundTrip: false, seat: '12A' },
      ],
      from: 'Alès',
    }),
  ).toEqual({
    success: false,
    fields: ['from', 'legs.1.mode', 'legs.1.seat', 'legs.1.to'],
  });
  expect(parseApiTripRequest({ date: '2026-03-12', legs: [] })).toEqual({ success: false, fields: ['legs'] });
});

describeEachDialect('trips posted through the API', (get) => {
  const countTrips = async () =>
    Number(
      (
        await get()
          .db.selectFrom('trip')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('a dry run answers the estimate with the train-first verdict and stores nothing', async () => {
    const { db } = get();
    const { user } = await demoContext(db, DEMO_VIEWER);
    const before = await countTrips();
    const result = await apiPostTrip(db, user, aFlightToCdg({ dryRun: true, justification: undefined }), 'fr');
    if (!result.ok) throw new Error(result.error.code);
    expect(result.created).toBe(false);
    expect(result.trip.id).toBeUndefined();
    expect(result.trip).toMatchObject({
      from: { name: 'Alès', country: 'FR', confidence: expect.any(Number) },
      to: { country: 'FR', iata: 'CDG' },
      method: 'ges1point5',
      factor: { key: expect.any(String), unit: 'pkm', source: expect.any(String), year: expect.any(Number) },
      trainFirst: { verdict: 'justification_required', trainHours: expect.any(Number) },
    });
    expect(result.trip.emissionsGrams).toBeGreaterThan(0);
    expect(result.trip.contributionCents).toBeGreaterThan(0);
    expect(await countTrips()).toBe(before);
  });

  test('a flight without justification is refused with its estimate; with one it is stored and read back', async () => {
    const { db } = get();
    const { user } = await demoContext(db, DEMO_VIEWER);
    const before = await countTrips();
    const refused = await apiPostTrip(db, user, aFlightToCdg(), 'en');
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'travel.trips.error.justificationRequired' },
      estimate: { trainFirst: { verdict: 'justification_required' } },
    });
    expect(await countTrips()).toBe(before);

    const created = await apiPostTrip(db, user, aFlightToCdg({ justification: 'Vol international ensuite' }), 'en');
    if (!created.ok) throw new Error(created.error.code);
    expect(created.created).toBe(true);
    expect(await countTrips()).toBe(before + 1);
    const id = created.trip.id ?? '';
    const stored = await apiGetTrip(db, user, id);
    expect(stored).toMatchObject({
      id,
      date: '2026-03-12',
      travellerCategory: 'staff',
      justification: 'Vol international ensuite',
      emissionsGrams: created.trip.emissionsGrams,
      contributionCents: created.trip.contributionCents,
      legs: [{ from: { text: 'Alès', name: 'Alès' }, mode: 'plane', roundTrip: true, method: 'ges1point5' }],
    });
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
    // Another institution sees nothing, as for an unknown id.
    expect(await apiGetTrip(db, await otherInstitutionUser(db), id)).toBeUndefined();
    expect(await apiGetTrip(db, user, 'unknown')).toBeUndefined();
  });

  test('a mission answers each leg’s figures and the totals, and is stored with its legs in order', async () => {
    const { db } = get();
    const { user } = await demoContext(db, DEMO_VIEWER);
    const dryRun = await apiPostTrip(db, user, aMissionToBrussels({ dryRun: true }), 'fr');
    if (!dryRun.ok) throw new Error(dryRun.error.code);
    const { trip } = dryRun;
    // Nîmes → Paris: 579.05 km × 1.2 = 694.855 km at 3.3 g (TGV) = 2293 g; Paris → Brussels: 264.31 + 95
    // = 359.315 km at 258.6 g (short-haul plane with contrails) = 92919 g; train 3.14 h < 4 h.
    expect(trip.legs.map((l) => [l.position, l.mode, l.distanceKm, l.emissionsGrams, l.trainFirst.verdict])).toEqual([
      [0, 'train_high_speed', 694.855, 2293, 'not_applicable'],
      [1, 'plane', 359.315, 92919, 'justification_required'],
    ]);
    expect(trip).toMatchObject({ emissionsGrams: 2293 + 92919, justificationRequired: true });
    expect(trip.contributionCents).toBe(trip.legs[0].contributionCents + trip.legs[1].contributionCents);
    expect(trip.legs[1]).toMatchObject({ cabinClass: 'economy', date: '2026-03-12', to: { country: 'BE' } });
    // A mission's answer has no single leg's figures at the top level.
    expect(trip.from).toBeUndefined();
    expect(trip.distanceKm).toBeUndefined();

    const created = await apiPostTrip(db, user, aMissionToBrussels(), 'fr');
    if (!created.ok) throw new Error(created.error.code);
    const stored = await apiGetTrip(db, user, created.trip.id ?? '');
    expect(stored).toMatchObject({ emissionsGrams: 95212, justification: 'Retour le soir même' });
    expect(stored).toHaveProperty('unitId');
    expect(stored?.legs.map((l) => [l.position, l.from.name, l.to.name, l.cabinClass])).toEqual([
      [0, 'Nîmes', 'Paris', null],
      [1, 'Paris', 'Brussels', 'economy'],
    ]);
  });

  test('a mission whose second leg is not resolved is refused naming that leg, with its candidates', async () => {
    const { db } = get();
    const { user } = await demoContext(db, DEMO_VIEWER);
    const before = await countTrips();
    const legs = [
      { from: 'Nîmes', to: 'Paris', mode: 'train_high_speed', roundTrip: false },
      { from: 'Paris', to: 'Xyzzyville', mode: 'plane', roundTrip: false },
    ];
    expect(await apiPostTrip(db, user, aMissionToBrussels({ legs }), 'fr')).toMatchObject({
      ok: false,
      error: { code: 'travel.estimate.placeNotResolved' },
      leg: 1,
      places: { from: { text: 'Paris', status: 'resolved' }, to: { text: 'Xyzzyville', status: 'unknown' } },
    });
    expect(await countTrips()).toBe(before);
  });

  test('a place that is not resolved is refused with its candidates, and nothing is stored', async () => {
    const { db } = get();
    const { user } = await demoContext(db, DEMO_VIEWER);
    const before = await countTrips();
    const result = await apiPostTrip(db, user, aFlightToCdg({ from: 'Xyzzyville' }), 'fr');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'travel.estimate.placeNotResolved' },
      places: { from: { text: 'Xyzzyville', status: 'unknown', candidates: [] }, to: { status: 'resolved' } },
    });
    expect(await countTrips()).toBe(before);
  });
});
