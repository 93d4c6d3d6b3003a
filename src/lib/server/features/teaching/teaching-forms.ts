/**
 * What the forms and the import send, parsed once: texts as typed (years as
 * "2022-2023", hours as "1,5"), turned into stored units here. An error's
 * path is the field, and `teaching.error.<field>` is its message key.
 */
import { z } from 'zod';
import {
  MAX_EVIDENCE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_SEMESTER_LENGTH,
  MAX_STUDENTS,
  MAX_URL_LENGTH,
  parseAcademicYear,
  parseHoursText,
  TEACHING_LEVELS,
} from './teaching';

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max).optional()).transform((v) => v ?? null);

/** An academic year label, or empty: its first calendar year or null. */
const optionalYear = z.preprocess(
  blankToUndefined,
  z
    .union([z.number().int(), z.string()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return null;
      const year = typeof v === 'number' ? parseAcademicYear(String(v)) : parseAcademicYear(v);
      if (year === undefined) {
        ctx.addIssue({ code: 'custom' });
        return z.NEVER;
      }
      return year;
    }),
);

/** A whole number between min and max typed in a box (spaces allowed: "1 200"), or empty -> null. */
const optionalCount = (min: number, max: number) =>
  z
    .preprocess((v) => {
      const blank = blankToUndefined(v);
      if (typeof blank !== 'string') return blank;
      const text = blank.replace(/[\s\u00a0\u202f]/g, '');
      return /^\d+$/.test(text) ? Number(text) : Number.NaN;
    }, z.number().int().min(min).max(max).optional())
    .transform((v) => v ?? null);

const requiredCount = (min: number, max: number) => optionalCount(min, max).refine((v): v is number => v !== null);

const evidenceUrl = z
  .preprocess(blankToUndefined, z.string().trim().max(MAX_URL_LENGTH).url().optional())
  .refine((v) => v === undefined || /^https?:\/\//i.test(v))
  .transform((v) => v ?? null);

const flag = z.preprocess((v) => v === true || v === 'yes' || v === 'on' || v === '1' || v === 1, z.boolean());

const resFields = {
  addressesRes: flag,
  resEvidence: optionalText(MAX_EVIDENCE_LENGTH),
  resEvidenceUrl: evidenceUrl,
};

/** Marked RES means saying why: the evidence text is required then. */
function requireEvidence(v: { addressesRes: boolean; resEvidence: string | null }, ctx: z.RefinementCtx) {
  if (v.addressesRes && v.resEvidence === null) ctx.addIssue({ code: 'custom', path: ['resEvidence'] });
}

function requireOrderedYears(v: { activeFromYear: number | null; activeToYear: number | null }, ctx: z.RefinementCtx) {
  if (v.activeFromYear !== null && v.activeToYear !== null && v.activeFromYear > v.activeToYear) {
    ctx.addIssue({ code: 'custom', path: ['activeTo'] });
  }
}

export const programmeInputSchema = z
  .object({
    name: z.string().trim().min(1).max(MAX_NAME_LENGTH),
    level: z.enum(TEACHING_LEVELS),
    departmentId: optionalText(64),
    activeFrom: optionalYear,
    activeTo: optionalYear,
    studentCount: optionalCount(0, MAX_STUDENTS),
    resSince: optionalYear,
    ...resFields,
  })
  .transform(({ activeFrom, activeTo, resSince, ...rest }) => ({
    ...rest,
    activeFromYear: activeFrom,
    activeToYear: activeTo,
    resSinceYear: resSince,
  }))
  .superRefine((v, ctx) => {
    requireEvidence(v, ctx);
    requireOrderedYears(v, ctx);
  });
export type ProgrammeInput = z.input<typeof programmeInputSchema>;
export type ProgrammeFields = z.output<typeof programmeInputSchema>;

export const courseInputSchema = z
  .object({
    name: z.string().trim().min(1).max(MAX_NAME_LENGTH),
    hours: z
      .union([z.string(), z.number()])
      .optional()
      .transform((v, ctx) => {
        const minutes = parseHoursText(String(v ?? ''));
        if (Number.isNaN(minutes)) {
          ctx.addIssue({ code: 'custom' });
          return z.NEVER;
        }
        return minutes;
      }),
    semester: optionalText(MAX_SEMESTER_LENGTH),
    departmentId: optionalText(64),
    activeFrom: optionalYear,
    activeTo: optionalYear,
    ...resFields,
  })
  .transform(({ activeFrom, activeTo, hours, ...rest }) => ({
    ...rest,
    hoursMinutes: hours,
    activeFromYear: activeFrom,
    activeToYear: activeTo,
  }))
  .superRefine((v, ctx) => {
    requireEvidence(v, ctx);
    requireOrderedYears(v, ctx);
  });
export type CourseInput = z.input<typeof courseInputSchema>;
export type CourseFields = z.output<typeof courseInputSchema>;

export const feedbackInputSchema = z
  .object({
    academicYear: optionalYear.refine((v): v is number => v !== null),
    enrolled: requiredCount(1, MAX_STUDENTS),
    respondents: requiredCount(0, MAX_STUDENTS),
    resLinkCount: optionalCount(0, MAX_STUDENTS),
  })
  .superRefine((v, ctx) => {
    if (v.respondents > v.enrolled) ctx.addIssue({ code: 'custom', path: ['respondents'] });
    if (v.resLinkCount !== null && v.resLinkCount > v.respondents)
      ctx.addIssue({ code: 'custom', path: ['resLinkCount'] });
  });
export type FeedbackInput = z.input<typeof feedbackInputSchema>;
export type FeedbackFields = z.output<typeof feedbackInputSchema>;

/** The first failing field of a parse, as its message key. */
export function errorCodeOf(error: z.ZodError, fallback: string): string {
  return `teaching.error.${String(error.issues[0]?.path[0] ?? fallback)}`;
}
