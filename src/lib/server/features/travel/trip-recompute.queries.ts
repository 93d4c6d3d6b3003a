import { CompiledQuery, type Kysely, PostgresAdapter, sql } from 'kysely';
import type { DB } from '../../db/schema';
import { type LegUpdate, STORED_LEG_COLUMNS, type StoredLeg } from './trip-recompute';

/** Legs whose method is `methodKey` but whose factor set version is not `version`. */
export interface OutdatedFilter {
  methodKey: string;
  version: string;
}

/**
 * The id of the last trip of the next page: the `size`-th trip of the
 * institution after `afterTripId` in id order, or undefined when fewer remain
 * (the page then runs to the end). One walk of the (institution_id, id) index.
 */
export async function findPageEndTrip(
  db: Kysely<DB>,
  input: { institutionId: string; afterTripId: string | null; size: number },
): Promise<string | undefined> {
  const { afterTripId } = input;
  const row = await db
    .selectFrom('trip')
    .select('id')
    .where('institution_id', '=', input.institutionId)
    .$if(afterTripId !== null, (q) => q.where('id', '>', afterTripId as string))
    .orderBy('id')
    .limit(1)
    .offset(input.size - 1)
    .executeTakeFirst();
  return row?.id;
}

/**
 * The legs of the institution's trips whose id is after `afterTripId` and up
 * to `lastTripId` (to the end when undefined), with only the columns a
 * recomputation reads. Pages follow trip ids (keyset pagination): each costs
 * the same however far the run has gone, and only this institution's rows are
 * read, through the trip index then the legs' (trip_id, position) index.
 */
export function listLegsPage(
  db: Kysely<DB>,
  input: {
    institutionId: string;
    afterTripId: string | null;
    lastTripId: string | undefined;
    outdated?: OutdatedFilter;
  },
): Promise<StoredLeg[]> {
  const { afterTripId, lastTripId, outdated } = input;
  const trips = db
    .selectFrom('trip')
    .select('id')
    .where('institution_id', '=', input.institutionId)
    .$if(afterTripId !== null, (q) => q.where('id', '>', afterTripId as string))
    .$if(lastTripId !== undefined, (q) => q.where('id', '<=', lastTripId as string));
  return db
    .selectFrom('trip_leg')
    .select(STORED_LEG_COLUMNS)
    .where('trip_leg.trip_id', 'in', trips)
    .$if(outdated !== undefined, (q) =>
      q
        .where('trip_leg.method_key', '=', (outdated as OutdatedFilter).methodKey)
        .where('trip_leg.method_version', '<>', (outdated as OutdatedFilter).version),
    )
    .execute();
}

/** Whether any leg of the institution is computed with an older (or newer) version of the method. */
export async function hasOutdatedLegs(db: Kysely<DB>, institutionId: string, outdated: OutdatedFilter) {
  const row = await db
    .selectFrom('trip_leg')
    .innerJoin('trip', 'trip.id', 'trip_leg.trip_id')
    .select('trip_leg.id')
    .where('trip.institution_id', '=', institutionId)
    .where('trip_leg.method_key', '=', outdated.methodKey)
    .where('trip_leg.method_version', '<>', outdated.version)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The columns a recomputation writes, with their PostgreSQL types (for json_to_recordset). */
const UPDATED_COLUMNS = [
  ['method_key', 'text'],
  ['method_version', 'text'],
  ['factor_key', 'text'],
  ['factor_value_milli', 'integer'],
  ['factor_unit', 'text'],
  ['factor_source', 'text'],
  ['great_circle_m', 'integer'],
  ['distance_m', 'integer'],
  ['emissions_g', 'integer'],
  ['contrails', 'integer'],
  ['contribution_cents', 'integer'],
  ['train_hours_milli', 'integer'],
  ['train_verdict', 'text'],
  ['steps', 'json'],
] as const satisfies readonly (readonly [keyof LegUpdate, string])[];

function isPostgres(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// Static SQL, built once from the column list above: no user text reaches sql.raw.
const SET_CLAUSE = UPDATED_COLUMNS.map(([name]) =>
  // The steps are stored as their JSON text; null means "only the verdict changed": the stored
  // explanation stays.
  name === 'steps' ? 'steps_json = coalesce(v.steps, trip_leg.steps_json)' : `${name} = v.${name}`,
).join(', ');
const PG_RECORD_TYPE = [['id', 'text'], ...UPDATED_COLUMNS].map(([name, type]) => `${name} ${type}`).join(', ');
// json_to_recordset keeps a json column's text as sent, so v.steps::text is exactly the serialised steps.
const SET_CLAUSE_PG = SET_CLAUSE.replace('coalesce(v.steps,', 'coalesce(v.steps::text,');
/** The SQLite form binds every value: the row's columns in this order. */
const RECORD_COLUMNS = ['id', ...UPDATED_COLUMNS.map(([name]) => name)] as const;

/**
 * Rows per statement. PostgreSQL: about 1 MB of JSON (a leg and its steps are
 * about 1 KB), under the default work_mem of 4 MB that json_to_recordset's
 * result would otherwise spill to disk from. SQLite: 15 values a row, 22,500
 * bound parameters, below its limit of 32,766.
 */
const PG_ROWS_PER_STATEMENT = 1000;
const SQLITE_ROWS_PER_STATEMENT = 1500;

/** `with v(...) as (values (?, ...), ...) update trip_leg ... from v`, for `rows` rows (SQLite 3.33+ UPDATE FROM). */
function sqliteUpdateText(rows: number): string {
  const tuple = `(${RECORD_COLUMNS.map(() => '?').join(', ')})`;
  const names = RECORD_COLUMNS.join(', ');
  return `with v(${names}) as (values ${Array(rows).fill(tuple).join(', ')}) update trip_leg set ${SET_CLAUSE} from v where trip_leg.id = v.id`;
}
let fullSqliteText: string | undefined;

/**
 * Writes changed legs, a batch per statement, joined on the primary key. The
 * two dialects take the batch differently because each is fastest so
 * (measured on 200,000 legs, bench/travel-recompute): PostgreSQL as one JSON
 * parameter read by json_to_recordset (no 65,535-parameter limit to mind);
 * SQLite as bound values, about twice as fast there as parsing the same JSON
 * with json_each, sent precompiled so Kysely does not rebuild 22,500
 * placeholders per batch.
 */
export async function updateLegs(db: Kysely<DB>, updates: readonly LegUpdate[]): Promise<void> {
  if (isPostgres(db)) {
    for (let i = 0; i < updates.length; i += PG_ROWS_PER_STATEMENT) {
      const batch = JSON.stringify(updates.slice(i, i + PG_ROWS_PER_STATEMENT));
      await sql`update trip_leg set ${sql.raw(SET_CLAUSE_PG)}
        from json_to_recordset(${batch}::json) as v(${sql.raw(PG_RECORD_TYPE)})
        where trip_leg.id = v.id`.execute(db);
    }
    return;
  }
  for (let i = 0; i < updates.length; i += SQLITE_ROWS_PER_STATEMENT) {
    const batch = updates.slice(i, i + SQLITE_ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const u of batch) {
      for (const name of RECORD_COLUMNS) {
        params.push(name === 'steps' ? (u.steps ? JSON.stringify(u.steps) : null) : u[name]);
      }
    }
    const full = batch.length === SQLITE_ROWS_PER_STATEMENT;
    if (full) fullSqliteText ??= sqliteUpdateText(SQLITE_ROWS_PER_STATEMENT);
    const text = full && fullSqliteText ? fullSqliteText : sqliteUpdateText(batch.length);
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}
