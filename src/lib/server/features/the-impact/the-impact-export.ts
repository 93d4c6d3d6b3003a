/**
 * The THE evidence workbook: one sheet per submitted SDG (metric, item, kind,
 * dates, URL, figure, readiness issues), a readiness summary and the simulator.
 * Headings in the reader's language; every text cell goes through the plan
 * export's formula neutraliser and is written as a plain string, never a
 * formula (the conventions of features/api's toXlsx, which writes one sheet).
 */
import type { Kysely } from 'kysely';
import { type Locale, translate } from '../../../i18n';
import type { DB } from '../../db/schema';
import { CONTENT_TYPES, type Row, toWorkbook } from '../api';
import type { SessionUser } from '../auth';
import { neutraliseCell } from '../plan-export';
import { type EditionReadiness, simulationStart } from './readiness';
import { type Simulation, simulateOverall } from './simulator';
import type { EditionView } from './views.service';
import { getEditionReadiness } from './views.service';

type T = (key: string, params?: Record<string, string | number>) => string;
const decimal = (locale: Locale, n: number) => (locale === 'fr' ? String(n).replace('.', ',') : String(n));

const SDG_COLUMNS = [
  'metricCode',
  'metricTitle',
  'metricKind',
  'weight',
  'item',
  'kind',
  'createdOn',
  'reviewedOn',
  'publicUrl',
  'figure',
  'unit',
  'file',
  'issues',
] as const;

/** One SDG: a row per item, and a row for each metric without items (with what it loses). Pure. */
export function sdgTable(view: EditionView, readiness: EditionReadiness, sdg: number, locale: Locale): Row[] {
  const t: T = (k, p) => translate(locale, k, p);
  const rows: Row[] = [SDG_COLUMNS.map((c) => t(`theImpact.export.column.${c}`))];
  const sdgView = view.sdgs.find((s) => s.number === sdg);
  const checked = readiness.sdgs.find((s) => s.sdg === sdg);
  for (const m of sdgView?.metrics ?? []) {
    const metric = checked?.metrics.find((c) => c.code === m.code);
    const metricIssues = (metric?.issues ?? []).map((i) => t(i));
    const head = [
      neutraliseCell(m.code),
      neutraliseCell(m.title + (m.unverified ? ` (${t('theImpact.unverified')})` : '')),
      t(`theImpact.metricKind.${m.kind}`),
      decimal(locale, m.weight),
    ];
    if (m.items.length === 0) {
      rows.push([...head, '', '', '', '', '', '', '', '', metricIssues.join(' ; ')]);
      continue;
    }
    for (const i of m.items) {
      const issues = [
        ...(metric?.items.find((c) => c.item.id === i.id)?.issues ?? []).map((c) => t(c)),
        ...metricIssues,
      ];
      rows.push([
        ...head,
        neutraliseCell(i.title),
        t(`theImpact.kind.${i.kind}`),
        i.createdOn ?? '',
        i.reviewedOn ?? '',
        neutraliseCell(i.publicUrl ?? ''),
        i.figure === null ? '' : decimal(locale, i.figure),
        neutraliseCell(i.figureUnit ?? ''),
        neutraliseCell(i.fileName ?? ''),
        issues.join(' ; '),
      ]);
    }
  }
  return rows;
}

/** Per SDG: completeness, estimate, issues; then the accepted window. Pure. */
export function readinessTable(view: EditionView, readiness: EditionReadiness, locale: Locale): Row[] {
  const t: T = (k, p) => translate(locale, k, p);
  const rows: Row[] = [
    ['sdg', 'title', 'completeness', 'estimate', 'issues'].map((c) => t(`theImpact.export.readiness.${c}`)),
  ];
  for (const s of readiness.sdgs) {
    rows.push([
      String(s.sdg),
      neutraliseCell(view.sdgs.find((v) => v.number === s.sdg)?.title ?? ''),
      `${s.completenessPercent} %`,
      decimal(locale, s.estimatedScore),
      String(s.issueCount),
    ]);
  }
  rows.push([
    t('theImpact.export.readiness.window'),
    `${readiness.window.startYear}-${readiness.window.endYear}`,
    '',
    '',
    '',
  ]);
  return rows;
}

/** The simulation from the estimates: each SDG's score, weight and points, then the overall result. Pure. */
export function simulatorTable(readiness: EditionReadiness, simulation: Simulation, locale: Locale): Row[] {
  const t: T = (k, p) => translate(locale, k, p);
  const rows: Row[] = [
    ['sdg', 'score', 'weight', 'counted', 'points'].map((c) => t(`theImpact.export.simulator.${c}`)),
  ];
  for (const s of readiness.sdgs) {
    const c = simulation.eligible ? simulation.contributions.find((x) => x.sdg === s.sdg) : undefined;
    rows.push([
      String(s.sdg),
      simulationStart(s) === null ? '' : decimal(locale, s.estimatedScore),
      c ? `${c.weightPercent} %` : '',
      t(c ? 'theImpact.export.yes' : 'theImpact.export.no'),
      c ? decimal(locale, c.points) : '',
    ]);
  }
  if (simulation.eligible) {
    rows.push([t('theImpact.simulator.overall'), '', '', '', decimal(locale, simulation.overall)]);
  } else {
    for (const r of simulation.reasons) {
      rows.push([t('theImpact.simulator.notEligible'), t(r.code, 'params' in r ? r.params : undefined), '', '', '']);
    }
  }
  rows.push([t('theImpact.simulator.indicativeShort'), t('theImpact.simulator.indicative'), '', '', '']);
  return rows;
}

/** An edition's workbook for readers of the module; undefined when absent or not allowed. */
export async function exportTheImpactWorkbook(
  db: Kysely<DB>,
  user: SessionUser,
  edition: number,
  locale: Locale,
): Promise<{ filename: string; contentType: string; bytes: Uint8Array<ArrayBuffer> } | undefined> {
  const found = await getEditionReadiness(db, user, edition, locale);
  if (!found) return undefined;
  const { view, readiness } = found;
  const t: T = (k, p) => translate(locale, k, p);
  const simulation = simulateOverall(readiness.sdgs.map((s) => ({ sdg: s.sdg, score: simulationStart(s) })));
  const sheets = [
    ...view.sdgs.map((s) => ({
      name: t('theImpact.export.sdgSheet', { number: String(s.number) }),
      rows: sdgTable(view, readiness, s.number, locale),
    })),
    { name: t('theImpact.export.readinessSheet'), rows: readinessTable(view, readiness, locale) },
    { name: t('theImpact.export.simulatorSheet'), rows: simulatorTable(readiness, simulation, locale) },
  ];
  return {
    filename: `${t('theImpact.export.file')}-${edition}.xlsx`,
    contentType: CONTENT_TYPES.xlsx,
    bytes: toWorkbook(sheets, t('theImpact.export.title', { edition: String(edition) })),
  };
}
