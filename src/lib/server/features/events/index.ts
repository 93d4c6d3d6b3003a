/** Scientific-culture events: records with SDGs, organisers and accessibility, pages, import, export, demo. */
export {
  ACCESSIBILITY_FEATURES,
  type AccessibilityFeature,
  canDeleteEvents,
  canEditEvents,
  EVENT_AUDIENCES,
  EVENT_KINDS,
  type EventAudience,
  type EventFilter,
  type EventInput,
  type EventKind,
  eventFilterSchema,
  MAX_ATTENDANCE,
  MAX_DESCRIPTION_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_PARTNERS_LENGTH,
  MAX_TEXT_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
  parseAttendance,
} from './events';
/** Recording, editing and deleting events. */
export { createEvent, deleteEvent, type EventErrorCode, type EventResult, editEvent } from './events.service';
/** The events of the seed report loaded into the demo institution. */
export { loadEventsDemo } from './events-demo';
/** CSV and XLSX export of the events a user reads. */
export { EVENTS_EXPORT_FORMATS, type EventsExportFormat, exportEvents } from './events-export';
/** The import of events from a CSV or XLSX file (record-import spec). */
export { EVENT_IMPORT_COLUMNS, EVENTS_IMPORT } from './events-import';
/** Indicator sources and the seed plan's indicators they compute (the registry imports the file itself). */
export { EVENTS_INDICATOR_SOURCES, EVENTS_SEED_INDICATOR_LINKS } from './events-indicators';
/** Pages: the filtered list with totals by year, one event with its history, the organisers to choose from. */
export {
  type EventPage,
  type EventsListPage,
  type EventView,
  getEventPage,
  getEventsListPage,
  listOrganiserChoices,
} from './events-pages.service';
