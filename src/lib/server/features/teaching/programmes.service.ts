import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type Actor, type AuditEntry, diffFields, listAuditForEntity, recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import {
  academicYearOfDate,
  canDeleteTeaching,
  canEditTeaching,
  RES_PROGRAMME_TARGET_PERCENT,
  type ResShare,
  resShareIn,
  suggestsResMarking,
  TEACHING_LEVELS,
} from './teaching';
import {
  deleteProgrammeRow,
  type FeedbackTotals,
  findProgramme,
  findProgrammeIdByName,
  insertProgramme,
  isInstitutionUnit,
  listCourseRowsOfProgramme,
  listDepartmentOptions,
  listFeedbackRows,
  listProgrammeResFacts,
  listProgrammeRows,
  type ProgrammeFilters,
  type ProgrammeRow,
  sumFeedbackByYear,
  updateProgrammeRow,
} from './teaching.queries';
import { errorCodeOf, type ProgrammeFields, type ProgrammeInput, programmeInputSchema } from './teaching-forms';

/** Codes are i18n keys: `teaching.error.<field>` for a field, or one of the fixed ones. */
export type TeachingResult<T> = { ok: true; value: T } | { ok: false; error: { code: string } };

export const FORBIDDEN = 'teaching.error.forbidden';
export const NOT_FOUND = 'teaching.error.notFound';
export const CONFLICT = 'teaching.error.conflict';
export const DUPLICATE_NAME = 'teaching.error.duplicateName';

export const actorOf = (user: SessionUser): Actor => ({ userId: user.id, label: user.displayName });

/** Who writes: a signed-in user, or the demo loader (no user). */
export interface Writer {
  institutionId: string;
  userId: string | null;
  actor: Actor;
}

export const writerOf = (user: SessionUser): Writer => ({
  institutionId: user.institutionId,
  userId: user.id,
  actor: actorOf(user),
});
const refuse = (code: string) => ({ ok: false, error: { code } }) as const;

/** How many academic years the overview shows the share for, the current one included. */
export const SHARE_YEARS_SHOWN = 5;

/** The stored columns of a programme's form fields. */
function programmeColumns(p: ProgrammeFields) {
  return {
    name: p.name,
    level: p.level,
    department_id: p.departmentId,
    active_from_year: p.activeFromYear,
    active_to_year: p.activeToYear,
    student_count: p.studentCount,
    addresses_res: p.addressesRes ? 1 : 0,
    res_since_year: p.resSinceYear,
    res_evidence: p.resEvidence,
    res_evidence_url: p.resEvidenceUrl,
  };
}

/** Parses a programme's fields and checks its department belongs to the institution. */
export async function parseProgramme(
  db: Kysely<DB>,
  institutionId: string,
  input: ProgrammeInput,
): Promise<TeachingResult<ProgrammeFields>> {
  const parsed = programmeInputSchema.safeParse(input);
  if (!parsed.success) return refuse(errorCodeOf(parsed.error, 'name'));
  const p = parsed.data;
  if (p.departmentId && !(await isInstitutionUnit(db, institutionId, p.departmentId))) {
    return refuse('teaching.error.departmentId');
  }
  return { ok: true, value: p };
}

/** Writes a new programme and its audit event in the caller's transaction; the name must be free. */
export async function insertProgrammeWithAudit(
  trx: Kysely<DB>,
  writer: Writer,
  p: ProgrammeFields,
  options: { isDemo?: boolean; operation?: 'create' | 'import' } = {},
): Promise<string> {
  const id = newId();
  const now = nowIso();
  const columns = programmeColumns(p);
  await insertProgramme(trx, {
    id,
    institution_id: writer.institutionId,
    ...columns,
    is_demo: options.isDemo ? 1 : 0,
    version: 1,
    created_by: writer.userId,
    created_at: now,
    updated_at: now,
  });
  await recordAudit(trx, {
    institutionId: writer.institutionId,
    actor: writer.actor,
    entityType: 'teaching_programme',
    entityId: id,
    operation: options.operation ?? 'create',
    changes: diffFields({}, columns),
  });
  return id;
}

/** Records a programme (admin, pilot, contributor); its name is unique within the institution. */
export async function createProgramme(
  db: Kysely<DB>,
  user: SessionUser,
  input: ProgrammeInput,
): Promise<TeachingResult<{ id: string }>> {
  if (!canEditTeaching(user)) return refuse(FORBIDDEN);
  const parsed = await parseProgramme(db, user.institutionId, input);
  if (!parsed.ok) return parsed;
  return db.transaction().execute(async (trx) => {
    if (await findProgrammeIdByName(trx, user.institutionId, parsed.value.name)) return refuse(DUPLICATE_NAME);
    return { ok: true, value: { id: await insertProgrammeWithAudit(trx, writerOf(user), parsed.value) } } as const;
  });
}

/**
 * Saves an edit of a programme, refused when someone saved it since the form
 * was opened (the version moved); every changed field goes to the history.
 */
export async function editProgramme(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
  input: ProgrammeInput,
  expectedVersion: number,
): Promise<TeachingResult<{ version: number; changed: number }>> {
  if (!canEditTeaching(user)) return refuse(FORBIDDEN);
  const parsed = await parseProgramme(db, user.institutionId, input);
  if (!parsed.ok) return parsed;
  return db.transaction().execute(async (trx) => {
    const current = await findProgramme(trx, user.institutionId, id);
    if (!current) return refuse(NOT_FOUND);
    if (current.version !== expectedVersion) return refuse(CONFLICT);
    const next = programmeColumns(parsed.value);
    if (next.name !== current.name) {
      const other = await findProgrammeIdByName(trx, user.institutionId, next.name);
      if (other && other.id !== id) return refuse(DUPLICATE_NAME);
    }
    const changes = diffFields(current, next);
    if (changes.length === 0) return { ok: true, value: { version: current.version, changed: 0 } } as const;
    const version = current.version + 1;
    const updated = await updateProgrammeRow(trx, id, current.version, { ...next, version, updated_at: nowIso() });
    if (updated !== 1) return refuse(CONFLICT);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'teaching_programme',
      entityId: id,
      operation: 'update',
      changes,
    });
    return { ok: true, value: { version, changed: changes.length } } as const;
  });
}

/** Deletes a programme with its courses and their feedback (admin only); its values stay in the history. */
export async function deleteProgramme(db: Kysely<DB>, user: SessionUser, id: string): Promise<TeachingResult<null>> {
  if (!canDeleteTeaching(user)) return refuse(FORBIDDEN);
  return db.transaction().execute(async (trx) => {
    const current = await findProgramme(trx, user.institutionId, id);
    if (!current) return refuse(NOT_FOUND);
    await deleteProgrammeRow(trx, id);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'teaching_programme',
      entityId: id,
      operation: 'delete',
      changes: diffFields<Record<string, unknown>>(current, {
        name: null,
        level: null,
        addresses_res: null,
        res_evidence: null,
      }),
    });
    return { ok: true, value: null } as const;
  });
}

/** A stored programme as form fields (the edit form's starting values). */
export function programmeFieldsOf(row: ProgrammeRow): ProgrammeFields {
  return {
    name: row.name,
    level: row.level as ProgrammeFields['level'],
    departmentId: row.department_id,
    activeFromYear: row.active_from_year,
    activeToYear: row.active_to_year,
    studentCount: row.student_count,
    addressesRes: row.addresses_res === 1,
    resSinceYear: row.res_since_year,
    resEvidence: row.res_evidence,
    resEvidenceUrl: row.res_evidence_url,
  };
}

export interface ProgrammeListItem {
  id: string;
  name: string;
  level: string;
  departmentName: string | null;
  activeFromYear: number | null;
  activeToYear: number | null;
  studentCount: number | null;
  addressesRes: boolean;
  courseCount: number;
  resCourseCount: number;
  isDemo: boolean;
  suggestsMarking: boolean;
}

export interface TeachingOverview {
  canEdit: boolean;
  canDelete: boolean;
  filters: ProgrammeFilters;
  programmes: ProgrammeListItem[];
  /** Share of programmes addressing RES per academic year, newest first, over all programmes (filters aside). */
  shares: ResShare[];
  targetPercent: number;
  currentYear: number;
  feedback: FeedbackTotals[];
  levels: readonly string[];
  departments: { id: string; name: string; shortName: string | null }[];
}

/** The /teaching page: filtered programmes, the RES share per academic year with the plan's target, feedback. */
export async function getTeachingOverview(
  db: Kysely<DB>,
  user: SessionUser,
  filters: ProgrammeFilters,
  today: string,
): Promise<TeachingOverview> {
  const currentYear = academicYearOfDate(today);
  const [rows, facts, feedback, departments] = await Promise.all([
    listProgrammeRows(db, user.institutionId, filters),
    listProgrammeResFacts(db, user.institutionId),
    sumFeedbackByYear(db, user.institutionId),
    listDepartmentOptions(db, user.institutionId),
  ]);
  const programmeFacts = facts.map((f) => ({
    addressesRes: f.addresses_res === 1,
    resSinceYear: f.res_since_year,
    activeFromYear: f.active_from_year,
    activeToYear: f.active_to_year,
  }));
  const shares: ResShare[] = [];
  for (let y = currentYear; y > currentYear - SHARE_YEARS_SHOWN; y--) shares.push(resShareIn(programmeFacts, y));
  return {
    canEdit: canEditTeaching(user),
    canDelete: canDeleteTeaching(user),
    filters,
    programmes: rows.map((r) => {
      const resCourseCount = Number(r.res_course_count ?? 0);
      return {
        id: r.id,
        name: r.name,
        level: r.level,
        departmentName: r.department_short_name ?? r.department_name,
        activeFromYear: r.active_from_year,
        activeToYear: r.active_to_year,
        studentCount: r.student_count,
        addressesRes: r.addresses_res === 1,
        courseCount: Number(r.course_count ?? 0),
        resCourseCount,
        isDemo: r.is_demo === 1,
        suggestsMarking: r.addresses_res !== 1 && resCourseCount > 0,
      };
    }),
    shares,
    targetPercent: RES_PROGRAMME_TARGET_PERCENT,
    currentYear,
    feedback,
    levels: TEACHING_LEVELS,
    departments: departments.map((d) => ({ id: d.id, name: d.name, shortName: d.short_name })),
  };
}

export interface ProgrammePage {
  canEdit: boolean;
  canDelete: boolean;
  programme: ProgrammeRow & { departmentName: string | null };
  fields: ProgrammeFields;
  courses: Awaited<ReturnType<typeof listCourseRowsOfProgramme>>;
  feedback: Awaited<ReturnType<typeof listFeedbackRows>>;
  suggestsMarking: boolean;
  history: AuditEntry[];
  departments: { id: string; name: string; shortName: string | null }[];
}

/** A programme of the institution with its courses, feedback and history; undefined when not found. */
export async function getProgrammePage(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
): Promise<ProgrammePage | undefined> {
  const programme = await findProgramme(db, user.institutionId, id);
  if (!programme) return undefined;
  const [courses, feedback, history, departments] = await Promise.all([
    listCourseRowsOfProgramme(db, id),
    listFeedbackRows(db, user.institutionId, { programmeId: id }),
    listAuditForEntity(db, 'teaching_programme', id),
    listDepartmentOptions(db, user.institutionId),
  ]);
  const departmentOptions = departments.map((d) => ({ id: d.id, name: d.name, shortName: d.short_name }));
  const department = departmentOptions.find((d) => d.id === programme.department_id);
  return {
    canEdit: canEditTeaching(user),
    canDelete: canDeleteTeaching(user),
    programme: { ...programme, departmentName: department ? department.name : null },
    fields: programmeFieldsOf(programme),
    courses,
    feedback,
    suggestsMarking: suggestsResMarking(
      { addressesRes: programme.addresses_res === 1 },
      courses.map((c) => ({ addressesRes: c.addresses_res === 1 })),
    ),
    history,
    departments: departmentOptions,
  };
}

/** Department options for the new-programme form. */
export async function listDepartments(db: Kysely<DB>, user: SessionUser) {
  const rows = await listDepartmentOptions(db, user.institutionId);
  return rows.map((d) => ({ id: d.id, name: d.name, shortName: d.short_name }));
}
