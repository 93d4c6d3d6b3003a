/**
 * Programmes and courses from a CSV or XLSX file (columns: teaching-file.ts),
 * through the shared record import: preview with a row-by-row report, then
 * all-or-nothing commit. One row per course with its programme's name.
 *
 * Programmes are matched by name (any case or accents): a new one is created
 * from the first row of the file that gives its level; an existing one is left
 * as it is (edits go through its page and its history), its columns ignored.
 * Courses are matched by name within their programme: a known course takes
 * the row's values, a new one is added. A row without course only creates its
 * programme.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { diffFields, recordAudit } from '../audit';
import { fold } from '../plan-import/cell-text';
import type { ImportNote, RecordImportSpec, RowOutcome } from '../record-import';
import { courseColumns, insertCourseWithAudit } from './courses.service';
import { insertProgrammeWithAudit, writerOf } from './programmes.service';
import { canEditTeaching, MAX_NAME_LENGTH } from './teaching';
import { findCourse, updateCourseRow } from './teaching.queries';
import { flagOfCell, headingsOf, levelOfCell, TEACHING_FILE_COLUMNS } from './teaching-file';
import { type CourseFields, courseInputSchema, type ProgrammeFields, programmeInputSchema } from './teaching-forms';

export interface TeachingImportRecord {
  programmeName: string;
  /** The programme's fields when the row gives its level; null otherwise. */
  programme: ProgrammeFields | null;
  course: CourseFields | null;
}

export interface TeachingImportContext {
  /** Existing programmes by folded name. */
  programmes: Map<string, string>;
  /** Existing courses by programme id, then folded name. */
  courses: Map<string, Map<string, string>>;
  /** Units by folded short name and by folded name. */
  units: Map<string, string>;
}

const note = (code: string, params?: Record<string, string | number>): ImportNote => ({ code, params });

function unitOf(cell: string, context: TeachingImportContext): string | null | undefined {
  if (cell === '') return null;
  return context.units.get(fold(cell));
}

/** Parses one row; programme fields only when a level is given. */
export function parseTeachingRow(
  cells: Record<string, string>,
  context: TeachingImportContext,
): RowOutcome<TeachingImportRecord> {
  const programmeName = cells.programme ?? '';
  const label = cells.course ? `${programmeName} / ${cells.course}` : programmeName;
  const reject = (code: string, params?: Record<string, string | number>) =>
    ({ status: 'rejected', error: note(code, params), label }) as const;
  if (programmeName === '' || programmeName.length > MAX_NAME_LENGTH) return reject('teaching.import.error.programme');

  let programme: ProgrammeFields | null = null;
  if (cells.level !== '') {
    const level = levelOfCell(cells.level ?? '');
    if (!level) return reject('teaching.import.error.level', { value: cells.level ?? '' });
    const departmentId = unitOf(cells.programmeDepartment ?? '', context);
    if (departmentId === undefined)
      return reject('teaching.import.error.department', { value: cells.programmeDepartment ?? '' });
    const res = flagOfCell(cells.programmeRes ?? '');
    if (res === undefined) return reject('teaching.import.error.flag', { value: cells.programmeRes ?? '' });
    const parsed = programmeInputSchema.safeParse({
      name: programmeName,
      level,
      departmentId: departmentId ?? '',
      activeFrom: cells.activeFrom,
      activeTo: cells.activeTo,
      studentCount: cells.studentCount,
      resSince: cells.resSince,
      addressesRes: res,
      resEvidence: cells.programmeEvidence,
      resEvidenceUrl: cells.programmeEvidenceUrl,
    });
    if (!parsed.success) {
      return reject(`teaching.error.${String(parsed.error.issues[0]?.path[0] ?? 'name')}`);
    }
    programme = parsed.data;
  }

  let course: CourseFields | null = null;
  if (cells.course !== '') {
    const departmentId = unitOf(cells.courseDepartment ?? '', context);
    if (departmentId === undefined)
      return reject('teaching.import.error.department', { value: cells.courseDepartment ?? '' });
    const res = flagOfCell(cells.courseRes ?? '');
    if (res === undefined) return reject('teaching.import.error.flag', { value: cells.courseRes ?? '' });
    const parsed = courseInputSchema.safeParse({
      name: cells.course,
      hours: cells.hours,
      semester: cells.semester,
      departmentId: departmentId ?? '',
      activeFrom: '',
      activeTo: '',
      addressesRes: res,
      resEvidence: cells.courseEvidence,
      resEvidenceUrl: cells.courseEvidenceUrl,
    });
    if (!parsed.success) {
      return reject(`teaching.error.${String(parsed.error.issues[0]?.path[0] ?? 'name')}`);
    }
    course = parsed.data;
  }

  const known = context.programmes.has(fold(programmeName));
  if (course === null && (programme === null || known)) {
    return { status: 'skipped', reason: note('teaching.import.skip.nothing'), label };
  }
  const record = { programmeName, programme, course };
  if (known && programme !== null) {
    return { status: 'valid', record, label, warning: note('teaching.import.warning.programmeKept') };
  }
  return { status: 'valid', record, label };
}

/**
 * Whole-file checks: a new programme needs one row giving its level; the same
 * course twice in the file is refused on its second row.
 */
export function checkTeachingRows(
  outcomes: RowOutcome<TeachingImportRecord>[],
  context: TeachingImportContext,
): RowOutcome<TeachingImportRecord>[] {
  const described = new Set<string>();
  for (const o of outcomes) {
    if (o.status === 'valid' && o.record.programme) described.add(fold(o.record.programmeName));
  }
  const seenCourses = new Set<string>();
  return outcomes.map((o) => {
    if (o.status !== 'valid') return o;
    const programmeKey = fold(o.record.programmeName);
    if (!context.programmes.has(programmeKey) && !described.has(programmeKey)) {
      return { status: 'rejected', error: note('teaching.import.error.newProgrammeLevel'), label: o.label };
    }
    if (o.record.course) {
      const key = `${programmeKey}\u0000${fold(o.record.course.name)}`;
      if (seenCourses.has(key)) {
        return { status: 'rejected', error: note('teaching.import.error.duplicateCourse'), label: o.label };
      }
      seenCourses.add(key);
    }
    return o;
  });
}

async function prepareContext(db: Kysely<DB>, institutionId: string): Promise<TeachingImportContext> {
  const [programmes, courses, units] = await Promise.all([
    db.selectFrom('teaching_programme').select(['id', 'name']).where('institution_id', '=', institutionId).execute(),
    db
      .selectFrom('teaching_course')
      .select(['id', 'name', 'programme_id'])
      .where('institution_id', '=', institutionId)
      .execute(),
    db
      .selectFrom('org_unit')
      .select(['id', 'name', 'short_name'])
      .where('institution_id', '=', institutionId)
      .execute(),
  ]);
  const context: TeachingImportContext = { programmes: new Map(), courses: new Map(), units: new Map() };
  for (const p of programmes) context.programmes.set(fold(p.name), p.id);
  for (const c of courses) {
    const byName = context.courses.get(c.programme_id) ?? new Map<string, string>();
    byName.set(fold(c.name), c.id);
    context.courses.set(c.programme_id, byName);
  }
  for (const u of units) context.units.set(fold(u.name), u.id);
  // Short names win over full names ("2ER" is a department, whatever another unit is called).
  for (const u of units) if (u.short_name) context.units.set(fold(u.short_name), u.id);
  return context;
}

export const TEACHING_IMPORT_SPEC: RecordImportSpec<
  TeachingImportRecord,
  TeachingImportContext,
  Record<string, never>
> = {
  sourceKind: 'teaching-programmes',
  columns: TEACHING_FILE_COLUMNS.map((key) => ({ key, headings: headingsOf(key), required: key === 'programme' })),
  paramsSchema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  canImport: canEditTeaching,
  prepare: async (db, user) => ({ ok: true, value: await prepareContext(db, user.institutionId) }),
  parseRow: (cells, context) => parseTeachingRow(cells, context),
  checkRows: checkTeachingRows,
  async commit(trx, user, records, context) {
    const writer = writerOf(user);
    const programmeIds = new Map(context.programmes);
    const courseIds = new Map<string, Map<string, string>>(
      [...context.courses].map(([programmeId, byName]) => [programmeId, new Map(byName)]),
    );
    let created = 0;
    let updated = 0;
    // New programmes first, from the row that describes them (checkRows guarantees one).
    for (const r of records) {
      const key = fold(r.programmeName);
      if (programmeIds.has(key) || !r.programme) continue;
      programmeIds.set(key, await insertProgrammeWithAudit(trx, writer, r.programme, { operation: 'import' }));
      created++;
    }
    for (const r of records) {
      if (!r.course) continue;
      const programmeId = programmeIds.get(fold(r.programmeName));
      if (!programmeId) throw new Error(`teaching import: programme ${r.programmeName} not created`);
      const byName = courseIds.get(programmeId) ?? new Map<string, string>();
      courseIds.set(programmeId, byName);
      const existingId = byName.get(fold(r.course.name));
      if (!existingId) {
        byName.set(
          fold(r.course.name),
          await insertCourseWithAudit(trx, writer, programmeId, r.course, { operation: 'import' }),
        );
        created++;
        continue;
      }
      const current = await findCourse(trx, user.institutionId, existingId);
      if (!current) throw new Error(`teaching import: course ${existingId} vanished`);
      // The stored name keeps its spelling: the file matched it without case or accents.
      const next = { ...courseColumns(r.course), name: current.name };
      const changes = diffFields(current, next);
      if (changes.length === 0) continue;
      await updateCourseRow(trx, existingId, current.version, {
        ...next,
        version: current.version + 1,
        updated_at: nowIso(),
      });
      await recordAudit(trx, {
        institutionId: user.institutionId,
        actor: writer.actor,
        entityType: 'teaching_course',
        entityId: existingId,
        operation: 'import',
        changes,
      });
      updated++;
    }
    return { created, updated };
  },
};
