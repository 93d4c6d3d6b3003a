import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SessionUser } from '../auth';
import { travelModeSchema } from './modes';
import type { Place } from './places';

/** Longest destination text accepted, as on the footprint form. */
export const MAX_DESTINATION_LENGTH = 120;
export const MAX_STUDENT_REF_LENGTH = 64;
export const MAX_PROGRAMME_LENGTH = 120;
/** Highest rail aid accepted for one mobility, in euros: catches a typing slip, not a policy. */
export const MAX_RAIL_AID_EUROS = 10_000;
/** Academic years offered before the current one in the form. */
export const PAST_ACADEMIC_YEARS = 4;

const CENTS_PER_EURO = 100;

/** Rail pre-routing aid, student mobilities and their totals are the officer's records. */
export function canRecordMobility(user: SessionUser): boolean {
  return user.role === 'admin';
}

/**
 * The pseudonym of a student: stable within an institution for the same
 * reference (a student number, case and surrounding spaces ignored), never the
 * reference itself. Like travellerKeyOf, it hides identity from a reader of the
 * records, not from someone who can list the institution's student numbers.
 */
export function studentKeyOf(institutionId: string, studentRef: string): string {
  return createHash('sha256').update(`${institutionId}:student:${studentRef.trim().toUpperCase()}`).digest('hex');
}

const ACADEMIC_YEAR = /^(\d{4})-(\d{4})$/;

export function isAcademicYear(label: string): boolean {
  const m = ACADEMIC_YEAR.exec(label);
  return m !== null && Number(m[2]) === Number(m[1]) + 1;
}

/** The French academic year (1 September to 31 August) containing an ISO date: '2025-10-01' -> '2025-2026'. */
export function academicYearOf(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  const first = Number(isoDate.slice(5, 7)) >= 9 ? year : year - 1;
  return `${first}-${first + 1}`;
}

/** First and last day of an academic year label. */
export function academicYearBounds(label: string): { start: string; end: string } {
  const first = Number(label.slice(0, 4));
  return { start: `${first}-09-01`, end: `${first + 1}-08-31` };
}

/** The academic years that start (1 September) between two ISO dates, both included. */
export function academicYearsStartingBetween(start: string, end: string): string[] {
  const years: string[] = [];
  for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) {
    const first = `${y}-09-01`;
    if (first >= start && first <= end) years.push(`${y}-${y + 1}`);
  }
  return years;
}

/** The academic years the form offers: a few past ones, the current one and the next one, newest first. */
export function academicYearChoices(today: string): string[] {
  const current = Number(academicYearOf(today).slice(0, 4));
  const choices: string[] = [];
  for (let y = current + 1; y >= current - PAST_ACADEMIC_YEARS; y--) choices.push(`${y}-${y + 1}`);
  return choices;
}

/**
 * An amount of euros typed with a French or English decimal separator ("120,50",
 * "1 250.5"): the number, 0 for an empty box, NaN when it is not an amount.
 */
export function parseEurosText(raw: string): number {
  const text = raw
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
  if (text === '') return 0;
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

/** Euros to integer cents; undefined unless 0 <= euros <= max with at most two decimals. */
export function eurosToCents(euros: number, max: number): number | undefined {
  if (!Number.isFinite(euros) || euros < 0 || euros > max) return undefined;
  const cents = Math.round(euros * CENTS_PER_EURO);
  return Math.abs(cents - euros * CENTS_PER_EURO) < 1e-6 ? cents : undefined;
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(max).optional(),
  );

/** What the add-mobility form sends once its amount is read; the departure date, when given, falls in the year. */
export const recordMobilitySchema = z
  .object({
    academicYear: z.string().refine(isAcademicYear),
    departureDate: z.preprocess((v) => (v === '' || v === null ? undefined : v), isoDate.optional()),
    destination: z.string().trim().min(1).max(MAX_DESTINATION_LENGTH),
    mode: travelModeSchema,
    railAidEuros: z.number().refine((v) => eurosToCents(v, MAX_RAIL_AID_EUROS) !== undefined),
    studentRef: z.string().trim().min(1).max(MAX_STUDENT_REF_LENGTH),
    programme: optionalText(MAX_PROGRAMME_LENGTH),
    unitId: optionalText(64),
    tripId: optionalText(64),
  })
  .refine((m) => !m.departureDate || academicYearOf(m.departureDate) === m.academicYear, {
    path: ['departureDate'],
  });
export type RecordMobilityInput = z.input<typeof recordMobilitySchema>;

/** The text that sends the form again with one candidate: an airport by its code, a city with its country. */
export function candidateTextOf(place: Place): string {
  return place.kind === 'airport' && place.iata ? place.iata : `${place.name}, ${place.countryName}`;
}
