/**
 * Writes the estimated legs of an import as trips, inside the caller's
 * transaction: one trip per mission, its legs in file order. Rows are built
 * a batch at a time and written with multi-row INSERTs, so a million legs
 * never exist as a million row objects at once.
 */
import type { Insertable, Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { fold } from '../plan-import/cell-text';
import type { TripLegTable, TripTable } from './travel.table';
import { TRIP_STATUS_DECLARED, type TravellerCategory, toMetres, toMicro, travellerKeyOf } from './trips';
import { insertTripRows, rowsPerInsert, TRIP_COLUMNS, TRIP_LEG_COLUMNS } from './trips.queries';
import type { EstimatedLeg } from './trips-import-legs';

/** Category from "Statut de l'agent", folded; anything unknown is staff (the file's usual case). */
export function categoryOfAgentStatus(status: string | null): TravellerCategory {
  const folded = fold(status ?? '');
  if (folded.startsWith('doctorant') || folded.startsWith('phd')) return 'phd';
  if (folded.startsWith('etudiant') || folded.startsWith('student') || folded.startsWith('stagiaire')) return 'student';
  if (folded.startsWith('invite') || folded.startsWith('guest')) return 'guest';
  return 'staff';
}

/** A row object of every column, to be filled (see `rowPool`). */
function emptyLegRow(): Insertable<TripLegTable> {
  return {
    id: '',
    trip_id: '',
    position: 0,
    from_text: '',
    from_name: '',
    from_country: '',
    from_lat_micro: 0,
    from_lon_micro: 0,
    to_text: '',
    to_name: '',
    to_country: '',
    to_lat_micro: 0,
    to_lon_micro: 0,
    mode: '',
    cabin_class: null,
    round_trip: 0,
    passengers: 0,
    contrails: 0,
    method_key: '',
    method_version: '',
    factor_key: '',
    factor_value_milli: 0,
    factor_unit: '',
    factor_source: '',
    great_circle_m: 0,
    distance_m: 0,
    emissions_g: 0,
    train_hours_milli: null,
    train_verdict: '',
    price_cents_per_tonne: 0,
    contribution_cents: 0,
    steps_json: '',
    leg_date: null,
  };
}

function fillLegRow(
  row: Insertable<TripLegTable>,
  tripId: string,
  position: number,
  { leg, estimate }: EstimatedLeg,
  contrails: boolean,
): void {
  const from = estimate.from.place;
  const to = estimate.to.place;
  // An estimate only succeeds with both places resolved.
  if (!from || !to) throw new Error('estimate without resolved places');
  const computed = estimate.leg;
  row.id = newId();
  row.trip_id = tripId;
  row.position = position;
  row.from_text = leg.fromCity;
  row.from_name = from.name;
  row.from_country = from.country;
  row.from_lat_micro = toMicro(from.lat);
  row.from_lon_micro = toMicro(from.lon);
  row.to_text = leg.toCity;
  row.to_name = to.name;
  row.to_country = to.country;
  row.to_lat_micro = toMicro(to.lat);
  row.to_lon_micro = toMicro(to.lon);
  row.mode = leg.mode;
  row.cabin_class = computed.cabinClass ?? null;
  row.round_trip = leg.roundTrip ? 1 : 0;
  row.passengers = leg.passengers;
  row.contrails = contrails ? 1 : 0;
  row.method_key = computed.methodKey;
  row.method_version = computed.methodVersion;
  row.factor_key = computed.factor.key;
  row.factor_value_milli = Math.round(computed.factor.value * 1000);
  row.factor_unit = computed.factor.unit;
  row.factor_source = computed.factor.source;
  row.great_circle_m = toMetres(computed.greatCircleKm);
  row.distance_m = toMetres(computed.distanceKm);
  row.emissions_g = computed.emissionsGrams;
  row.train_hours_milli =
    estimate.trainFirst.verdict === 'not_applicable' ? null : Math.round(estimate.trainFirst.trainHours * 1000);
  row.train_verdict = estimate.trainFirst.verdict;
  row.price_cents_per_tonne = Math.round(estimate.price.pricePerTonneEuros * 100);
  row.contribution_cents = estimate.contributionCents;
  row.steps_json = JSON.stringify(computed.steps);
  row.leg_date = leg.date;
}

/**
 * Row objects reused from one statement to the next. A new object per leg,
 * kept until its statement is sent, sometimes led V8 to allocate them all
 * straight in the old generation (allocation-site pretenuring): the heap then
 * grew by some 500 MB of garbage during a million-leg import (measured; the
 * same import runs in 650 MB when the rows are reused).
 */
function rowPool<Row>(create: () => Row) {
  let rows: Row[] = [];
  let count = 0;
  return {
    /** A row to fill, after the pending ones. */
    next(): Row {
      if (count === rows.length) rows.push(create());
      return rows[count++]!;
    },
    pending: () => count,
    /** The first `n` pending rows, to be written before the next call to `next`. */
    take(n: number): Row[] {
      const taken = rows.slice(0, n);
      rows = [...rows.slice(n), ...taken];
      count -= n;
      return taken;
    },
  };
}

/**
 * Writes trips in multi-row INSERTs as missions are added: one trip per
 * mission, its legs in the given order. Only full statements are sent until
 * `finish` (one statement shape, compiled once), trips always before the legs
 * that point to them. `finish` writes what is left and returns the trip ids
 * by mission (`missions` of them, numbered from 0 in the file's order).
 */
export async function openTripStore(
  trx: Kysely<DB>,
  user: SessionUser,
  settings: { contrails: boolean },
  missions: number,
) {
  const person = user.personId
    ? await trx.selectFrom('person').select('unit_id').where('id', '=', user.personId).executeTakeFirst()
    : undefined;
  const unitId = person?.unit_id ?? null;
  const travellerKey = travellerKeyOf(user.institutionId, user.id);
  const createdAt = nowIso();
  const tripBatch = rowsPerInsert(trx, Object.keys(TRIP_COLUMNS).length);
  const legBatch = rowsPerInsert(trx, Object.keys(TRIP_LEG_COLUMNS).length);
  const tripIds: (string | undefined)[] = new Array(missions);
  // A file repeats a handful of agent statuses; folding each once is enough.
  const categories = new Map<string | null, TravellerCategory>();
  const categoryOf = (status: string | null) => {
    let category = categories.get(status);
    if (!category) {
      category = categoryOfAgentStatus(status);
      if (categories.size < 1_000) categories.set(status, category);
    }
    return category;
  };
  const trips = rowPool<Insertable<TripTable>>(() => ({
    id: '',
    institution_id: user.institutionId,
    mission_ref: null,
    purpose: null,
    traveller_category: '',
    unit_id: unitId,
    traveller_key: travellerKey,
    declared_by: user.id,
    trip_date: '',
    created_at: createdAt,
    status: TRIP_STATUS_DECLARED,
    justification: null,
    // The file names no traveller.
    traveller_label: null,
  }));
  const legs = rowPool(emptyLegRow);
  /** Writes the pending trips, then the legs in full statements (all of them when `all`). */
  const flush = async (all: boolean) => {
    await insertTripRows(trx, trips.take(trips.pending()), []);
    const pending = legs.pending();
    await insertTripRows(trx, [], legs.take(all ? pending : pending - (pending % legBatch)));
    // SQLite answers synchronously: without a turn of the event loop, other requests and V8's own
    // garbage-collection tasks would wait for the whole import.
    await new Promise((resume) => setImmediate(resume));
  };
  return {
    async add(mission: number, estimated: readonly EstimatedLeg[]): Promise<void> {
      const first = estimated[0]?.leg;
      if (!first) return;
      const tripId = newId();
      tripIds[mission] = tripId;
      const trip = trips.next();
      trip.id = tripId;
      trip.mission_ref = first.missionRef ?? String(first.mission);
      trip.purpose = first.purpose;
      trip.traveller_category = categoryOf(first.status);
      trip.trip_date = first.date;
      for (let position = 0; position < estimated.length; position++)
        fillLegRow(legs.next(), tripId, position, estimated[position]!, settings.contrails);
      if (trips.pending() === tripBatch) await flush(false);
    },
    async finish(): Promise<string[]> {
      await flush(true);
      return tripIds.filter((id): id is string => id !== undefined);
    },
  };
}
