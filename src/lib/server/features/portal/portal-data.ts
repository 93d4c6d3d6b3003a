/**
 * Open data files: the plan, the indicators' definitions and their validated
 * values, as CSV (semicolons, BOM, headings in the reader's language, a licence
 * column on every row) or JSON (a metadata header, then the records with
 * stable English keys). Pure: rows in, records out.
 */
import type { PublicPlanRows, ValidatedValueRow } from './portal.queries';

export const OPEN_DATASETS = ['plan', 'indicators', 'values'] as const;
export type OpenDataset = (typeof OPEN_DATASETS)[number];
export const OPEN_DATA_FORMATS = ['csv', 'json'] as const;
export type OpenDataFormat = (typeof OPEN_DATA_FORMATS)[number];

export type OpenRecord = Record<string, string | number | number[] | string[] | null>;

/** The columns of each dataset, in file order; CSV headings are `portal.data.column.<key>`. */
export const DATASET_COLUMNS: Record<OpenDataset, readonly string[]> = {
  plan: [
    'plan',
    'level',
    'id',
    'parent_id',
    'code',
    'title',
    'status',
    'start_date',
    'end_date',
    'sdgs',
    'axes',
    'baseline',
    'target',
    'unit',
    'deadline',
  ],
  indicators: [
    'plan',
    'id',
    'name',
    'action_id',
    'objective_id',
    'target_id',
    'unit',
    'direction',
    'kind',
    'periodicity',
    'baseline',
    'baseline_date',
    'target',
    'target_date',
    'source',
  ],
  values: [
    'plan',
    'indicator_id',
    'indicator',
    'period',
    'period_start',
    'period_end',
    'value',
    'value_text',
    'validated_on',
  ],
};

const fromMilli = (v: number | null) => (v === null ? null : Number(v) / 1000);

export interface PlanData {
  plan: { id: string; title: string };
  rows: PublicPlanRows;
  values: ValidatedValueRow[];
}

function grouped<T>(items: readonly T[], key: (t: T) => string, value: (t: T) => string | number) {
  const m = new Map<string, (string | number)[]>();
  for (const i of items) m.set(key(i), [...(m.get(key(i)) ?? []), value(i)]);
  return m;
}

/** One record per workstream, objective, target and action, in plan order. */
export function planRecords({ plan, rows }: PlanData): OpenRecord[] {
  const sdgs = grouped(
    rows.actionSdgs,
    (s) => s.action_id,
    (s) => Number(s.sdg_number),
  );
  const axes = grouped(
    rows.actionAxes,
    (a) => a.action_id,
    (a) => a.axis_code,
  );
  const base = { plan: plan.title, status: null, start_date: null, end_date: null, sdgs: [], axes: [] };
  const none = { baseline: null, target: null, unit: null, deadline: null };
  const out: OpenRecord[] = [];
  for (const w of rows.workstreams) {
    out.push({
      ...base,
      ...none,
      level: 'workstream',
      id: w.id,
      parent_id: plan.id,
      code: w.code,
      title: w.title,
      axes: w.axis_code ? [w.axis_code] : [],
    });
    for (const o of rows.objectives.filter((x) => x.workstream_id === w.id)) {
      out.push({ ...base, ...none, level: 'objective', id: o.id, parent_id: w.id, code: o.code, title: o.title });
      for (const t of rows.targets.filter((x) => x.objective_id === o.id)) {
        out.push({
          ...base,
          level: 'target',
          id: t.id,
          parent_id: o.id,
          code: null,
          title: t.label,
          baseline: fromMilli(t.baseline_value_milli),
          target: fromMilli(t.target_value_milli),
          unit: t.unit,
          deadline: t.deadline,
        });
      }
    }
    for (const a of rows.actions.filter((x) => x.workstream_id === w.id)) {
      out.push({
        ...base,
        ...none,
        level: 'action',
        id: a.id,
        parent_id: a.objective_id ?? w.id,
        code: null,
        title: a.title,
        status: a.status,
        start_date: a.start_date,
        end_date: a.end_date,
        sdgs: (sdgs.get(a.id) ?? []) as number[],
        axes: (axes.get(a.id) ?? []) as string[],
      });
    }
  }
  return out;
}

export function indicatorRecords({ plan, rows }: PlanData): OpenRecord[] {
  return rows.indicators.map((i) => ({
    plan: plan.title,
    id: i.id,
    name: i.name,
    action_id: i.action_id,
    objective_id: i.objective_id,
    target_id: i.target_id,
    unit: i.unit,
    direction: i.direction,
    kind: i.kind,
    periodicity: i.periodicity,
    baseline: fromMilli(i.baseline_value_milli),
    baseline_date: i.baseline_date,
    target: fromMilli(i.target_value_milli),
    target_date: i.target_date,
    source: i.source,
  }));
}

/** The latest validated version of each (indicator, period), already chosen by latestValidated. */
export function valueRecords({ plan, rows, values }: PlanData): OpenRecord[] {
  const names = new Map(rows.indicators.map((i) => [i.id, i.name]));
  return values.map((v) => ({
    plan: plan.title,
    indicator_id: v.indicator_id,
    indicator: names.get(v.indicator_id) ?? '',
    period: v.period,
    period_start: v.period_start,
    period_end: v.period_end,
    value: fromMilli(v.value_milli),
    value_text: v.value_text,
    validated_on: v.reviewed_at ? v.reviewed_at.slice(0, 10) : null,
  }));
}

export const RECORD_BUILDERS: Record<OpenDataset, (data: PlanData) => OpenRecord[]> = {
  plan: planRecords,
  indicators: indicatorRecords,
  values: valueRecords,
};

/** A cell as text for a CSV: lists joined with commas, decimals with the locale's separator. */
export function cellText(value: OpenRecord[string], decimalComma: boolean): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') return decimalComma ? String(value).replace('.', ',') : String(value);
  return value;
}
