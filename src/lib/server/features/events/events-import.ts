/**
 * Events read from a CSV or XLSX file, one row per event, through the shared
 * record import (preview, row-by-row report, all-or-nothing commit). Kinds and
 * accessibility features are read from their keys or their French or English
 * names; SDGs and features are lists separated by ";" or ",".
 */
import { z } from 'zod';
import type { SessionUser } from '../auth';
import { fold, quote } from '../plan-import/cell-text';
import type { ImportColumn, RecordImportSpec, RowOutcome } from '../record-import';
import {
  type AccessibilityFeature,
  canEditEvents,
  type EventKind,
  isEventKind,
  type ParsedEvent,
  parseAttendance,
} from './events';
import { insertParsedEvent, parseEvent } from './events.service';

export const EVENTS_IMPORT_KIND = 'events';
export const MAX_EVENT_ROWS = 2000;

export const EVENT_IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'title', headings: ['Titre', 'Intitulé', 'Title'], required: true },
  { key: 'kind', headings: ['Type', "Type d'événement", 'Kind', 'Event type'], required: true },
  { key: 'start', headings: ['Début', 'Date de début', 'Date', 'Start', 'Start date'], required: true },
  { key: 'end', headings: ['Fin', 'Date de fin', 'End', 'End date'] },
  { key: 'series', headings: ['Série', 'Cycle', 'Series'] },
  { key: 'place', headings: ['Lieu', 'Place', 'Venue'] },
  { key: 'attendance', headings: ['Participants', 'Fréquentation', 'Attendance'] },
  { key: 'sdgs', headings: ['ODD', 'SDG', 'SDGs'] },
  { key: 'accessibility', headings: ['Accessibilité', 'Accessibility'] },
];

/** Words a file may use for a kind, folded, besides the key itself. */
const KIND_WORDS: Record<EventKind, readonly string[]> = {
  fete_de_la_science: ['fete de la science', 'science festival', 'fete de la science science festival'],
  pint_of_science: ['pint of science', 'pint of sciences'],
  lecture_series: ['cycle de conferences', 'lecture series', 'culturelles', 'les culturelles'],
  school_intervention: [
    'intervention scolaire',
    'intervention en milieu scolaire',
    'school intervention',
    'school visit',
    'scolaire',
  ],
  open_day: ['journee portes ouvertes', 'portes ouvertes', 'jpo', 'open day'],
  conference: ['conference', 'colloque'],
  exhibition: ['exposition', 'exhibition'],
  other: ['autre', 'other'],
};

const FEATURE_WORDS: Record<AccessibilityFeature, readonly string[]> = {
  french_sign_language: [
    'lsf',
    'langue des signes',
    'langue des signes francaise',
    'french sign language',
    'sign language',
  ],
  captioning: ['sous titrage', 'sous titres', 'captioning', 'captions', 'stt'],
  step_free_access: ['pmr', 'acces pmr', 'accessible pmr', 'step free access', 'wheelchair access', 'step free'],
  audio_description: ['audiodescription', 'audio description'],
  easy_read: ['falc', 'facile a lire', 'easy read'],
  other: ['autre', 'other'],
};

function wordMap<K extends string>(words: Record<K, readonly string[]>): Map<string, K> {
  const map = new Map<string, K>();
  for (const [key, list] of Object.entries(words) as [K, readonly string[]][]) {
    map.set(fold(key), key);
    for (const w of list) map.set(fold(w), key);
  }
  return map;
}
const KINDS = wordMap(KIND_WORDS);
const FEATURES = wordMap(FEATURE_WORDS);

const listOf = (cell: string) =>
  cell
    .split(/[;,|\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

const DAY_FIRST = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;

/** "2022-02-25" or "25/02/2022" -> "2022-02-25"; anything else is returned as typed (the schema refuses it). */
export function dateOfCell(cell: string): string {
  const m = DAY_FIRST.exec(cell.trim());
  if (!m) return cell.trim().slice(0, 10);
  return `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
}

export type EventImportRow = ParsedEvent;
const paramsSchema = z.object({});
type EventImportParams = z.infer<typeof paramsSchema>;

/** One row of the file as an event, or the reason it is refused (i18n keys under events.import.error). */
export function parseEventRow(cells: Record<string, string>): RowOutcome<EventImportRow> {
  const label = cells.title ? quote(cells.title) : undefined;
  const reject = (code: string, params?: Record<string, string | number>): RowOutcome<EventImportRow> => ({
    status: 'rejected',
    error: { code: `events.import.error.${code}`, params },
    label,
  });
  const kind = KINDS.get(fold(cells.kind ?? ''));
  if (!kind || !isEventKind(kind)) return reject('kind', { value: quote(cells.kind ?? '') });
  const attendance = parseAttendance(cells.attendance ?? '');
  if (attendance === undefined) return reject('attendance', { value: quote(cells.attendance ?? '') });
  const sdgTexts = listOf(cells.sdgs ?? '');
  const badSdg = sdgTexts.find((s) => !/^\d{1,2}$/.test(s.replace(/^(odd|sdg)\s*/i, '')));
  const sdgs = sdgTexts.map((s) => Number(s.replace(/^(odd|sdg)\s*/i, '')));
  if (badSdg !== undefined || sdgs.some((n) => n < 1 || n > 17)) {
    return reject('sdgs', { value: quote(cells.sdgs ?? '') });
  }
  const featureTexts = listOf(cells.accessibility ?? '');
  const unknownFeature = featureTexts.find((f) => !FEATURES.has(fold(f)));
  if (unknownFeature !== undefined) return reject('accessibility', { value: quote(unknownFeature) });
  const place = cells.place ?? '';
  const online = /^(en ligne|online|distanciel)$/i.test(place.trim());
  const parsed = parseEvent({
    title: cells.title ?? '',
    kind,
    seriesName: cells.series ?? '',
    startDate: dateOfCell(cells.start ?? ''),
    endDate: cells.end ? dateOfCell(cells.end) : '',
    place: online ? '' : place,
    online,
    audiences: [],
    attendance,
    organiserIds: [],
    partners: '',
    sdgs,
    accessibility: featureTexts.map((f) => FEATURES.get(fold(f)) as AccessibilityFeature),
    accessibilityNote: '',
    description: '',
    url: '',
  });
  // The form's messages say which field is wrong.
  if (!parsed.ok) return { status: 'rejected', error: { code: parsed.error.code }, label };
  return { status: 'valid', record: parsed.value, label };
}

/** The same title on the same first day twice in one file is refused: one of the two is a duplicate. */
function checkDuplicates(outcomes: RowOutcome<EventImportRow>[]): RowOutcome<EventImportRow>[] {
  const seen = new Set<string>();
  return outcomes.map((o) => {
    if (o.status !== 'valid') return o;
    const key = `${fold(o.record.title)}|${o.record.startDate}`;
    if (seen.has(key)) return { status: 'rejected', error: { code: 'events.import.error.duplicate' }, label: o.label };
    seen.add(key);
    return o;
  });
}

/** The import of events: the officer, pilots and contributors; every row becomes a new event. */
export const EVENTS_IMPORT: RecordImportSpec<EventImportRow, null, EventImportParams> = {
  sourceKind: EVENTS_IMPORT_KIND,
  columns: EVENT_IMPORT_COLUMNS,
  maxRows: MAX_EVENT_ROWS,
  paramsSchema,
  canImport: (user: SessionUser) => canEditEvents(user),
  prepare: async () => ({ ok: true, value: null }),
  parseRow: (cells) => parseEventRow(cells),
  checkRows: (outcomes) => checkDuplicates(outcomes),
  async commit(trx, user, records) {
    for (const record of records) await insertParsedEvent(trx, user, record);
    return { created: records.length, updated: 0 };
  },
};
