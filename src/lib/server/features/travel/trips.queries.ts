import { CompiledQuery, type Insertable, type Kysely, PostgresAdapter, type Selectable, sql } from 'kysely';
import type { DB } from '../../db/schema';
import type { TripLegTable, TripTable } from './travel.table';

export type TripRow = Selectable<TripTable>;
export type TripLegRow = Selectable<TripLegTable>;

export async function insertTrip(db: Kysely<DB>, trip: Insertable<TripTable>, legs: Insertable<TripLegTable>[]) {
  await db.insertInto('trip').values(trip).execute();
  await db.insertInto('trip_leg').values(legs).execute();
}

/**
 * Parameters one multi-row INSERT carries on SQLite, far below its limit of
 * 32,766 (SQLITE_MAX_VARIABLE_NUMBER since 3.32): better-sqlite3 keeps each
 * prepared statement's program in native memory until the garbage collector
 * frees the statement, about 2.6 MB for 32,000 parameters (measured), which
 * a million-leg import would pile up to gigabytes; preparing costs the same
 * per parameter whatever the statement size.
 */
export const SQLITE_PARAMETERS_PER_INSERT = 2_000;
/**
 * Rows per INSERT on PostgreSQL, which receives them as one JSON parameter
 * (`json_populate_recordset`): a statement parsed and planned at once
 * instead of one holding up to 65,535 parameters.
 */
export const POSTGRES_ROWS_PER_INSERT = 1_000;

/** Every column a batched insert writes, in insertion order (listing them all is checked by the compiler). */
export type TableColumns<Row> = { readonly [Column in keyof Row]-?: true };

/** Every column of `trip`: a column added to the table and forgotten here fails to compile. */
export const TRIP_COLUMNS: TableColumns<TripTable> = {
  id: true,
  institution_id: true,
  mission_ref: true,
  purpose: true,
  traveller_category: true,
  unit_id: true,
  traveller_key: true,
  declared_by: true,
  trip_date: true,
  created_at: true,
  status: true,
  justification: true,
  traveller_label: true,
};

/** Every column of `trip_leg`: a column added to the table and forgotten here fails to compile. */
export const TRIP_LEG_COLUMNS: TableColumns<TripLegTable> = {
  id: true,
  trip_id: true,
  position: true,
  from_text: true,
  from_name: true,
  from_country: true,
  from_lat_micro: true,
  from_lon_micro: true,
  to_text: true,
  to_name: true,
  to_country: true,
  to_lat_micro: true,
  to_lon_micro: true,
  mode: true,
  cabin_class: true,
  round_trip: true,
  passengers: true,
  contrails: true,
  method_key: true,
  method_version: true,
  factor_key: true,
  factor_value_milli: true,
  factor_unit: true,
  factor_source: true,
  great_circle_m: true,
  distance_m: true,
  emissions_g: true,
  train_hours_milli: true,
  train_verdict: true,
  price_cents_per_tonne: true,
  contribution_cents: true,
  steps_json: true,
  leg_date: true,
};

// Dialect-specific; belongs with the helpers of db/dialect.ts.
function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Rows one INSERT of `insertInBatches` carries for a table of `columns` columns. */
export function rowsPerInsert(db: Kysely<any>, columns: number): number {
  return isPostgres(db) ? POSTGRES_ROWS_PER_INSERT : Math.floor(SQLITE_PARAMETERS_PER_INSERT / columns);
}

/** Full-batch statements compiled once per database dialect (its Kysely adapter) and shape. */
const compiledInserts = new WeakMap<object, Map<string, string>>();

/**
 * The SQL of a `rows`-row INSERT, compiled by Kysely for the database's
 * dialect, with its parameters bound row by row, each row in `columns`
 * order; checked once per shape.
 */
function insertSql(db: Kysely<any>, table: string, columns: readonly string[], rows: number, keep: boolean): string {
  const adapter = db.getExecutor().adapter;
  const key = `${table}(${columns.join(',')})x${rows}`;
  const known = compiledInserts.get(adapter)?.get(key);
  if (known) return known;
  const marker = (row: number, column: string) => `${row}:${column}`;
  const template = Array.from({ length: rows }, (_, r) => Object.fromEntries(columns.map((c) => [c, marker(r, c)])));
  const compiled = db.insertInto(table).values(template).compile();
  compiled.parameters.forEach((parameter, i) => {
    if (parameter !== marker(Math.floor(i / columns.length), columns[i % columns.length]!))
      throw new Error(`${table}: unexpected parameter order in a compiled INSERT`);
  });
  if (keep) {
    const statements = compiledInserts.get(adapter) ?? new Map<string, string>();
    statements.set(key, compiled.sql);
    compiledInserts.set(adapter, statements);
  }
  return compiled.sql;
}

/**
 * Inserts rows in as few statements as `rowsPerInsert` allows: multi-row
 * INSERTs on SQLite (Kysely builds each statement shape once; building a
 * query of thousands of parameters for every batch would cost more than
 * running it), rows of one JSON parameter on PostgreSQL. Every row gives
 * every column (a missing one is written NULL, not its default). The caller
 * holds the transaction.
 */
export async function insertInBatches<Row extends object>(
  db: Kysely<any>,
  table: string,
  columnsOf: TableColumns<Row>,
  rows: readonly Row[],
): Promise<void> {
  const columns = Object.keys(columnsOf) as (keyof Row & string)[];
  const size = rowsPerInsert(db, columns.length);
  const postgres = isPostgres(db);
  for (let start = 0; start < rows.length; start += size) {
    const count = Math.min(size, rows.length - start);
    if (postgres) {
      // One JSON parameter per statement, read as rows of the table's own type: JSON.stringify is native,
      // where pg would escape 33 arrays element by element.
      const json = JSON.stringify(rows.slice(start, start + count));
      await db
        .insertInto(table)
        .columns(columns)
        .expression(
          sql`select ${sql.join(columns.map((c) => sql.ref(c)))} from json_populate_recordset(null::${sql.table(table)}, ${json}::json)`,
        )
        .execute();
      continue;
    }
    const statement = insertSql(db, table, columns, count, count === size);
    const parameters: unknown[] = new Array(count * columns.length);
    let k = 0;
    for (let r = start; r < start + count; r++) {
      const row = rows[r]!;
      for (const column of columns) parameters[k++] = row[column] ?? null;
    }
    await db.executeQuery(CompiledQuery.raw(statement, parameters));
  }
}

/**
 * Many trips and their legs in batched INSERTs, trips first (the legs'
 * foreign key); every column given. The caller holds the transaction.
 */
export async function insertTripRows(
  db: Kysely<DB>,
  trips: readonly Insertable<TripTable>[],
  legs: readonly Insertable<TripLegTable>[],
): Promise<void> {
  await insertInBatches(db, 'trip', TRIP_COLUMNS, trips);
  await insertInBatches(db, 'trip_leg', TRIP_LEG_COLUMNS, legs);
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
      'trip_leg.leg_date',
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
