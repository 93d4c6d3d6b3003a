/**
 * DD&RS label self-assessment: roles, Trajectoire's maturity scale and the
 * levels of the axes. Pure: no I/O.
 *
 * The label is becoming graded (3 or 4 échelons, frameworks.md §1.3 [12][14]):
 * no pass or fail rule lives here, only levels, gaps and a neutral distance to
 * a level the reader chooses.
 */
import { z } from 'zod';
import type { SessionUser } from '../auth';

/** Trajectoire's maturity scale, 1 (not started) to 5 (exemplary); not the referential's official level definitions. */
export const LABEL_LEVELS = [1, 2, 3, 4, 5] as const;
export type LabelLevel = (typeof LABEL_LEVELS)[number];

export const ASSESSMENT_STATUSES = ['draft', 'submitted'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const EVIDENCE_KINDS = ['action', 'indicator', 'url', 'file'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Years an assessment may be started for: the label was created in 2015 (frameworks.md §1.3). */
export const FIRST_LABEL_YEAR = 2015;
export const MAX_TITLE_LENGTH = 300;
export const MAX_CODE_LENGTH = 20;
export const MAX_JUSTIFICATION_LENGTH = 8000;
export const MAX_URL_LENGTH = 2000;
export const MAX_LINK_TEXT_LENGTH = 200;
/** Years overlaid on the radar chart. */
export const RADAR_YEARS = 3;

/** The officer edits the referential and the assessments, and submits (freezes) them. */
export function canEditLabel(user: SessionUser): boolean {
  return user.role === 'admin';
}

/** The officer and the committee read the assessments in full (justifications, evidence, export). */
export function canReadLabelDetail(user: SessionUser): boolean {
  return user.role === 'admin' || user.role === 'committee';
}

export function isLabelLevel(n: unknown): n is LabelLevel {
  return typeof n === 'number' && (LABEL_LEVELS as readonly number[]).includes(n);
}

/** The years the officer may start an assessment for, newest first. */
export function assessmentYearChoices(currentYear: number): number[] {
  const years: number[] = [];
  for (let y = currentYear + 1; y >= FIRST_LABEL_YEAR; y--) years.push(y);
  return years;
}

export interface ScoredCriterion {
  id: string;
  axisCode: string;
  level: number | null;
}

export interface AxisScore {
  axisCode: string;
  /** Criteria of the axis in the assessment, assessed or not. */
  criteria: number;
  assessed: number;
  /** Mean of the assessed criteria's levels, unrounded; null when none is assessed. */
  mean: number | null;
  /** The mean rounded half up (2.5 -> 3); null when none is assessed. */
  level: number | null;
  /** Criteria without a level, in the order given. */
  gaps: string[];
}

export interface AssessmentScore {
  axes: AxisScore[];
  /** Mean of the levels of the axes that have one, unrounded; null when no axis has a level. */
  globalMean: number | null;
  globalLevel: number | null;
  axesAssessed: number;
  gaps: string[];
}

/** Half up, the way a person rounds a mean of levels (levels are positive). */
export function roundLevel(mean: number): number {
  return Math.floor(mean + 0.5 + 1e-9);
}

/**
 * Levels of an assessment: per axis the rounded mean of its assessed criteria
 * (the unrounded mean kept), globally the mean of the axes' levels. A criterion
 * without a level is a gap, never a zero.
 */
export function scoreAssessment(axisCodes: readonly string[], criteria: readonly ScoredCriterion[]): AssessmentScore {
  const axes = axisCodes.map((axisCode): AxisScore => {
    const own = criteria.filter((c) => c.axisCode === axisCode);
    const levels = own.flatMap((c) => (c.level === null ? [] : [c.level]));
    const mean = levels.length ? levels.reduce((a, b) => a + b, 0) / levels.length : null;
    return {
      axisCode,
      criteria: own.length,
      assessed: levels.length,
      mean,
      level: mean === null ? null : roundLevel(mean),
      gaps: own.filter((c) => c.level === null).map((c) => c.id),
    };
  });
  const axisLevels = axes.flatMap((a) => (a.level === null ? [] : [a.level]));
  const globalMean = axisLevels.length ? axisLevels.reduce((a, b) => a + b, 0) / axisLevels.length : null;
  return {
    axes,
    globalMean,
    globalLevel: globalMean === null ? null : roundLevel(globalMean),
    axesAssessed: axisLevels.length,
    gaps: axes.flatMap((a) => a.gaps),
  };
}

/** How far a mean is below a level the reader picked (0 when at or above it); null without a mean. */
export function distanceToLevel(mean: number | null, target: number): number | null {
  return mean === null ? null : Math.max(0, target - mean);
}

/** Two decimals at most, for display and files: never a 17-digit float. */
export function roundMean(mean: number): number {
  return Math.round(mean * 100) / 100;
}

export interface CopiedItem {
  criterionId: string;
  level: number | null;
  justification: string | null;
}

/**
 * What a new draft takes from last year: the level and justification of each
 * criterion still in use; retired criteria stay behind.
 */
export function itemsToCopy(previous: readonly CopiedItem[], activeCriterionIds: ReadonlySet<string>): CopiedItem[] {
  return previous.filter((p) => activeCriterionIds.has(p.criterionId) && (p.level !== null || p.justification));
}

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v),
    z.string().trim().max(max).nullable(),
  );

export const criterionInputSchema = z.object({
  axisCode: z.string().min(1).max(64),
  code: trimmed(MAX_CODE_LENGTH).regex(/^[\p{L}\p{N}._-]+$/u),
  titleFr: trimmed(MAX_TITLE_LENGTH),
  /** Empty: the French title is used. */
  titleEn: optionalText(MAX_TITLE_LENGTH),
});
export type CriterionInput = z.input<typeof criterionInputSchema>;

export const renameCriterionSchema = z.object({
  criterionId: z.string().min(1).max(64),
  titleFr: trimmed(MAX_TITLE_LENGTH),
  titleEn: optionalText(MAX_TITLE_LENGTH),
  isPlaceholder: z.boolean(),
});
export type RenameCriterionInput = z.input<typeof renameCriterionSchema>;

export const itemInputSchema = z.object({
  criterionId: z.string().min(1).max(64),
  /** null clears the level (not assessed). */
  level: z.number().int().min(1).max(5).nullable(),
  justification: optionalText(MAX_JUSTIFICATION_LENGTH),
});
export type ItemInput = z.input<typeof itemInputSchema>;

/** An http(s) address only: no javascript:, data: or file: link ever reaches a page or the auditors' file. */
export const evidenceUrlSchema = z
  .string()
  .trim()
  .max(MAX_URL_LENGTH)
  .url()
  .refine((u) => /^https?:\/\//i.test(u));

export const evidenceInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('action'), criterionId: z.string().min(1), actionId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('indicator'), criterionId: z.string().min(1), indicatorId: z.string().min(1).max(64) }),
  z.object({
    kind: z.literal('url'),
    criterionId: z.string().min(1),
    url: evidenceUrlSchema,
    text: optionalText(MAX_LINK_TEXT_LENGTH).optional(),
  }),
  z.object({
    kind: z.literal('file'),
    criterionId: z.string().min(1),
    filename: z.string().max(500),
    bytes: z.instanceof(Uint8Array),
  }),
]);
export type EvidenceInput = z.input<typeof evidenceInputSchema>;

/** The title in the reader's language; the French one when the English one is missing. */
export function criterionTitle(c: { title_fr: string; title_en: string }, locale: string): string {
  return locale === 'en' && c.title_en.trim() !== '' ? c.title_en : c.title_fr;
}
