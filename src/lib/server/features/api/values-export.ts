/**
 * Indicator values of a plan as a spreadsheet: one row per current value
 * (indicator x period), or with `history` one row per version ever entered.
 * Headings and states in the reader's language; figures with a decimal comma
 * and no grouping, as French spreadsheets write numbers (the CSV uses
 * semicolons for the same reason). Every free-text cell goes through the plan
 * export's formula neutraliser; figures are written by this module from
 * integers, so a negative value stays "-5" rather than "'-5".
 */
import type { Kysely } from 'kysely';
import { type Locale, translate } from '../../../i18n';
import type { DB } from '../../db/schema';
import { loadPlanTree, type PlanTree } from '../plan';
import { neutraliseCell } from '../plan-export';
import { type IndicatorRow, listPlanIndicators, listValueRows, type ValueRow } from './api.queries';
import { CONTENT_TYPES, type Row, toCsv, toXlsx } from './spreadsheet';

export const VALUES_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ValuesExportFormat = (typeof VALUES_EXPORT_FORMATS)[number];

export const VALUE_STATES = ['draft', 'submitted', 'validated', 'returned'] as const;

const CURRENT_COLUMNS = [
  'plan',
  'workstream',
  'objective',
  'action',
  'indicator',
  'unit',
  'period',
  'value',
  'state',
  'enteredBy',
  'enteredAt',
  'reviewedBy',
  'reviewedAt',
  'comment',
  'evidenceUrl',
] as const;
/** The history adds which version a row is, whether it is the current one, and why it was corrected. */
const HISTORY_COLUMNS = [
  ...CURRENT_COLUMNS.slice(0, 7),
  'version',
  'current',
  ...CURRENT_COLUMNS.slice(7),
  'changeReason',
  'returnReason',
] as const;
type Column = (typeof HISTORY_COLUMNS)[number];

export function columnsOf(history: boolean): readonly Column[] {
  return history ? HISTORY_COLUMNS : CURRENT_COLUMNS;
}

/** 12500 milli -> "12,5"; -5000 -> "-5"; computed on integers, never through a float's rounding. */
export function formatMilli(milli: number | null): string {
  if (milli === null) return '';
  const n = Number(milli);
  const abs = Math.abs(n);
  const whole = Math.floor(abs / 1000);
  const fraction = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${n < 0 ? '-' : ''}${whole}${fraction ? `,${fraction}` : ''}`;
}

/** Where an indicator sits in the plan: an action's, else a target's objective, else an objective's. */
function contextsOf(tree: PlanTree) {
  const byAction = new Map<string, { workstream: string; objective: string; action: string }>();
  const byObjective = new Map<string, { workstream: string; objective: string; action: string }>();
  const byTarget = new Map<string, { workstream: string; objective: string; action: string }>();
  for (const w of tree.workstreams) {
    for (const a of w.actions) byAction.set(a.id, { workstream: w.title, objective: '', action: a.title });
    for (const o of w.objectives) {
      const context = { workstream: w.title, objective: o.title, action: '' };
      byObjective.set(o.id, context);
      for (const t of o.targets) byTarget.set(t.id, context);
      for (const a of o.actions) byAction.set(a.id, { ...context, action: a.title });
    }
  }
  const empty = { workstream: '', objective: '', action: '' };
  return (i: IndicatorRow) =>
    (i.action_id && byAction.get(i.action_id)) ||
    (i.target_id && byTarget.get(i.target_id)) ||
    (i.objective_id && byObjective.get(i.objective_id)) ||
    empty;
}

/** The export as a table: heading row then data rows, every text cell neutralised. Pure. */
export function valuesTable(
  tree: PlanTree,
  indicators: readonly IndicatorRow[],
  values: readonly ValueRow[],
  options: { history: boolean; locale: Locale },
): Row[] {
  const t = (key: string) => translate(options.locale, key);
  const columns = columnsOf(options.history);
  const contextOf = contextsOf(tree);
  const indicatorById = new Map(indicators.map((i) => [i.id, i]));
  const text = (v: string | null | undefined) => neutraliseCell(v ?? '');
  const rows = values.flatMap((v) => {
    const indicator = indicatorById.get(v.indicator_id);
    if (!indicator) return [];
    const context = contextOf(indicator);
    const cells: Record<Column, string> = {
      plan: text(tree.plan.title),
      workstream: text(context.workstream),
      objective: text(context.objective),
      action: text(context.action),
      indicator: text(indicator.name),
      unit: text(indicator.unit),
      period: text(v.period),
      version: String(v.version),
      current: t(v.is_current ? 'api.export.yes' : 'api.export.no'),
      value: v.value_milli !== null ? formatMilli(v.value_milli) : text(v.value_text),
      state: (VALUE_STATES as readonly string[]).includes(v.state) ? t(`api.export.state.${v.state}`) : text(v.state),
      enteredBy: text(v.entered_by_label),
      enteredAt: text(v.entered_at),
      reviewedBy: text(v.reviewed_by_label),
      reviewedAt: text(v.reviewed_at),
      comment: text(v.comment),
      evidenceUrl: text(v.evidence_url),
      changeReason: text(v.change_reason),
      returnReason: text(v.return_reason),
    };
    return [columns.map((c) => cells[c])];
  });
  return [columns.map((c) => t(`api.export.column.${c}`)), ...rows];
}

export interface ValuesExportFile {
  /** ASCII only: safe in a Content-Disposition header and on any file system. */
  filename: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
  rowCount: number;
}

function asciiSlug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'plan'
  );
}

/**
 * The values of a plan of the institution as CSV or XLSX; undefined when the
 * plan does not exist or belongs to another institution.
 */
export async function exportIndicatorValues(
  db: Kysely<DB>,
  input: {
    institutionId: string;
    planId: string;
    format: ValuesExportFormat;
    history: boolean;
    locale: Locale;
    now?: Date;
  },
): Promise<ValuesExportFile | undefined> {
  const tree = await loadPlanTree(db, input.institutionId, input.planId);
  if (!tree) return undefined;
  const [indicators, values] = await Promise.all([
    listPlanIndicators(db, input.planId),
    listValueRows(db, { planId: input.planId }, input.history),
  ]);
  const table = valuesTable(tree, indicators, values, input);
  const day = (input.now ?? new Date()).toISOString().slice(0, 10);
  const base = translate(input.locale, input.history ? 'api.export.fileHistory' : 'api.export.file');
  const sheet = translate(input.locale, 'api.export.sheet');
  return {
    filename: `${base}-${asciiSlug(tree.plan.title)}-${day}.${input.format}`,
    contentType: CONTENT_TYPES[input.format],
    bytes: input.format === 'csv' ? toCsv(table) : toXlsx(sheet, table, tree.plan.title),
    rowCount: table.length - 1,
  };
}
