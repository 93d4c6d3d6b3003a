/** Recording, editing and deleting partners, with their roles and SDGs, audited. */
import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type AuditChange, diffFields, recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { fold } from '../plan-import/cell-text';
import {
  canDeletePartners,
  canEditPartners,
  normaliseRoles,
  type ParsedPartner,
  type PartnerInput,
  type PartnerRole,
  partnerInputSchema,
  uniqueSorted,
} from './partners';
import {
  deletePartnerRow,
  findPartner,
  insertPartner,
  listPartnerLinkRows,
  listPartnerNames,
  type PartnerRow,
  replacePartnerLinks,
  updatePartnerRow,
} from './partners.queries';

export type PartnerErrorCode =
  | 'partners.error.forbidden'
  | 'partners.error.notFound'
  | 'partners.error.stale'
  | 'partners.error.duplicateName'
  | 'partners.error.name'
  | 'partners.error.kind'
  | 'partners.error.roles'
  | 'partners.error.startedOn'
  | 'partners.error.endedOn'
  | 'partners.error.website'
  | 'partners.error.description'
  | 'partners.error.sdgs';

export type PartnerResult<T> = { ok: true; value: T } | { ok: false; error: { code: PartnerErrorCode } };

const FIELD_CODES: Record<string, PartnerErrorCode> = {
  name: 'partners.error.name',
  kind: 'partners.error.kind',
  roles: 'partners.error.roles',
  startedOn: 'partners.error.startedOn',
  endedOn: 'partners.error.endedOn',
  website: 'partners.error.website',
  description: 'partners.error.description',
  sdgs: 'partners.error.sdgs',
};

const fail = (code: PartnerErrorCode) => ({ ok: false, error: { code } }) as const;
const ENTITY = 'partner';

/** Parses a partner (pure): the field's error code, or the partner with its lists sorted and deduplicated. */
export function parsePartner(input: PartnerInput): PartnerResult<ParsedPartner> {
  const parsed = partnerInputSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'name');
    return fail(FIELD_CODES[field] ?? 'partners.error.name');
  }
  const p = parsed.data;
  return { ok: true, value: { ...p, roles: normaliseRoles(p.roles), sdgs: uniqueSorted(p.sdgs) } };
}

export function columnsOf(p: ParsedPartner) {
  return {
    name: p.name,
    kind: p.kind,
    started_on: p.startedOn,
    ended_on: p.endedOn,
    website: p.website,
    description: p.description,
  };
}

type Columns = ReturnType<typeof columnsOf>;
interface Links {
  sdgs: readonly number[];
  roles: readonly { role: PartnerRole; detail: string | null }[];
}

const rolesText = (roles: Links['roles']) =>
  roles.map((r) => (r.detail ? `${r.role} (${r.detail})` : r.role)).join(', ') || null;

/** What the history compares: the columns, then the lists as text. */
function snapshotOf(row: Columns, links: Links): Record<string, string | number | null> {
  return { ...row, sdgs: links.sdgs.join(', ') || null, roles: rolesText(links.roles) };
}

function storedColumns(row: PartnerRow): Columns {
  return {
    name: row.name,
    kind: row.kind as Columns['kind'],
    started_on: row.started_on,
    ended_on: row.ended_on,
    website: row.website,
    description: row.description,
  };
}

async function storedLinks(db: Kysely<DB>, institutionId: string, id: string): Promise<Links> {
  const { sdgRows, roleRows } = await listPartnerLinkRows(db, institutionId, id);
  return {
    sdgs: sdgRows.map((r) => Number(r.sdg_number)),
    roles: normaliseRoles(roleRows.map((r) => ({ role: r.role as PartnerRole, detail: r.detail }))),
  };
}

/** The partner of the institution with this name (case, accents and punctuation ignored), other than `exceptId`. */
export async function findPartnerIdByName(
  db: Kysely<DB>,
  institutionId: string,
  name: string,
  exceptId?: string,
): Promise<string | undefined> {
  const wanted = fold(name);
  return (await listPartnerNames(db, institutionId)).find((p) => p.id !== exceptId && fold(p.name) === wanted)?.id;
}

/** Writes a parsed partner inside the caller's transaction, with its creation in the history (form, import, demo). */
export async function insertParsedPartner(
  trx: Kysely<DB>,
  user: Pick<SessionUser, 'id' | 'institutionId' | 'displayName'>,
  p: ParsedPartner,
  options: { isDemo?: boolean; actorLabel?: string } = {},
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await insertPartner(trx, {
    id,
    institution_id: user.institutionId,
    ...columnsOf(p),
    is_demo: options.isDemo ? 1 : 0,
    version: 1,
    created_by: user.id || null,
    created_at: now,
    updated_at: now,
  });
  await replacePartnerLinks(trx, id, p);
  await recordAudit(trx, {
    institutionId: user.institutionId,
    actor: { userId: user.id || null, label: options.actorLabel ?? user.displayName },
    entityType: ENTITY,
    entityId: id,
    operation: 'create',
    changes: diffFields({} as Record<string, unknown>, snapshotOf(columnsOf(p), p)),
  });
  return id;
}

/**
 * Writes new values over a stored partner inside the caller's transaction,
 * if it is still at `expectedVersion`; each changed field goes to the history.
 */
export async function updateParsedPartner(
  trx: Kysely<DB>,
  user: Pick<SessionUser, 'id' | 'institutionId' | 'displayName'>,
  id: string,
  expectedVersion: number,
  p: ParsedPartner,
): Promise<PartnerResult<{ version: number; changed: number }>> {
  const row = await findPartner(trx, user.institutionId, id);
  if (!row) return fail('partners.error.notFound');
  const changes: AuditChange[] = diffFields(
    snapshotOf(storedColumns(row), await storedLinks(trx, user.institutionId, id)),
    snapshotOf(columnsOf(p), p),
  );
  if (!(await updatePartnerRow(trx, id, expectedVersion, { ...columnsOf(p), updated_at: nowIso() }))) {
    return fail('partners.error.stale');
  }
  await replacePartnerLinks(trx, id, p);
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
}

/** Records a partner (officer, pilot); a name already used by another partner is refused. */
export async function createPartner(
  db: Kysely<DB>,
  user: SessionUser,
  input: PartnerInput,
): Promise<PartnerResult<{ id: string }>> {
  if (!canEditPartners(user)) return fail('partners.error.forbidden');
  const parsed = parsePartner(input);
  if (!parsed.ok) return parsed;
  if (await findPartnerIdByName(db, user.institutionId, parsed.value.name)) return fail('partners.error.duplicateName');
  const id = await db.transaction().execute((trx) => insertParsedPartner(trx, user, parsed.value));
  return { ok: true, value: { id } };
}

/** Saves a partner edited from `expectedVersion`: refused as stale when someone saved in between. */
export async function editPartner(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
  expectedVersion: number,
  input: PartnerInput,
): Promise<PartnerResult<{ version: number; changed: number }>> {
  if (!canEditPartners(user)) return fail('partners.error.forbidden');
  if (!(await findPartner(db, user.institutionId, id))) return fail('partners.error.notFound');
  const parsed = parsePartner(input);
  if (!parsed.ok) return parsed;
  if (await findPartnerIdByName(db, user.institutionId, parsed.value.name, id)) {
    return fail('partners.error.duplicateName');
  }
  return db.transaction().execute((trx) => updateParsedPartner(trx, user, id, expectedVersion, parsed.value));
}

/** Deletes a partner with its agreements and contacts (officer only), its values kept in the history. */
export async function deletePartner(db: Kysely<DB>, user: SessionUser, id: string): Promise<PartnerResult<null>> {
  if (!canDeletePartners(user)) return fail('partners.error.forbidden');
  return db.transaction().execute(async (trx): Promise<PartnerResult<null>> => {
    const row = await findPartner(trx, user.institutionId, id);
    if (!row) return fail('partners.error.notFound');
    const before = snapshotOf(storedColumns(row), await storedLinks(trx, user.institutionId, id));
    await deletePartnerRow(trx, id);
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
