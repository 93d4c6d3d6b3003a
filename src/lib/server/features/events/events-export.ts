/**
 * The institution's events as a CSV or XLSX file, one row per event, headings
 * in the reader's language, every text cell through the plan export's formula
 * neutraliser. SDGs and accessibility features are written the way the import
 * reads them back ("4;13", "french_sign_language;captioning").
 */
import type { Kysely } from 'kysely';
import { type Locale, translate } from '../../../i18n';
import type { DB } from '../../db/schema';
import { CONTENT_TYPES, type Row, toCsv, toXlsx } from '../api';
import type { SessionUser } from '../auth';
import { neutraliseCell } from '../plan-export';
import type { EventFilter } from './events';
import { type EventView, getEventsListPage } from './events-pages.service';

export const EVENTS_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type EventsExportFormat = (typeof EVENTS_EXPORT_FORMATS)[number];

/** Headings are `events.export.column.<column>` in messages/<locale>/events.json. */
export const EVENTS_EXPORT_COLUMNS = [
  'id',
  'title',
  'kind',
  'series',
  'start',
  'end',
  'place',
  'online',
  'audiences',
  'attendance',
  'organisers',
  'partners',
  'sdgs',
  'accessibility',
  'accessibilityNote',
  'url',
  'description',
] as const;
type Column = (typeof EVENTS_EXPORT_COLUMNS)[number];

/** The events as a table: heading row then one row per event. Pure. */
export function eventsTable(events: readonly EventView[], locale: Locale): Row[] {
  const t = (key: string) => translate(locale, key);
  const text = (v: string | null) => neutraliseCell(v ?? '');
  const data = events.map((e) => {
    const cells: Record<Column, string> = {
      id: e.id,
      title: text(e.title),
      kind: text(t(`events.kind.${e.kind}`)),
      series: text(e.seriesName),
      start: e.startDate,
      end: e.endDate ?? '',
      place: text(e.place),
      online: t(e.online ? 'events.export.yes' : 'events.export.no'),
      audiences: text(e.audiences.map((a) => t(`events.audience.${a}`)).join('; ')),
      attendance: e.attendance === null ? '' : String(e.attendance),
      organisers: text(e.organisers.map((o) => o.name).join('; ')),
      partners: text(e.partners),
      sdgs: e.sdgs.join(';'),
      accessibility: e.accessibility.join(';'),
      accessibilityNote: text(e.accessibilityNote),
      url: text(e.url),
      description: text(e.description),
    };
    return EVENTS_EXPORT_COLUMNS.map((c) => cells[c]);
  });
  return [EVENTS_EXPORT_COLUMNS.map((c) => t(`events.export.column.${c}`)), ...data];
}

export interface EventsExportFile {
  /** ASCII only: safe in a Content-Disposition header. */
  filename: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
  count: number;
}

/** The institution's events matching the filters as a file; every signed-in role may export what it reads. */
export async function exportEvents(
  db: Kysely<DB>,
  user: SessionUser,
  format: EventsExportFormat,
  options: { locale: Locale; filter?: EventFilter; now?: Date },
): Promise<EventsExportFile> {
  const filter = options.filter ?? { accessible: false };
  const { events } = await getEventsListPage(db, user, filter);
  const table = eventsTable(events, options.locale);
  const day = (options.now ?? new Date()).toISOString().slice(0, 10);
  const sheet = translate(options.locale, 'events.export.sheet');
  return {
    filename: `${translate(options.locale, 'events.export.file')}-${day}.${format}`,
    contentType: CONTENT_TYPES[format],
    bytes: format === 'csv' ? toCsv(table) : toXlsx(sheet, table, sheet),
    count: events.length,
  };
}
