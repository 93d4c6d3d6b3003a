import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema';

/** Whose trips a figure counts: the institution's (`everyone`) or those the user declared. */
export interface TripFigureScope {
  institutionId: string;
  userId: string;
  everyone: boolean;
}

/** One group of legs: its key as stored (null for a missing unit or purpose) and its sums. */
export interface LegGroupRow {
  key: string | null;
  emissionsGrams: number;
  legs: number;
  trips: number;
}

export interface LegTotalsRow {
  emissionsGrams: number;
  legs: number;
  trips: number;
  distanceMetres: number;
  contributionCents: number;
  flaggedLegs: number;
}

/** The ways the dashboard groups legs; each is one GROUP BY on a trip or leg column. */
export type LegGrouping = 'mode' | 'unit' | 'purpose' | 'month' | 'category';

// Literal numbers inside the expressions (never bound parameters), so PostgreSQL
// reads the same text in SELECT and GROUP BY.
const GROUP_KEYS: Record<LegGrouping, RawBuilder<string | null>> = {
  mode: sql<string>`${sql.ref('trip_leg.mode')}`,
  unit: sql<string | null>`${sql.ref('trip.unit_id')}`,
  purpose: sql<string | null>`trim(${sql.ref('trip.purpose')})`,
  month: sql<string>`substr(${sql.ref('trip.trip_date')}, 6, 2)`,
  category: sql<string>`${sql.ref('trip.traveller_category')}`,
};

/**
 * The legs of the scope's trips that left during `year`. Trip dates are ISO
 * text, so the year is a range on the (institution_id, trip_date) index.
 */
function legsOfYear(db: Kysely<DB>, scope: TripFigureScope, year: number) {
  return db
    .selectFrom('trip')
    .innerJoin('trip_leg', 'trip_leg.trip_id', 'trip.id')
    .where('trip.institution_id', '=', scope.institutionId)
    .where('trip.trip_date', '>=', `${year}-01-01`)
    .where('trip.trip_date', '<', `${year + 1}-01-01`)
    .$if(!scope.everyone, (q) => q.where('trip.declared_by', '=', scope.userId));
}

// PostgreSQL returns sums and counts of integers as bigint text; SQLite returns numbers. A sum of no row is null.
type Aggregate = number | string | null;
const toNumber = (value: Aggregate): number => Number(value ?? 0);

/** Sums of the year's legs grouped one way: emissions, legs, and trips with at least one leg in the group. */
export async function sumLegsBy(
  db: Kysely<DB>,
  scope: TripFigureScope,
  year: number,
  grouping: LegGrouping,
): Promise<LegGroupRow[]> {
  const key = GROUP_KEYS[grouping];
  const rows = await legsOfYear(db, scope, year)
    .select((eb) => [
      key.as('key'),
      eb.fn.sum<Aggregate>('trip_leg.emissions_g').as('grams'),
      eb.fn.count<number | string>('trip_leg.id').as('legs'),
      eb.fn.count<number | string>('trip.id').distinct().as('trips'),
    ])
    .groupBy(key)
    .execute();
  return rows.map((r) => ({
    key: r.key,
    emissionsGrams: toNumber(r.grams),
    legs: toNumber(r.legs),
    trips: toNumber(r.trips),
  }));
}

/** The year's totals, with the legs the train-first rule flagged or asked to justify. */
export async function sumLegsOfYear(
  db: Kysely<DB>,
  scope: TripFigureScope,
  year: number,
  flagVerdicts: readonly string[],
): Promise<LegTotalsRow> {
  const row = await legsOfYear(db, scope, year)
    .select((eb) => [
      eb.fn.sum<Aggregate>('trip_leg.emissions_g').as('grams'),
      eb.fn.count<number | string>('trip_leg.id').as('legs'),
      eb.fn.count<number | string>('trip.id').distinct().as('trips'),
      eb.fn.sum<Aggregate>('trip_leg.distance_m').as('metres'),
      eb.fn.sum<Aggregate>('trip_leg.contribution_cents').as('cents'),
      eb.fn
        .sum<Aggregate>(
          eb
            .case()
            .when('trip_leg.train_verdict', 'in', [...flagVerdicts])
            .then(eb.lit(1))
            .else(eb.lit(0))
            .end(),
        )
        .as('flagged'),
    ])
    .executeTakeFirstOrThrow();
  return {
    emissionsGrams: toNumber(row.grams),
    legs: toNumber(row.legs),
    trips: toNumber(row.trips),
    distanceMetres: toNumber(row.metres),
    contributionCents: toNumber(row.cents),
    flaggedLegs: toNumber(row.flagged),
  };
}

/**
 * The first and last trip dates of the scope; undefined without trips. Two
 * queries, each a single look-up on the (institution_id, trip_date) index:
 * SQLite only takes that shortcut for a lone min() or max().
 */
export async function findTripDateRange(
  db: Kysely<DB>,
  scope: TripFigureScope,
): Promise<{ first: string; last: string } | undefined> {
  const edge = (direction: 'asc' | 'desc') =>
    db
      .selectFrom('trip')
      .select('trip.trip_date')
      .where('trip.institution_id', '=', scope.institutionId)
      .$if(!scope.everyone, (q) => q.where('trip.declared_by', '=', scope.userId))
      .orderBy('trip.trip_date', direction)
      .limit(1)
      .executeTakeFirst();
  const [first, last] = await Promise.all([edge('asc'), edge('desc')]);
  return first && last ? { first: first.trip_date, last: last.trip_date } : undefined;
}

/** The names of the institution's units, by id (a few dozen rows). */
export async function listUnitNames(db: Kysely<DB>, institutionId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('org_unit')
    .select(['id', 'name', 'short_name'])
    .where('institution_id', '=', institutionId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.short_name ? `${r.name} (${r.short_name})` : r.name]));
}
