import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CalculationStep } from './footprint';
import { METHOD_KEYS } from './methods';
import { travelModeSchema } from './modes';

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

/** A trip as the declaration form sends it: the footprint query plus what only a declaration needs. */
export const declareTripSchema = z.object({
  from: z.string().trim().min(1).max(MAX_PLACE_LENGTH),
  to: z.string().trim().min(1).max(MAX_PLACE_LENGTH),
  fromCountry: optionalText(MAX_COUNTRY_LENGTH),
  toCountry: optionalText(MAX_COUNTRY_LENGTH),
  mode: travelModeSchema,
  roundTrip: z.boolean(),
  passengers: z.coerce.number().int().min(1).max(MAX_PASSENGERS),
  method: z.enum(METHOD_KEYS),
  contrails: z.boolean(),
  date: isoDate,
  purpose: optionalText(MAX_PURPOSE_LENGTH),
  category: z.enum(TRAVELLER_CATEGORIES),
  justification: optionalText(MAX_JUSTIFICATION_LENGTH),
});
export type DeclareTripInput = z.infer<typeof declareTripSchema>;

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
