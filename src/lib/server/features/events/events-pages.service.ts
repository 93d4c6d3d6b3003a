/** What the events pages show: the filtered list with totals by year, one event with its history, the form's choices. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { type AuditEntry, listAuditForEntity } from '../audit';
import type { SessionUser } from '../auth';
import {
  type AccessibilityFeature,
  audiencesOf,
  canDeleteEvents,
  canEditEvents,
  type EventAudience,
  type EventFilter,
  type EventKind,
  isEventKind,
} from './events';
import {
  type EventRow,
  type EventYearTotals,
  findEvent,
  listEventLinkRows,
  listEventRows,
  listPersonOptions,
  totalsByYear,
} from './events.queries';

export interface EventView {
  id: string;
  title: string;
  kind: EventKind;
  seriesName: string | null;
  startDate: string;
  endDate: string | null;
  place: string | null;
  online: boolean;
  audiences: EventAudience[];
  attendance: number | null;
  organisers: { id: string; name: string }[];
  partners: string | null;
  sdgs: number[];
  accessibility: AccessibilityFeature[];
  accessibilityNote: string | null;
  description: string | null;
  url: string | null;
  isDemo: boolean;
  version: number;
}

type Links = Awaited<ReturnType<typeof listEventLinkRows>>;

function viewsOf(rows: readonly EventRow[], links: Links): EventView[] {
  const sdgs = new Map<string, number[]>();
  for (const r of links.sdgRows) sdgs.set(r.event_id, [...(sdgs.get(r.event_id) ?? []), r.sdg_number]);
  const organisers = new Map<string, { id: string; name: string }[]>();
  for (const r of links.organiserRows) {
    organisers.set(r.event_id, [...(organisers.get(r.event_id) ?? []), { id: r.person_id, name: r.display_name }]);
  }
  const features = new Map<string, AccessibilityFeature[]>();
  for (const r of links.featureRows) {
    features.set(r.event_id, [...(features.get(r.event_id) ?? []), r.feature as AccessibilityFeature]);
  }
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    // The check constraint holds the stored kind to the list.
    kind: isEventKind(r.kind) ? r.kind : 'other',
    seriesName: r.series_name,
    startDate: r.start_date,
    endDate: r.end_date,
    place: r.place,
    online: r.online === 1,
    audiences: audiencesOf(r.audiences_json),
    attendance: r.attendance,
    organisers: organisers.get(r.id) ?? [],
    partners: r.partners,
    sdgs: sdgs.get(r.id) ?? [],
    accessibility: features.get(r.id) ?? [],
    accessibilityNote: r.accessibility_note,
    description: r.description,
    url: r.url,
    isDemo: r.is_demo === 1,
    version: r.version,
  }));
}

export interface EventsListPage {
  canEdit: boolean;
  events: EventView[];
  /** Every year of the institution's events, whatever the filters. */
  totals: EventYearTotals[];
}

/** The institution's events matching the filters, and the totals of each year; every signed-in role reads them. */
export async function getEventsListPage(
  db: Kysely<DB>,
  user: SessionUser,
  filter: EventFilter,
): Promise<EventsListPage> {
  const [rows, links, totals] = await Promise.all([
    listEventRows(db, user.institutionId, filter),
    listEventLinkRows(db, user.institutionId),
    totalsByYear(db, user.institutionId),
  ]);
  return { canEdit: canEditEvents(user), events: viewsOf(rows, links), totals };
}

export interface EventPage {
  event: EventView;
  canEdit: boolean;
  canDelete: boolean;
  history: AuditEntry[];
}

/** One event of the institution with its history; undefined when it is not the institution's. */
export async function getEventPage(db: Kysely<DB>, user: SessionUser, id: string): Promise<EventPage | undefined> {
  const row = await findEvent(db, user.institutionId, id);
  if (!row) return undefined;
  const [links, history] = await Promise.all([
    listEventLinkRows(db, user.institutionId, id),
    listAuditForEntity(db, 'event', id),
  ]);
  const [event] = viewsOf([row], links);
  if (!event) return undefined;
  return { event, canEdit: canEditEvents(user), canDelete: canDeleteEvents(user), history };
}

/** The people an event's organisers are chosen from. */
export async function listOrganiserChoices(db: Kysely<DB>, user: SessionUser): Promise<{ id: string; name: string }[]> {
  return (await listPersonOptions(db, user.institutionId)).map((p) => ({ id: p.id, name: p.display_name }));
}
