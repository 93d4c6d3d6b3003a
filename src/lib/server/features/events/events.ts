/** Scientific-culture events: kinds, audiences, accessibility, roles, the form's schema and the filters. Pure. */
import { z } from 'zod';
import type { SessionUser } from '../auth';
import { fold } from '../plan-import/cell-text';

export const EVENT_KINDS = [
  'fete_de_la_science',
  'pint_of_science',
  'lecture_series',
  'school_intervention',
  'open_day',
  'conference',
  'exhibition',
  'other',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_AUDIENCES = ['general_public', 'pupils', 'students', 'staff', 'companies', 'researchers'] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number];

export const ACCESSIBILITY_FEATURES = [
  'french_sign_language',
  'captioning',
  'step_free_access',
  'audio_description',
  'easy_read',
  'other',
] as const;
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];

export const MAX_TITLE_LENGTH = 300;
export const MAX_TEXT_LENGTH = 200;
export const MAX_PARTNERS_LENGTH = 1000;
export const MAX_NOTE_LENGTH = 500;
export const MAX_DESCRIPTION_LENGTH = 5000;
export const MAX_URL_LENGTH = 500;
/** Highest attendance accepted for one event: catches a typing slip, not a policy (the report's largest is ~800). */
export const MAX_ATTENDANCE = 1_000_000;
export const MAX_ORGANISERS = 50;

/** The officer, pilots and contributors record and edit events; everyone signed in reads them. */
export function canEditEvents(user: SessionUser): boolean {
  return user.role === 'admin' || user.role === 'pilot' || user.role === 'contributor';
}

/** Deleting an event is the officer's. */
export function canDeleteEvents(user: SessionUser): boolean {
  return user.role === 'admin';
}

export const isEventKind = (v: string): v is EventKind => (EVENT_KINDS as readonly string[]).includes(v);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

const blankToNull = (v: unknown) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v);
const optionalText = (max: number) => z.preprocess(blankToNull, z.string().trim().max(max).nullable());

/** What the event form (and an import row) gives once parsed; lists are deduplicated and sorted by the service. */
export const eventInputSchema = z
  .object({
    title: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
    kind: z.enum(EVENT_KINDS),
    seriesName: optionalText(MAX_TEXT_LENGTH),
    startDate: isoDate,
    endDate: z.preprocess(blankToNull, isoDate.nullable()),
    place: optionalText(MAX_TEXT_LENGTH),
    online: z.boolean(),
    audiences: z.array(z.enum(EVENT_AUDIENCES)).max(EVENT_AUDIENCES.length),
    /** null = unknown. */
    attendance: z.number().int().min(0).max(MAX_ATTENDANCE).nullable(),
    organiserIds: z.array(z.string().min(1).max(64)).max(MAX_ORGANISERS),
    partners: optionalText(MAX_PARTNERS_LENGTH),
    sdgs: z.array(z.number().int().min(1).max(17)).max(17),
    accessibility: z.array(z.enum(ACCESSIBILITY_FEATURES)).max(ACCESSIBILITY_FEATURES.length),
    accessibilityNote: optionalText(MAX_NOTE_LENGTH),
    description: optionalText(MAX_DESCRIPTION_LENGTH),
    url: z.preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .max(MAX_URL_LENGTH)
        .regex(/^https?:\/\/\S+$/i)
        .nullable(),
    ),
  })
  .refine((e) => e.endDate === null || e.endDate >= e.startDate, { path: ['endDate'] });
export type EventInput = z.input<typeof eventInputSchema>;
export type ParsedEvent = z.output<typeof eventInputSchema>;

/** Sorted, without duplicates: the order the database and the history keep. */
export function uniqueSorted<T extends string | number>(values: readonly T[]): T[] {
  return [...new Set(values)].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)),
  );
}

/**
 * An attendance typed in a form or a file: a whole number ("1 200" allowed),
 * null when empty or written as unknown ("?", "inconnu", "unknown", "NC"),
 * undefined when it is not a number of people.
 */
export function parseAttendance(raw: string): number | null | undefined {
  const text = raw.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (text === '' || ['?', 'inconnu', 'inconnue', 'unknown', 'nc', 'nd', 'na'].includes(fold(text) || text)) {
    return null;
  }
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_ATTENDANCE ? n : undefined;
}

/** The list page's filters, read from the query string; anything unreadable is dropped. */
export const eventFilterSchema = z.object({
  kind: z.preprocess((v) => (v === '' ? undefined : v), z.enum(EVENT_KINDS).optional()).catch(undefined),
  year: z
    .preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1900).max(2999).optional())
    .catch(undefined),
  sdg: z
    .preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(17).optional())
    .catch(undefined),
  accessible: z.preprocess((v) => v === 'yes' || v === 'on' || v === '1', z.boolean()).catch(false),
});
export type EventFilter = z.output<typeof eventFilterSchema>;

/**
 * What an indicator's source_key selects among the period's events: every
 * event (empty), one kind (`fete_de_la_science`), or one series by its name
 * (`series:Les Culturelles`, compared without case, accents or punctuation).
 */
export type EventSelection =
  | { kind: 'all' }
  | { kind: 'eventKind'; value: EventKind }
  | { kind: 'series'; value: string };

export const SERIES_PREFIX = 'series:';

export function selectionOf(sourceKey: string | null): EventSelection {
  const text = sourceKey?.trim() ?? '';
  if (text === '') return { kind: 'all' };
  if (isEventKind(text)) return { kind: 'eventKind', value: text };
  if (text.startsWith(SERIES_PREFIX) && fold(text.slice(SERIES_PREFIX.length)) !== '') {
    return { kind: 'series', value: fold(text.slice(SERIES_PREFIX.length)) };
  }
  throw new Error(`source_key "${text}" is not an event kind nor "${SERIES_PREFIX}<name>"`);
}

/** Whether an event falls in a selection (the series compared folded). */
export function isSelected(selection: EventSelection, event: { kind: string; series_name: string | null }): boolean {
  if (selection.kind === 'all') return true;
  if (selection.kind === 'eventKind') return event.kind === selection.value;
  return event.series_name !== null && fold(event.series_name) === selection.value;
}

/** The audiences stored as JSON text (not queried): unknown words dropped, order kept as stored. */
export function audiencesOf(json: string | null): EventAudience[] {
  try {
    const parsed: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((a): a is EventAudience => (EVENT_AUDIENCES as readonly string[]).includes(String(a)))
      : [];
  } catch {
    return [];
  }
}
