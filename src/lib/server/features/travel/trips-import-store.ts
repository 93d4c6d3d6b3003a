/**
 * Writes the estimated legs of an import as trips, inside the caller's
 * transaction: one trip per mission (in order of first appearance), its legs
 * in file order. Rows are built a batch at a time and written with multi-row
 * INSERTs, so a million legs never exist as a million row objects at once.
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

function legRow(
  tripId: string,
  position: number,
  { leg, estimate }: EstimatedLeg,
  contrails: boolean,
): Insertable<TripLegTable> {
  const from = estimate.from.place;
  const to = estimate.to.place;
  // An estimate only succeeds with both places resolved.
  if (!from || !to) throw new Error('estimate without resolved places');
  const computed = estimate.leg;
  return {
    id: newId(),
    trip_id: tripId,
    position,
    from_text: leg.fromCity,
    from_name: from.name,
    from_country: from.country,
    from_lat_micro: toMicro(from.lat),
    from_lon_micro: toMicro(from.lon),
    to_text: leg.toCity,
    to_name: to.name,
    to_country: to.country,
    to_lat_micro: toMicro(to.lat),
    to_lon_micro: toMicro(to.lon),
    mode: leg.mode,
    cabin_class: computed.cabinClass ?? null,
    round_trip: leg.roundTrip ? 1 : 0,
    passengers: leg.passengers,
    contrails: contrails ? 1 : 0,
    method_key: computed.methodKey,
    method_version: computed.methodVersion,
    factor_key: computed.factor.key,
    factor_value_milli: Math.round(computed.factor.value * 1000),
    factor_unit: computed.factor.unit,
    factor_source: computed.factor.source,
    great_circle_m: toMetres(computed.greatCircleKm),
    distance_m: toMetres(computed.distanceKm),
    emissions_g: computed.emissionsGrams,
    train_hours_milli:
      estimate.trainFirst.verdict === 'not_applicable' ? null : Math.round(estimate.trainFirst.trainHours * 1000),
    train_verdict: estimate.trainFirst.verdict,
    price_cents_per_tonne: Math.round(estimate.price.pricePerTonneEuros * 100),
    contribution_cents: estimate.contributionCents,
    steps_json: JSON.stringify(computed.steps),
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
  let trips: Insertable<TripTable>[] = [];
  let legRows: Insertable<TripLegTable>[] = [];
  /** Writes the pending trips, then the legs in full statements (all of them when `all`). */
  const flush = async (all: boolean) => {
    await insertTripRows(trx, trips, []);
    trips = [];
    const written = all ? legRows.length : legRows.length - (legRows.length % legBatch);
    await insertTripRows(trx, [], legRows.slice(0, written));
    legRows = legRows.slice(written);
    // SQLite answers synchronously: without a turn of the event loop, other requests and V8's own
    // garbage-collection tasks would wait for the whole import (measured: the heap then grows by
    // hundreds of MB of garbage before a collection).
    await new Promise((resume) => setImmediate(resume));
  };
  return {
    async add(mission: number, legs: readonly EstimatedLeg[]): Promise<void> {
      const first = legs[0]?.leg;
      if (!first) return;
      const tripId = newId();
      tripIds[mission] = tripId;
      trips.push({
        id: tripId,
        institution_id: user.institutionId,
        mission_ref: first.missionRef ?? String(first.mission),
        purpose: first.purpose,
        traveller_category: categoryOfAgentStatus(first.status),
        unit_id: unitId,
        traveller_key: travellerKey,
        declared_by: user.id,
        trip_date: first.date,
        created_at: createdAt,
        status: TRIP_STATUS_DECLARED,
        justification: null,
        // The file names no traveller.
        traveller_label: null,
      });
      for (let position = 0; position < legs.length; position++)
        legRows.push(legRow(tripId, position, legs[position]!, settings.contrails));
      if (trips.length === tripBatch) await flush(false);
    },
    async finish(): Promise<string[]> {
      await flush(true);
      return tripIds.filter((id): id is string => id !== undefined);
    },
  };
}
