/**
 * The row checks of a values import (value-import.ts): which indicator a row
 * names, whether the user may enter it, whether its period and value read,
 * and what recording it would do to the current value. Reads only.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { fold, quote } from '../plan-import/cell-text';
import { cleanFilename } from './evidence';
import { periodOfYear } from './indicators';
import { type IndicatorName, listIndicatorNames } from './indicators.queries';
import { parsePeriod } from './periods';
import { entryRefusal, loadValueContext, type ValueContext } from './value-context';
import type { ValueFileRow, ValueTable } from './value-import-columns';
import type { ValueRef } from './value-review.service';
import { listCurrentValues, type ValueView } from './values.queries';
import { entryLimits, type PreparedValue, prepareValue, type RecordOptions } from './values.service';

/** A message for the user: `code` is an i18n key, `params` fill its placeholders. */
export interface ValueImportMessage {
  code: string;
  params?: Record<string, string | number>;
}

export type ValueRowStatus = 'ok' | 'unchanged' | 'skipped' | 'error';

/** One line of the row-by-row report. */
export interface ValueRowReport {
  /** 1-based line (text file) or row (spreadsheet). */
  line: number;
  status: ValueRowStatus;
  indicatorId: string | null;
  /** The indicator's name once recognised, else the cell as written. */
  indicator: string;
  period: string;
  /** The value as written in the file. */
  value: string;
  code: string;
  params?: Record<string, string | number>;
}

const refuse = (code: string, params?: Record<string, string | number>): { ok: false; error: ValueImportMessage } => ({
  ok: false,
  error: params ? { code, params } : { code },
});

type Resolved = { ok: true; indicator: IndicatorName } | { ok: false; error: ValueImportMessage };

/** Recognises a row's indicator: by its id when the file has one, else by its name within the plan (and action). */
function indicatorFinder(indicators: readonly IndicatorName[]): (row: ValueFileRow) => Resolved {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const byName = new Map<string, IndicatorName[]>();
  for (const i of indicators) byName.set(fold(i.name), [...(byName.get(fold(i.name)) ?? []), i]);
  return (row) => {
    if (row.indicatorId !== '') {
      const found = byId.get(row.indicatorId);
      return found
        ? { ok: true, indicator: found }
        : refuse('indicators.import.row.unknownId', { id: quote(row.indicatorId) });
    }
    if (row.indicator === '') return refuse('indicators.import.row.noIndicator');
    let candidates = byName.get(fold(row.indicator)) ?? [];
    if (row.plan !== '') candidates = candidates.filter((i) => fold(i.plan_title) === fold(row.plan));
    if (candidates.length > 1 && row.action !== '')
      candidates = candidates.filter((i) => fold(i.action_title ?? '') === fold(row.action));
    if (candidates.length === 1) return { ok: true, indicator: candidates[0] };
    const indicator = quote(row.indicator);
    if (candidates.length > 1) return refuse('indicators.import.row.ambiguous', { indicator });
    if (row.plan !== '') return refuse('indicators.import.row.unknownInPlan', { indicator, plan: quote(row.plan) });
    return refuse('indicators.import.row.unknownIndicator', { indicator });
  };
}

export interface CheckedRows {
  rows: ValueRowReport[];
  writes: PreparedValue[];
  /** Every value the file names that is recorded or unchanged: what "submit" hands over. */
  refs: ValueRef[];
}

interface RowContext {
  ctx: ValueContext | undefined;
  current: (period: string) => ValueView | undefined;
}

/** The indicators the rows name, what the user may do with each, and their current values. */
async function loadContexts(db: Kysely<DB>, user: SessionUser, ids: readonly string[]) {
  const contexts = new Map<string, ValueContext | undefined>();
  for (const id of ids) contexts.set(id, await loadValueContext(db, user, id));
  const enterable = ids.filter((id) => contexts.get(id)?.canEnter);
  const values = new Map((await listCurrentValues(db, enterable)).map((v) => [`${v.indicatorId}|${v.period}`, v]));
  return (id: string): RowContext => ({ ctx: contexts.get(id), current: (period) => values.get(`${id}|${period}`) });
}

/**
 * What recording a checked value would do to the current one: nothing, a new
 * value or a new version of a draft; a value already handed over is refused.
 */
function outcomeOf(
  now: ValueView | undefined,
  prepared: PreparedValue,
): { status: ValueRowStatus; message: ValueImportMessage } {
  if (!now) return { status: 'ok', message: { code: 'indicators.import.row.new' } };
  const same =
    now.valueMilli === prepared.fields.valueMilli &&
    now.valueText === prepared.fields.valueText &&
    now.comment === prepared.comment;
  if (same) return { status: 'unchanged', message: { code: 'indicators.import.row.unchanged' } };
  if (now.state === 'submitted' || now.state === 'validated') {
    return { status: 'error', message: { code: `indicators.import.row.already.${now.state}` } };
  }
  return { status: 'ok', message: { code: 'indicators.import.row.corrected', params: { version: now.version + 1 } } };
}

/** Checks every row against the database as it is now; reads only. */
export async function checkValueRows(
  db: Kysely<DB>,
  user: SessionUser,
  table: ValueTable,
  input: { filename: string; options?: RecordOptions },
): Promise<CheckedRows> {
  const limits = entryLimits(input.options ?? {});
  const find = indicatorFinder(await listIndicatorNames(db, user.institutionId));
  const resolved = table.rows.map((row) => ({ row, found: find(row) }));
  const ids = [...new Set(resolved.flatMap((r) => (r.found.ok ? [r.found.indicator.id] : [])))];
  const contextOf = await loadContexts(db, user, ids);
  const seen = new Map<string, number>();
  const reason = `Import ${cleanFilename(input.filename)}`;
  const example = (ctx: ValueContext) => periodOfYear(ctx.periodicity, Number(limits.today.slice(0, 4)) - 1).label;
  const out: CheckedRows = { rows: [], writes: [], refs: [] };

  for (const { row, found } of resolved) {
    const report = (status: ValueRowStatus, message: ValueImportMessage, period = row.period) =>
      out.rows.push({
        line: row.line,
        status,
        indicatorId: found.ok ? found.indicator.id : null,
        indicator: found.ok ? found.indicator.name : quote(row.indicator || row.indicatorId),
        period: quote(period),
        value: quote(row.value),
        ...message,
      });
    if (!row.current) {
      report('skipped', { code: 'indicators.import.row.notCurrent' });
      continue;
    }
    if (row.value === '' && !row.comment) {
      report('skipped', { code: 'indicators.import.row.noValue' });
      continue;
    }
    if (!found.ok) {
      report('error', found.error);
      continue;
    }
    const { ctx, current } = contextOf(found.indicator.id);
    if (!ctx?.canEnter) {
      report('error', { code: entryRefusal(ctx) });
      continue;
    }
    const period = parsePeriod(ctx.periodicity, row.period);
    if (!period) {
      const code = row.period === '' ? 'indicators.import.row.noPeriod' : 'indicators.import.row.invalidPeriod';
      report('error', { code, params: { period: quote(row.period), example: example(ctx) } });
      continue;
    }
    const key = `${ctx.indicator.id}|${period.label}`;
    const first = seen.get(key);
    if (first !== undefined) {
      report('error', { code: 'indicators.import.row.duplicate', params: { line: first } }, period.label);
      continue;
    }
    seen.set(key, row.line);
    const now = current(period.label);
    const prepared = prepareValue(
      ctx,
      {
        indicatorId: ctx.indicator.id,
        period: period.label,
        value: row.value,
        comment: row.comment ?? now?.comment ?? null,
        changeReason: reason,
        expectedVersion: now?.version ?? null,
      },
      limits,
    );
    if (!prepared.ok) {
      report('error', prepared.error, period.label);
      continue;
    }
    const outcome = outcomeOf(now, prepared.value);
    report(outcome.status, outcome.message, period.label);
    if (outcome.status === 'ok') out.writes.push(prepared.value);
    if (outcome.status !== 'error') out.refs.push({ indicatorId: ctx.indicator.id, period: period.label });
  }
  return out;
}
