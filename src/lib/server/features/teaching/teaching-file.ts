/**
 * The columns of a programmes-and-courses file, shared by the export and the
 * import so that an exported file imports back: one row per course with its
 * programme's columns (a programme without course gives one row without
 * course). Headings are `teaching.file.column.<key>` in the reader's language;
 * the import accepts the French and the English heading. Pure.
 */
import { catalogues, type Locale, translate } from '../../../i18n';
import { fold } from '../plan-import/cell-text';
import { TEACHING_LEVELS, type TeachingLevel } from './teaching';

export const TEACHING_FILE_COLUMNS = [
  'programme',
  'level',
  'programmeDepartment',
  'activeFrom',
  'activeTo',
  'studentCount',
  'programmeRes',
  'resSince',
  'programmeEvidence',
  'programmeEvidenceUrl',
  'course',
  'hours',
  'semester',
  'courseDepartment',
  'courseRes',
  'courseEvidence',
  'courseEvidenceUrl',
] as const;
export type TeachingFileColumn = (typeof TEACHING_FILE_COLUMNS)[number];

export function headingOf(column: TeachingFileColumn, locale: Locale): string {
  return translate(locale, `teaching.file.column.${column}`);
}

/** The French and English headings of a column, as the import matches them. */
export function headingsOf(column: TeachingFileColumn): string[] {
  const key = `teaching.file.column.${column}`;
  return [catalogues.fr[key] ?? key, catalogues.en[key] ?? key];
}

const YES = new Set(['oui', 'o', 'yes', 'y', '1', 'x', 'vrai', 'true']);
const NO = new Set(['non', 'n', 'no', '0', 'faux', 'false', '']);

/** "oui" / "yes" / "x" -> true, "non" / "no" / empty -> false, anything else undefined. */
export function flagOfCell(cell: string): boolean | undefined {
  const text = fold(cell);
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  return undefined;
}

/** A level written as its key or its French or English label, any case or accents. */
export function levelOfCell(cell: string): TeachingLevel | undefined {
  const text = fold(cell);
  return TEACHING_LEVELS.find(
    (level) =>
      fold(level) === text ||
      fold(catalogues.fr[`teaching.level.${level}`] ?? '') === text ||
      fold(catalogues.en[`teaching.level.${level}`] ?? '') === text,
  );
}
