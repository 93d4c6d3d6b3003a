/** Recording, editing and deleting events, with their SDGs, organisers and accessibility features, audited. */
import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type AuditChange, diffFields, recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import {
  canDeleteEvents,
  canEditEvents,
  type EventInput,
  eventInputSchema,
  type ParsedEvent,
  uniqueSorted,
} from './events';
import {
  countInstitutionPeople,
  deleteEventRow,
  type EventRow,
  findEvent,
  insertEvent,
  listEventLinkRows,
  replaceEventLinks,
  updateEventRow,
} from './events.queries';

export type EventErrorCode =
  | 'events.error.forbidden'
  | 'events.error.notFound'
  | 'events.error.stale'
  | 'events.error.title'
  | 'events.error.kind'
  | 'events.error.seriesName'
  | 'events.error.startDate'
  | 'events.error.endDate'
  | 'events.error.place'
  | 'events.error.audiences'
  | 'events.error.attendance'
  | 'events.error.organisers'
  | 'events.error.partners'
  | 'events.error.sdgs'
  | 'events.error.accessibility'
  | 'events.error.accessibilityNote'
  | 'events.error.description'
  | 'events.error.url';

export type EventResult<T> = { ok: true; value: T } | { ok: false; error: { code: EventErrorCode } };

const FIELD_CODES: Record<string, EventErrorCode> = {
  title: 'events.error.title',
  kind: 'events.error.kind',
  seriesName: 'events.error.seriesName',
  startDate: 'events.error.startDate',
  endDate: 'events.error.endDate',
  place: 'events.error.place',
  online: 'events.error.place',
  audiences: 'events.error.audiences',
  attendance: 'events.error.attendance',
  organiserIds: 'events.error.organisers',
  partners: 'events.error.partners',
  sdgs: 'events.error.sdgs',
  accessibility: 'events.error.accessibility',
  accessibilityNote: 'events.error.accessibilityNote',
  description: 'events.error.description',
  url: 'events.error.url',
};

const fail = (code: EventErrorCode) => ({ ok: false, error: { code } }) as const;
const ENTITY = 'event';

/** Parses an event (pure): the field's error code, or the event with its lists sorted and deduplicated. */
export function parseEvent(input: EventInput): EventResult<ParsedEvent> {
  const parsed = eventInputSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'title');
    return fail(FIELD_CODES[field] ?? 'events.error.title');
  }
  const e = parsed.data;
  return {
    ok: true,
    value: {
      ...e,
      audiences: uniqueSorted(e.audiences),
      organiserIds: uniqueSorted(e.organiserIds),
      sdgs: uniqueSorted(e.sdgs),
      accessibility: uniqueSorted(e.accessibility),
    },
  };
}

/** Parses the input and checks that its organisers are people of the institution. */
async function checkInput(db: Kysely<DB>, user: SessionUser, input: EventInput): Promise<EventResult<ParsedEvent>> {
  const parsed = parseEvent(input);
  if (!parsed.ok) return parsed;
  const ids = parsed.value.organiserIds;
  if ((await countInstitutionPeople(db, user.institutionId, ids)) !== ids.length) {
    return fail('events.error.organisers');
  }
  return parsed;
}

export function columnsOf(e: ParsedEvent) {
  return {
    title: e.title,
    kind: e.kind,
    series_name: e.seriesName,
    start_date: e.startDate,
    end_date: e.endDate,
    place: e.place,
    online: e.online ? 1 : 0,
    audiences_json: JSON.stringify(e.audiences),
    attendance: e.attendance,
    partners: e.partners,
    accessibility_note: e.accessibilityNote,
    description: e.description,
    url: e.url,
  };
}

type Columns = ReturnType<typeof columnsOf>;
interface Links {
  sdgs: readonly number[];
  organiserIds: readonly string[];
  accessibility: readonly string[];
}

/** What the history compares: the columns, then the lists as text. */
function snapshotOf(row: Columns, links: Links): Record<string, string | number | null> {
  return {
    ...row,
    sdgs: links.sdgs.join(', ') || null,
    organiser_ids: links.organiserIds.join(', ') || null,
    accessibility: links.accessibility.join(', ') || null,
  };
}

function storedColumns(row: EventRow): Columns {
  return {
    title: row.title,
    kind: row.kind as Columns['kind'],
    series_name: row.series_name,
    start_date: row.start_date,
    end_date: row.end_date,
    place: row.place,
    online: row.online,
    audiences_json: row.audiences_json,
    attendance: row.attendance,
    partners: row.partners,
    accessibility_note: row.accessibility_note,
    description: row.description,
    url: row.url,
  };
}

async function storedLinks(db: Kysely<DB>, institutionId: string, id: string): Promise<Links> {
  const { sdgRows, organiserRows, featureRows } = await listEventLinkRows(db, institutionId, id);
  return {
    sdgs: sdgRows.map((r) => r.sdg_number),
    organiserIds: uniqueSorted(organiserRows.map((r) => r.person_id)),
    accessibility: featureRows.map((r) => r.feature),
  };
}

/**
 * Writes a parsed event inside the caller's transaction, with its creation in
 * the history: the form, the import and the demo all come through here.
 */
export async function insertParsedEvent(
  trx: Kysely<DB>,
  user: Pick<SessionUser, 'id' | 'institutionId' | 'displayName'>,
  e: ParsedEvent,
  options: { isDemo?: boolean; actorLabel?: string } = {},
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await insertEvent(trx, {
    id,
    institution_id: user.institutionId,
    ...columnsOf(e),
    is_demo: options.isDemo ? 1 : 0,
    version: 1,
    created_by: user.id || null,
    created_at: now,
    updated_at: now,
  });
  await replaceEventLinks(trx, id, e);
  await recordAudit(trx, {
    institutionId: user.institutionId,
    actor: { userId: user.id || null, label: options.actorLabel ?? user.displayName },
    entityType: ENTITY,
    entityId: id,
    operation: 'create',
    changes: diffFields({} as Record<string, unknown>, snapshotOf(columnsOf(e), e)),
  });
  return id;
}

/** Records an event (officer, pilot, contributor). */
export async function createEvent(
  db: Kysely<DB>,
  user: SessionUser,
  input: EventInput,
): Promise<EventResult<{ id: string }>> {
  if (!canEditEvents(user)) return fail('events.error.forbidden');
  const checked = await checkInput(db, user, input);
  if (!checked.ok) return checked;
  const id = await db.transaction().execute((trx) => insertParsedEvent(trx, user, checked.value));
  return { ok: true, value: { id } };
}

/**
 * Saves an event edited from `expectedVersion`: refused as stale when someone
 * saved in between; each changed field goes to the history.
 */
export async function editEvent(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
  expectedVersion: number,
  input: EventInput,
): Promise<EventResult<{ version: number; changed: number }>> {
  if (!canEditEvents(user)) return fail('events.error.forbidden');
  if (!(await findEvent(db, user.institutionId, id))) return fail('events.error.notFound');
  const checked = await checkInput(db, user, input);
  if (!checked.ok) return checked;
  const e = checked.value;
  return db.transaction().execute(async (trx): Promise<EventResult<{ version: number; changed: number }>> => {
    const row = await findEvent(trx, user.institutionId, id);
    if (!row) return fail('events.error.notFound');
    const changes: AuditChange[] = diffFields(
      snapshotOf(storedColumns(row), await storedLinks(trx, user.institutionId, id)),
      snapshotOf(columnsOf(e), e),
    );
    if (!(await updateEventRow(trx, id, expectedVersion, { ...columnsOf(e), updated_at: nowIso() }))) {
      return fail('events.error.stale');
    }
    await replaceEventLinks(trx, id, e);
    if (changes.length > 0) {
      await recordAudit(trx, {
        institutionId: user.institutionId,
        actor: { userId: user.id, label: user.displayName },
        entityType: ENTITY,
        entityId: id,
        operation: 'update',
        changes,
      });
    }
    return { ok: true, value: { version: expectedVersion + 1, changed: changes.length } };
  });
}

/** Deletes an event (officer only), its values kept in the history. */
export async function deleteEvent(db: Kysely<DB>, user: SessionUser, id: string): Promise<EventResult<null>> {
  if (!canDeleteEvents(user)) return fail('events.error.forbidden');
  return db.transaction().execute(async (trx): Promise<EventResult<null>> => {
    const row = await findEvent(trx, user.institutionId, id);
    if (!row) return fail('events.error.notFound');
    const before = snapshotOf(storedColumns(row), await storedLinks(trx, user.institutionId, id));
    await deleteEventRow(trx, id);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: ENTITY,
      entityId: id,
      operation: 'delete',
      changes: Object.entries(before)
        .filter(([, v]) => v !== null)
        .map(([field, v]) => ({ field, before: String(v), after: null })),
    });
    return { ok: true, value: null };
  });
}
