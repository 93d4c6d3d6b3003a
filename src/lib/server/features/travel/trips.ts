import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CalculationStep } from './footprint';
import { METHOD_KEYS } from './methods';
import { CABIN_CLASSES, travelModeSchema } from './modes';

/** Who travels, as carbon reports split business travel (staff, doctoral students, students, guests). */
export const TRAVELLER_CATEGORIES = ['staff', 'phd', 'student', 'guest'] as const;
export type TravellerCategory = (typeof TRAVELLER_CATEGORIES)[number];

export const TRIP_STATUS_DECLARED = 'declared';

/** Longest place text accepted, as on the footprint form. */
export const MAX_PLACE_LENGTH = 120;
/** A car or taxi seats at most nine people (a minibus is a coach). */
export const MAX_PASSENGERS = 9;
export const MAX_PURPOSE_LENGTH = 200;
export const MAX_JUSTIFICATION_LENGTH = 2000;
/** A country typed apart from its place: a name or an ISO 3166-1 alpha-2 code. */
export const MAX_COUNTRY_LENGTH = 60;

const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(max).optional(),
  );

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

/** A mission has at most this many legs (a tour of several conferences fits; a year of commuting does not). */
export const MAX_TRIP_LEGS = 20;
/** Ids are UUIDv7 (36 characters); anything much longer is not one of ours. */
export const MAX_UNIT_ID_LENGTH = 64;

const placeText = z.string().trim().min(1).max(MAX_PLACE_LENGTH);
const passengerCount = z.coerce.number().int().min(1).max(MAX_PASSENGERS);

/** One leg of a mission: where from and to, how, and whether it comes back. */
export const tripLegSchema = z.object({
  from: placeText,
  to: placeText,
  fromCountry: optionalText(MAX_COUNTRY_LENGTH),
  toCountry: optionalText(MAX_COUNTRY_LENGTH),
  mode: travelModeSchema,
  /** Recorded for planes; no method weights it yet. */
  cabinClass: z.enum(CABIN_CLASSES).optional(),
  roundTrip: z.boolean(),
  passengers: passengerCount,
  /** Day of this leg; the mission's date when absent. */
  date: isoDate.optional(),
});
export type TripLegInput = z.infer<typeof tripLegSchema>;

/**
 * A trip as the declaration form and the API send it: a mission (its date of
 * departure, purpose, traveller category, organisational unit and the
 * justification the train-first rule may ask for) with its legs in order.
 * The method and the contrails setting ride along until the institution's
 * settings replace them (see `carbonSettingsOf` in trips-estimate.service.ts).
 */
export const declareTripSchema = z.object({
  date: isoDate,
  purpose: optionalText(MAX_PURPOSE_LENGTH),
  category: z.enum(TRAVELLER_CATEGORIES),
  /** One of the institution's units; the traveller's own unit when absent. */
  unitId: optionalText(MAX_UNIT_ID_LENGTH),
  justification: optionalText(MAX_JUSTIFICATION_LENGTH),
  method: z.enum(METHOD_KEYS),
  contrails: z.boolean(),
  legs: z.array(tripLegSchema).min(1).max(MAX_TRIP_LEGS),
});
export type TripInput = z.infer<typeof declareTripSchema>;

/** The one-leg trip of the first declaration form and of the API's first body, still accepted everywhere. */
export const singleLegTripSchema = z.object({
  from: placeText,
  to: placeText,
  fromCountry: optionalText(MAX_COUNTRY_LENGTH),
  toCountry: optionalText(MAX_COUNTRY_LENGTH),
  mode: travelModeSchema,
  roundTrip: z.boolean(),
  passengers: passengerCount,
  method: z.enum(METHOD_KEYS),
  contrails: z.boolean(),
  date: isoDate,
  purpose: optionalText(MAX_PURPOSE_LENGTH),
  category: z.enum(TRAVELLER_CATEGORIES),
  justification: optionalText(MAX_JUSTIFICATION_LENGTH),
});
export type SingleLegTripInput = z.infer<typeof singleLegTripSchema>;

/** What `declareTrip` accepts: a mission with its legs, or the older one-leg shape. */
export type DeclareTripInput = TripInput | SingleLegTripInput;

/** The one-leg shape as a mission of one leg. */
export function singleLegTrip(input: SingleLegTripInput): TripInput {
  const { from, to, fromCountry, toCountry, mode, roundTrip, passengers, ...mission } = input;
  return { ...mission, legs: [{ from, to, fromCountry, toCountry, mode, roundTrip, passengers }] };
}

/** Any accepted shape as a mission with its legs. */
export function toTripInput(input: DeclareTripInput): TripInput {
  return 'legs' in input ? input : singleLegTrip(input);
}

/**
 * The pseudonym reports use for a traveller: stable within an institution,
 * never the name. It is a hash of ids, so it hides identity from a report's
 * reader, not from someone who holds the user table.
 */
export function travellerKeyOf(institutionId: string, userId: string): string {
  return createHash('sha256').update(`${institutionId}:${userId}`).digest('hex');
}

/** Decimal degrees to the stored integer microdegrees (about 0.1 m). */
export const toMicro = (degrees: number): number => Math.round(degrees * 1_000_000);
/** Kilometres to the stored integer metres. */
export const toMetres = (km: number): number => Math.round(km * 1000);

export function parseSteps(json: string): CalculationStep[] {
  const parsed: unknown = JSON.parse(json);
  return z
    .array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }))
    .parse(parsed);
}
