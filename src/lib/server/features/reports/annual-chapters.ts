/**
 * One chapter of the annual report per selected SDG: its narrative, the
 * actions tagged with it and their status, their indicators with the values
 * of the year and a chart, the partners and research projects tagged with it.
 */
import type { Kysely } from 'kysely';
import type { Locale } from '../../../i18n';
import { numberFormat } from '../../../intl';
import { barChartSvg } from '../../charts';
import type { DB } from '../../db/schema';
import type { ActionView } from '../plan';
import type { IndicatorProgress } from '../progress';
import { sdgBlockKey } from './annual-report';
import {
  type Block,
  figure,
  narrative,
  numberCell,
  paragraph,
  type SectionInput,
  section,
  type TableCell,
  table,
} from './document';
import { listPartnersWithSdg, listResearchProjectsWithSdg } from './reports.queries';

export interface ChapterContext {
  db: Kysely<DB>;
  institutionId: string;
  year: number;
  lang: Locale;
  t: (key: string, params?: Record<string, string | number>) => string;
  actions: (ActionView & { workstreamTitle: string })[];
  indicators: IndicatorProgress[];
  narratives: ReadonlyMap<string, string>;
  sdgTitle: (n: number) => string;
}

/** Most indicators drawn in one chapter's chart; the table lists them all. */
export const MAX_CHART_BARS = 12;

export function narrativeBlocks(narratives: ReadonlyMap<string, string>, key: string): Block[] {
  const markdown = narratives.get(key)?.trim() ?? '';
  return markdown === '' ? [] : [narrative(markdown)];
}

export async function sdgChapter(ctx: ChapterContext, sdg: number): Promise<SectionInput> {
  const { t, year, lang } = ctx;
  const id = `sdg-${sdg}`;
  const title = t('reports.doc.chapter.title', { n: sdg, title: ctx.sdgTitle(sdg) });
  const actions = ctx.actions.filter((a) => a.sdgs.includes(sdg));
  const actionIds = new Set(actions.map((a) => a.id));
  const indicators = ctx.indicators.filter((i) => i.actionId !== null && actionIds.has(i.actionId));
  const [partners, projects] = await Promise.all([
    listPartnersWithSdg(ctx.db, ctx.institutionId, sdg),
    listResearchProjectsWithSdg(ctx.db, ctx.institutionId, sdg, year),
  ]);

  const intro = paragraph(
    t('reports.doc.chapter.intro', {
      actions: actions.length,
      indicators: indicators.length,
      partners: partners.length,
      projects: projects.length,
    }),
  );
  const subsections: SectionInput[] = [];
  if (actions.length > 0) {
    subsections.push(
      section(`${id}-actions`, t('reports.doc.actions.title'), [
        table({
          caption: t('reports.doc.actions.caption', { n: sdg }),
          columns: ['action', 'workstream', 'status', 'pilot'].map((c) => ({ label: t(`reports.doc.actions.${c}`) })),
          rows: actions.map((a) => [a.title, a.workstreamTitle, t(`plan.action.status.${a.status}`), a.pilotText]),
        }),
      ]),
    );
  }
  if (indicators.length > 0) subsections.push(indicatorSection(ctx, sdg, indicators));
  if (partners.length > 0) {
    subsections.push(
      section(`${id}-partners`, t('reports.doc.partners.title'), [
        table({
          caption: t('reports.doc.partners.caption', { n: sdg }),
          columns: [{ label: t('reports.doc.partners.name') }, { label: t('reports.doc.partners.kind') }],
          rows: partners.map((p) => [p.name, t(`partners.kind.${p.kind}`)]),
        }),
      ]),
    );
  }
  if (projects.length > 0) {
    subsections.push(
      section(`${id}-research`, t('reports.doc.research.title'), [
        table({
          caption: t('reports.doc.research.caption', { n: sdg, year: String(year) }),
          columns: ['project', 'funder', 'period'].map((c) => ({ label: t(`reports.doc.research.${c}`) })),
          rows: projects.map((p) => [
            p.acronym ? `${p.acronym} — ${p.title}` : p.title,
            p.funder ?? '',
            [p.start_date ?? '…', p.end_date ?? '…'].join(' – '),
          ]),
        }),
      ]),
    );
  }
  const empty = actions.length === 0 ? [paragraph(t('reports.doc.chapter.noAction'))] : [];
  void lang;
  return section(id, title, [intro, ...narrativeBlocks(ctx.narratives, sdgBlockKey(sdg)), ...empty], subsections);
}

function indicatorSection(ctx: ChapterContext, sdg: number, indicators: IndicatorProgress[]): SectionInput {
  const { t, year, lang } = ctx;
  const format = numberFormat(lang, { maximumFractionDigits: 2 });
  const percent = numberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const withUnit = (v: number, unit: string | null) => (unit ? `${format.format(v)} ${unit}` : format.format(v));
  const valueCell = (v: number | null, unit: string | null): TableCell =>
    v === null ? null : numberCell(v, withUnit(v, unit));
  const ofYear = (i: IndicatorProgress) => i.observations.filter((o) => o.periodEnd.startsWith(String(year)));
  const rows = indicators.map((i) => {
    const values = ofYear(i);
    const last = values.at(-1);
    return [
      i.name,
      i.actionTitle ?? '',
      values.map((o) => (o.value === null ? (o.text ?? '') : `${o.period} : ${withUnit(o.value, i.unit)}`)).join(' ; '),
      valueCell(last?.value ?? null, i.unit),
      valueCell(i.targetValue, i.unit),
      t(`progress.status.${i.status}`),
    ];
  });
  const charted = indicators.slice(0, MAX_CHART_BARS);
  const chartTitle = t('reports.doc.indicators.chartTitle', { n: sdg });
  const chartDesc = t('reports.doc.indicators.chartDesc', { n: sdg });
  const svg = barChartSvg({
    bars: charted.map((i) => ({ label: i.name, value: i.progressCapped, status: i.status })),
    format: 'percent',
    locale: lang === 'en' ? 'en-GB' : 'fr-FR',
    title: chartTitle,
    desc: chartDesc,
    statusLabels: Object.fromEntries(charted.map((i) => [i.status, t(`progress.status.${i.status}`)])),
    id: `report-chart-sdg-${sdg}`,
  });
  return section(`sdg-${sdg}-indicators`, t('reports.doc.indicators.title'), [
    table({
      caption: t('reports.doc.indicators.caption', { n: sdg, year: String(year) }),
      columns: [
        { label: t('reports.doc.indicators.name') },
        { label: t('reports.doc.indicators.action') },
        { label: t('reports.doc.indicators.values', { year: String(year) }) },
        { label: t('reports.doc.indicators.latest'), numeric: true },
        { label: t('reports.doc.indicators.target'), numeric: true },
        { label: t('reports.doc.indicators.status') },
      ],
      rows,
    }),
    figure({
      chart: 'bar',
      caption: chartTitle,
      alt: chartDesc,
      svg,
      data: {
        caption: chartTitle,
        columns: [
          { label: t('reports.doc.indicators.name') },
          { label: t('reports.doc.indicators.progress'), numeric: true },
        ],
        rows: charted.map((i) => [
          i.name,
          i.progressCapped === null ? null : numberCell(i.progressCapped, percent.format(i.progressCapped)),
        ]),
      },
    }),
  ]);
}
