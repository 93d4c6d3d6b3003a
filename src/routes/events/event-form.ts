/** Reads the event form (new and edit pages) into the service's input, and a stored event back into the form. */
import type { EventInput, EventView } from '$lib/server/features/events';
import { parseAttendance } from '$lib/server/features/events';

export const EVENT_TEXT_FIELDS = [
  'title',
  'kind',
  'seriesName',
  'startDate',
  'endDate',
  'place',
  'attendance',
  'partners',
  'accessibilityNote',
  'description',
  'url',
] as const;

export type EventFormValues = Record<(typeof EVENT_TEXT_FIELDS)[number], string> & {
  online: boolean;
  audiences: string[];
  organiserIds: string[];
  sdgs: number[];
  accessibility: string[];
};

export function readEventForm(form: FormData): { values: EventFormValues; input: EventInput } {
  const text = Object.fromEntries(EVENT_TEXT_FIELDS.map((f) => [f, String(form.get(f) ?? '')])) as Record<
    (typeof EVENT_TEXT_FIELDS)[number],
    string
  >;
  const values: EventFormValues = {
    ...text,
    online: form.get('online') === 'yes',
    audiences: form.getAll('audiences').map(String),
    organiserIds: form.getAll('organiserIds').map(String),
    sdgs: form.getAll('sdgs').map(Number),
    accessibility: form.getAll('accessibility').map(String),
  };
  // An attendance that is not a number becomes NaN, which the schema refuses with the attendance message.
  const attendance = parseAttendance(text.attendance);
  return {
    values,
    input: {
      ...text,
      kind: text.kind as EventInput['kind'],
      online: values.online,
      audiences: values.audiences as EventInput['audiences'],
      attendance: attendance === undefined ? Number.NaN : attendance,
      organiserIds: values.organiserIds,
      sdgs: values.sdgs,
      accessibility: values.accessibility as EventInput['accessibility'],
    },
  };
}

export function emptyEventForm(): EventFormValues {
  return {
    ...(Object.fromEntries(EVENT_TEXT_FIELDS.map((f) => [f, ''])) as Record<
      (typeof EVENT_TEXT_FIELDS)[number],
      string
    >),
    kind: 'conference',
    online: false,
    audiences: [],
    organiserIds: [],
    sdgs: [],
    accessibility: [],
  };
}

export function formOfEvent(e: EventView): EventFormValues {
  return {
    title: e.title,
    kind: e.kind,
    seriesName: e.seriesName ?? '',
    startDate: e.startDate,
    endDate: e.endDate ?? '',
    place: e.place ?? '',
    attendance: e.attendance === null ? '' : String(e.attendance),
    partners: e.partners ?? '',
    accessibilityNote: e.accessibilityNote ?? '',
    description: e.description ?? '',
    url: e.url ?? '',
    online: e.online,
    audiences: e.audiences,
    organiserIds: e.organisers.map((o) => o.id),
    sdgs: e.sdgs,
    accessibility: e.accessibility,
  };
}
