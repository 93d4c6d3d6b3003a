/**
 * Programmes and courses as a CSV or XLSX file (teaching-file.ts gives the
 * columns): figures written from the stored integers with a decimal comma,
 * every text cell through the plan export's formula neutraliser. Every
 * signed-in user reads programmes, so every one may export them.
 */
import type { Kysely } from 'kysely';
import { isLocale, type Locale, translate } from '../../../i18n';
import type { DB } from '../../db/schema';
import { CONTENT_TYPES, formatMilli, type Row, toCsv, toXlsx } from '../api';
import type { SessionUser } from '../auth';
import { neutraliseCell } from '../plan-export';
import { academicYearLabel } from './teaching';
import { listProgrammesWithCourses } from './teaching.queries';
import { headingOf, TEACHING_FILE_COLUMNS, type TeachingFileColumn } from './teaching-file';

export const TEACHING_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type TeachingExportFormat = (typeof TEACHING_EXPORT_FORMATS)[number];

type ExportRow = Awaited<ReturnType<typeof listProgrammesWithCourses>>[number];

/** The export as a table: heading row then one row per course (or programme without course). Pure. */
export function teachingTable(rows: readonly ExportRow[], locale: Locale): Row[] {
  const t = (key: string) => translate(locale, key);
  const text = (v: string | null) => neutraliseCell(v ?? '');
  const year = (y: number | null) => (y === null ? '' : academicYearLabel(y));
  const flag = (v: number | null) => (v === null ? '' : t(v === 1 ? 'teaching.file.yes' : 'teaching.file.no'));
  const data = rows.map((r) => {
    const hasCourse = r.course_name !== null;
    const cells: Record<TeachingFileColumn, string> = {
      programme: text(r.programme_name),
      level: t(`teaching.level.${r.level}`),
      programmeDepartment: text(r.programme_department_short ?? r.programme_department_name),
      activeFrom: year(r.active_from_year),
      activeTo: year(r.active_to_year),
      studentCount: r.student_count === null ? '' : String(r.student_count),
      programmeRes: flag(r.programme_res),
      resSince: year(r.res_since_year),
      programmeEvidence: text(r.programme_evidence),
      programmeEvidenceUrl: text(r.programme_evidence_url),
      course: text(r.course_name),
      // Minutes to hours x 1000, written with a decimal comma ("1,5").
      hours: r.hours_minutes === null ? '' : formatMilli(Math.round((r.hours_minutes * 1000) / 60)),
      semester: text(r.semester),
      courseDepartment: text(r.course_department_short ?? r.course_department_name),
      courseRes: hasCourse ? flag(r.course_res) : '',
      courseEvidence: text(r.course_evidence),
      courseEvidenceUrl: text(r.course_evidence_url),
    };
    return TEACHING_FILE_COLUMNS.map((c) => cells[c]);
  });
  return [TEACHING_FILE_COLUMNS.map((c) => headingOf(c, locale)), ...data];
}

export interface TeachingExportFile {
  /** ASCII only: safe in a Content-Disposition header. */
  filename: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** The institution's programmes and courses as a file; headings in `options.locale`, else the user's language. */
export async function exportTeaching(
  db: Kysely<DB>,
  user: SessionUser,
  format: TeachingExportFormat,
  options: { locale?: Locale; now?: Date } = {},
): Promise<TeachingExportFile> {
  const locale = options.locale ?? (isLocale(user.locale) ? user.locale : 'fr');
  const table = teachingTable(await listProgrammesWithCourses(db, user.institutionId), locale);
  const day = (options.now ?? new Date()).toISOString().slice(0, 10);
  const base = translate(locale, 'teaching.export.file');
  const sheet = translate(locale, 'teaching.export.sheet');
  return {
    filename: `${base}-${day}.${format}`,
    contentType: CONTENT_TYPES[format],
    bytes: format === 'csv' ? toCsv(table) : toXlsx(sheet, table, sheet),
  };
}
