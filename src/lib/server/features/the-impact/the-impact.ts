/**
 * THE Impact Rankings: the metric catalogue (data/the-impact/metrics.json,
 * with its sources), who may do what, the accepted window of policies and the
 * input schemas. Pure: no I/O.
 */
import { z } from 'zod';
import catalogueData from '../../../../../data/the-impact/metrics.json';
import type { SessionUser } from '../auth';

export const METRIC_KINDS = ['research', 'continuous', 'evidence'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];
export const ITEM_KINDS = ['policy', 'initiative', 'figure'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

const metricSchema = z.object({
  code: z.string().regex(/^\d{1,2}(\.\d+)+$/),
  kind: z.enum(METRIC_KINDS),
  /** Share of the SDG score, in per cent. */
  weight: z.number().positive().max(100),
  unverified: z.boolean(),
  /** The sub-code follows the order of the methodology's list; THE's own numbering is not confirmed. */
  codeInferred: z.boolean().optional(),
  sources: z.array(z.number().int()),
  titleFr: z.string().min(1),
  titleEn: z.string().min(1),
});
const catalogueSchema = z.object({
  overall: z.object({
    mandatorySdg: z.number().int(),
    mandatoryWeightPercent: z.number(),
    otherSdgsCounted: z.number().int(),
    otherWeightPercent: z.number(),
    sources: z.array(z.number().int()),
  }),
  evidence: z.object({ policyWindowYears: z.number().int().min(1), sources: z.array(z.number().int()) }),
  references: z.record(z.string(), z.string()),
  sdgs: z.array(
    z.object({
      number: z.number().int().min(1).max(17),
      sources: z.array(z.number().int()),
      metrics: z.array(metricSchema),
    }),
  ),
});

export type TheMetric = z.infer<typeof metricSchema>;
export type TheCatalogue = z.infer<typeof catalogueSchema>;

/** Validated once at start: a broken data file stops the server rather than scoring wrongly. */
export const THE_CATALOGUE: TheCatalogue = catalogueSchema.parse(catalogueData);

/** SDG 17 is mandatory for the overall table (THE, Impact Rankings methodology [31][50]). */
export const MANDATORY_SDG = THE_CATALOGUE.overall.mandatorySdg;
/** The SDGs the catalogue has metrics for: the only ones an institution can choose here. */
export const CATALOGUE_SDGS: readonly number[] = THE_CATALOGUE.sdgs.map((s) => s.number);

export function metricsOfSdg(sdg: number): readonly TheMetric[] {
  return THE_CATALOGUE.sdgs.find((s) => s.number === sdg)?.metrics ?? [];
}

export function findMetric(sdg: number, code: string): TheMetric | undefined {
  return metricsOfSdg(sdg).find((m) => m.code === code);
}

export function metricTitle(metric: TheMetric, locale: string): string {
  return locale === 'en' ? metric.titleEn : metric.titleFr;
}

/** The officer and the committee read; so do pilots, who gather evidence for their actions. */
export function canReadTheImpact(user: SessionUser): boolean {
  return user.role === 'admin' || user.role === 'committee' || user.role === 'pilot';
}

/** Evidence items: the officer and the pilots (they know their actions' policies and initiatives). */
export function canEditTheImpactItems(user: SessionUser): boolean {
  return user.role === 'admin' || user.role === 'pilot';
}

/** Editions, their SDGs and windows: the officer only. */
export function canManageTheImpactEditions(user: SessionUser): boolean {
  return user.role === 'admin';
}

export interface PolicyWindow {
  startYear: number;
  endYear: number;
}

/** Default accepted period of an edition: the edition and the four years before (2025 -> 2021-2025) [33][37][43]. */
export function defaultPolicyWindow(edition: number): PolicyWindow {
  return { startYear: edition - (THE_CATALOGUE.evidence.policyWindowYears - 1), endYear: edition };
}

export function isInWindow(isoDate: string, window: PolicyWindow): boolean {
  return isoDate >= `${window.startYear}-01-01` && isoDate <= `${window.endYear}-12-31`;
}

/** The SDGs submitted: the chosen ones of the catalogue, SDG 17 always, in order. */
export function normaliseSdgChoice(chosen: readonly number[]): number[] {
  return [...new Set([...chosen.filter((n) => CATALOGUE_SDGS.includes(n)), MANDATORY_SDG])].sort((a, b) => a - b);
}

export const MIN_EDITION = 2019;
export const MAX_EDITION = 2100;
export const MAX_TITLE_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 4000;
export const MAX_URL_LENGTH = 2000;
export const MAX_UNIT_LENGTH = 40;
/** Figures are stored as integers scaled by 1000 (three decimals), like indicator values. */
export const FIGURE_SCALE = 1000;

export const editionSchema = z.coerce.number().int().min(MIN_EDITION).max(MAX_EDITION);

export const createEditionSchema = z
  .object({
    edition: editionSchema,
    windowStartYear: z.number().int().min(1990).max(MAX_EDITION).optional(),
    windowEndYear: z.number().int().min(1990).max(MAX_EDITION).optional(),
    sdgs: z.array(z.number().int()).default([]),
    copyPrevious: z.boolean().default(false),
  })
  .refine((e) => (e.windowStartYear ?? 0) <= (e.windowEndYear ?? MAX_EDITION), { path: ['windowStartYear'] });
export type CreateEditionInput = z.input<typeof createEditionSchema>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = (max: number) => z.preprocess(emptyToUndefined, z.string().trim().max(max).optional());

export const itemSchema = z.object({
  sdg: z.coerce.number().int(),
  metricCode: z.string().trim().min(1).max(16),
  kind: z.enum(ITEM_KINDS),
  title: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
  description: optionalText(MAX_DESCRIPTION_LENGTH),
  createdOn: z.preprocess(emptyToUndefined, isoDate.optional()),
  reviewedOn: z.preprocess(emptyToUndefined, isoDate.optional()),
  publicUrl: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .max(MAX_URL_LENGTH)
      .regex(/^https?:\/\/[^\s]+$/i)
      .optional(),
  ),
  figureValue: z.number().finite().optional(),
  figureUnit: optionalText(MAX_UNIT_LENGTH),
  actionId: optionalText(64),
  indicatorId: optionalText(64),
});
export type ItemInput = z.input<typeof itemSchema>;

/** A typed figure to integer thousandths; undefined when it has more than three decimals. */
export function figureToMilli(value: number): number | undefined {
  const milli = Math.round(value * FIGURE_SCALE);
  return Math.abs(milli - value * FIGURE_SCALE) < 1e-6 && Number.isSafeInteger(milli) ? milli : undefined;
}
