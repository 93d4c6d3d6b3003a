/**
 * Bulk entry for a pilot: every indicator they fill, for one collection year,
 * on one form. All or nothing: one invalid row refuses the whole form, as
 * plan imports do, so that nobody wonders which rows were saved.
 */
import type { Kysely } from 'kysely';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { type IndicatorKind, isIndicatorKind, periodOfYear } from './indicators';
import { listIndicatorIdsOfPerson } from './indicators.queries';
import { isPeriodicity, type Periodicity } from './periods';
import { MANUAL_SOURCE } from './sources';
import { entryRefusal, inTransaction, loadValueContext, type ValueErrorCode } from './value-context';
import { applyTransition, SUBMIT } from './value-review.service';
import { listCurrentValues, type ValueView } from './values.queries';
import {
  authorOf,
  entryLimits,
  type PreparedValue,
  prepareValue,
  type RecordOptions,
  writeValue,
} from './values.service';

/** Years offered: the current one and the four before. */
const YEARS_BACK = 4;

export interface MyValueRow {
  indicatorId: string;
  name: string;
  unit: string | null;
  kind: IndicatorKind;
  periodicity: Periodicity;
  actionId: string | null;
  actionTitle: string | null;
  period: string;
  current: ValueView | null;
  /**
   * Empty, draft or returned: fillable here. Submitted or validated values are
   * corrected on the indicator page; computed indicators are never filled by hand.
   */
  editable: boolean;
}

export interface ReturnedValue extends ValueView {
  indicatorName: string;
  kind: IndicatorKind;
  unit: string | null;
}

export interface MyValuesPage {
  year: number;
  years: number[];
  rows: MyValueRow[];
  returned: ReturnedValue[];
}

export function collectionYears(today: string): number[] {
  const current = Number(today.slice(0, 4));
  return Array.from({ length: YEARS_BACK + 1 }, (_, i) => current - i);
}

/** The year asked for when it is offered; otherwise the last year that has ended (the one whose figures are due). */
export function chooseYear(asked: number | undefined, today: string): number {
  const years = collectionYears(today);
  return asked !== undefined && years.includes(asked) ? asked : years[1];
}

async function myIndicators(db: Kysely<DB>, user: SessionUser) {
  if (user.role !== 'admin' && user.role !== 'pilot') return [];
  const ids = await listIndicatorIdsOfPerson(db, user.institutionId, user);
  if (ids.length === 0) return [];
  return db
    .selectFrom('indicator')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .leftJoin('action', 'action.id', 'indicator.action_id')
    .select([
      'indicator.id',
      'indicator.name',
      'indicator.unit',
      'indicator.kind',
      'indicator.periodicity',
      'indicator.source',
      'indicator.action_id',
      'action.title as action_title',
    ])
    .where('indicator.id', 'in', ids)
    .orderBy('plan.start_year', 'desc')
    .orderBy('indicator.position')
    .execute();
}

export async function getMyValuesPage(
  db: Kysely<DB>,
  user: SessionUser,
  askedYear?: number,
  today: string = nowIso().slice(0, 10),
): Promise<MyValuesPage> {
  const year = chooseYear(askedYear, today);
  const indicators = await myIndicators(db, user);
  const values = await listCurrentValues(
    db,
    indicators.map((i) => i.id),
  );
  const rows = indicators.map((i): MyValueRow => {
    const periodicity = isPeriodicity(i.periodicity) ? i.periodicity : 'year';
    const period = periodOfYear(periodicity, year).label;
    const current = values.find((v) => v.indicatorId === i.id && v.period === period) ?? null;
    return {
      indicatorId: i.id,
      name: i.name,
      unit: i.unit,
      kind: isIndicatorKind(i.kind) ? i.kind : 'number',
      periodicity,
      actionId: i.action_id,
      actionTitle: i.action_title,
      period,
      current,
      editable: i.source === MANUAL_SOURCE && (!current || current.state === 'draft' || current.state === 'returned'),
    };
  });
  const byId = new Map(rows.map((r) => [r.indicatorId, r]));
  const returned = values
    .filter((v) => v.state === 'returned')
    .map((v) => {
      const row = byId.get(v.indicatorId);
      return { ...v, indicatorName: row?.name ?? '', kind: row?.kind ?? 'number', unit: row?.unit ?? null };
    });
  return { year, years: collectionYears(today), rows, returned };
}

export interface MyValueEntry {
  indicatorId: string;
  value: string;
  comment: string;
  /** Version shown in the form (null: none). */
  expectedVersion: number | null;
}

export type MyValuesResult =
  | { ok: true; value: { saved: number; submitted: number } }
  | {
      ok: false;
      error: { code: ValueErrorCode | 'indicators.bulk.invalidRows' };
      rows: { indicatorId: string; code: ValueErrorCode }[];
    };

/**
 * Saves every filled row as a draft (unchanged rows are left alone), then,
 * when asked, submits every draft or returned value of the form's rows.
 */
export async function recordMyValues(
  db: Kysely<DB>,
  user: SessionUser,
  input: { year: number; entries: MyValueEntry[]; submit: boolean },
  options: RecordOptions = {},
): Promise<MyValuesResult> {
  const limits = entryLimits(options);
  if (!collectionYears(limits.today).includes(input.year)) {
    return { ok: false, error: { code: 'indicators.value.invalidPeriod' }, rows: [] };
  }
  const mine = new Set((await myIndicators(db, user)).map((i) => i.id));
  const rowErrors: { indicatorId: string; code: ValueErrorCode }[] = [];
  const prepared: PreparedValue[] = [];
  const toSubmit: { indicatorId: string; period: string }[] = [];
  for (const entry of input.entries) {
    const ctx = mine.has(entry.indicatorId) ? await loadValueContext(db, user, entry.indicatorId) : undefined;
    if (!ctx?.canEnter) {
      rowErrors.push({ indicatorId: entry.indicatorId, code: entryRefusal(ctx) });
      continue;
    }
    const period = periodOfYear(ctx.periodicity, input.year).label;
    toSubmit.push({ indicatorId: entry.indicatorId, period });
    if (entry.value.trim() === '' && entry.comment.trim() === '') continue;
    const result = prepareValue(
      ctx,
      {
        indicatorId: entry.indicatorId,
        period,
        value: entry.value,
        comment: entry.comment,
        expectedVersion: entry.expectedVersion,
      },
      limits,
    );
    if (result.ok) prepared.push(result.value);
    else rowErrors.push({ indicatorId: entry.indicatorId, code: result.error.code });
  }
  if (rowErrors.length) return { ok: false, error: { code: 'indicators.bulk.invalidRows' }, rows: rowErrors };

  const outcome = await inTransaction(db, async (trx) => {
    let saved = 0;
    let submitted = 0;
    for (const p of prepared) {
      const written = await writeValue(trx, authorOf(user), p);
      if (!written.ok) return written;
      if (!written.value.unchanged) saved++;
    }
    if (input.submit) {
      for (const ref of toSubmit) {
        const done = await applyTransition(trx, user, ref, SUBMIT);
        if (done.ok) submitted++;
        else if (done.error.code !== 'indicators.value.notFound' && done.error.code !== 'indicators.value.wrongState') {
          return done;
        }
      }
    }
    return { ok: true, value: { saved, submitted } } as const;
  });
  return outcome.ok ? outcome : { ...outcome, rows: [] };
}
