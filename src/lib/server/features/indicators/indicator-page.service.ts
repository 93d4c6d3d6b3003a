/** What the indicator pages show: definition, context, values, history and what the user may do. */
import type { Kysely } from 'kysely';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { canEditDefinition, type IndicatorDirection, type IndicatorKind, recentPeriods } from './indicators';
import { findIndicatorContext } from './indicators.queries';
import type { Periodicity } from './periods';
import { sourceOptions } from './sources';
import { loadValueContext } from './value-context';
import { type HistoryEntry, listCurrentValues, listHistory, type ValueView } from './values.queries';

export interface IndicatorDefinition {
  id: string;
  planId: string;
  planTitle: string;
  name: string;
  unit: string | null;
  kind: IndicatorKind;
  direction: IndicatorDirection;
  periodicity: Periodicity;
  baselineValueMilli: number | null;
  baselineDate: string | null;
  targetValueMilli: number | null;
  targetDate: string | null;
  responsiblePerson: { id: string; name: string } | null;
  source: string;
  /** i18n key of the source's label; null for a module no longer registered. */
  sourceLabelKey: string | null;
  /** The computing module's page; null for a manual indicator. */
  sourcePageHref: string | null;
  sourceKey: string | null;
  version: number;
}

export interface IndicatorPage {
  definition: IndicatorDefinition;
  action: { id: string; title: string } | null;
  objective: { id: string; title: string } | null;
  workstreamTitle: string | null;
  targets: string[];
  values: ValueView[];
  history: HistoryEntry[];
  /** Periods the entry form offers, newest first, with the version already stored (null: none). */
  periodOptions: { label: string; version: number | null }[];
  /** Values come from a module: nobody enters, submits or returns them. */
  computed: boolean;
  canEnter: boolean;
  canReview: boolean;
  canEditDefinition: boolean;
}

/** The indicator page; undefined when the indicator does not exist or belongs to another institution. */
export async function getIndicatorPage(
  db: Kysely<DB>,
  user: SessionUser,
  indicatorId: string,
  today: string = nowIso().slice(0, 10),
): Promise<IndicatorPage | undefined> {
  const ctx = await loadValueContext(db, user, indicatorId);
  if (!ctx) return undefined;
  const row = ctx.indicator;
  const [context, values, history] = await Promise.all([
    findIndicatorContext(db, row),
    listCurrentValues(db, [indicatorId]),
    listHistory(db, indicatorId),
  ]);
  const definition: IndicatorDefinition = {
    id: row.id,
    planId: row.plan_id,
    planTitle: row.plan_title,
    name: row.name,
    unit: row.unit,
    kind: ctx.kind,
    direction: row.direction as IndicatorDirection,
    periodicity: ctx.periodicity,
    baselineValueMilli: row.baseline_value_milli === null ? null : Number(row.baseline_value_milli),
    baselineDate: row.baseline_date,
    targetValueMilli: row.target_value_milli === null ? null : Number(row.target_value_milli),
    targetDate: row.target_date,
    responsiblePerson: context.responsible
      ? { id: context.responsible.id, name: context.responsible.display_name }
      : null,
    source: row.source,
    sourceLabelKey: sourceOptions().find((s) => s.key === row.source)?.labelKey ?? null,
    sourcePageHref: sourceOptions().find((s) => s.key === row.source)?.pageHref ?? null,
    sourceKey: row.source_key,
    version: row.version,
  };
  const stored = new Map(values.map((v) => [v.period, v.version]));
  const labels = new Set([...recentPeriods(ctx.periodicity, today).map((p) => p.label), ...stored.keys()]);
  const periodOptions = [...labels]
    .sort((a, b) => b.localeCompare(a))
    .map((label) => ({ label, version: stored.get(label) ?? null }));
  return {
    definition,
    action: context.action ? { id: context.action.id, title: context.action.title } : null,
    objective: context.objective ? { id: context.objective.id, title: context.objective.title } : null,
    workstreamTitle: context.action?.workstream_title ?? context.objective?.workstream_title ?? null,
    targets: context.targets.map((t) => t.label),
    values,
    history,
    periodOptions,
    computed: ctx.computed,
    canEnter: ctx.canEnter,
    canReview: ctx.canReview,
    canEditDefinition: canEditDefinition(user),
  };
}

/** The current value of each period, with how many versions each had; undefined when not the user's institution's. */
export async function listIndicatorValues(
  db: Kysely<DB>,
  user: SessionUser,
  indicatorId: string,
): Promise<ValueView[] | undefined> {
  const ctx = await loadValueContext(db, user, indicatorId);
  return ctx ? listCurrentValues(db, [indicatorId]) : undefined;
}

/** Every version and state change of one period, newest first. */
export async function listValueHistory(
  db: Kysely<DB>,
  user: SessionUser,
  indicatorId: string,
  period: string,
): Promise<HistoryEntry[] | undefined> {
  const ctx = await loadValueContext(db, user, indicatorId);
  return ctx ? listHistory(db, indicatorId, period) : undefined;
}

/** The edit form's choices: people of the institution and the known sources. */
export async function getDefinitionFormOptions(db: Kysely<DB>, user: SessionUser) {
  const people = await db
    .selectFrom('person')
    .select(['id', 'display_name'])
    .where('institution_id', '=', user.institutionId)
    .orderBy('display_name')
    .execute();
  return { people: people.map((p) => ({ id: p.id, name: p.display_name })), sources: sourceOptions() };
}
