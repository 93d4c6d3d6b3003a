/**
 * The radar of the self-assessment: the five axes, up to three years
 * overlaid, each axis at its unrounded mean; and the same figures as a table
 * (axis, then one column per year), for the page, the report and the export.
 */
import { type Locale, translate } from '../../../i18n';
import { numberFormat } from '../../../intl';
import { radarChartSvg } from '../../charts/radar-chart';
import type { AssessmentView } from './assessment-views.service';
import { LABEL_LEVELS, roundMean } from './label';

export interface LabelRadar {
  svg: string;
  title: string;
  desc: string;
  /** Axis title then one column per year, oldest first. */
  columns: string[];
  rows: { axis: string; means: (number | null)[] }[];
}

/** The radar of assessments given oldest first (the last three drawn). Pure. */
export function labelRadarSvg(views: readonly AssessmentView[], locale: Locale): LabelRadar {
  const shown = views.slice(-3);
  const axes = (shown[0]?.axes ?? []).map((a) => (locale === 'en' ? a.titleEn : a.titleFr));
  const years = shown.map((v) => String(v.year));
  const title = translate(locale, 'label.radar.title', { years: years.join(', ') });
  const format = numberFormat(locale, { maximumFractionDigits: 2 });
  const latest = shown.at(-1);
  const desc = latest
    ? translate(locale, 'label.radar.desc', {
        year: String(latest.year),
        levels: latest.axes
          .map((a, k) => `${axes[k]} ${a.score.mean === null ? '—' : format.format(roundMean(a.score.mean))}`)
          .join(' ; '),
      })
    : translate(locale, 'label.radar.empty');
  const svg = radarChartSvg({
    axes,
    series: shown.map((v) => ({
      label: String(v.year),
      values: v.axes.map((a) => (a.score.mean === null ? null : roundMean(a.score.mean))),
    })),
    max: 5,
    rings: [...LABEL_LEVELS],
    locale,
    title,
    desc,
  });
  return {
    svg,
    title,
    desc,
    columns: [translate(locale, 'label.radar.axis'), ...years],
    rows: axes.map((axis, k) => ({
      axis,
      means: shown.map((v) => {
        const mean = v.axes[k]?.score.mean ?? null;
        return mean === null ? null : roundMean(mean);
      }),
    })),
  };
}
