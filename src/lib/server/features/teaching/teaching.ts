/**
 * Teaching programmes and courses: levels, roles, academic years, hours and
 * the RES rule (social and environmental responsibility). Pure: no I/O.
 *
 * The RES rule: a programme addresses RES in an academic year when it is
 * marked so (`addressesRes`), runs that year, and the year is not before
 * `resSince` when one is given. A course marked RES never makes its programme
 * count by itself: it is shown as supporting evidence, and the programme page
 * suggests marking the programme when one of its courses is marked and the
 * programme is not.
 */
import type { SessionUser } from '../auth';

export const TEACHING_LEVELS = [
  'bachelor',
  'master',
  'engineer',
  'doctorate',
  'apprenticeship',
  'continuing',
  'other',
] as const;
export type TeachingLevel = (typeof TEACHING_LEVELS)[number];

export function isTeachingLevel(value: unknown): value is TeachingLevel {
  return typeof value === 'string' && (TEACHING_LEVELS as readonly string[]).includes(value);
}

/** Plan d'action RES 2023/2027, chantier 2, objectif 2 (Formation): "50% des formations adressent la RES". */
export const RES_PROGRAMME_TARGET_PERCENT = 50;

export const MAX_NAME_LENGTH = 200;
export const MAX_SEMESTER_LENGTH = 60;
export const MAX_EVIDENCE_LENGTH = 4000;
export const MAX_URL_LENGTH = 500;
/** Highest course length accepted, in hours: catches a typing slip (a year of full-time study is about 1,600 h). */
export const MAX_COURSE_HOURS = 2000;
export const MAX_STUDENTS = 1_000_000;
/** Oldest and newest academic years accepted (first calendar year). */
export const MIN_ACADEMIC_YEAR = 1950;
export const MAX_ACADEMIC_YEAR = 2100;

/** Admin, pilots and contributors record programmes, courses and feedback; everyone signed in reads them. */
export function canEditTeaching(user: SessionUser): boolean {
  return user.role === 'admin' || user.role === 'pilot' || user.role === 'contributor';
}

/** Deleting a programme or a course (and its feedback) is the officer's call. */
export function canDeleteTeaching(user: SessionUser): boolean {
  return user.role === 'admin';
}

/** 2022 -> "2022-2023". */
export function academicYearLabel(firstYear: number): string {
  return `${firstYear}-${firstYear + 1}`;
}

/**
 * An academic year typed as "2022-2023", "2022/2023" or "2022" -> its first
 * calendar year; undefined when it is not one (or the second year does not follow).
 */
export function parseAcademicYear(text: string): number | undefined {
  const m = /^(\d{4})(?:\s*[-/]\s*(\d{4}))?$/.exec(text.trim());
  if (!m) return undefined;
  const first = Number(m[1]);
  if (m[2] !== undefined && Number(m[2]) !== first + 1) return undefined;
  return first >= MIN_ACADEMIC_YEAR && first <= MAX_ACADEMIC_YEAR ? first : undefined;
}

/** The academic year (first calendar year) containing an ISO date: '2025-10-01' -> 2025, '2026-03-01' -> 2025. */
export function academicYearOfDate(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 9 ? year : year - 1;
}

/** The academic years (first calendar years) that start (1 September) between two ISO dates, both included. */
export function academicYearsStartingBetween(start: string, end: string): number[] {
  const years: number[] = [];
  for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) {
    const first = `${y}-09-01`;
    if (first >= start && first <= end) years.push(y);
  }
  return years;
}

/** Whether bounds (null = open) include an academic year. */
export function isActiveIn(bounds: { activeFromYear: number | null; activeToYear: number | null }, year: number) {
  return (
    (bounds.activeFromYear === null || bounds.activeFromYear <= year) &&
    (bounds.activeToYear === null || bounds.activeToYear >= year)
  );
}

/**
 * Hours typed with a French or English separator ("16", "1,5", "40.25") ->
 * whole minutes; null for an empty box; NaN when it is not a number of hours
 * between 0 and MAX_COURSE_HOURS.
 */
export function parseHoursText(raw: string): number | null {
  const text = raw
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/h$/i, '')
    .replace(',', '.');
  if (text === '') return null;
  if (!/^\d+(\.\d+)?$/.test(text)) return Number.NaN;
  const hours = Number(text);
  return hours > MAX_COURSE_HOURS ? Number.NaN : Math.round(hours * 60);
}

/** Minutes as hours for a form box or a file: 960 -> "16", 90 -> "1.5" (the page localises the separator). */
export function hoursOfMinutes(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

export interface ResProgrammeFacts {
  addressesRes: boolean;
  resSinceYear: number | null;
  activeFromYear: number | null;
  activeToYear: number | null;
}

/** The RES rule for one programme and academic year (see the file comment). */
export function addressesResIn(p: ResProgrammeFacts, year: number): boolean {
  return p.addressesRes && isActiveIn(p, year) && (p.resSinceYear === null || p.resSinceYear <= year);
}

export interface ResShare {
  year: number;
  active: number;
  addressingRes: number;
  /** Percent, unrounded; null without an active programme. */
  percent: number | null;
}

/** Share of the programmes running in an academic year that address RES that year. */
export function resShareIn(programmes: readonly ResProgrammeFacts[], year: number): ResShare {
  const active = programmes.filter((p) => isActiveIn(p, year));
  const addressingRes = active.filter((p) => addressesResIn(p, year)).length;
  return {
    year,
    active: active.length,
    addressingRes,
    percent: active.length === 0 ? null : (addressingRes * 100) / active.length,
  };
}

/** The page suggests marking a programme not marked RES when at least one of its courses is. */
export function suggestsResMarking(
  programme: { addressesRes: boolean },
  courses: readonly { addressesRes: boolean }[],
) {
  return !programme.addressesRes && courses.some((c) => c.addressesRes);
}

/** part / total as percent x 1000 (2 of 3 -> 66667); null without a total. */
export function percentMilli(part: number, total: number): number | null {
  return total === 0 ? null : Math.round((part * 100 * 1000) / total);
}
