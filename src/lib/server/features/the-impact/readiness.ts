/**
 * The readiness check: what in an edition's evidence would lose points, item by
 * item and metric by metric, and an estimate of each SDG's score from the
 * points earned. Evidence rules (THE methodology as summarised by [33][37][43]):
 * an item scores existence 1 + evidence provided 1 + evidence public 1, and a
 * policy 1 more when created or reviewed within the accepted period. Research
 * metrics come from Scopus, not from the institution: they are not checked.
 * Pure: no I/O.
 */
import { type ItemKind, isInWindow, type MetricKind, metricsOfSdg, type PolicyWindow } from './the-impact';

export type ItemIssue =
  | 'theImpact.issue.noPublicUrl'
  | 'theImpact.issue.outsideWindow'
  | 'theImpact.issue.noPolicyDate'
  | 'theImpact.issue.noFileNoUrl'
  | 'theImpact.issue.missingFigure'
  | 'theImpact.issue.draft';
export type MetricIssue = 'theImpact.issue.noEvidence' | 'theImpact.issue.noFigure';

/** What the check needs to know of an evidence item. */
export interface ReadinessItemInput {
  id: string;
  sdg: number;
  metricCode: string;
  kind: ItemKind;
  title: string;
  createdOn: string | null;
  reviewedOn: string | null;
  publicUrl: string | null;
  hasFile: boolean;
  figureMilli: number | null;
  isDraft: boolean;
}

export interface ItemReadiness {
  item: ReadinessItemInput;
  issues: ItemIssue[];
  earned: number;
  possible: number;
}

export interface MetricReadiness {
  sdg: number;
  code: string;
  kind: MetricKind;
  weight: number;
  unverified: boolean;
  items: ItemReadiness[];
  issues: MetricIssue[];
  /** Best share of points earned by one item (0-1); null for research metrics. */
  ratio: number | null;
}

export interface SdgReadiness {
  sdg: number;
  metrics: MetricReadiness[];
  /** Share of the institution-supplied metrics whose best item earns every point, in per cent (integer). */
  completenessPercent: number;
  /** Points earned over possible, weighted by the metric weights, on 0-100 (one decimal). */
  estimatedScore: number;
  issueCount: number;
  /** Items of the SDG; with none, the SDG has no data to submit and no score to simulate. */
  itemCount: number;
}

/** The score a simulation starts from: the estimate, or none for an SDG without any evidence. */
export function simulationStart(s: SdgReadiness): number | null {
  return s.itemCount === 0 ? null : s.estimatedScore;
}

export interface EditionReadiness {
  window: PolicyWindow;
  sdgs: SdgReadiness[];
  issueCount: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The points of one item and what it loses. A draft (copied from last edition, not yet confirmed) earns nothing. */
export function checkItem(item: ReadinessItemInput, metricKind: MetricKind, window: PolicyWindow): ItemReadiness {
  const issues: ItemIssue[] = [];
  const needsFigure = metricKind === 'continuous' || item.kind === 'figure';
  const hasFigure = item.figureMilli !== null;
  if (needsFigure && !hasFigure) issues.push('theImpact.issue.missingFigure');
  if (!item.publicUrl) issues.push('theImpact.issue.noPublicUrl');
  if (!item.publicUrl && !item.hasFile) issues.push('theImpact.issue.noFileNoUrl');
  let possible = 3;
  let earned =
    (needsFigure && !hasFigure ? 0 : 1) + (item.publicUrl || item.hasFile ? 1 : 0) + (item.publicUrl ? 1 : 0);
  if (item.kind === 'policy') {
    possible += 1;
    const dates = [item.createdOn, item.reviewedOn].filter((d): d is string => d !== null);
    if (dates.length === 0) issues.push('theImpact.issue.noPolicyDate');
    else if (dates.some((d) => isInWindow(d, window))) earned += 1;
    else issues.push('theImpact.issue.outsideWindow');
  }
  if (item.isDraft) {
    issues.push('theImpact.issue.draft');
    earned = 0;
  }
  return { item, issues, earned, possible };
}

/** Every metric of every submitted SDG with its items' points and issues, and each SDG's completeness and estimate. */
export function checkReadiness(
  sdgs: readonly number[],
  items: readonly ReadinessItemInput[],
  window: PolicyWindow,
): EditionReadiness {
  const result = sdgs.map((sdg): SdgReadiness => {
    const metrics = metricsOfSdg(sdg).map((m): MetricReadiness => {
      const checked = items
        .filter((i) => i.sdg === sdg && i.metricCode === m.code)
        .map((i) => checkItem(i, m.kind, window));
      const base = { sdg, code: m.code, kind: m.kind, weight: m.weight, unverified: m.unverified, items: checked };
      if (m.kind === 'research') return { ...base, issues: [], ratio: null };
      const issues: MetricIssue[] = [];
      if (m.kind === 'evidence' && checked.length === 0) issues.push('theImpact.issue.noEvidence');
      if (m.kind === 'continuous' && !checked.some((c) => c.item.figureMilli !== null && !c.item.isDraft)) {
        issues.push('theImpact.issue.noFigure');
      }
      const ratio = Math.max(0, ...checked.map((c) => c.earned / c.possible));
      return { ...base, issues, ratio };
    });
    const supplied = metrics.filter((m) => m.ratio !== null);
    const weights = supplied.reduce((s, m) => s + m.weight, 0);
    const weighted = supplied.reduce((s, m) => s + (m.ratio ?? 0) * m.weight, 0);
    const complete = supplied.filter((m) => m.ratio === 1).length;
    const issueCount = metrics.reduce(
      (s, m) => s + m.issues.length + m.items.reduce((t, i) => t + i.issues.length, 0),
      0,
    );
    return {
      sdg,
      metrics,
      completenessPercent: supplied.length === 0 ? 0 : Math.round((100 * complete) / supplied.length),
      estimatedScore: weights === 0 ? 0 : round1((100 * weighted) / weights),
      issueCount,
      itemCount: metrics.reduce((n, m) => n + m.items.length, 0),
    };
  });
  return { window, sdgs: result, issueCount: result.reduce((s, r) => s + r.issueCount, 0) };
}
