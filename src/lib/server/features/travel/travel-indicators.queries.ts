import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** Two ISO dates, both included. */
export interface DateRange {
  start: string;
  end: string;
}

/** The legs of the institution's trips dated within the range (the trip's date dates every leg). */
function legsOf(db: Kysely<DB>, institutionId: string, range: DateRange) {
  return db
    .selectFrom('trip')
    .innerJoin('trip_leg', 'trip_leg.trip_id', 'trip.id')
    .where('trip.institution_id', '=', institutionId)
    .where('trip.trip_date', '>=', range.start)
    .where('trip.trip_date', '<=', range.end);
}

/** Trips of the institution dated within the range. */
export async function countTrips(db: Kysely<DB>, institutionId: string, range: DateRange): Promise<number> {
  const row = await db
    .selectFrom('trip')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('institution_id', '=', institutionId)
    .where('trip_date', '>=', range.start)
    .where('trip_date', '<=', range.end)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Flight legs whose contribution to the internal fund is above zero. */
export async function countCompensatedFlightLegs(
  db: Kysely<DB>,
  institutionId: string,
  range: DateRange,
): Promise<number> {
  const row = await legsOf(db, institutionId, range)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('trip_leg.mode', '=', 'plane')
    .where('trip_leg.contribution_cents', '>', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Flights within France (both ends FR), a round trip counting two. */
export async function countDomesticFlights(db: Kysely<DB>, institutionId: string, range: DateRange): Promise<number> {
  const row = await legsOf(db, institutionId, range)
    .select((eb) => [
      eb.fn.countAll<number | string>().as('legs'),
      eb.fn.sum<number | string | null>('trip_leg.round_trip').as('round_trips'),
    ])
    .where('trip_leg.mode', '=', 'plane')
    .where('trip_leg.from_country', '=', 'FR')
    .where('trip_leg.to_country', '=', 'FR')
    .executeTakeFirstOrThrow();
  // round_trip is 0 or 1: each leg counts once, and once more when it is a round trip.
  return Number(row.legs) + Number(row.round_trips ?? 0);
}

/** Sum of the legs' emissions and the distinct travellers (pseudonyms) of the trips within the range. */
export async function sumTripEmissions(
  db: Kysely<DB>,
  institutionId: string,
  range: DateRange,
): Promise<{ grams: number; travellers: number }> {
  const row = await legsOf(db, institutionId, range)
    .select((eb) => [
      eb.fn.sum<number | string | null>('trip_leg.emissions_g').as('grams'),
      eb.fn.count<number | string>('trip.traveller_key').distinct().as('travellers'),
    ])
    .executeTakeFirstOrThrow();
  return { grams: Number(row.grams ?? 0), travellers: Number(row.travellers) };
}

/** ISO date of the institution's first trip; undefined when it has none. */
export async function findFirstTripDate(db: Kysely<DB>, institutionId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('trip')
    .select((eb) => eb.fn.min<string | null>('trip_date').as('first'))
    .where('institution_id', '=', institutionId)
    .executeTakeFirstOrThrow();
  return row.first ?? undefined;
}
