import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { findPerson, listUnits } from '../people';
import type { EstimateErrorCode } from './estimate.service';
import type { CalculationStep } from './footprint';
import { recordUnresolvedPlaces, unresolvedOf } from './place-review.service';
import type { PlaceLanguage } from './places-countries';
import { getTravelSettings } from './travel-settings.service';
import {
  type DeclareTripInput,
  parseSteps,
  TRIP_STATUS_DECLARED,
  type TravellerCategory,
  toTripInput,
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
import {
  estimateMission,
  legRowsOf,
  type MissionEstimate,
  type MissionEstimateRefusal,
  type MissionEstimateResult,
} from './trips-estimate.service';

export type DeclareTripErrorCode =
  | EstimateErrorCode
  | 'travel.trips.error.justificationRequired'
  | 'travel.trips.error.unknownUnit';
/**
 * A refusal carries what explains it: the leg whose places are not resolved
 * with their candidates, or the estimate of a mission that needs a justification.
 */
export type DeclareTripResult =
  | { ok: true; value: { tripId: string; estimate: MissionEstimate } }
  | MissionEstimateRefusal
  | { ok: false; error: { code: 'travel.trips.error.justificationRequired' }; estimate: MissionEstimate }
  | { ok: false; error: { code: 'travel.trips.error.unknownUnit' } };

export interface TripLegView {
  position: number;
  /** The day of the leg (the trip's date for legs stored before leg dates were kept). */
  date: string;
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
  unitId: string | null;
  unitName: string | null;
  /** The traveller's name, stored only when the institution chose to name travellers. */
  travellerLabel: string | null;
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
  /** The first leg's mode. */
  mode: string;
  /** Every mode of the trip, in the order of its legs, once each. */
  modes: string[];
  legCount: number;
  roundTrip: boolean;
  emissionsGrams: number;
  contributionCents: number;
}

/** The admin reads every trip of the institution; everyone else reads their own. */
function scopeOf(user: SessionUser) {
  return { institutionId: user.institutionId, userId: user.id, everyone: user.role === 'admin' };
}

/** The estimate a declaration would store, each leg priced at the institution's carbon price of its year; nothing is stored. */
export function estimateTripToDeclare(
  db: Kysely<DB>,
  user: SessionUser,
  input: DeclareTripInput,
  options: { language?: PlaceLanguage } = {},
): Promise<MissionEstimateResult> {
  return estimateMission(db, user.institutionId, toTripInput(input), options);
}

export interface TripFormOptions {
  units: { id: string; name: string }[];
  /** The traveller's own unit, chosen when the form or the API names none. */
  defaultUnitId: string | null;
}

/** The organisational units a declaration may be charged to, and the traveller's own. */
export async function tripFormOptions(db: Kysely<DB>, user: SessionUser): Promise<TripFormOptions> {
  const units = await listUnits(db, user.institutionId);
  const person = user.personId ? await findPerson(db, user.institutionId, user.personId) : undefined;
  return { units: units.map((u) => ({ id: u.id, name: u.name })), defaultUnitId: person?.unit_id ?? null };
}

/**
 * Declares a trip of the signed-in user: every leg estimated as on the
 * footprint page (all must resolve), stored with every figure needed to trace
 * it (method version, factor and its source, distances, steps) in one
 * transaction with an audit event. When the train-first rule asks to justify
 * any flight leg, the mission is refused without a justification.
 */
export async function declareTrip(
  db: Kysely<DB>,
  user: SessionUser,
  input: DeclareTripInput,
  options: { language?: PlaceLanguage } = {},
): Promise<DeclareTripResult> {
  const trip = toTripInput(input);
  const settings = await getTravelSettings(db, user.institutionId);
  const estimate = await estimateMission(db, user.institutionId, trip, { ...options, settings });
  if (!estimate.ok) {
    // Places the resolver could not settle go to the review list, where one answer serves every later trip.
    if (estimate.error.code === 'travel.estimate.placeNotResolved') {
      await recordUnresolvedPlaces(
        db,
        user.institutionId,
        unresolvedOf(
          estimate.legs.flatMap((result, i) =>
            result.ok
              ? []
              : [
                  { text: trip.legs[i].from, country: trip.legs[i].fromCountry, resolution: result.from },
                  { text: trip.legs[i].to, country: trip.legs[i].toCountry, resolution: result.to },
                ],
          ),
        ),
      );
    }
    return estimate;
  }
  const mission = estimate.value;
  if (mission.justificationRequired && !trip.justification) {
    return { ok: false, error: { code: 'travel.trips.error.justificationRequired' }, estimate: mission };
  }
  const { units, defaultUnitId } = await tripFormOptions(db, user);
  if (trip.unitId !== undefined && !units.some((u) => u.id === trip.unitId)) {
    return { ok: false, error: { code: 'travel.trips.error.unknownUnit' } };
  }
  const travellerLabel = settings.nameTravellers ? user.displayName : null;
  const tripId = newId();
  await db.transaction().execute(async (trx) => {
    await insertTrip(
      trx,
      {
        id: tripId,
        institution_id: user.institutionId,
        mission_ref: null,
        purpose: trip.purpose ?? null,
        traveller_category: trip.category satisfies TravellerCategory,
        unit_id: trip.unitId ?? defaultUnitId,
        traveller_key: travellerKeyOf(user.institutionId, user.id),
        // The name only when the institution chose to name travellers (/travel/settings); a pseudonym otherwise.
        traveller_label: travellerLabel,
        declared_by: user.id,
        trip_date: trip.date,
        created_at: nowIso(),
        status: TRIP_STATUS_DECLARED,
        justification: trip.justification ?? null,
      },
      legRowsOf(tripId, mission),
    );
    const first = mission.legs[0].leg;
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'trip',
      entityId: tripId,
      operation: 'create',
      changes: [
        { field: 'trip_date', before: null, after: trip.date },
        { field: 'legs', before: null, after: String(mission.legs.length) },
        { field: 'mode', before: null, after: trip.legs.map((l) => l.mode).join(', ') },
        { field: 'emissions_g', before: null, after: String(mission.emissionsGrams) },
        { field: 'method_version', before: null, after: `${first.methodKey} ${first.methodVersion}` },
      ],
    });
  });
  return { ok: true, value: { tripId, estimate: mission } };
}

function legView(row: TripLegRow, tripDate: string): TripLegView {
  return {
    position: row.position,
    date: row.leg_date ?? tripDate,
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
  const legs = (await listLegsOfTrip(db, trip.id)).map((row) => legView(row, trip.trip_date));
  const unit = trip.unit_id ? (await listUnits(db, user.institutionId)).find((u) => u.id === trip.unit_id) : undefined;
  return {
    id: trip.id,
    tripDate: trip.trip_date,
    createdAt: trip.created_at,
    purpose: trip.purpose,
    category: trip.traveller_category,
    status: trip.status,
    justification: trip.justification,
    unitId: trip.unit_id,
    unitName: unit?.name ?? null,
    travellerLabel: trip.traveller_label,
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
      seen.legCount += 1;
      if (!seen.modes.includes(row.mode)) seen.modes.push(row.mode);
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
      modes: [row.mode],
      legCount: 1,
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
