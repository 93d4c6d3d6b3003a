/**
 * The trips part of the JSON API: the body an expense system posts, and the
 * shapes it gets back. Pure: no database, no HTTP.
 */
import { z } from 'zod';
import {
  DEFAULT_METHOD_KEY,
  type DeclareTripInput,
  declareTripSchema,
  MAX_PASSENGERS,
  MAX_TRIP_LEGS,
  type MissionEstimate,
  type MissionLegEstimate,
  type Place,
  type PlaceResolution,
  singleLegTripSchema,
  type TripView,
  tripLegSchema,
} from '../travel';

/** The declaration form's defaults, made explicit for a script. */
const defaults = {
  passengers: z.number().int().min(1).max(MAX_PASSENGERS).default(1),
  method: declareTripSchema.shape.method.default(DEFAULT_METHOD_KEY),
  contrails: z.boolean().default(true),
  travellerCategory: declareTripSchema.shape.category.default('staff'),
  dryRun: z.boolean().default(false),
};

/**
 * A one-leg trip as an expense system first described it (the body before
 * legs existed, still accepted): the form's fields with its defaults,
 * `travellerCategory` for the form's `category`, and `dryRun` to estimate
 * without storing. Unknown keys are refused so a misspelt `justification` is
 * not silently dropped.
 */
export const apiTripRequestSchema = singleLegTripSchema
  .omit({ category: true })
  .extend({
    passengers: defaults.passengers,
    method: defaults.method,
    contrails: defaults.contrails,
    travellerCategory: defaults.travellerCategory,
    dryRun: defaults.dryRun,
  })
  .strict();

/** A mission with its legs (1 to MAX_TRIP_LEGS), the same defaults, unknown keys refused at every level. */
export const apiMissionRequestSchema = declareTripSchema
  .omit({ category: true, legs: true })
  .extend({
    method: defaults.method,
    contrails: defaults.contrails,
    travellerCategory: defaults.travellerCategory,
    dryRun: defaults.dryRun,
    legs: z
      .array(tripLegSchema.extend({ passengers: defaults.passengers }).strict())
      .min(1)
      .max(MAX_TRIP_LEGS),
  })
  .strict();

export type ApiTripRequest = z.infer<typeof apiTripRequestSchema> | z.infer<typeof apiMissionRequestSchema>;

export type ApiTripRequestParse = { success: true; data: ApiTripRequest } | { success: false; fields: string[] };

/** Either body, told apart by `legs`; a failure lists the invalid fields (`legs.1.mode` inside a leg). */
export function parseApiTripRequest(body: unknown): ApiTripRequestParse {
  const hasLegs = typeof body === 'object' && body !== null && 'legs' in body;
  const parsed = hasLegs ? apiMissionRequestSchema.safeParse(body) : apiTripRequestSchema.safeParse(body);
  return parsed.success
    ? { success: true, data: parsed.data }
    : { success: false, fields: invalidFieldsOf(parsed.error) };
}

export function toDeclareTripInput(request: ApiTripRequest): DeclareTripInput {
  if ('legs' in request) {
    const { travellerCategory, dryRun: _dryRun, ...mission } = request;
    return { ...mission, category: travellerCategory };
  }
  const { travellerCategory, dryRun: _dryRun, ...rest } = request;
  return { ...rest, category: travellerCategory };
}

/** The fields of the body that failed to parse, for the 400 answer: `date`, or `legs.1.mode` inside a leg. */
export function invalidFieldsOf(error: z.ZodError): string[] {
  const fields = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => [...issue.path, key].map(String).join('.'))
      : [issue.path.map(String).join('.')],
  );
  return [...new Set(fields)].filter((f) => f !== '').sort();
}

export interface ApiPlace {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  lat: number;
  lon: number;
  iata?: string;
}

export interface ApiResolvedPlace extends ApiPlace {
  /** 0..1: how sure the resolver is of the text it was given. */
  confidence: number;
}

export interface ApiPlaceResolution {
  text: string;
  status: PlaceResolution['status'];
  reason: PlaceResolution['reason'];
  confidence: number;
  candidates: ApiPlace[];
}

/** The figures of one leg of an estimate. */
export interface ApiLegEstimate {
  /** 0-based, in the order of the mission. */
  position: number;
  from: ApiResolvedPlace;
  to: ApiResolvedPlace;
  mode: string;
  cabinClass?: string;
  roundTrip: boolean;
  passengers: number;
  /** The leg's own date, the mission's when it gave none. */
  date: string;
  distanceKm: number;
  greatCircleKm: number;
  emissionsGrams: number;
  method: string;
  methodVersion: string;
  factor: { key: string; value: number; unit: 'pkm' | 'vkm'; source: string; year: number };
  trainFirst: { verdict: MissionLegEstimate['trainFirst']['verdict']; trainHours?: number };
  contributionCents: number;
  pricePerTonneEuros: number;
}

/** The figures of the leg that a one-leg body also gets at the top level, as before legs existed. */
type ApiFlatLegFields = Omit<
  ApiLegEstimate,
  'position' | 'mode' | 'cabinClass' | 'roundTrip' | 'passengers' | 'date' | 'emissionsGrams' | 'contributionCents'
>;

export interface ApiTripEstimate extends Partial<ApiFlatLegFields> {
  /** Present once the trip is stored. */
  id?: string;
  /** Totals of the legs, per traveller. */
  emissionsGrams: number;
  contributionCents: number;
  /** A flight leg needs a written justification under the train-first rule. */
  justificationRequired: boolean;
  legs: ApiLegEstimate[];
}

export interface ApiStoredTripLeg {
  position: number;
  from: { text: string; name: string; country: string };
  to: { text: string; name: string; country: string };
  mode: string;
  cabinClass: string | null;
  roundTrip: boolean;
  passengers: number;
  contrails: boolean;
  distanceKm: number;
  greatCircleKm: number;
  emissionsGrams: number;
  method: string;
  methodVersion: string;
  factor: { key: string; value: number; unit: string; source: string };
  trainFirst: { verdict: string; trainHours?: number };
  contributionCents: number;
  pricePerTonneEuros: number;
}

export interface ApiStoredTrip {
  id: string;
  date: string;
  purpose: string | null;
  travellerCategory: string;
  status: string;
  justification: string | null;
  unitId: string | null;
  createdAt: string;
  emissionsGrams: number;
  contributionCents: number;
  legs: ApiStoredTripLeg[];
}

// Figures leave at the precision they are stored with: metres, microdegrees, thousandths.
const toThousandths = (n: number): number => Math.round(n * 1000) / 1000;
const toMicrodegrees = (n: number): number => Math.round(n * 1_000_000) / 1_000_000;

function placeDto(place: Place): ApiPlace {
  return {
    name: place.name,
    country: place.country,
    lat: toMicrodegrees(place.lat),
    lon: toMicrodegrees(place.lon),
    ...(place.iata ? { iata: place.iata } : {}),
  };
}

function resolvedPlaceDto(resolution: PlaceResolution): ApiResolvedPlace {
  // A TripEstimate only exists with both places resolved.
  if (!resolution.place) throw new Error('estimate without a resolved place');
  return { ...placeDto(resolution.place), confidence: resolution.confidence };
}

export function placeResolutionDto(text: string, resolution: PlaceResolution): ApiPlaceResolution {
  return {
    text,
    status: resolution.status,
    reason: resolution.reason,
    confidence: resolution.confidence,
    candidates: resolution.candidates.map(placeDto),
  };
}

function legEstimateDto(estimate: MissionLegEstimate): ApiLegEstimate {
  const { leg, trainFirst, input } = estimate;
  return {
    position: estimate.position,
    from: resolvedPlaceDto(estimate.from),
    to: resolvedPlaceDto(estimate.to),
    mode: input.mode,
    ...(input.cabinClass ? { cabinClass: input.cabinClass } : {}),
    roundTrip: input.roundTrip,
    passengers: input.passengers,
    date: input.date,
    distanceKm: toThousandths(leg.distanceKm),
    greatCircleKm: toThousandths(leg.greatCircleKm),
    emissionsGrams: leg.emissionsGrams,
    method: leg.methodKey,
    methodVersion: leg.methodVersion,
    factor: {
      key: leg.factor.key,
      value: toThousandths(leg.factor.value),
      unit: leg.factor.unit,
      source: leg.factor.source,
      year: leg.factor.year,
    },
    trainFirst:
      trainFirst.verdict === 'not_applicable'
        ? { verdict: trainFirst.verdict }
        : { verdict: trainFirst.verdict, trainHours: toThousandths(trainFirst.trainHours) },
    contributionCents: estimate.contributionCents,
    pricePerTonneEuros: estimate.price.pricePerTonneEuros,
  };
}

/**
 * A mission's estimate: totals and legs. `flat` (the one-leg body) also puts
 * the leg's figures at the top level, where clients of that body read them.
 */
export function tripEstimateDto(
  estimate: MissionEstimate,
  options: { id?: string; flat?: boolean } = {},
): ApiTripEstimate {
  const legs = estimate.legs.map(legEstimateDto);
  const [only] = legs;
  const flat: Partial<ApiFlatLegFields> =
    options.flat && legs.length === 1
      ? {
          from: only.from,
          to: only.to,
          distanceKm: only.distanceKm,
          greatCircleKm: only.greatCircleKm,
          method: only.method,
          methodVersion: only.methodVersion,
          factor: only.factor,
          trainFirst: only.trainFirst,
          pricePerTonneEuros: only.pricePerTonneEuros,
        }
      : {};
  return {
    ...(options.id ? { id: options.id } : {}),
    ...flat,
    emissionsGrams: estimate.emissionsGrams,
    contributionCents: estimate.contributionCents,
    justificationRequired: estimate.justificationRequired,
    legs,
  };
}

export function storedTripDto(trip: TripView): ApiStoredTrip {
  return {
    id: trip.id,
    date: trip.tripDate,
    purpose: trip.purpose,
    travellerCategory: trip.category,
    status: trip.status,
    justification: trip.justification,
    unitId: trip.unitId,
    createdAt: trip.createdAt,
    emissionsGrams: trip.emissionsGrams,
    contributionCents: trip.contributionCents,
    legs: trip.legs.map((l) => ({
      position: l.position,
      from: { text: l.fromText, name: l.fromName, country: l.fromCountry },
      to: { text: l.toText, name: l.toName, country: l.toCountry },
      mode: l.mode,
      cabinClass: l.cabinClass,
      roundTrip: l.roundTrip,
      passengers: l.passengers,
      contrails: l.contrails,
      distanceKm: l.distanceKm,
      greatCircleKm: l.greatCircleKm,
      emissionsGrams: l.emissionsGrams,
      method: l.methodKey,
      methodVersion: l.methodVersion,
      factor: { key: l.factorKey, value: l.factorGramsPerUnit, unit: l.factorUnit, source: l.factorSource },
      trainFirst:
        l.trainHours === null ? { verdict: l.trainVerdict } : { verdict: l.trainVerdict, trainHours: l.trainHours },
      contributionCents: l.contributionCents,
      pricePerTonneEuros: l.pricePerTonneEuros,
    })),
  };
}
