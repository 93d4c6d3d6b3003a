/**
 * The annual report by SDG, built from live data: front matter (purpose,
 * governance, the plan at a glance, the SDG x axis matrix), then a chapter per
 * selected SDG (annual-chapters.ts), with the report's narrative blocks.
 */
import type { Kysely } from 'kysely';
import { type Locale, translate } from '../../../i18n';
import type { DB } from '../../db/schema';
import { loadGovernance } from '../people';
import { ACTION_STATUSES, type ActionView, listPlans, loadPlanTree, type PlanTree } from '../plan';
import { getInstitutionProgress, PROGRESS_STATUSES } from '../progress';
import { AXIS_CATALOGUE, SDG_CATALOGUE } from '../sdg';
import { narrativeBlocks, sdgChapter } from './annual-chapters';
import { parseSdgs, REPORT_KIND_ANNUAL } from './annual-report';
import {
  createDocument,
  keyFigures,
  list,
  narrative,
  numberCell,
  paragraph,
  type ReportDocument,
  type SectionInput,
  section,
  table,
} from './document';
import { findReport, listNarratives } from './reports.queries';

export interface BuildAnnualOptions {
  /** ISO UTC timestamp written in the document; now by default (tests fix it). */
  generatedAt?: string;
  /** "draft" by default; publishing writes the version number. */
  version?: string;
  /** The date progress is assessed at; the year's last day, or today when that is later. */
  today?: string;
}

type ReportAction = ActionView & { workstreamTitle: string; axisOfWorkstream: string | null };

function actionsOfTrees(trees: PlanTree[]): ReportAction[] {
  return trees.flatMap((tree) =>
    tree.workstreams.flatMap((w) =>
      [...w.objectives.flatMap((o) => o.actions), ...w.actions].map((a) => ({
        ...a,
        workstreamTitle: w.title,
        axisOfWorkstream: w.axis,
      })),
    ),
  );
}

/** The plans running during the year (all of them when none does). */
async function plansOfYear(db: Kysely<DB>, institutionId: string, year: number): Promise<PlanTree[]> {
  const plans = await listPlans(db, institutionId);
  const running = plans.filter((p) => (p.startYear ?? year) <= year && (p.endYear ?? year) >= year);
  const chosen = running.length > 0 ? running : plans;
  const trees = await Promise.all(chosen.map((p) => loadPlanTree(db, institutionId, p.id)));
  return trees.filter((t): t is PlanTree => t !== undefined);
}

/** The SDGs at least one action is tagged with: the default selection of a new report. */
export function sdgsOfActions(actions: readonly Pick<ActionView, 'sdgs'>[]): number[] {
  return [...new Set(actions.flatMap((a) => a.sdgs))].sort((a, b) => a - b);
}

/** How many actions of the year's plans each SDG has (index 0 = SDG 1). */
export async function actionCountsBySdg(db: Kysely<DB>, institutionId: string, year: number): Promise<number[]> {
  const actions = actionsOfTrees(await plansOfYear(db, institutionId, year));
  return Array.from({ length: 17 }, (_, i) => actions.filter((a) => a.sdgs.includes(i + 1)).length);
}

/**
 * The year's annual report of an institution in `lang`, from live data and the
 * report's saved SDG selection and narratives; undefined for an unknown institution.
 */
export async function buildAnnualReport(
  db: Kysely<DB>,
  institutionId: string,
  year: number,
  lang: Locale,
  options: BuildAnnualOptions = {},
): Promise<ReportDocument | undefined> {
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  const endOfYear = `${year}-12-31`;
  const todayIso = options.today ?? new Date().toISOString().slice(0, 10);
  const today = todayIso < endOfYear ? todayIso : endOfYear;
  const [governance, trees, progress, report] = await Promise.all([
    loadGovernance(db, institutionId),
    plansOfYear(db, institutionId, year),
    getInstitutionProgress(db, institutionId, today),
    findReport(db, institutionId, REPORT_KIND_ANNUAL, year),
  ]);
  if (!governance) return undefined;
  const narratives = new Map(
    report ? (await listNarratives(db, report.id)).map((n) => [n.block_key, n.markdown] as const) : [],
  );
  const actions = actionsOfTrees(trees);
  const sdgs = report ? parseSdgs(report.sdgs_json) : sdgsOfActions(actions);
  const sdgTitle = (n: number) => {
    const goal = SDG_CATALOGUE.goals.find((g) => g.number === n);
    return goal ? (lang === 'en' ? goal.titleEn : goal.titleFr) : String(n);
  };
  const axisTitle = (code: string) => {
    const axis = AXIS_CATALOGUE.axes.find((a) => a.code === code);
    return axis ? (lang === 'en' ? axis.titleEn : axis.titleFr) : code;
  };
  const planIds = new Set(trees.map((tr) => tr.plan.id));
  const indicators = progress.indicators.filter((i) => planIds.has(i.planId));
  const { institution } = governance;

  const purpose = section('purpose', t('reports.doc.purpose.title'), [
    // The institution's own texts may hold line breaks and "- " lists: read through the safe Markdown subset.
    institution.purposeStatement?.trim()
      ? narrative(institution.purposeStatement)
      : paragraph(t('reports.doc.purpose.none')),
    ...(institution.ambition?.trim() ? [narrative(institution.ambition)] : []),
    ...narrativeBlocks(narratives, 'purpose'),
  ]);

  const committee = governance.committee;
  const governanceSection = section('governance', t('reports.doc.governance.title'), [
    paragraph(
      committee
        ? t('reports.doc.governance.committee', { name: committee.name, members: committee.members.length })
        : t('reports.doc.governance.noCommittee'),
    ),
    ...(committee && committee.chairs.length > 0
      ? [list(committee.chairs.map((c) => t('reports.doc.governance.chair', { name: c.displayName })))]
      : []),
    ...(governance.groups.length > 0
      ? [
          table({
            caption: t('reports.doc.governance.groupsCaption'),
            columns: [
              { label: t('reports.doc.governance.group') },
              { label: t('reports.doc.governance.members'), numeric: true },
            ],
            rows: governance.groups.map((g) => [g.name, numberCell(g.members.length, String(g.members.length))]),
          }),
        ]
      : []),
    ...narrativeBlocks(narratives, 'governance'),
  ]);

  const count = (n: number) => numberCell(n, String(n));
  const objectives = trees.flatMap((tr) => tr.workstreams.flatMap((w) => w.objectives));
  const planSection = section('plan', t('reports.doc.plan.title'), [
    paragraph(t('reports.doc.plan.intro', { plans: trees.map((tr) => tr.plan.title).join(', ') || '—' })),
    keyFigures([
      {
        label: t('reports.doc.plan.workstreams'),
        value: String(trees.reduce((s, tr) => s + tr.workstreams.length, 0)),
      },
      { label: t('reports.doc.plan.objectives'), value: String(objectives.length) },
      { label: t('reports.doc.plan.actions'), value: String(actions.length) },
      { label: t('reports.doc.plan.indicators'), value: String(indicators.length) },
    ]),
    table({
      caption: t('reports.doc.plan.actionStatusCaption'),
      columns: [{ label: t('reports.doc.plan.status') }, { label: t('reports.doc.plan.actions'), numeric: true }],
      rows: ACTION_STATUSES.map((s) => [
        t(`plan.action.status.${s}`),
        count(actions.filter((a) => a.status === s).length),
      ]),
    }),
    table({
      caption: t('reports.doc.plan.indicatorStatusCaption', { date: today }),
      columns: [{ label: t('reports.doc.plan.status') }, { label: t('reports.doc.plan.indicators'), numeric: true }],
      rows: PROGRESS_STATUSES.map((s) => [
        t(`progress.status.${s}`),
        count(indicators.filter((i) => i.status === s).length),
      ]),
    }),
    ...narrativeBlocks(narratives, 'plan'),
  ]);

  const axes = AXIS_CATALOGUE.axes.map((a) => a.code);
  const axesOf = (a: ReportAction) => (a.axes.length > 0 ? a.axes : a.axisOfWorkstream ? [a.axisOfWorkstream] : []);
  const matrix = section('matrix', t('reports.doc.matrix.title'), [
    paragraph(t('reports.doc.matrix.intro')),
    table({
      caption: t('reports.doc.matrix.caption'),
      columns: [
        { label: t('reports.doc.matrix.sdg') },
        ...axes.map((code) => ({ label: axisTitle(code), numeric: true })),
        { label: t('reports.doc.matrix.total'), numeric: true },
      ],
      rows: SDG_CATALOGUE.goals.map((g) => {
        const tagged = actions.filter((a) => a.sdgs.includes(g.number));
        return [
          t('reports.doc.chapter.title', { n: g.number, title: sdgTitle(g.number) }),
          ...axes.map((code) => count(tagged.filter((a) => (axesOf(a) as string[]).includes(code)).length)),
          count(tagged.length),
        ];
      }),
    }),
  ]);

  const chapters: SectionInput[] = [];
  for (const sdg of sdgs) {
    chapters.push(
      await sdgChapter({ db, institutionId, year, lang, t, actions, indicators, narratives, sdgTitle }, sdg),
    );
  }

  return createDocument({
    lang,
    title: t('reports.doc.title', { year: String(year) }),
    subtitle: institution.name,
    meta: {
      institution: institution.name,
      year,
      version: options.version ?? t('reports.doc.draft'),
      generatedAt: options.generatedAt ?? new Date().toISOString(),
    },
    sections: [purpose, governanceSection, planSection, matrix, ...chapters],
  });
}
