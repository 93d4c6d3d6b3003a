/**
 * Research projects (with their SDGs and partners) and the open-access table
 * as CSV or XLSX files. Headings in the reader's language, figures written
 * from the stored integers with a decimal comma, every text cell through the
 * plan export's formula neutraliser. Everyone signed in reads both.
 */
import type { Kysely } from 'kysely';
import { type Locale, translate } from '../../../i18n';
import type { DB } from '../../db/schema';
import { CONTENT_TYPES, formatMilli, type Row, toCsv, toXlsx } from '../api';
import type { SessionUser } from '../auth';
import { neutraliseCell } from '../plan-export';
import { type OpenAccessYear, openAccessTable } from './open-access';
import { countPublicationsByYear } from './research.queries';
import { loadProjects, type ProjectView } from './research-pages.service';

export const RESEARCH_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ResearchExportFormat = (typeof RESEARCH_EXPORT_FORMATS)[number];
export const RESEARCH_EXPORT_KINDS = ['projects', 'openAccess'] as const;
export type ResearchExportKind = (typeof RESEARCH_EXPORT_KINDS)[number];

/** Headings are `research.export.column.<column>` in messages/<locale>/research.json. */
export const PROJECT_EXPORT_COLUMNS = [
  'title',
  'acronym',
  'team',
  'lead',
  'startDate',
  'endDate',
  'status',
  'funder',
  'programme',
  'amountEuros',
  'sdgs',
  'sdgCount',
  'meetsRule',
  'partners',
  'description',
] as const;

export const OPEN_ACCESS_EXPORT_COLUMNS = [
  'year',
  'publications',
  'fullText',
  'fullTextRate',
  'openAccess',
  'openAccessRate',
  'openLicence',
  'openLicenceRate',
] as const;

export interface ResearchExportFile {
  /** ASCII only: safe in a Content-Disposition header. */
  filename: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
  rowCount: number;
}

const text = (v: string | null) => neutraliseCell(v ?? '');
/** A fraction as percent with up to three decimals and a comma: 0.4 -> "40", 0.357 -> "35,7". */
const percentCell = (rate: number | null) => (rate === null ? '' : formatMilli(Math.round(rate * 100 * 1000)));

/** The projects as a table: heading row then one row per project. Pure. */
export function projectsTable(projects: readonly ProjectView[], locale: Locale): Row[] {
  const t = (key: string) => translate(locale, key);
  const rows = projects.map((p) => {
    const cells: Record<(typeof PROJECT_EXPORT_COLUMNS)[number], string> = {
      title: text(p.title),
      acronym: text(p.acronym),
      team: text(p.teamName),
      lead: text(p.leadName),
      startDate: text(p.startDate),
      endDate: text(p.endDate),
      status: t(`research.status.${p.status}`),
      funder: text(p.funder),
      programme: text(p.programme),
      // Cents are hundredths: x 10 makes them thousandths for formatMilli.
      amountEuros: p.amountCents === null ? '' : formatMilli(p.amountCents * 10),
      sdgs: p.sdgs.join(', '),
      sdgCount: String(p.sdgs.length),
      meetsRule: t(p.meetsRule ? 'research.export.yes' : 'research.export.no'),
      partners: text(p.partnerNames.join(' ; ')),
      description: text(p.description),
    };
    return PROJECT_EXPORT_COLUMNS.map((c) => cells[c]);
  });
  return [PROJECT_EXPORT_COLUMNS.map((c) => t(`research.export.column.${c}`)), ...rows];
}

/** The open-access table: one row per year. Pure. */
export function openAccessRows(years: readonly OpenAccessYear[], locale: Locale): Row[] {
  const t = (key: string) => translate(locale, key);
  const rows = years.map((y) => [
    String(y.year),
    String(y.publications),
    String(y.fullText),
    percentCell(y.fullTextRate),
    String(y.openAccess),
    percentCell(y.openAccessRate),
    String(y.openLicence),
    percentCell(y.openLicenceRate),
  ]);
  return [OPEN_ACCESS_EXPORT_COLUMNS.map((c) => t(`research.export.column.${c}`)), ...rows];
}

/** One of the research exports as a file, headings in `locale`. */
export async function exportResearch(
  db: Kysely<DB>,
  user: SessionUser,
  kind: ResearchExportKind,
  format: ResearchExportFormat,
  options: { locale: Locale; today: string },
): Promise<ResearchExportFile> {
  const table =
    kind === 'projects'
      ? projectsTable(await loadProjects(db, user.institutionId, options.today), options.locale)
      : openAccessRows(openAccessTable(await countPublicationsByYear(db, user.institutionId)), options.locale);
  const base = translate(options.locale, `research.export.file.${kind}`);
  const sheet = translate(options.locale, `research.export.sheet.${kind}`);
  return {
    filename: `${base}-${options.today}.${format}`,
    contentType: CONTENT_TYPES[format],
    bytes: format === 'csv' ? toCsv(table) : toXlsx(sheet, table, sheet),
    rowCount: table.length - 1,
  };
}
