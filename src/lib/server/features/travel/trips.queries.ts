import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema';
import type { TripLegTable, TripTable } from './travel.table';

export type TripRow = Selectable<TripTable>;
export type TripLegRow = Selectable<TripLegTable>;

export async function insertTrip(db: Kysely<DB>, trip: Insertable<TripTable>, legs: Insertable<TripLegTable>[]) {
  await db.insertInto('trip').values(trip).execute();
  await db.insertInto('trip_leg').values(legs).execute();
}

/** A trip of the institution, when the reader may see it: their own, or any for `everyone`. */
export function findVisibleTrip(
  db: Kysely<DB>,
  scope: { institutionId: string; userId: string; everyone: boolean },
  tripId: string,
): Promise<TripRow | undefined> {
  return db
    .selectFrom('trip')
    .selectAll()
    .where('id', '=', tripId)
    .where('institution_id', '=', scope.institutionId)
    .$if(!scope.everyone, (q) => q.where('declared_by', '=', scope.userId))
    .executeTakeFirst();
}

export function listLegsOfTrip(db: Kysely<DB>, tripId: string): Promise<TripLegRow[]> {
  return db.selectFrom('trip_leg').selectAll().where('trip_id', '=', tripId).orderBy('position').execute();
}

/** Every leg of the visible trips with its trip's columns, newest trip first, legs in order. */
export function listVisibleTripLegs(
  db: Kysely<DB>,
  scope: { institutionId: string; userId: string; everyone: boolean },
) {
  return db
    .selectFrom('trip')
    .innerJoin('trip_leg', 'trip_leg.trip_id', 'trip.id')
    .select([
      'trip.id',
      'trip.trip_date',
      'trip.created_at',
      'trip.purpose',
      'trip.traveller_category',
      'trip.status',
      'trip_leg.position',
      'trip_leg.from_name',
      'trip_leg.to_name',
      'trip_leg.mode',
      'trip_leg.round_trip',
      'trip_leg.emissions_g',
      'trip_leg.contribution_cents',
    ])
    .where('trip.institution_id', '=', scope.institutionId)
    .$if(!scope.everyone, (q) => q.where('trip.declared_by', '=', scope.userId))
    .orderBy('trip.trip_date', 'desc')
    .orderBy('trip.created_at', 'desc')
    .orderBy('trip.id', 'desc')
    .orderBy('trip_leg.position')
    .execute();
}

/**
 * Every leg of the visible trips with the columns an export writes (all but
 * the calculation steps), oldest trip first, legs in order: the order in which
 * exports number missions.
 */
export function listVisibleTripLegsForExport(
  db: Kysely<DB>,
  scope: { institutionId: string; userId: string; everyone: boolean },
) {
  return db
    .selectFrom('trip')
    .innerJoin('trip_leg', 'trip_leg.trip_id', 'trip.id')
    .select([
      'trip.id as trip_id',
      'trip.mission_ref',
      'trip.trip_date',
      'trip.purpose',
      'trip.traveller_category',
      'trip.traveller_key',
      'trip_leg.position',
      'trip_leg.from_name',
      'trip_leg.from_country',
      'trip_leg.to_name',
      'trip_leg.to_country',
      'trip_leg.mode',
      'trip_leg.round_trip',
      'trip_leg.passengers',
      'trip_leg.method_key',
      'trip_leg.method_version',
      'trip_leg.factor_key',
      'trip_leg.factor_value_milli',
      'trip_leg.factor_unit',
      'trip_leg.factor_source',
      'trip_leg.great_circle_m',
      'trip_leg.distance_m',
      'trip_leg.emissions_g',
      'trip_leg.train_hours_milli',
      'trip_leg.train_verdict',
      'trip_leg.contribution_cents',
    ])
    .where('trip.institution_id', '=', scope.institutionId)
    .$if(!scope.everyone, (q) => q.where('trip.declared_by', '=', scope.userId))
    .orderBy('trip.trip_date')
    .orderBy('trip.created_at')
    .orderBy('trip.id')
    .orderBy('trip_leg.position')
    .execute();
}

/** The institution's legs with one of the given train-first verdicts and their trip's columns, newest trip first. */
export function listInstitutionLegsByVerdict(db: Kysely<DB>, institutionId: string, verdicts: readonly string[]) {
  return db
    .selectFrom('trip')
    .innerJoin('trip_leg', 'trip_leg.trip_id', 'trip.id')
    .select([
      'trip.id',
      'trip.trip_date',
      'trip.purpose',
      'trip.justification',
      'trip_leg.position',
      'trip_leg.from_name',
      'trip_leg.to_name',
      'trip_leg.mode',
      'trip_leg.round_trip',
      'trip_leg.train_hours_milli',
      'trip_leg.train_verdict',
    ])
    .where('trip.institution_id', '=', institutionId)
    .where('trip_leg.train_verdict', 'in', verdicts)
    .orderBy('trip.trip_date', 'desc')
    .orderBy('trip.created_at', 'desc')
    .orderBy('trip.id', 'desc')
    .orderBy('trip_leg.position')
    .execute();
}
