/**
 * The self-assessment as a report document (features/reports' model): key
 * figures and the radar first, then a section per axis with its table of
 * criteria (level, meaning, justification, evidence). The renderers of
 * features/reports turn it into HTML, PDF, DOCX or XLSX.
 */
import type { Kysely } from 'kysely';
import { isLocale, type Locale, translate } from '../../../i18n';
import { numberFormat } from '../../../intl';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
// features/reports has no index.ts yet: its document model is imported from its own file.
import {
  createDocument,
  figure,
  keyFigures,
  list,
  numberCell,
  paragraph,
  type ReportDocument,
  section,
  table,
} from '../reports/document';
import { getAssessmentView, getLabelOverview } from './assessment-views.service';
import { criterionTitle, roundMean } from './label';
import { findInstitutionName } from './label.queries';
import { evidenceText, levelMeaning } from './label-export';
import { labelRadarSvg } from './label-radar';

/**
 * A year's assessment as a document in the user's language (or `options.locale`),
 * for the officer and the committee; undefined when they may not read it or it
 * does not exist.
 */
export async function buildLabelDocument(
  db: Kysely<DB>,
  user: SessionUser,
  year: number,
  options: { locale?: Locale; baseUrl?: string; generatedAt?: string } = {},
): Promise<ReportDocument | undefined> {
  const view = await getAssessmentView(db, user, year);
  if (!view) return undefined;
  const locale = options.locale ?? (isLocale(user.locale) ? user.locale : 'fr');
  const baseUrl = options.baseUrl ?? 'http://localhost:3000';
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const format = numberFormat(locale, { maximumFractionDigits: 2 });
  const mean = (n: number | null) => (n === null ? null : numberCell(roundMean(n), format.format(roundMean(n))));
  const overview = await getLabelOverview(db, user, { year, currentYear: year });
  const radar = labelRadarSvg(overview.radar, locale);
  const axisTitle = (a: { titleFr: string; titleEn: string }) => (locale === 'en' ? a.titleEn : a.titleFr);

  const summary = section('summary', t('label.document.summary'), [
    paragraph(t('label.scale.notice')),
    keyFigures([
      {
        label: t('label.overview.globalLevel'),
        value: view.score.globalLevel === null ? '—' : String(view.score.globalLevel),
        note:
          view.score.globalMean === null
            ? undefined
            : t('label.overview.mean', { mean: format.format(roundMean(view.score.globalMean)) }),
      },
      { label: t('label.overview.axesAssessed'), value: `${view.score.axesAssessed} / ${view.axes.length}` },
      { label: t('label.overview.gapsCount'), value: String(view.score.gaps.length) },
    ]),
    table({
      caption: t('label.overview.axesCaption', { year: String(year) }),
      columns: [
        { label: t('label.export.summary.axis') },
        { label: t('label.export.summary.assessed'), numeric: true },
        { label: t('label.export.summary.mean'), numeric: true },
        { label: t('label.export.summary.level'), numeric: true },
      ],
      rows: view.axes.map((a) => [
        axisTitle(a),
        numberCell(a.score.assessed, `${a.score.assessed} / ${a.score.criteria}`),
        mean(a.score.mean),
        a.score.level === null ? null : numberCell(a.score.level, String(a.score.level)),
      ]),
    }),
    figure({
      chart: 'radar',
      caption: radar.title,
      alt: radar.desc,
      svg: radar.svg,
      data: {
        caption: radar.title,
        columns: radar.columns.map((label, i) => ({ label, numeric: i > 0 })),
        rows: radar.rows.map((r) => [r.axis, ...r.means.map((m) => mean(m))]),
      },
    }),
  ]);

  const axes = view.axes.map((a) =>
    section(`axis-${a.code.replace(/_/g, '-')}`, axisTitle(a), [
      paragraph(
        a.score.level === null
          ? t('label.overview.axisNotAssessed')
          : t('label.document.axisLevel', { level: a.score.level, mean: format.format(roundMean(a.score.mean ?? 0)) }),
      ),
      table({
        caption: t('label.document.criteriaCaption', { axis: axisTitle(a) }),
        columns: ['code', 'criterion', 'level', 'meaning', 'justification', 'evidence'].map((c) => ({
          label: t(`label.export.column.${c}`),
          numeric: c === 'level',
        })),
        rows: a.criteria.map((c) => [
          c.code,
          criterionTitle({ title_fr: c.titleFr, title_en: c.titleEn }, locale),
          c.level === null ? null : numberCell(c.level, String(c.level)),
          levelMeaning(locale, c.level),
          c.justification ?? '',
          evidenceText(c.evidence, locale, baseUrl),
        ]),
      }),
      ...(a.criteria.some((c) => c.level === null)
        ? [list(a.criteria.filter((c) => c.level === null).map((c) => t('label.document.gap', { code: c.code })))]
        : []),
    ]),
  );

  return createDocument({
    lang: locale,
    title: t('label.export.title', { year: String(year) }),
    subtitle: t(`label.status.${view.status}`),
    meta: {
      institution: await findInstitutionName(db, user.institutionId),
      year,
      version: view.status === 'submitted' ? t('label.status.submitted') : 'draft',
      generatedAt: options.generatedAt ?? new Date().toISOString(),
    },
    sections: [summary, ...axes],
  });
}
