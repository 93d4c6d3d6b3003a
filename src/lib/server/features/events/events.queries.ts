import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import type { EventFilter } from './events';
import type { EventTable } from './events.table';

export type EventRow = Selectable<EventTable>;

export async function insertEvent(db: Kysely<DB>, row: Insertable<EventTable>): Promise<void> {
  await db.insertInto('event').values(row).execute();
}

export function findEvent(db: Kysely<DB>, institutionId: string, id: string): Promise<EventRow | undefined> {
  return db
    .selectFrom('event')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Updates the event only if it is still at `version`; true when it was. */
export async function updateEventRow(
  db: Kysely<DB>,
  id: string,
  version: number,
  values: Updateable<EventTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('event')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteEventRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('event').where('id', '=', id).execute();
}

/** Replaces the event's SDGs, organisers and accessibility features with the given lists. */
export async function replaceEventLinks(
  db: Kysely<DB>,
  id: string,
  links: { sdgs: readonly number[]; organiserIds: readonly string[]; accessibility: readonly string[] },
): Promise<void> {
  await db.deleteFrom('event_sdg').where('event_id', '=', id).execute();
  await db.deleteFrom('event_organiser').where('event_id', '=', id).execute();
  await db.deleteFrom('event_accessibility').where('event_id', '=', id).execute();
  if (links.sdgs.length > 0) {
    await db
      .insertInto('event_sdg')
      .values(links.sdgs.map((n) => ({ event_id: id, sdg_number: n })))
      .execute();
  }
  if (links.organiserIds.length > 0) {
    await db
      .insertInto('event_organiser')
      .values(links.organiserIds.map((p) => ({ event_id: id, person_id: p })))
      .execute();
  }
  if (links.accessibility.length > 0) {
    await db
      .insertInto('event_accessibility')
      .values(links.accessibility.map((f) => ({ event_id: id, feature: f })))
      .execute();
  }
}

/** The events of the institution matching the filters, newest first. */
export function listEventRows(db: Kysely<DB>, institutionId: string, filter: EventFilter) {
  let query = db.selectFrom('event').selectAll('event').where('event.institution_id', '=', institutionId);
  if (filter.kind) query = query.where('event.kind', '=', filter.kind);
  if (filter.year) {
    query = query
      .where('event.start_date', '>=', `${filter.year}-01-01`)
      .where('event.start_date', '<=', `${filter.year}-12-31`);
  }
  const sdg = filter.sdg;
  if (sdg) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('event_sdg')
          .select('event_sdg.event_id')
          .whereRef('event_sdg.event_id', '=', 'event.id')
          .where('event_sdg.sdg_number', '=', sdg),
      ),
    );
  }
  if (filter.accessible) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('event_accessibility')
          .select('event_accessibility.event_id')
          .whereRef('event_accessibility.event_id', '=', 'event.id'),
      ),
    );
  }
  return query.orderBy('event.start_date', 'desc').orderBy('event.id', 'desc').execute();
}

/** SDG, organiser and accessibility rows of the institution's events (of one event when `eventId` is given). */
export async function listEventLinkRows(db: Kysely<DB>, institutionId: string, eventId?: string) {
  let sdgs = db
    .selectFrom('event_sdg')
    .innerJoin('event', 'event.id', 'event_sdg.event_id')
    .select(['event_sdg.event_id', 'event_sdg.sdg_number'])
    .where('event.institution_id', '=', institutionId);
  let organisers = db
    .selectFrom('event_organiser')
    .innerJoin('event', 'event.id', 'event_organiser.event_id')
    .innerJoin('person', 'person.id', 'event_organiser.person_id')
    .select(['event_organiser.event_id', 'person.id as person_id', 'person.display_name'])
    .where('event.institution_id', '=', institutionId);
  let features = db
    .selectFrom('event_accessibility')
    .innerJoin('event', 'event.id', 'event_accessibility.event_id')
    .select(['event_accessibility.event_id', 'event_accessibility.feature'])
    .where('event.institution_id', '=', institutionId);
  if (eventId) {
    sdgs = sdgs.where('event.id', '=', eventId);
    organisers = organisers.where('event.id', '=', eventId);
    features = features.where('event.id', '=', eventId);
  }
  const [sdgRows, organiserRows, featureRows] = await Promise.all([
    sdgs.orderBy('event_sdg.sdg_number').execute(),
    organisers.orderBy('person.display_name').orderBy('person.id').execute(),
    features.orderBy('event_accessibility.feature').execute(),
  ]);
  return { sdgRows, organiserRows, featureRows };
}

export interface EventYearTotals {
  year: string;
  events: number;
  /** Sum of the known attendances. */
  attendance: number;
  /** Events whose attendance is unknown. */
  unknownAttendance: number;
  sdgsCovered: number;
}

/** Events, attendance and distinct SDGs per calendar year of the start date, newest year first. */
export async function totalsByYear(db: Kysely<DB>, institutionId: string): Promise<EventYearTotals[]> {
  const [counts, sdgs] = await Promise.all([
    db
      .selectFrom('event')
      .select((eb) => [
        eb.fn<string>('substr', ['start_date', eb.lit(1), eb.lit(4)]).as('year'),
        eb.fn.countAll<number | string>().as('events'),
        eb.fn.sum<number | string | null>('attendance').as('attendance'),
        eb.fn.sum<number | string | null>(eb.case().when('attendance', 'is', null).then(1).else(0).end()).as('unknown'),
      ])
      .where('institution_id', '=', institutionId)
      .groupBy((eb) => eb.fn('substr', ['start_date', eb.lit(1), eb.lit(4)]))
      .execute(),
    db
      .selectFrom('event_sdg')
      .innerJoin('event', 'event.id', 'event_sdg.event_id')
      .select((eb) => [
        eb.fn<string>('substr', ['event.start_date', eb.lit(1), eb.lit(4)]).as('year'),
        eb.fn.count<number | string>('event_sdg.sdg_number').distinct().as('sdgs'),
      ])
      .where('event.institution_id', '=', institutionId)
      .groupBy((eb) => eb.fn('substr', ['event.start_date', eb.lit(1), eb.lit(4)]))
      .execute(),
  ]);
  const sdgsByYear = new Map(sdgs.map((r) => [r.year, Number(r.sdgs)]));
  // PostgreSQL returns counts and sums of integers as bigint text; a sum over no known value is null.
  return counts
    .map((r) => ({
      year: r.year,
      events: Number(r.events),
      attendance: Number(r.attendance ?? 0),
      unknownAttendance: Number(r.unknown ?? 0),
      sdgsCovered: sdgsByYear.get(r.year) ?? 0,
    }))
    .sort((a, b) => b.year.localeCompare(a.year));
}

/** The years that have events, newest first, for the filter. */
export async function listEventYears(db: Kysely<DB>, institutionId: string): Promise<string[]> {
  return (await totalsByYear(db, institutionId)).map((t) => t.year);
}

/** The events that start within a period (both days included), with what the indicator sources need. */
export function listEventsStartingIn(db: Kysely<DB>, institutionId: string, period: { start: string; end: string }) {
  return db
    .selectFrom('event')
    .select(['id', 'kind', 'series_name', 'attendance'])
    .where('institution_id', '=', institutionId)
    .where('start_date', '>=', period.start)
    .where('start_date', '<=', period.end)
    .execute();
}

/** The SDGs and accessibility features of the events that start within a period. */
export async function listPeriodLinkRows(
  db: Kysely<DB>,
  institutionId: string,
  period: { start: string; end: string },
) {
  const [sdgRows, featureRows] = await Promise.all([
    db
      .selectFrom('event_sdg')
      .innerJoin('event', 'event.id', 'event_sdg.event_id')
      .select(['event_sdg.event_id', 'event_sdg.sdg_number'])
      .where('event.institution_id', '=', institutionId)
      .where('event.start_date', '>=', period.start)
      .where('event.start_date', '<=', period.end)
      .execute(),
    db
      .selectFrom('event_accessibility')
      .innerJoin('event', 'event.id', 'event_accessibility.event_id')
      .select(['event_accessibility.event_id'])
      .where('event.institution_id', '=', institutionId)
      .where('event.start_date', '>=', period.start)
      .where('event.start_date', '<=', period.end)
      .execute(),
  ]);
  return { sdgRows, featureRows };
}

export async function hasAnyEvent(db: Kysely<DB>, institutionId: string): Promise<boolean> {
  const row = await db.selectFrom('event').select('id').where('institution_id', '=', institutionId).executeTakeFirst();
  return row !== undefined;
}

/** How many of these people belong to the institution. */
export async function countInstitutionPeople(
  db: Kysely<DB>,
  institutionId: string,
  personIds: readonly string[],
): Promise<number> {
  if (personIds.length === 0) return 0;
  const row = await db
    .selectFrom('person')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('institution_id', '=', institutionId)
    .where('id', 'in', [...personIds])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The institution's people (id, name), for the organisers list. */
export function listPersonOptions(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'display_name'])
    .where('institution_id', '=', institutionId)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
}
