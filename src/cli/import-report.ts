/**
 * What `import-plan` tells: one JSON object (--json) or a readable summary,
 * both built from the same report so that they never disagree.
 */
import type { ImportMessage, ImportPreview, PlanCounts } from '../lib/server/features/plan-import';
import type { Cli } from './cli';

export interface ReportMessage {
  code: string;
  row?: number;
  params?: Record<string, string | number>;
  /** The code translated in the CLI's language. */
  message: string;
}

export interface ImportReport {
  ok: boolean;
  dryRun: boolean;
  planId?: string;
  file: string;
  source: string | null;
  plan: { title: string; kind: string; startYear: number | null; endYear: number | null } | null;
  counts: PlanCounts | null;
  warnings: ReportMessage[];
  /** Rejected rows: one is enough to refuse the whole file. */
  rowErrors: ReportMessage[];
  /** Matrix rows whose SDGs must be confirmed by a person after the import. */
  reviews: (ReportMessage & { actionTitle: string; suggestedSdgs: number[] })[];
  pilots?: { peopleMatched: number; peopleCreated: number; unitsCreated: number; teamsCreated: number };
  error?: ReportMessage;
}

export function toReportMessage(cli: Cli, m: ImportMessage): ReportMessage {
  return { ...m, message: cli.t(m.code, m.params) };
}

export function reportOf(cli: Cli, file: string, dryRun: boolean, preview: ImportPreview | null): ImportReport {
  return {
    ok: preview?.committable ?? false,
    dryRun,
    file,
    source: preview?.source ?? null,
    plan: preview
      ? { title: preview.title, kind: preview.kind, startYear: preview.startYear, endYear: preview.endYear }
      : null,
    counts: preview?.counts ?? null,
    warnings: (preview?.warnings ?? []).map((w) => toReportMessage(cli, w)),
    rowErrors: (preview?.rows ?? []).filter((r) => r.outcome === 'rejected').map((r) => toReportMessage(cli, r)),
    reviews: (preview?.reviews ?? []).map((r) => ({
      ...toReportMessage(cli, { code: r.reasonCode, row: r.row }),
      actionTitle: r.actionTitle,
      suggestedSdgs: r.suggestedSdgs,
    })),
  };
}

/** Names the web import shows for each reader. */
const SOURCE_KEYS: Record<string, string> = {
  'seed-plan': 'import.ui.source.seedPlan',
  tabular: 'import.ui.source.tabular',
  'sdg-matrix': 'import.ui.source.sdgMatrix',
};

function line(cli: Cli, m: ReportMessage): string {
  return m.row === undefined
    ? `  - ${m.message}`
    : `  - ${cli.t('cli.import.atRow', { row: m.row, message: m.message })}`;
}

/** The summary a person reads; refusals themselves go to stderr. */
export function summaryLines(cli: Cli, report: ImportReport): string[] {
  const sourceKey = report.source ? SOURCE_KEYS[report.source] : undefined;
  const source = sourceKey ? cli.t(sourceKey) : (report.source ?? '—');
  const lines: string[] = [cli.t('cli.import.file', { file: report.file, source })];
  if (report.plan) {
    const years =
      report.plan.startYear === null ? '—' : `${report.plan.startYear}–${report.plan.endYear ?? report.plan.startYear}`;
    lines.push(
      cli.t('cli.import.plan', { title: report.plan.title, kind: cli.t(`plan.kind.${report.plan.kind}`), years }),
    );
  }
  if (report.counts) lines.push(cli.t('cli.import.counts', { ...report.counts }));
  // A matrix row to review is also a warning: list it once, with its suggestion, under the reviews.
  const warnings = report.warnings.filter((w) => !report.reviews.some((r) => r.row === w.row && r.code === w.code));
  if (warnings.length) {
    lines.push(cli.t('cli.import.warnings', { count: warnings.length }));
    for (const w of warnings) lines.push(line(cli, w));
  }
  if (report.rowErrors.length) {
    lines.push(cli.t('cli.import.rowErrors', { count: report.rowErrors.length }));
    for (const r of report.rowErrors) lines.push(line(cli, r));
  }
  if (report.reviews.length) {
    lines.push(cli.t('cli.import.reviews', { count: report.reviews.length }));
    for (const r of report.reviews) {
      const sdgs = r.suggestedSdgs.join(', ') || '—';
      lines.push(
        line(cli, { ...r, message: cli.t('cli.import.review', { title: r.actionTitle, reason: r.message, sdgs }) }),
      );
    }
  }
  if (report.pilots) lines.push(cli.t('cli.import.pilots', { ...report.pilots }));
  if (report.ok && report.dryRun) lines.push(cli.t('cli.import.dryRun'));
  if (report.ok && report.planId) lines.push(cli.t('cli.import.done', { id: report.planId }));
  return lines;
}
