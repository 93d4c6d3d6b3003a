import type { Kysely } from 'kysely';
import { chunk } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { isValueState, type ValueFields, type ValueState } from './indicators';

export interface ValueView extends ValueFields {
  id: string;
  indicatorId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  version: number;
  /** How many versions this period has had (1 = never corrected). */
  versions: number;
  state: ValueState;
  comment: string | null;
  evidenceUrl: string | null;
  evidenceFile: { id: string; filename: string } | null;
  enteredByLabel: string;
  enteredAt: string;
  reviewedAt: string | null;
  returnReason: string | null;
  changeReason: string | null;
  isDemo: boolean;
}

export type HistoryEvent = 'entered' | 'corrected' | 'submitted' | 'validated' | 'returned';

/** One line of a period's history: who did what, when, from what to what, and why. */
export interface HistoryEntry {
  at: string;
  who: string;
  period: string;
  version: number;
  event: HistoryEvent;
  valueBefore: ValueFields | null;
  valueAfter: ValueFields | null;
  stateBefore: ValueState | null;
  stateAfter: ValueState;
  reason: string | null;
}

function valueRows(db: Kysely<DB>) {
  return db
    .selectFrom('indicator_value')
    .leftJoin('evidence_file', 'evidence_file.id', 'indicator_value.evidence_file_id')
    .selectAll('indicator_value')
    .select(['evidence_file.filename as evidence_filename']);
}
type ValueRow = Awaited<ReturnType<ReturnType<typeof valueRows>['execute']>>[number];

const stateOf = (s: string): ValueState => (isValueState(s) ? s : 'draft');

function toView(r: ValueRow, versions: number): ValueView {
  return {
    id: r.id,
    indicatorId: r.indicator_id,
    period: r.period,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    version: r.version,
    versions,
    state: stateOf(r.state),
    valueMilli: r.value_milli === null ? null : Number(r.value_milli),
    valueText: r.value_text,
    comment: r.comment,
    evidenceUrl: r.evidence_url,
    evidenceFile:
      r.evidence_file_id && r.evidence_filename ? { id: r.evidence_file_id, filename: r.evidence_filename } : null,
    enteredByLabel: r.entered_by_label,
    enteredAt: r.entered_at,
    reviewedAt: r.reviewed_at,
    returnReason: r.return_reason,
    changeReason: r.change_reason,
    isDemo: Boolean(r.is_demo),
  };
}

/** The current value of each period of some indicators, newest period first. */
export async function listCurrentValues(db: Kysely<DB>, indicatorIds: readonly string[]): Promise<ValueView[]> {
  const out: ValueView[] = [];
  for (const ids of chunk(indicatorIds)) {
    if (ids.length === 0) continue;
    const [rows, counts] = await Promise.all([
      valueRows(db)
        .where('indicator_value.indicator_id', 'in', ids)
        .where('indicator_value.is_current', '=', 1)
        .orderBy('indicator_value.period_start', 'desc')
        .execute(),
      db
        .selectFrom('indicator_value')
        .select(['indicator_id', 'period', (eb) => eb.fn.countAll<number>().as('n')])
        .where('indicator_id', 'in', ids)
        .groupBy(['indicator_id', 'period'])
        .execute(),
    ]);
    const countOf = new Map(counts.map((c) => [`${c.indicator_id}|${c.period}`, Number(c.n)]));
    out.push(...rows.map((r) => toView(r, countOf.get(`${r.indicator_id}|${r.period}`) ?? 1)));
  }
  return out;
}

/**
 * Every version and every state change of an indicator's values (of one
 * period when given), newest first: nothing here is ever overwritten.
 */
export async function listHistory(db: Kysely<DB>, indicatorId: string, period?: string): Promise<HistoryEntry[]> {
  let q = valueRows(db).where('indicator_value.indicator_id', '=', indicatorId);
  if (period !== undefined) q = q.where('indicator_value.period', '=', period);
  const versions = await q.orderBy('indicator_value.period').orderBy('indicator_value.version').execute();
  const entries: HistoryEntry[] = [];
  const byId = new Map(versions.map((v) => [v.id, v]));
  versions.forEach((v, i) => {
    const previous = i > 0 && versions[i - 1].period === v.period ? versions[i - 1] : null;
    entries.push({
      at: v.entered_at,
      who: v.entered_by_label,
      period: v.period,
      version: v.version,
      event: previous ? 'corrected' : 'entered',
      valueBefore: previous
        ? {
            valueMilli: previous.value_milli === null ? null : Number(previous.value_milli),
            valueText: previous.value_text,
          }
        : null,
      valueAfter: { valueMilli: v.value_milli === null ? null : Number(v.value_milli), valueText: v.value_text },
      stateBefore: null,
      stateAfter: 'draft',
      reason: v.change_reason,
    });
  });
  for (const ids of chunk([...byId.keys()])) {
    if (ids.length === 0) continue;
    const audit = await db
      .selectFrom('audit_event')
      .select(['entity_id', 'at', 'actor_label', 'field', 'before_value', 'after_value'])
      .where('entity_type', '=', 'indicator_value')
      .where('entity_id', 'in', ids)
      .where('field', 'in', ['state', 'return_reason'])
      .orderBy('at')
      .orderBy('id')
      .execute();
    for (const a of audit) {
      if (a.field !== 'state' || !isValueState(a.after_value)) continue;
      const v = byId.get(a.entity_id);
      if (!v) continue;
      const reason = audit.find(
        (r) => r.entity_id === a.entity_id && r.at === a.at && r.field === 'return_reason',
      )?.after_value;
      entries.push({
        at: a.at,
        who: a.actor_label,
        period: v.period,
        version: v.version,
        event: a.after_value === 'draft' ? 'entered' : a.after_value,
        valueBefore: null,
        valueAfter: null,
        stateBefore: isValueState(a.before_value) ? a.before_value : null,
        stateAfter: a.after_value,
        reason: reason ?? null,
      });
    }
  }
  // Newest first; an entry and its submission in the same millisecond keep their real order.
  const step = (e: HistoryEntry) => e.version * 10 + (e.event === 'entered' || e.event === 'corrected' ? 0 : 1);
  return entries.sort((a, b) => b.period.localeCompare(a.period) || b.at.localeCompare(a.at) || step(b) - step(a));
}
