import { expect, test } from 'vitest';
import { describeEachDialect } from '../../testing/databases';
import { type ApiTripRequest, apiTripRequestSchema, invalidFieldsOf } from './api-trips';
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
