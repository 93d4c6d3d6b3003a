/**
 * The self-assessment as a file for the auditors: XLSX with a summary sheet and
 * one sheet per axis (criterion, level and its meaning on Trajectoire's scale,
 * justification, evidence with their addresses), or one CSV table with the
 * axis on each row. Headings in the reader's language; every text cell goes
 * through the plan export's formula neutraliser, and cells are written as
 * plain strings, never formulas (same conventions as features/api's writers,
 * which hold one sheet only).
 */
import type { Kysely } from 'kysely';
import { type Locale, translate } from '../../../i18n';
import type { DB } from '../../db/schema';
import { CONTENT_TYPES, type Row, toCsv, toWorkbook } from '../api';
import type { SessionUser } from '../auth';
import { neutraliseCell } from '../plan-export';
import {
  type AssessmentView,
  type AxisAssessment,
  type EvidenceView,
  getAssessmentView,
} from './assessment-views.service';
import { criterionTitle, roundMean } from './label';

export const LABEL_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type LabelExportFormat = (typeof LABEL_EXPORT_FORMATS)[number];

export interface LabelExportFile {
  filename: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** Where a piece of evidence can be read: its own address, or the page of the action, indicator or document. */
export function evidenceAddress(e: EvidenceView, baseUrl: string): string | null {
  const base = baseUrl.replace(/\/+$/, '');
  if (e.kind === 'url') return e.url;
  if (e.kind === 'action') return e.actionId ? `${base}/actions/${e.actionId}` : null;
  if (e.kind === 'indicator') return e.indicatorId ? `${base}/indicators/${e.indicatorId}` : null;
  return `${base}/label/evidence/${e.id}`;
}

/** "Action: Title (https://…)", one line per piece of evidence. */
export function evidenceText(evidence: readonly EvidenceView[], locale: Locale, baseUrl: string): string {
  return evidence
    .map((e) => {
      const address = evidenceAddress(e, baseUrl);
      const kind = translate(locale, `label.evidence.kind.${e.kind}`);
      return address && address !== e.label ? `${kind} : ${e.label} (${address})` : `${kind} : ${e.label}`;
    })
    .join('\n');
}

const decimal = (locale: Locale, n: number | null) =>
  n === null ? '' : String(roundMean(n)).replace('.', locale === 'fr' ? ',' : '.');

export function levelMeaning(locale: Locale, level: number | null): string {
  return level === null ? translate(locale, 'label.level.none') : translate(locale, `label.level.${level}`);
}

/** The summary: one row per axis (criteria, assessed, mean, level, gaps), then the global level. Pure. */
export function summaryTable(view: AssessmentView, locale: Locale): Row[] {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const rows: Row[] = [
    ['axis', 'criteria', 'assessed', 'mean', 'level', 'gaps'].map((c) => t(`label.export.summary.${c}`)),
  ];
  for (const a of view.axes) {
    rows.push([
      neutraliseCell(locale === 'en' ? a.titleEn : a.titleFr),
      String(a.score.criteria),
      String(a.score.assessed),
      decimal(locale, a.score.mean),
      a.score.level === null ? '' : String(a.score.level),
      neutraliseCell(
        a.criteria
          .filter((c) => c.level === null)
          .map((c) => c.code)
          .join(', '),
      ),
    ]);
  }
  rows.push([
    t('label.export.summary.global'),
    '',
    t('label.export.summary.axesAssessed', { count: view.score.axesAssessed }),
    decimal(locale, view.score.globalMean),
    view.score.globalLevel === null ? '' : String(view.score.globalLevel),
    String(view.score.gaps.length),
  ]);
  rows.push([t('label.export.summary.status'), t(`label.status.${view.status}`), '', '', '', '']);
  rows.push([t('label.export.summary.scale'), t('label.scale.notice'), '', '', '', '']);
  return rows;
}

const AXIS_COLUMNS = ['code', 'criterion', 'placeholder', 'level', 'meaning', 'justification', 'evidence'] as const;

function criterionRow(c: AxisAssessment['criteria'][number], locale: Locale, baseUrl: string): Row {
  const t = (key: string) => translate(locale, key);
  return [
    neutraliseCell(c.code),
    neutraliseCell(criterionTitle({ title_fr: c.titleFr, title_en: c.titleEn }, locale)),
    t(c.isPlaceholder ? 'label.export.yes' : 'label.export.no'),
    c.level === null ? '' : String(c.level),
    levelMeaning(locale, c.level),
    neutraliseCell(c.justification ?? ''),
    neutraliseCell(evidenceText(c.evidence, locale, baseUrl)),
  ];
}

/** One axis: a row per criterion. Pure. */
export function axisTable(axis: AxisAssessment, locale: Locale, baseUrl: string): Row[] {
  return [
    AXIS_COLUMNS.map((c) => translate(locale, `label.export.column.${c}`)),
    ...axis.criteria.map((c) => criterionRow(c, locale, baseUrl)),
  ];
}

/** Every criterion of every axis in one table, the axis first on each row (the CSV). Pure. */
export function flatTable(view: AssessmentView, locale: Locale, baseUrl: string): Row[] {
  const rows: Row[] = [
    [
      translate(locale, 'label.export.column.axis'),
      ...AXIS_COLUMNS.map((c) => translate(locale, `label.export.column.${c}`)),
    ],
  ];
  for (const a of view.axes) {
    const title = neutraliseCell(locale === 'en' ? a.titleEn : a.titleFr);
    for (const c of a.criteria) rows.push([title, ...criterionRow(c, locale, baseUrl)]);
  }
  return rows;
}

/**
 * A year's assessment as XLSX or CSV, for the officer and the committee;
 * undefined when the user may not read it or there is none (same answer).
 */
export async function exportLabelAssessment(
  db: Kysely<DB>,
  user: SessionUser,
  year: number,
  format: LabelExportFormat,
  options: { locale: Locale; baseUrl: string },
): Promise<LabelExportFile | undefined> {
  const view = await getAssessmentView(db, user, year);
  if (!view) return undefined;
  const { locale, baseUrl } = options;
  const base = `${translate(locale, 'label.export.file')}-${year}`;
  if (format === 'csv') {
    return { filename: `${base}.csv`, contentType: CONTENT_TYPES.csv, bytes: toCsv(flatTable(view, locale, baseUrl)) };
  }
  const sheets = [
    { name: translate(locale, 'label.export.summarySheet'), rows: summaryTable(view, locale) },
    ...view.axes.map((a) => ({ name: locale === 'en' ? a.titleEn : a.titleFr, rows: axisTable(a, locale, baseUrl) })),
  ];
  const title = translate(locale, 'label.export.title', { year: String(year) });
  return { filename: `${base}.xlsx`, contentType: CONTENT_TYPES.xlsx, bytes: toWorkbook(sheets, title) };
}
