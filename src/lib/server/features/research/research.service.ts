/** Recording, editing and deleting research projects, with their SDGs and partners, audited. */
import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type AuditChange, diffFields, recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import {
  canDeleteProjects,
  canEditProjects,
  type ParsedProject,
  type ProjectInput,
  projectInputSchema,
} from './research';
import {
  countInstitutionPartners,
  deleteProjectRow,
  findProject,
  insertProject,
  isInstitutionPerson,
  isResearchUnit,
  listProjectPartnerRows,
  listProjectSdgRows,
  type ProjectRow,
  replaceProjectPartners,
  replaceProjectSdgs,
  updateProjectRow,
} from './research.queries';

export type ProjectErrorCode =
  | 'research.project.error.forbidden'
  | 'research.project.error.notFound'
  | 'research.project.error.stale'
  | 'research.project.error.title'
  | 'research.project.error.acronym'
  | 'research.project.error.team'
  | 'research.project.error.teamText'
  | 'research.project.error.lead'
  | 'research.project.error.startDate'
  | 'research.project.error.endDate'
  | 'research.project.error.funder'
  | 'research.project.error.programme'
  | 'research.project.error.amount'
  | 'research.project.error.description'
  | 'research.project.error.sdgs'
  | 'research.project.error.partners'
  | 'research.project.error.freePartners';

export type ProjectResult<T> = { ok: true; value: T } | { ok: false; error: { code: ProjectErrorCode } };

const FIELD_CODES: Record<string, ProjectErrorCode> = {
  title: 'research.project.error.title',
  acronym: 'research.project.error.acronym',
  teamUnitId: 'research.project.error.team',
  teamText: 'research.project.error.teamText',
  leadPersonId: 'research.project.error.lead',
  startDate: 'research.project.error.startDate',
  endDate: 'research.project.error.endDate',
  funder: 'research.project.error.funder',
  programme: 'research.project.error.programme',
  amountCents: 'research.project.error.amount',
  description: 'research.project.error.description',
  sdgs: 'research.project.error.sdgs',
  partnerIds: 'research.project.error.partners',
  freePartners: 'research.project.error.freePartners',
};

const fail = (code: ProjectErrorCode) => ({ ok: false, error: { code } }) as const;

/** Parses the input and checks that its team, lead and partners belong to the institution. */
async function checkInput(
  db: Kysely<DB>,
  user: SessionUser,
  input: ProjectInput,
): Promise<ProjectResult<ParsedProject>> {
  const parsed = projectInputSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'title');
    return fail(FIELD_CODES[field] ?? 'research.project.error.title');
  }
  const p = parsed.data;
  if (p.teamUnitId && !(await isResearchUnit(db, user.institutionId, p.teamUnitId))) {
    return fail('research.project.error.team');
  }
  if (p.leadPersonId && !(await isInstitutionPerson(db, user.institutionId, p.leadPersonId))) {
    return fail('research.project.error.lead');
  }
  const partnerIds = [...new Set(p.partnerIds)];
  if ((await countInstitutionPartners(db, user.institutionId, partnerIds)) !== partnerIds.length) {
    return fail('research.project.error.partners');
  }
  return { ok: true, value: { ...p, partnerIds, sdgs: [...new Set(p.sdgs)].sort((a, b) => a - b) } };
}

function columnsOf(p: ParsedProject) {
  return {
    title: p.title,
    acronym: p.acronym,
    team_unit_id: p.teamUnitId,
    team_text: p.teamText,
    lead_person_id: p.leadPersonId,
    start_date: p.startDate,
    end_date: p.endDate,
    funder: p.funder,
    programme: p.programme,
    amount_cents: p.amountCents,
    description: p.description,
  };
}

/** What the history compares: the columns, then SDGs and partners as text. */
function snapshotOf(
  row: ReturnType<typeof columnsOf>,
  sdgs: readonly number[],
  partners: { ids: readonly string[]; names: readonly string[] },
): Record<string, string | number | null> {
  return {
    ...row,
    sdgs: sdgs.join(', ') || null,
    partner_ids: partners.ids.join(', ') || null,
    free_partners: partners.names.join('; ') || null,
  };
}

function partnersOf(p: ParsedProject) {
  return [...p.partnerIds.map((partnerId) => ({ partnerId })), ...p.freePartners.map((name) => ({ name }))];
}

/** Records a project (officer, pilot, contributor) with its SDGs and partners, and its creation in the history. */
export async function createProject(
  db: Kysely<DB>,
  user: SessionUser,
  input: ProjectInput,
  options: { isDemo?: boolean } = {},
): Promise<ProjectResult<{ id: string }>> {
  if (!canEditProjects(user)) return fail('research.project.error.forbidden');
  const checked = await checkInput(db, user, input);
  if (!checked.ok) return checked;
  const p = checked.value;
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await insertProject(trx, {
      id,
      institution_id: user.institutionId,
      ...columnsOf(p),
      is_demo: options.isDemo ? 1 : 0,
      version: 1,
      created_by: user.id,
      created_at: now,
      updated_at: now,
    });
    await replaceProjectSdgs(trx, id, p.sdgs);
    await replaceProjectPartners(trx, id, partnersOf(p), newId);
    const after = snapshotOf(columnsOf(p), p.sdgs, { ids: p.partnerIds, names: p.freePartners });
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'research_project',
      entityId: id,
      operation: 'create',
      changes: diffFields({} as Record<string, unknown>, after),
    });
  });
  return { ok: true, value: { id } };
}

/** The project's SDGs and partners as stored. */
async function linksOf(db: Kysely<DB>, institutionId: string, id: string) {
  const [sdgRows, mine] = await Promise.all([
    listProjectSdgRows(db, institutionId, id),
    listProjectPartnerRows(db, institutionId, id),
  ]);
  return {
    sdgs: sdgRows.map((r) => r.sdg_number),
    ids: mine.flatMap((r) => (r.partner_id ? [r.partner_id] : [])),
    names: mine.flatMap((r) => (r.partner_name ? [r.partner_name] : [])),
  };
}

function storedColumns(row: ProjectRow): ReturnType<typeof columnsOf> {
  return {
    title: row.title,
    acronym: row.acronym,
    team_unit_id: row.team_unit_id,
    team_text: row.team_text,
    lead_person_id: row.lead_person_id,
    start_date: row.start_date,
    end_date: row.end_date,
    funder: row.funder,
    programme: row.programme,
    amount_cents: row.amount_cents,
    description: row.description,
  };
}

/**
 * Saves a project edited from `expectedVersion`: refused as stale when someone
 * saved in between; each changed field goes to the history.
 */
export async function editProject(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
  expectedVersion: number,
  input: ProjectInput,
): Promise<ProjectResult<{ version: number; changed: number }>> {
  if (!canEditProjects(user)) return fail('research.project.error.forbidden');
  if (!(await findProject(db, user.institutionId, id))) return fail('research.project.error.notFound');
  const checked = await checkInput(db, user, input);
  if (!checked.ok) return checked;
  const p = checked.value;
  return db.transaction().execute(async (trx): Promise<ProjectResult<{ version: number; changed: number }>> => {
    const row = await findProject(trx, user.institutionId, id);
    if (!row) return fail('research.project.error.notFound');
    const links = await linksOf(trx, user.institutionId, id);
    const changes: AuditChange[] = diffFields(
      snapshotOf(storedColumns(row), links.sdgs, links),
      snapshotOf(columnsOf(p), p.sdgs, { ids: p.partnerIds, names: p.freePartners }),
    );
    if (!(await updateProjectRow(trx, id, expectedVersion, { ...columnsOf(p), updated_at: nowIso() }))) {
      return fail('research.project.error.stale');
    }
    await replaceProjectSdgs(trx, id, p.sdgs);
    await replaceProjectPartners(trx, id, partnersOf(p), newId);
    if (changes.length > 0) {
      await recordAudit(trx, {
        institutionId: user.institutionId,
        actor: { userId: user.id, label: user.displayName },
        entityType: 'research_project',
        entityId: id,
        operation: 'update',
        changes,
      });
    }
    return { ok: true, value: { version: expectedVersion + 1, changed: changes.length } };
  });
}

/** Deletes a project (officer only), its values kept in the history. */
export async function deleteProject(db: Kysely<DB>, user: SessionUser, id: string): Promise<ProjectResult<null>> {
  if (!canDeleteProjects(user)) return fail('research.project.error.forbidden');
  return db.transaction().execute(async (trx): Promise<ProjectResult<null>> => {
    const row = await findProject(trx, user.institutionId, id);
    if (!row) return fail('research.project.error.notFound');
    const links = await linksOf(trx, user.institutionId, id);
    const before = snapshotOf(storedColumns(row), links.sdgs, links);
    await deleteProjectRow(trx, id);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'research_project',
      entityId: id,
      operation: 'delete',
      changes: Object.entries(before)
        .filter(([, v]) => v !== null)
        .map(([field, v]) => ({ field, before: String(v), after: null })),
    });
    return { ok: true, value: null };
  });
}
