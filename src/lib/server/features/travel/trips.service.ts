import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { type EstimateErrorCode, type EstimateResult, estimateTrip, type TripEstimate } from './estimate.service';
import type { CalculationStep } from './footprint';
import { getCarbonPrice } from './fund.service';
import type { PlaceResolution } from './places';
import type { PlaceLanguage } from './places-countries';
import {
  type DeclareTripInput,
  parseSteps,
  TRIP_STATUS_DECLARED,
  type TravellerCategory,
  toMetres,
  toMicro,
  travellerKeyOf,
} from './trips';
import {
  findVisibleTrip,
  insertTrip,
  listInstitutionLegsByVerdict,
  listLegsOfTrip,
  listVisibleTripLegs,
  type TripLegRow,
} from './trips.queries';

export type DeclareTripErrorCode = EstimateErrorCode | 'travel.trips.error.justificationRequired';
/** A refusal carries what explains it: the places' candidates, or the estimate that asks for a justification. */
export type DeclareTripResult =
  | { ok: true; value: { tripId: string; estimate: TripEstimate } }
  | { ok: false; error: { code: EstimateErrorCode }; from: PlaceResolution; to: PlaceResolution }
  | { ok: false; error: { code: 'travel.trips.error.justificationRequired' }; estimate: TripEstimate };

export interface TripLegView {
  position: number;
  fromText: string;
  fromName: string;
  fromCountry: string;
  toText: string;
  toName: string;
  toCountry: string;
  mode: string;
  cabinClass: string | null;
  roundTrip: boolean;
  passengers: number;
  contrails: boolean;
  methodKey: string;
  methodVersion: string;
  factorKey: string;
  factorGramsPerUnit: number;
  factorUnit: string;
  factorSource: string;
  greatCircleKm: number;
  distanceKm: number;
  emissionsGrams: number;
  trainHours: number | null;
  trainVerdict: string;
  pricePerTonneEuros: number;
  contributionCents: number;
  steps: CalculationStep[];
}

export interface TripView {
  id: string;
  tripDate: string;
  createdAt: string;
  purpose: string | null;
  category: string;
  status: string;
  justification: string | null;
  declaredByMe: boolean;
  emissionsGrams: number;
  contributionCents: number;
  legs: TripLegView[];
}

export interface TripSummary {
  id: string;
  tripDate: string;
  purpose: string | null;
  category: string;
  status: string;
  fromName: string;
  toName: string;
  mode: string;
  roundTrip: boolean;
  emissionsGrams: number;
  contributionCents: number;
}

/** The admin reads every trip of the institution; everyone else reads their own. */
function scopeOf(user: SessionUser) {
  return { institutionId: user.institutionId, userId: user.id, everyone: user.role === 'admin' };
}

/** The estimate a declaration would store, priced at the institution's carbon price of the trip's year; nothing is stored. */
export async function estimateTripToDeclare(
  db: Kysely<DB>,
  user: SessionUser,
  input: DeclareTripInput,
  options: { language?: PlaceLanguage } = {},
): Promise<EstimateResult> {
  const price = await getCarbonPrice(db, user.institutionId, Number(input.date.slice(0, 4)));
  return estimateTrip({
    from: input.from,
    to: input.to,
    fromCountry: input.fromCountry,
    toCountry: input.toCountry,
    mode: input.mode,
    roundTrip: input.roundTrip,
    passengers: input.passengers,
    methodKey: input.method,
    contrails: input.contrails,
    date: input.date,
    pricePerTonneEuros: price.pricePerTonneEuros,
    language: options.language ?? 'fr',
  });
}

/**
 * Declares one trip of the signed-in user: the same estimate as the footprint
 * page, stored with every figure needed to trace it (method version, factor
 * and its source, distances, steps) and an audit event. A flight the
 * train-first rule asks to justify is refused without a justification.
 */
export async function declareTrip(
  db: Kysely<DB>,
  user: SessionUser,
  input: DeclareTripInput,
  options: { language?: PlaceLanguage } = {},
): Promise<DeclareTripResult> {
  const estimate = await estimateTripToDeclare(db, user, input, options);
  if (!estimate.ok) return { ok: false, error: estimate.error, from: estimate.from, to: estimate.to };
  const trip = estimate.value;
  if (trip.trainFirst.verdict === 'justification_required' && !input.justification) {
    return { ok: false, error: { code: 'travel.trips.error.justificationRequired' }, estimate: trip };
  }
  const from = trip.from.place;
  const to = trip.to.place;
  // estimateTrip only succeeds with both places resolved.
  if (!from || !to) throw new Error('estimate without resolved places');
  const { leg } = trip;
  const tripId = newId();
  await db.transaction().execute(async (trx) => {
    const person = user.personId
      ? await trx.selectFrom('person').select('unit_id').where('id', '=', user.personId).executeTakeFirst()
      : undefined;
    await insertTrip(
      trx,
      {
        id: tripId,
        institution_id: user.institutionId,
        mission_ref: null,
        purpose: input.purpose ?? null,
        traveller_category: input.category satisfies TravellerCategory,
        unit_id: person?.unit_id ?? null,
        traveller_key: travellerKeyOf(user.institutionId, user.id),
        declared_by: user.id,
        trip_date: input.date,
        created_at: nowIso(),
        status: TRIP_STATUS_DECLARED,
        justification: input.justification ?? null,
      },
      [
        {
          id: newId(),
          trip_id: tripId,
          position: 0,
          from_text: input.from,
          from_name: from.name,
          from_country: from.country,
          from_lat_micro: toMicro(from.lat),
          from_lon_micro: toMicro(from.lon),
          to_text: input.to,
          to_name: to.name,
          to_country: to.country,
          to_lat_micro: toMicro(to.lat),
          to_lon_micro: toMicro(to.lon),
          mode: input.mode,
          cabin_class: leg.cabinClass ?? null,
          round_trip: input.roundTrip ? 1 : 0,
          passengers: input.passengers,
          contrails: input.contrails ? 1 : 0,
          method_key: leg.methodKey,
          method_version: leg.methodVersion,
          factor_key: leg.factor.key,
          factor_value_milli: Math.round(leg.factor.value * 1000),
          factor_unit: leg.factor.unit,
          factor_source: leg.factor.source,
          great_circle_m: toMetres(leg.greatCircleKm),
          distance_m: toMetres(leg.distanceKm),
          emissions_g: leg.emissionsGrams,
          train_hours_milli:
            trip.trainFirst.verdict === 'not_applicable' ? null : Math.round(trip.trainFirst.trainHours * 1000),
          train_verdict: trip.trainFirst.verdict,
          price_cents_per_tonne: Math.round(trip.price.pricePerTonneEuros * 100),
          contribution_cents: trip.contributionCents,
          steps_json: JSON.stringify(leg.steps),
        },
      ],
    );
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'trip',
      entityId: tripId,
      operation: 'create',
      changes: [
        { field: 'trip_date', before: null, after: input.date },
        { field: 'mode', before: null, after: input.mode },
        { field: 'emissions_g', before: null, after: String(leg.emissionsGrams) },
        { field: 'method_version', before: null, after: `${leg.methodKey} ${leg.methodVersion}` },
      ],
    });
  });
  return { ok: true, value: { tripId, estimate: trip } };
}

function legView(row: TripLegRow): TripLegView {
  return {
    position: row.position,
    fromText: row.from_text,
    fromName: row.from_name,
    fromCountry: row.from_country,
    toText: row.to_text,
    toName: row.to_name,
    toCountry: row.to_country,
    mode: row.mode,
    cabinClass: row.cabin_class,
    roundTrip: row.round_trip === 1,
    passengers: row.passengers,
    contrails: row.contrails === 1,
    methodKey: row.method_key,
    methodVersion: row.method_version,
    factorKey: row.factor_key,
    factorGramsPerUnit: row.factor_value_milli / 1000,
    factorUnit: row.factor_unit,
    factorSource: row.factor_source,
    greatCircleKm: row.great_circle_m / 1000,
    distanceKm: row.distance_m / 1000,
    emissionsGrams: row.emissions_g,
    trainHours: row.train_hours_milli === null ? null : row.train_hours_milli / 1000,
    trainVerdict: row.train_verdict,
    pricePerTonneEuros: row.price_cents_per_tonne / 100,
    contributionCents: row.contribution_cents,
    steps: parseSteps(row.steps_json),
  };
}

/** One trip with its legs and steps; undefined when it does not exist or the user may not read it. */
export async function getTrip(db: Kysely<DB>, user: SessionUser, tripId: string): Promise<TripView | undefined> {
  const trip = await findVisibleTrip(db, scopeOf(user), tripId);
  if (!trip) return undefined;
  const legs = (await listLegsOfTrip(db, trip.id)).map(legView);
  return {
    id: trip.id,
    tripDate: trip.trip_date,
    createdAt: trip.created_at,
    purpose: trip.purpose,
    category: trip.traveller_category,
    status: trip.status,
    justification: trip.justification,
    declaredByMe: trip.declared_by === user.id,
    emissionsGrams: legs.reduce((sum, l) => sum + l.emissionsGrams, 0),
    contributionCents: legs.reduce((sum, l) => sum + l.contributionCents, 0),
    legs,
  };
}

/** The user's trips (every trip of the institution for the admin), newest first, with their totals. */
export async function listTrips(db: Kysely<DB>, user: SessionUser): Promise<TripSummary[]> {
  const rows = await listVisibleTripLegs(db, scopeOf(user));
  const trips = new Map<string, TripSummary>();
  for (const row of rows) {
    const seen = trips.get(row.id);
    if (seen) {
      // A later leg: the trip ends where its last leg arrives.
      seen.toName = row.to_name;
      seen.emissionsGrams += row.emissions_g;
      seen.contributionCents += row.contribution_cents;
      continue;
    }
    trips.set(row.id, {
      id: row.id,
      tripDate: row.trip_date,
      purpose: row.purpose,
      category: row.traveller_category,
      status: row.status,
      fromName: row.from_name,
      toName: row.to_name,
      mode: row.mode,
      roundTrip: row.round_trip === 1,
      emissionsGrams: row.emissions_g,
      contributionCents: row.contribution_cents,
    });
  }
  return [...trips.values()];
}

/** The train-first verdicts the officer follows up: a flight to justify in writing, or a flagged one. */
export const TRAIN_FIRST_FLAG_VERDICTS = ['justification_required', 'flagged'] as const;
export type TrainFirstFlagVerdict = (typeof TRAIN_FIRST_FLAG_VERDICTS)[number];

export interface TrainFirstFlag {
  tripId: string;
  tripDate: string;
  position: number;
  fromName: string;
  toName: string;
  mode: string;
  roundTrip: boolean;
  trainHours: number | null;
  verdict: TrainFirstFlagVerdict;
  justification: string | null;
  purpose: string | null;
}

export type ListTrainFirstFlagsResult =
  | { ok: true; value: TrainFirstFlag[] }
  | { ok: false; error: { code: 'travel.trips.flags.error.forbidden' } };

const isFlagVerdict = (verdict: string): verdict is TrainFirstFlagVerdict =>
  (TRAIN_FIRST_FLAG_VERDICTS as readonly string[]).includes(verdict);

/** Every leg of the institution the train-first rule flagged or asked to justify, newest first (admin only). */
export async function listTrainFirstFlags(db: Kysely<DB>, user: SessionUser): Promise<ListTrainFirstFlagsResult> {
  if (user.role !== 'admin') return { ok: false, error: { code: 'travel.trips.flags.error.forbidden' } };
  const rows = await listInstitutionLegsByVerdict(db, user.institutionId, TRAIN_FIRST_FLAG_VERDICTS);
  const flags: TrainFirstFlag[] = [];
  for (const row of rows) {
    // The query only returns flag verdicts; the guard narrows the stored string.
    if (!isFlagVerdict(row.train_verdict)) continue;
    flags.push({
      tripId: row.id,
      tripDate: row.trip_date,
      position: row.position,
      fromName: row.from_name,
      toName: row.to_name,
      mode: row.mode,
      roundTrip: row.round_trip === 1,
      trainHours: row.train_hours_milli === null ? null : row.train_hours_milli / 1000,
      verdict: row.train_verdict,
      justification: row.justification,
      purpose: row.purpose,
    });
  }
  return { ok: true, value: flags };
}
