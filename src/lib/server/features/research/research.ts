/** Research projects: roles, status from dates, the plan's SDG rule and the project form's schema. Pure. */
import { z } from 'zod';
import type { SessionUser } from '../auth';

/**
 * Seed plan RES 2023-2027, Chantier 2, Objectif 4 – Recherche, target 2027:
 * "3 ODD minimum pour chaque projet de recherche".
 */
export const MIN_SDGS_PER_PROJECT = 3;

export const MAX_TITLE_LENGTH = 300;
export const MAX_ACRONYM_LENGTH = 40;
export const MAX_TEXT_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 5000;
/** Free-text partners accepted on one project. */
export const MAX_FREE_PARTNERS = 30;
/** Highest funding accepted, in euros: catches a typing slip (a billion), not a policy. */
export const MAX_AMOUNT_EUROS = 1_000_000_000;
/** Org unit kinds a project's team may be (see data/demo/imt-mines-ales.json). */
export const RESEARCH_UNIT_KINDS = ['research_team', 'research_unit', 'research_centre'] as const;

export const PROJECT_STATUSES = ['planned', 'active', 'ended'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** The officer, pilots and contributors record and edit projects; everyone signed in reads them. */
export function canEditProjects(user: SessionUser): boolean {
  return user.role === 'admin' || user.role === 'pilot' || user.role === 'contributor';
}

/** Deleting a project and importing the HAL file are the officer's. */
export function canDeleteProjects(user: SessionUser): boolean {
  return user.role === 'admin';
}

export function canImportPublications(user: SessionUser): boolean {
  return user.role === 'admin';
}

/**
 * Planned before its start date, ended after its end date, active otherwise.
 * A project without a start date is taken as started, without an end date as
 * still running.
 */
export function projectStatus(startDate: string | null, endDate: string | null, today: string): ProjectStatus {
  if (startDate !== null && startDate > today) return 'planned';
  if (endDate !== null && endDate < today) return 'ended';
  return 'active';
}

/** Whether a project ran at some point between two dates (both included). */
export function isActiveDuring(
  startDate: string | null,
  endDate: string | null,
  period: { start: string; end: string },
): boolean {
  return (startDate === null || startDate <= period.end) && (endDate === null || endDate >= period.start);
}

/** The plan's rule: a project meets it with at least MIN_SDGS_PER_PROJECT distinct SDGs. */
export function meetsSdgRule(sdgs: readonly number[]): boolean {
  return new Set(sdgs).size >= MIN_SDGS_PER_PROJECT;
}

/** How many SDGs a project still needs to meet the rule (0 when it does). */
export function missingSdgs(sdgs: readonly number[]): number {
  return Math.max(0, MIN_SDGS_PER_PROJECT - new Set(sdgs).size);
}

/** The projects that break the rule, fewest SDGs first, then by title. */
export function projectsBreakingSdgRule<P extends { title: string; sdgs: readonly number[] }>(
  projects: readonly P[],
): P[] {
  return projects
    .filter((p) => !meetsSdgRule(p.sdgs))
    .sort((a, b) => new Set(a.sdgs).size - new Set(b.sdgs).size || a.title.localeCompare(b.title, 'fr'));
}

/**
 * An amount of euros typed with a French or English separator ("120 000,50"):
 * integer cents, null for an empty box, NaN when it is not an amount.
 */
export function centsOfEurosText(raw: string): number | null {
  const text = raw
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
  if (text === '') return null;
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return Number.NaN;
  return Math.round(Number(text) * 100);
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

const emptyToNull = (v: unknown) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v);
const optionalText = (max: number) => z.preprocess(emptyToNull, z.string().trim().max(max).nullable());
const optionalDate = z.preprocess(emptyToNull, isoDate.nullable());

/** What the project form sends once its amount is read into cents. */
export const projectInputSchema = z
  .object({
    title: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
    acronym: optionalText(MAX_ACRONYM_LENGTH),
    teamUnitId: optionalText(64),
    teamText: optionalText(MAX_TEXT_LENGTH),
    leadPersonId: optionalText(64),
    startDate: optionalDate,
    endDate: optionalDate,
    funder: optionalText(MAX_TEXT_LENGTH),
    programme: optionalText(MAX_TEXT_LENGTH),
    amountCents: z
      .number()
      .int()
      .min(0)
      .max(MAX_AMOUNT_EUROS * 100)
      .nullable(),
    description: optionalText(MAX_DESCRIPTION_LENGTH),
    sdgs: z.array(z.number().int().min(1).max(17)).max(17),
    partnerIds: z.array(z.string().min(1).max(64)).max(200),
    freePartners: z.array(z.string().trim().min(1).max(MAX_TEXT_LENGTH)).max(MAX_FREE_PARTNERS),
  })
  .refine((p) => !p.startDate || !p.endDate || p.startDate <= p.endDate, { path: ['endDate'] })
  .refine((p) => !(p.teamUnitId && p.teamText), { path: ['teamText'] });
export type ProjectInput = z.input<typeof projectInputSchema>;
export type ParsedProject = z.output<typeof projectInputSchema>;

/** Free-text partners typed one per line (or separated by semicolons), blanks and repeats dropped. */
export function freePartnersOfText(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[\n;]/)) {
    const name = raw.trim();
    const key = name.toLocaleLowerCase('fr');
    if (name === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/** Filters of the project list; an empty value means "all". */
export const projectFiltersSchema = z.object({
  team: z.string().max(64).optional().catch(undefined),
  sdg: z.coerce.number().int().min(1).max(17).optional().catch(undefined),
  status: z.enum(PROJECT_STATUSES).optional().catch(undefined),
  ruleBroken: z
    .enum(['1'])
    .optional()
    .catch(undefined)
    .transform((v) => v === '1'),
});
export type ProjectFilters = z.output<typeof projectFiltersSchema>;

export interface ProjectSummary {
  id: string;
  title: string;
  acronym: string | null;
  teamUnitId: string | null;
  teamName: string | null;
  startDate: string | null;
  endDate: string | null;
  sdgs: number[];
}

/** Applies the list's filters to projects whose SDGs are known. Pure. */
export function filterProjects<P extends ProjectSummary>(
  projects: readonly P[],
  filters: ProjectFilters,
  today: string,
): P[] {
  return projects.filter(
    (p) =>
      (!filters.team || p.teamUnitId === filters.team) &&
      (filters.sdg === undefined || p.sdgs.includes(filters.sdg)) &&
      (!filters.status || projectStatus(p.startDate, p.endDate, today) === filters.status) &&
      (!filters.ruleBroken || !meetsSdgRule(p.sdgs)),
  );
}
