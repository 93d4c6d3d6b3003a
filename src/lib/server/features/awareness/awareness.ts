/**
 * Awareness sessions and training: session types, population categories,
 * who may do what, the identity key that counts a person once, and the
 * inputs of the forms. Pure: no I/O.
 */
import { z } from 'zod';
import type { SessionUser } from '../auth';

/**
 * The catalogue of session types, the same for every institution (labels:
 * `awareness.type.<key>`). An institution adds its own types (stored in
 * awareness_session_type, keys 'custom_<slug>').
 */
export const SESSION_TYPE_KEYS = [
  'climate_fresk',
  'digital_fresk',
  'earth_180',
  'energy_sobriety',
  'waste',
  'digital_sobriety',
  'teacher_training',
  'staff_training',
] as const;
export type CatalogueTypeKey = (typeof SESSION_TYPE_KEYS)[number];
export const CUSTOM_TYPE_PREFIX = 'custom_';

export function isCatalogueType(key: string): key is CatalogueTypeKey {
  return (SESSION_TYPE_KEYS as readonly string[]).includes(key);
}

/**
 * Population categories (labels: `awareness.population.<key>`), each in a
 * group: a coverage of 'staff' sums the staff categories. Add a category
 * here (and its two labels) to extend the list; stored rows keep their key.
 */
export const POPULATIONS = [
  { key: 'teacher_researcher', group: 'staff' },
  { key: 'teacher', group: 'staff' },
  { key: 'researcher', group: 'staff' },
  { key: 'administrative_technical', group: 'staff' },
  { key: 'other_staff', group: 'staff' },
  { key: 'student', group: 'student' },
  { key: 'doctoral_student', group: 'student' },
  { key: 'apprentice', group: 'apprentice' },
  { key: 'external', group: 'external' },
] as const;
export type PopulationKey = (typeof POPULATIONS)[number]['key'];
export type PopulationGroup = (typeof POPULATIONS)[number]['group'];
export const POPULATION_KEYS = POPULATIONS.map((p) => p.key) as readonly PopulationKey[];
export const POPULATION_GROUPS = ['staff', 'student', 'apprentice', 'external'] as const;
/** Who counts as "a teacher trained" (awareness.teachersTrained). */
export const TEACHER_POPULATIONS: readonly PopulationKey[] = ['teacher_researcher', 'teacher'];
/** Populations described by a programme and a year of study. */
export const STUDY_POPULATIONS: readonly PopulationKey[] = ['student', 'doctoral_student', 'apprentice'];

export function isPopulation(key: string): key is PopulationKey {
  return (POPULATION_KEYS as readonly string[]).includes(key);
}

export function groupOf(population: string): PopulationGroup | undefined {
  return POPULATIONS.find((p) => p.key === population)?.group;
}

/** The populations a coverage key names: a group ('staff') or one category ('teacher'). */
export function populationsOf(key: string): PopulationKey[] {
  if ((POPULATION_GROUPS as readonly string[]).includes(key)) {
    return POPULATIONS.filter((p) => p.group === key).map((p) => p.key);
  }
  return isPopulation(key) ? [key] : [];
}

export const PERSON_SKILLS = ['facilitator'] as const;
export const FACILITATOR_SKILL = 'facilitator';

export const MAX_TITLE_LENGTH = 200;
export const MAX_TEXT_LENGTH = 500;
export const MAX_NAME_LENGTH = 120;
export const MAX_PROGRAMME_LENGTH = 120;
/** Catches a typing slip (an extra zero), not a policy: the largest event of the report gathered 4000 people. */
export const MAX_ANONYMOUS_COUNT = 100_000;
export const MAX_HEADCOUNT = 1_000_000;
export const MAX_UNNAMED_FACILITATORS = 500;

// ---------------------------------------------------------------- roles

/** The officer, pilots and contributors record sessions and their attendance. */
export function canRecordSessions(user: SessionUser): boolean {
  return user.role === 'admin' || user.role === 'pilot' || user.role === 'contributor';
}

/** A session is edited or deleted (attendance included) by whoever recorded it, or the officer. */
export function canEditSession(user: SessionUser, session: { recordedBy: string | null }): boolean {
  return user.role === 'admin' || (canRecordSessions(user) && session.recordedBy === user.id);
}

/** Names of participants are personal data: the officer and the session's recorder only. */
export function canSeeParticipants(user: SessionUser, session: { recordedBy: string | null }): boolean {
  return canEditSession(user, session);
}

/** Headcounts, facilitators' skill and the institution's own session types: the officer's. */
export function canManageAwareness(user: SessionUser): boolean {
  return user.role === 'admin';
}

// ---------------------------------------------------------------- identities

/** Lower case, accents and punctuation dropped, spaces collapsed: "  Élodie  MARTIN-Roux " -> "elodie martin roux". */
export function normaliseText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The key that counts a human once across sessions: the normalised email when
 * there is one, else the normalised name with the population (two "Marie
 * Martin", one student and one of the staff, stay two people). A person of
 * the institution without email is keyed by their person id.
 */
export function identityKeyOf(input: {
  personId?: string | null;
  email?: string | null;
  name: string;
  population: string;
}): string {
  const email = input.email?.trim() ?? '';
  if (email !== '') return `email:${normaliseEmail(email)}`;
  if (input.personId) return `person:${input.personId}`;
  return `name:${normaliseText(input.name)}|${input.population}`;
}

/** 'custom_' + the name's slug; '' when the name has no letter or digit. */
export function customTypeKeyOf(name: string): string {
  const slug = normaliseText(name)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return slug === '' ? '' : `${CUSTOM_TYPE_PREFIX}${slug.slice(0, 60)}`;
}

/** The French academic year (1 September to 31 August) of an ISO date, as travel's academicYearOf. */
export function academicYearOf(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  const first = Number(isoDate.slice(5, 7)) >= 9 ? year : year - 1;
  return `${first}-${first + 1}`;
}

export function isAcademicYear(label: string): boolean {
  const m = /^(\d{4})-(\d{4})$/.exec(label);
  return m !== null && Number(m[2]) === Number(m[1]) + 1;
}

/** A few past academic years, the current one and the next one, newest first. */
export function academicYearChoices(today: string, past = 5): string[] {
  const current = Number(academicYearOf(today).slice(0, 4));
  const years: string[] = [];
  for (let y = current + 1; y >= current - past; y--) years.push(`${y}-${y + 1}`);
  return years;
}

// ---------------------------------------------------------------- inputs

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** A session as the form sends it. */
export const sessionInputSchema = z
  .object({
    typeKey: z.string().trim().min(1).max(80),
    title: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
    startDate: isoDateSchema,
    endDate: z.preprocess(blankToUndefined, isoDateSchema.optional()),
    online: z.boolean(),
    place: optionalText(MAX_TEXT_LENGTH),
    audienceNote: optionalText(MAX_TEXT_LENGTH),
    facilitatorIds: z.array(z.string().min(1).max(64)).max(200).default([]),
    unnamedFacilitators: z.number().int().min(0).max(MAX_UNNAMED_FACILITATORS).default(0),
  })
  .refine((s) => !s.endDate || s.endDate >= s.startDate, { path: ['endDate'] });
export type SessionInput = z.input<typeof sessionInputSchema>;

const studyYearSchema = z.preprocess(
  (v) => (v === '' || v === null || v === undefined ? undefined : typeof v === 'string' ? Number(v) : v),
  z.number().int().min(1).max(10).optional(),
);

/** One named participant: a person of the institution, or a name with an optional email. */
export const participantInputSchema = z
  .object({
    personId: optionalText(64),
    name: optionalText(MAX_NAME_LENGTH),
    email: z.preprocess(blankToUndefined, z.string().trim().max(254).email().optional()),
    population: z.enum(POPULATION_KEYS as [PopulationKey, ...PopulationKey[]]),
    programme: optionalText(MAX_PROGRAMME_LENGTH),
    studyYear: studyYearSchema,
  })
  .refine((p) => p.personId !== undefined || p.name !== undefined, { path: ['name'] });
export type ParticipantInput = z.input<typeof participantInputSchema>;

export const anonymousCountSchema = z.object({
  population: z.enum(POPULATION_KEYS as [PopulationKey, ...PopulationKey[]]),
  programme: z.preprocess((v) => (typeof v === 'string' ? v.trim() : (v ?? '')), z.string().max(MAX_PROGRAMME_LENGTH)),
  participants: z.number().int().min(0).max(MAX_ANONYMOUS_COUNT),
});
export type AnonymousCountInput = z.input<typeof anonymousCountSchema>;

export const headcountInputSchema = z.object({
  academicYear: z.string().refine(isAcademicYear),
  population: z.enum(POPULATION_KEYS as [PopulationKey, ...PopulationKey[]]),
  programme: z.preprocess((v) => (typeof v === 'string' ? v.trim() : (v ?? '')), z.string().max(MAX_PROGRAMME_LENGTH)),
  /** 0 removes the headcount. */
  headcount: z.number().int().min(0).max(MAX_HEADCOUNT),
});
export type HeadcountInput = z.input<typeof headcountInputSchema>;

/** A whole number typed in a box ("4 000", "4000"); '' is 0, anything else NaN. */
export function parseCount(raw: string): number {
  const text = raw.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (text === '') return 0;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}
