/**
 * Recording indicator values. Every entry is a new version: the previous one
 * stays in the table (is_current = 0) forever. Correcting a value that was
 * already submitted or validated needs a reason, kept with the new version.
 */
import type { Kysely } from 'kysely';
import { getConfig } from '../../config';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { checkEvidenceFile, cleanFilename, type DetectedType, sha256Hex } from './evidence';
import { isHttpUrl, MAX_TEXT_LENGTH, readValue, type ValueFields, type ValueState } from './indicators';
import { type Period, parsePeriod } from './periods';
import {
  entryRefusal,
  fail,
  inTransaction,
  loadValueContext,
  type ValueContext,
  type ValueResult,
} from './value-context';

export interface ValueInput {
  indicatorId: string;
  period: string;
  /** What was typed: a decimal ("12,5") for numbers and percentages, yes/no, or text. */
  value?: string | number | null;
  valueText?: string | null;
  comment?: string | null;
  evidenceUrl?: string | null;
  evidenceFile?: { filename: string; bytes: Uint8Array } | null;
  /** Drops the evidence the previous version carried (otherwise a correction keeps it). */
  removeEvidence?: boolean;
  /** Required when correcting a value already submitted or validated. */
  changeReason?: string | null;
  /** Version the user saw (null: no value yet). Omitted: no check (the history still keeps both). */
  expectedVersion?: number | null;
}

export interface PreparedValue {
  indicatorId: string;
  period: Period;
  fields: ValueFields;
  comment: string | null;
  evidenceUrl: string | null;
  file: { filename: string; bytes: Uint8Array; type: DetectedType } | null;
  removeEvidence: boolean;
  changeReason: string | null;
  expectedVersion?: number | null;
}

const optionalText = (v: string | null | undefined) => {
  const text = (v ?? '').trim();
  return text === '' ? null : text;
};

/** Checks an entry against the indicator before anything is written. */
export function prepareValue(
  ctx: ValueContext,
  input: ValueInput,
  options: { today: string; maxMb: number },
): ValueResult<PreparedValue> {
  const period = parsePeriod(ctx.periodicity, input.period);
  if (!period) return fail('indicators.value.invalidPeriod');
  if (period.start > options.today) return fail('indicators.value.futurePeriod');
  const raw =
    ctx.kind === 'number' || ctx.kind === 'percentage'
      ? (input.value ?? input.valueText)
      : (input.valueText ?? input.value);
  const parsed = readValue(ctx.kind, raw);
  if (!parsed.ok) return parsed;
  const comment = optionalText(input.comment);
  const changeReason = optionalText(input.changeReason);
  if ((comment?.length ?? 0) > MAX_TEXT_LENGTH || (changeReason?.length ?? 0) > MAX_TEXT_LENGTH) {
    return fail('indicators.value.tooLong');
  }
  const evidenceUrl = optionalText(input.evidenceUrl);
  if (evidenceUrl !== null && (evidenceUrl.length > 2000 || !isHttpUrl(evidenceUrl))) {
    return fail('indicators.value.invalidUrl');
  }
  let file: PreparedValue['file'] = null;
  if (input.evidenceFile) {
    const checked = checkEvidenceFile(input.evidenceFile.bytes, options.maxMb);
    if (!checked.ok) return checked;
    file = {
      filename: cleanFilename(input.evidenceFile.filename),
      bytes: input.evidenceFile.bytes,
      type: checked.value,
    };
  }
  return {
    ok: true,
    value: {
      indicatorId: ctx.indicator.id,
      period,
      fields: parsed.value,
      comment,
      evidenceUrl,
      file,
      removeEvidence: Boolean(input.removeEvidence),
      changeReason,
      expectedVersion: input.expectedVersion,
    },
  };
}

export async function findCurrentValue(db: Kysely<DB>, indicatorId: string, period: string) {
  return db
    .selectFrom('indicator_value')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('period', '=', period)
    .where('is_current', '=', 1)
    .executeTakeFirst();
}

/** Who writes a version: a person, or a module computing the indicator (no user account). */
export interface ValueAuthor {
  institutionId: string;
  userId: string | null;
  /** Shown in the values table and the history: the user's name, or "module:<key>". */
  label: string;
  /** State of the version written: a person's entry starts as a draft. */
  state: ValueState;
}

export function authorOf(user: SessionUser): ValueAuthor {
  return { institutionId: user.institutionId, userId: user.id, label: user.displayName, state: 'draft' };
}

export interface RecordedValue {
  id: string;
  version: number;
  /** Nothing differed from the current version: nothing was written. */
  unchanged: boolean;
}

/** Writes a prepared entry inside the caller's transaction (checks the version the user saw). */
export async function writeValue(
  trx: Kysely<DB>,
  author: ValueAuthor,
  prepared: PreparedValue,
): Promise<ValueResult<RecordedValue>> {
  const current = await findCurrentValue(trx, prepared.indicatorId, prepared.period.label);
  if (prepared.expectedVersion !== undefined && (current?.version ?? null) !== prepared.expectedVersion) {
    return fail('indicators.value.stale');
  }
  const keep = current && !prepared.removeEvidence;
  const evidenceUrl = prepared.evidenceUrl ?? (keep ? current.evidence_url : null);
  const sameValue =
    current &&
    current.value_milli === prepared.fields.valueMilli &&
    current.value_text === prepared.fields.valueText &&
    current.comment === prepared.comment &&
    current.evidence_url === evidenceUrl &&
    !prepared.file &&
    (!prepared.removeEvidence || current.evidence_file_id === null) &&
    // Saving a draft leaves the state alone (submitting is its own step); a
    // module's validated figure replaces a same-figure draft left by hand.
    (author.state === 'draft' || current.state === author.state);
  if (current && sameValue) return { ok: true, value: { id: current.id, version: current.version, unchanged: true } };
  if (current && (current.state === 'submitted' || current.state === 'validated') && !prepared.changeReason) {
    return fail('indicators.value.reasonRequired');
  }

  const at = nowIso();
  let evidenceFileId = keep ? current.evidence_file_id : null;
  if (prepared.file) {
    evidenceFileId = newId();
    await trx
      .insertInto('evidence_file')
      .values({
        id: evidenceFileId,
        institution_id: author.institutionId,
        filename: prepared.file.filename,
        content_type: prepared.file.type.contentType,
        byte_size: prepared.file.bytes.byteLength,
        sha256: sha256Hex(prepared.file.bytes),
        content_base64: Buffer.from(prepared.file.bytes).toString('base64'),
        uploaded_by: author.userId,
        uploaded_at: at,
      })
      .execute();
  }
  if (current) {
    const retired = await trx
      .updateTable('indicator_value')
      .set({ is_current: 0 })
      .where('id', '=', current.id)
      .where('is_current', '=', 1)
      .executeTakeFirst();
    if (Number(retired.numUpdatedRows) !== 1) return fail('indicators.value.stale');
  }
  const id = newId();
  const version = (current?.version ?? 0) + 1;
  await trx
    .insertInto('indicator_value')
    .values({
      id,
      indicator_id: prepared.indicatorId,
      period: prepared.period.label,
      period_start: prepared.period.start,
      period_end: prepared.period.end,
      version,
      is_current: 1,
      value_milli: prepared.fields.valueMilli,
      value_text: prepared.fields.valueText,
      comment: prepared.comment,
      evidence_url: evidenceUrl,
      evidence_file_id: evidenceFileId,
      state: author.state,
      return_reason: null,
      change_reason: current ? prepared.changeReason : null,
      entered_by: author.userId,
      entered_by_label: author.label,
      entered_at: at,
      reviewed_by: null,
      reviewed_at: null,
      is_demo: 0,
    })
    .execute();
  const shown = (milli: number | null, text: string | null) => (milli !== null ? String(milli / 1000) : text);
  await recordAudit(trx, {
    institutionId: author.institutionId,
    actor: { userId: author.userId, label: author.label },
    entityType: 'indicator_value',
    entityId: id,
    operation: current ? 'update' : 'create',
    changes: [
      { field: 'period', before: null, after: prepared.period.label },
      {
        field: 'value',
        before: current ? shown(current.value_milli, current.value_text) : null,
        after: shown(prepared.fields.valueMilli, prepared.fields.valueText),
      },
      ...(current && prepared.changeReason
        ? [{ field: 'change_reason', before: null, after: prepared.changeReason }]
        : []),
    ],
  });
  return { ok: true, value: { id, version, unchanged: false } };
}

export interface RecordOptions {
  /** ISO date; periods that start after it are refused. Default: today. */
  today?: string;
  /** Largest evidence file. Default: UPLOAD_MAX_MB. */
  maxMb?: number;
}

export function entryLimits(options: RecordOptions): { today: string; maxMb: number } {
  return { today: options.today ?? nowIso().slice(0, 10), maxMb: options.maxMb ?? getConfig().UPLOAD_MAX_MB };
}

/**
 * Records a value for a period: the first version as a draft, or a new
 * version of an existing one (its evidence kept unless replaced or removed).
 */
export async function recordValue(
  db: Kysely<DB>,
  user: SessionUser,
  input: ValueInput,
  options: RecordOptions = {},
): Promise<ValueResult<RecordedValue>> {
  const ctx = await loadValueContext(db, user, input.indicatorId);
  if (!ctx) return fail('indicators.value.notFound');
  if (!ctx.canEnter) return fail(entryRefusal(ctx));
  const prepared = prepareValue(ctx, input, entryLimits(options));
  if (!prepared.ok) return prepared;
  return inTransaction(db, (trx) => writeValue(trx, authorOf(user), prepared.value));
}
