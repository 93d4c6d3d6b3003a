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
  type Place,
  type PlaceResolution,
  type TripEstimate,
  type TripView,
} from '../travel';

/**
 * A trip as an expense system describes it: the declaration form's fields
 * with the form's defaults made explicit, `travellerCategory` for the form's
 * `category`, and `dryRun` to estimate without storing. Unknown keys are
 * refused so a misspelt `justification` is not silently dropped.
 */
export const apiTripRequestSchema = declareTripSchema
  .omit({ category: true })
  .extend({
    passengers: z.number().int().min(1).max(MAX_PASSENGERS).default(1),
    method: declareTripSchema.shape.method.default(DEFAULT_METHOD_KEY),
    contrails: z.boolean().default(true),
    travellerCategory: declareTripSchema.shape.category.default('staff'),
    dryRun: z.boolean().default(false),
  })
  .strict();
export type ApiTripRequest = z.infer<typeof apiTripRequestSchema>;

export function toDeclareTripInput(request: ApiTripRequest): DeclareTripInput {
  const { travellerCategory, dryRun: _dryRun, ...rest } = request;
  return { ...rest, category: travellerCategory };
}

/** The top-level fields of the body that failed to parse, for the 400 answer. */
export function invalidFieldsOf(error: z.ZodError): string[] {
  const fields = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0] ?? '')],
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

export interface ApiTripEstimate {
  /** Present once the trip is stored. */
  id?: string;
  from: ApiResolvedPlace;
  to: ApiResolvedPlace;
  distanceKm: number;
  greatCircleKm: number;
  emissionsGrams: number;
  method: string;
  methodVersion: string;
  factor: { key: string; value: number; unit: 'pkm' | 'vkm'; source: string; year: number };
  trainFirst: { verdict: TripEstimate['trainFirst']['verdict']; trainHours?: number };
  contributionCents: number;
  pricePerTonneEuros: number;
}

export interface ApiStoredTripLeg {
  from: { text: string; name: string; country: string };
  to: { text: string; name: string; country: string };
  mode: string;
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

export function tripEstimateDto(estimate: TripEstimate, id?: string): ApiTripEstimate {
  const { leg, trainFirst } = estimate;
  return {
    ...(id ? { id } : {}),
    from: resolvedPlaceDto(estimate.from),
    to: resolvedPlaceDto(estimate.to),
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

export function storedTripDto(trip: TripView): ApiStoredTrip {
  return {
    id: trip.id,
    date: trip.tripDate,
    purpose: trip.purpose,
    travellerCategory: trip.category,
    status: trip.status,
    justification: trip.justification,
    createdAt: trip.createdAt,
    emissionsGrams: trip.emissionsGrams,
    contributionCents: trip.contributionCents,
    legs: trip.legs.map((l) => ({
      from: { text: l.fromText, name: l.fromName, country: l.fromCountry },
      to: { text: l.toText, name: l.toName, country: l.toCountry },
      mode: l.mode,
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
