import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type AuditEntry, diffFields, listAuditForEntity, recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import {
  actorOf,
  CONFLICT,
  DUPLICATE_NAME,
  FORBIDDEN,
  NOT_FOUND,
  type TeachingResult,
  type Writer,
  writerOf,
} from './programmes.service';
import { canDeleteTeaching, canEditTeaching } from './teaching';
import {
  type CourseRow,
  deleteCourseRow,
  findCourse,
  findCourseIdByName,
  findFeedback,
  findProgramme,
  insertCourse,
  insertFeedback,
  isInstitutionUnit,
  listDepartmentOptions,
  listFeedbackRows,
  type ProgrammeRow,
  updateCourseRow,
  updateFeedbackCounts,
} from './teaching.queries';
import {
  type CourseFields,
  type CourseInput,
  courseInputSchema,
  errorCodeOf,
  type FeedbackFields,
  type FeedbackInput,
  feedbackInputSchema,
} from './teaching-forms';

const refuse = (code: string) => ({ ok: false, error: { code } }) as const;

export function courseColumns(c: CourseFields) {
  return {
    name: c.name,
    hours_minutes: c.hoursMinutes,
    semester: c.semester,
    department_id: c.departmentId,
    active_from_year: c.activeFromYear,
    active_to_year: c.activeToYear,
    addresses_res: c.addressesRes ? 1 : 0,
    res_evidence: c.resEvidence,
    res_evidence_url: c.resEvidenceUrl,
  };
}

/** Parses a course's fields and checks its department belongs to the institution. */
export async function parseCourse(
  db: Kysely<DB>,
  institutionId: string,
  input: CourseInput,
): Promise<TeachingResult<CourseFields>> {
  const parsed = courseInputSchema.safeParse(input);
  if (!parsed.success) return refuse(errorCodeOf(parsed.error, 'name'));
  const c = parsed.data;
  if (c.departmentId && !(await isInstitutionUnit(db, institutionId, c.departmentId))) {
    return refuse('teaching.error.departmentId');
  }
  return { ok: true, value: c };
}

/** Writes a new course and its audit event in the caller's transaction; its name must be free in the programme. */
export async function insertCourseWithAudit(
  trx: Kysely<DB>,
  writer: Writer,
  programmeId: string,
  c: CourseFields,
  options: { isDemo?: boolean; operation?: 'create' | 'import' } = {},
): Promise<string> {
  const id = newId();
  const now = nowIso();
  const columns = courseColumns(c);
  await insertCourse(trx, {
    id,
    institution_id: writer.institutionId,
    programme_id: programmeId,
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
    entityType: 'teaching_course',
    entityId: id,
    operation: options.operation ?? 'create',
    changes: diffFields<Record<string, unknown>>({ programme_id: null }, { programme_id: programmeId, ...columns }),
  });
  return id;
}

/** Adds a course to a programme of the institution (admin, pilot, contributor). */
export async function addCourse(
  db: Kysely<DB>,
  user: SessionUser,
  programmeId: string,
  input: CourseInput,
): Promise<TeachingResult<{ id: string }>> {
  if (!canEditTeaching(user)) return refuse(FORBIDDEN);
  if (!(await findProgramme(db, user.institutionId, programmeId))) return refuse(NOT_FOUND);
  const parsed = await parseCourse(db, user.institutionId, input);
  if (!parsed.ok) return parsed;
  return db.transaction().execute(async (trx) => {
    if (await findCourseIdByName(trx, programmeId, parsed.value.name)) return refuse(DUPLICATE_NAME);
    return {
      ok: true,
      value: { id: await insertCourseWithAudit(trx, writerOf(user), programmeId, parsed.value) },
    } as const;
  });
}

/** Saves an edit of a course, refused when someone saved it first; the changes go to the history. */
export async function editCourse(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
  input: CourseInput,
  expectedVersion: number,
): Promise<TeachingResult<{ version: number; changed: number }>> {
  if (!canEditTeaching(user)) return refuse(FORBIDDEN);
  const parsed = await parseCourse(db, user.institutionId, input);
  if (!parsed.ok) return parsed;
  return db.transaction().execute(async (trx) => {
    const current = await findCourse(trx, user.institutionId, id);
    if (!current) return refuse(NOT_FOUND);
    if (current.version !== expectedVersion) return refuse(CONFLICT);
    const next = courseColumns(parsed.value);
    if (next.name !== current.name) {
      const other = await findCourseIdByName(trx, current.programme_id, next.name);
      if (other && other.id !== id) return refuse(DUPLICATE_NAME);
    }
    const changes = diffFields(current, next);
    if (changes.length === 0) return { ok: true, value: { version: current.version, changed: 0 } } as const;
    const version = current.version + 1;
    if ((await updateCourseRow(trx, id, current.version, { ...next, version, updated_at: nowIso() })) !== 1) {
      return refuse(CONFLICT);
    }
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'teaching_course',
      entityId: id,
      operation: 'update',
      changes,
    });
    return { ok: true, value: { version, changed: changes.length } } as const;
  });
}

/** Deletes a course and its feedback (admin only); returns its programme for the redirect. */
export async function deleteCourse(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
): Promise<TeachingResult<{ programmeId: string }>> {
  if (!canDeleteTeaching(user)) return refuse(FORBIDDEN);
  return db.transaction().execute(async (trx) => {
    const current = await findCourse(trx, user.institutionId, id);
    if (!current) return refuse(NOT_FOUND);
    await deleteCourseRow(trx, id);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'teaching_course',
      entityId: id,
      operation: 'delete',
      changes: diffFields<Record<string, unknown>>(current, {
        name: null,
        programme_id: null,
        hours_minutes: null,
        addresses_res: null,
      }),
    });
    return { ok: true, value: { programmeId: current.programme_id } } as const;
  });
}

/**
 * Writes a course's feedback for an academic year in the caller's transaction:
 * a second record for the same course and year replaces the first.
 */
export async function writeFeedback(
  trx: Kysely<DB>,
  writer: Writer,
  courseId: string,
  f: FeedbackFields,
  options: { isDemo?: boolean } = {},
): Promise<{ id: string; replaced: boolean }> {
  const existing = await findFeedback(trx, courseId, f.academicYear);
  const counts = { enrolled: f.enrolled, respondents: f.respondents, res_link_count: f.resLinkCount };
  const id = existing?.id ?? newId();
  const isDemo = options.isDemo ? 1 : 0;
  if (existing) await updateFeedbackCounts(trx, id, { ...counts, is_demo: isDemo });
  else {
    await insertFeedback(trx, {
      id,
      institution_id: writer.institutionId,
      course_id: courseId,
      academic_year: f.academicYear,
      ...counts,
      is_demo: isDemo,
      created_by: writer.userId,
      created_at: nowIso(),
    });
  }
  const before: Record<string, unknown> = existing ?? { course_id: null, academic_year: null };
  await recordAudit(trx, {
    institutionId: writer.institutionId,
    actor: writer.actor,
    entityType: 'teaching_feedback',
    entityId: id,
    operation: existing ? 'update' : 'create',
    changes: diffFields(before, { course_id: courseId, academic_year: f.academicYear, ...counts }),
  });
  return { id, replaced: existing !== undefined };
}

/**
 * Records students' feedback on a course for an academic year (admin, pilot,
 * contributor): enrolled, respondents and, when the survey asked, how many
 * linked the course to RES. A second record for the same year replaces the first.
 */
export async function recordFeedback(
  db: Kysely<DB>,
  user: SessionUser,
  courseId: string,
  input: FeedbackInput,
): Promise<TeachingResult<{ id: string; replaced: boolean }>> {
  if (!canEditTeaching(user)) return refuse(FORBIDDEN);
  const parsed = feedbackInputSchema.safeParse(input);
  if (!parsed.success) return refuse(errorCodeOf(parsed.error, 'academicYear'));
  return db.transaction().execute(async (trx) => {
    if (!(await findCourse(trx, user.institutionId, courseId))) return refuse(NOT_FOUND);
    return { ok: true, value: await writeFeedback(trx, writerOf(user), courseId, parsed.data) } as const;
  });
}

export interface CoursePage {
  canEdit: boolean;
  canDelete: boolean;
  course: CourseRow;
  programme: ProgrammeRow;
  fields: CourseFields;
  feedback: Awaited<ReturnType<typeof listFeedbackRows>>;
  history: AuditEntry[];
  departments: { id: string; name: string; shortName: string | null }[];
}

/** A course of the institution with its programme, feedback and history; undefined when not found. */
export async function getCoursePage(db: Kysely<DB>, user: SessionUser, id: string): Promise<CoursePage | undefined> {
  const course = await findCourse(db, user.institutionId, id);
  if (!course) return undefined;
  const [programme, feedback, history, departments] = await Promise.all([
    findProgramme(db, user.institutionId, course.programme_id),
    listFeedbackRows(db, user.institutionId, { courseId: id }),
    listAuditForEntity(db, 'teaching_course', id),
    listDepartmentOptions(db, user.institutionId),
  ]);
  if (!programme) return undefined;
  return {
    canEdit: canEditTeaching(user),
    canDelete: canDeleteTeaching(user),
    course,
    programme,
    fields: {
      name: course.name,
      hoursMinutes: course.hours_minutes,
      semester: course.semester,
      departmentId: course.department_id,
      activeFromYear: course.active_from_year,
      activeToYear: course.active_to_year,
      addressesRes: course.addresses_res === 1,
      resEvidence: course.res_evidence,
      resEvidenceUrl: course.res_evidence_url,
    },
    feedback,
    history,
    departments: departments.map((d) => ({ id: d.id, name: d.name, shortName: d.short_name })),
  };
}
