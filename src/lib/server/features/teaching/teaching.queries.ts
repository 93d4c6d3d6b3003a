import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import type { TeachingCourseTable, TeachingFeedbackTable, TeachingProgrammeTable } from './teaching.table';

export type ProgrammeRow = Selectable<TeachingProgrammeTable>;
export type CourseRow = Selectable<TeachingCourseTable>;

export async function insertProgramme(db: Kysely<DB>, row: Insertable<TeachingProgrammeTable>): Promise<void> {
  await db.insertInto('teaching_programme').values(row).execute();
}

export function findProgramme(db: Kysely<DB>, institutionId: string, id: string): Promise<ProgrammeRow | undefined> {
  return db
    .selectFrom('teaching_programme')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Names are matched as stored (the import trims them); one programme per name and institution. */
export function findProgrammeIdByName(db: Kysely<DB>, institutionId: string, name: string) {
  return db
    .selectFrom('teaching_programme')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('name', '=', name)
    .executeTakeFirst();
}

/** Updates a programme if it is still at `version`; returns the number of rows changed (0 = someone saved first). */
export async function updateProgrammeRow(
  db: Kysely<DB>,
  id: string,
  version: number,
  set: Updateable<TeachingProgrammeTable>,
): Promise<number> {
  const result = await db
    .updateTable('teaching_programme')
    .set(set)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteProgrammeRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('teaching_programme').where('id', '=', id).execute();
}

export interface ProgrammeFilters {
  level?: string;
  departmentId?: string;
  res?: boolean;
}

/** The institution's programmes by name, with their department and course counts, filtered. */
export function listProgrammeRows(db: Kysely<DB>, institutionId: string, filters: ProgrammeFilters = {}) {
  let query = db
    .selectFrom('teaching_programme as p')
    .leftJoin('org_unit as u', 'u.id', 'p.department_id')
    .select((eb) => [
      'p.id',
      'p.name',
      'p.level',
      'p.department_id',
      'p.active_from_year',
      'p.active_to_year',
      'p.student_count',
      'p.addresses_res',
      'p.res_since_year',
      'p.is_demo',
      'u.name as department_name',
      'u.short_name as department_short_name',
      eb
        .selectFrom('teaching_course as c')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .whereRef('c.programme_id', '=', 'p.id')
        .as('course_count'),
      eb
        .selectFrom('teaching_course as c')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .whereRef('c.programme_id', '=', 'p.id')
        .where('c.addresses_res', '=', 1)
        .as('res_course_count'),
    ])
    .where('p.institution_id', '=', institutionId);
  if (filters.level) query = query.where('p.level', '=', filters.level);
  if (filters.departmentId) query = query.where('p.department_id', '=', filters.departmentId);
  if (filters.res !== undefined) query = query.where('p.addresses_res', '=', filters.res ? 1 : 0);
  return query.orderBy('p.name').orderBy('p.id').execute();
}

/** What the RES rule needs of every programme of the institution (a few dozen rows). */
export function listProgrammeResFacts(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('teaching_programme')
    .select(['addresses_res', 'res_since_year', 'active_from_year', 'active_to_year'])
    .where('institution_id', '=', institutionId)
    .execute();
}

/** Every course with its programme's years, for the hours of RES courses. */
export function listCourseHoursFacts(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('teaching_course as c')
    .innerJoin('teaching_programme as p', 'p.id', 'c.programme_id')
    .select([
      'c.hours_minutes',
      'c.addresses_res',
      'c.active_from_year',
      'c.active_to_year',
      'p.active_from_year as programme_from_year',
      'p.active_to_year as programme_to_year',
    ])
    .where('c.institution_id', '=', institutionId)
    .execute();
}

export async function insertCourse(db: Kysely<DB>, row: Insertable<TeachingCourseTable>): Promise<void> {
  await db.insertInto('teaching_course').values(row).execute();
}

export function findCourse(db: Kysely<DB>, institutionId: string, id: string): Promise<CourseRow | undefined> {
  return db
    .selectFrom('teaching_course')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findCourseIdByName(db: Kysely<DB>, programmeId: string, name: string) {
  return db
    .selectFrom('teaching_course')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function updateCourseRow(
  db: Kysely<DB>,
  id: string,
  version: number,
  set: Updateable<TeachingCourseTable>,
): Promise<number> {
  const result = await db
    .updateTable('teaching_course')
    .set(set)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteCourseRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('teaching_course').where('id', '=', id).execute();
}

/** A programme's courses by semester then name, with their department. */
export function listCourseRowsOfProgramme(db: Kysely<DB>, programmeId: string) {
  return db
    .selectFrom('teaching_course as c')
    .leftJoin('org_unit as u', 'u.id', 'c.department_id')
    .selectAll('c')
    .select(['u.name as department_name'])
    .where('c.programme_id', '=', programmeId)
    .orderBy('c.semester')
    .orderBy('c.name')
    .orderBy('c.id')
    .execute();
}

export function findFeedback(db: Kysely<DB>, courseId: string, academicYear: number) {
  return db
    .selectFrom('teaching_feedback')
    .selectAll()
    .where('course_id', '=', courseId)
    .where('academic_year', '=', academicYear)
    .executeTakeFirst();
}

export async function insertFeedback(db: Kysely<DB>, row: Insertable<TeachingFeedbackTable>): Promise<void> {
  await db.insertInto('teaching_feedback').values(row).execute();
}

export async function updateFeedbackCounts(
  db: Kysely<DB>,
  id: string,
  set: Pick<Updateable<TeachingFeedbackTable>, 'enrolled' | 'respondents' | 'res_link_count' | 'is_demo'>,
): Promise<void> {
  await db.updateTable('teaching_feedback').set(set).where('id', '=', id).execute();
}

export async function deleteFeedbackRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('teaching_feedback').where('id', '=', id).execute();
}

/** Feedback of a programme's courses (or of one course), newest year first. */
export function listFeedbackRows(
  db: Kysely<DB>,
  institutionId: string,
  scope: { programmeId?: string; courseId?: string },
) {
  let query = db
    .selectFrom('teaching_feedback as f')
    .innerJoin('teaching_course as c', 'c.id', 'f.course_id')
    .select([
      'f.id',
      'f.course_id',
      'c.name as course_name',
      'f.academic_year',
      'f.enrolled',
      'f.respondents',
      'f.res_link_count',
      'f.is_demo',
    ])
    .where('f.institution_id', '=', institutionId);
  if (scope.programmeId) query = query.where('c.programme_id', '=', scope.programmeId);
  if (scope.courseId) query = query.where('f.course_id', '=', scope.courseId);
  return query.orderBy('f.academic_year', 'desc').orderBy('c.name').orderBy('f.id').execute();
}

export interface FeedbackTotals {
  academicYear: number;
  records: number;
  enrolled: number;
  respondents: number;
  /** Respondents of the records that asked about RES, and how many of them linked the course to RES. */
  askedRes: number;
  resLinks: number;
}

/** The institution's feedback summed per academic year, newest first (or for the given years only). */
export async function sumFeedbackByYear(
  db: Kysely<DB>,
  institutionId: string,
  years?: readonly number[],
): Promise<FeedbackTotals[]> {
  if (years && years.length === 0) return [];
  let query = db
    .selectFrom('teaching_feedback')
    .select((eb) => [
      'academic_year',
      eb.fn.countAll<number | string>().as('records'),
      eb.fn.sum<number | string>('enrolled').as('enrolled'),
      eb.fn.sum<number | string>('respondents').as('respondents'),
      eb.fn
        .sum<number | string | null>(
          eb.case().when('res_link_count', 'is not', null).then(eb.ref('respondents')).else(0).end(),
        )
        .as('asked_res'),
      eb.fn.sum<number | string | null>('res_link_count').as('res_links'),
    ])
    .where('institution_id', '=', institutionId);
  if (years) query = query.where('academic_year', 'in', [...years]);
  const rows = await query.groupBy('academic_year').orderBy('academic_year', 'desc').execute();
  // PostgreSQL returns sums of integers as bigint text; a sum over only nulls is null.
  return rows.map((r) => ({
    academicYear: Number(r.academic_year),
    records: Number(r.records),
    enrolled: Number(r.enrolled),
    respondents: Number(r.respondents),
    askedRes: Number(r.asked_res ?? 0),
    resLinks: Number(r.res_links ?? 0),
  }));
}

/** The institution's org units, teaching departments first, for the department lists. */
export function listDepartmentOptions(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'name', 'short_name'])
    .where('institution_id', '=', institutionId)
    .orderBy((eb) => eb.case().when('kind', '=', 'teaching_department').then(0).else(1).end())
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function isInstitutionUnit(db: Kysely<DB>, institutionId: string, unitId: string): Promise<boolean> {
  const row = await db
    .selectFrom('org_unit')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('id', '=', unitId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every programme with its courses (a programme without course gives one row with null course fields). */
export function listProgrammesWithCourses(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('teaching_programme as p')
    .leftJoin('teaching_course as c', 'c.programme_id', 'p.id')
    .leftJoin('org_unit as pu', 'pu.id', 'p.department_id')
    .leftJoin('org_unit as cu', 'cu.id', 'c.department_id')
    .select([
      'p.name as programme_name',
      'p.level',
      'pu.short_name as programme_department_short',
      'pu.name as programme_department_name',
      'p.active_from_year',
      'p.active_to_year',
      'p.student_count',
      'p.addresses_res as programme_res',
      'p.res_since_year',
      'p.res_evidence as programme_evidence',
      'p.res_evidence_url as programme_evidence_url',
      'c.name as course_name',
      'c.hours_minutes',
      'c.semester',
      'cu.short_name as course_department_short',
      'cu.name as course_department_name',
      'c.addresses_res as course_res',
      'c.res_evidence as course_evidence',
      'c.res_evidence_url as course_evidence_url',
    ])
    .where('p.institution_id', '=', institutionId)
    .orderBy('p.name')
    .orderBy('p.id')
    .orderBy('c.name')
    .orderBy('c.id')
    .execute();
}
