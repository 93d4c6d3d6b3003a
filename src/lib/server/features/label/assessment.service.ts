/**
 * Writing the self-assessments (officer only): start a year (empty, or from the
 * previous assessment's levels, justifications and evidence), set a criterion's
 * level and justification, add and remove evidence, submit. A submitted
 * assessment is frozen: every write refuses it. Every change is audited.
 */
import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type Actor, recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { checkEvidenceFile } from '../indicators';
import { criteriaOfAssessment } from './assessment-views.service';
import { canEditLabel, type EvidenceInput, evidenceInputSchema, type ItemInput, itemInputSchema } from './label';
import {
  deleteEvidenceRow,
  deleteItemRows,
  findActionOfInstitution,
  findAssessmentRow,
  findCriterionRow,
  findEvidenceRow,
  findIndicatorOfInstitution,
  findItemRow,
  insertEvidenceRows,
  insertItemRows,
  type LabelAssessmentRow,
  listCriterionRows,
  listItemRows,
  markAssessmentSubmitted,
  updateItemRow,
} from './label.queries';
import { cleanFilename, sha256Hex } from './label-files';

export type AssessmentErrorCode =
  | 'label.error.forbidden'
  | 'label.error.notFound'
  | 'label.error.year'
  | 'label.error.exists'
  | 'label.error.noPrevious'
  | 'label.error.noCriteria'
  | 'label.error.frozen'
  | 'label.error.level'
  | 'label.error.justification'
  | 'label.error.action'
  | 'label.error.indicator'
  | 'label.error.url'
  | 'label.error.file'
  | 'indicators.evidence.empty'
  | 'indicators.evidence.tooLarge'
  | 'indicators.evidence.refused';

export type AssessmentResult<T = undefined> =
  | { ok: true; value: T }
  | { ok: false; error: { code: AssessmentErrorCode; params?: Record<string, string | number> } };

export const refuse = (code: AssessmentErrorCode, params?: Record<string, string | number>) =>
  ({ ok: false, error: params ? { code, params } : { code } }) as const;
export const actorOf = (user: SessionUser): Actor => ({ userId: user.id, label: user.displayName });

/** The draft of a year and the item of a criterion in it (created when the criterion was added after the start). */
async function draftItem(
  trx: Kysely<DB>,
  user: SessionUser,
  year: number,
  criterionId: string,
): Promise<
  | {
      ok: true;
      assessment: LabelAssessmentRow;
      itemId: string;
      before: { level: number | null; justification: string | null };
    }
  | { ok: false; error: { code: AssessmentErrorCode } }
> {
  const assessment = await findAssessmentRow(trx, user.institutionId, year);
  if (!assessment) return refuse('label.error.notFound');
  if (assessment.status !== 'draft') return refuse('label.error.frozen');
  const criterion = await findCriterionRow(trx, user.institutionId, criterionId);
  if (!criterion) return refuse('label.error.notFound');
  const item = await findItemRow(trx, assessment.id, criterion.id);
  if (item) return { ok: true, assessment, itemId: item.id, before: item };
  if (criterion.retired_at !== null) return refuse('label.error.notFound');
  const itemId = newId();
  await insertItemRows(trx, [
    {
      id: itemId,
      assessment_id: assessment.id,
      criterion_id: criterion.id,
      level: null,
      justification: null,
      updated_by: user.id,
      updated_at: nowIso(),
    },
  ]);
  return { ok: true, assessment, itemId, before: { level: null, justification: null } };
}

/** Sets a criterion's level (or clears it) and its justification in a draft. */
export async function saveAssessmentItem(
  db: Kysely<DB>,
  user: SessionUser,
  year: number,
  input: ItemInput,
): Promise<AssessmentResult> {
  if (!canEditLabel(user)) return refuse('label.error.forbidden');
  const parsed = itemInputSchema.safeParse(input);
  if (!parsed.success) {
    return refuse(parsed.error.issues[0]?.path[0] === 'level' ? 'label.error.level' : 'label.error.justification');
  }
  const v = parsed.data;
  return db.transaction().execute(async (trx) => {
    const found = await draftItem(trx, user, year, v.criterionId);
    if (!found.ok) return found;
    await updateItemRow(trx, found.itemId, {
      level: v.level,
      justification: v.justification,
      updated_by: user.id,
      updated_at: nowIso(),
    });
    const text = (n: number | null) => (n === null ? null : String(n));
    const changes = [
      { field: 'level', before: text(found.before.level), after: text(v.level) },
      { field: 'justification', before: found.before.justification, after: v.justification },
    ].filter((c) => c.before !== c.after);
    if (changes.length) {
      await recordAudit(trx, {
        institutionId: user.institutionId,
        actor: actorOf(user),
        entityType: 'label_assessment_item',
        entityId: found.itemId,
        operation: 'update',
        changes,
      });
    }
    return { ok: true, value: undefined } as const;
  });
}

const INPUT_CODES: Record<string, AssessmentErrorCode> = {
  actionId: 'label.error.action',
  indicatorId: 'label.error.indicator',
  url: 'label.error.url',
  text: 'label.error.url',
  bytes: 'label.error.file',
  filename: 'label.error.file',
};

/** Adds a piece of evidence to a criterion of a draft: an action or indicator of the institution, a link, a checked file. */
export async function addEvidence(
  db: Kysely<DB>,
  user: SessionUser,
  year: number,
  input: EvidenceInput,
  options: { maxMb: number },
): Promise<AssessmentResult<{ id: string }>> {
  if (!canEditLabel(user)) return refuse('label.error.forbidden');
  const parsed = evidenceInputSchema.safeParse(input);
  if (!parsed.success) return refuse(INPUT_CODES[String(parsed.error.issues[0]?.path[0])] ?? 'label.error.url');
  const e = parsed.data;
  const base = { action_id: null, indicator_id: null, url: null, content_type: null, byte_size: null, sha256: null };
  let row: Omit<Parameters<typeof insertEvidenceRows>[1][number], 'id' | 'item_id' | 'created_by' | 'created_at'>;
  if (e.kind === 'action') {
    const action = await findActionOfInstitution(db, user.institutionId, e.actionId);
    if (!action) return refuse('label.error.action');
    row = { ...base, kind: 'action', action_id: action.id, label: action.title, content_base64: null };
  } else if (e.kind === 'indicator') {
    const indicator = await findIndicatorOfInstitution(db, user.institutionId, e.indicatorId);
    if (!indicator) return refuse('label.error.indicator');
    row = { ...base, kind: 'indicator', indicator_id: indicator.id, label: indicator.name, content_base64: null };
  } else if (e.kind === 'url') {
    row = { ...base, kind: 'url', url: e.url, label: e.text ?? e.url, content_base64: null };
  } else {
    const checked = checkEvidenceFile(e.bytes, options.maxMb);
    if (!checked.ok) return refuse(checked.error.code, checked.error.params);
    row = {
      ...base,
      kind: 'file',
      label: cleanFilename(e.filename),
      content_type: checked.value.contentType,
      byte_size: e.bytes.byteLength,
      sha256: sha256Hex(e.bytes),
      content_base64: Buffer.from(e.bytes).toString('base64'),
    };
  }
  return db.transaction().execute(async (trx) => {
    const found = await draftItem(trx, user, year, e.criterionId);
    if (!found.ok) return found;
    const id = newId();
    await insertEvidenceRows(trx, [{ ...row, id, item_id: found.itemId, created_by: user.id, created_at: nowIso() }]);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'label_evidence',
      entityId: id,
      operation: 'create',
      changes: [
        { field: 'kind', before: null, after: row.kind },
        { field: 'label', before: null, after: row.label },
        { field: 'url', before: null, after: row.url ?? null },
      ],
    });
    return { ok: true, value: { id } } as const;
  });
}

/** Removes a piece of evidence from a draft. */
export async function removeEvidence(
  db: Kysely<DB>,
  user: SessionUser,
  year: number,
  evidenceId: string,
): Promise<AssessmentResult> {
  if (!canEditLabel(user)) return refuse('label.error.forbidden');
  return db.transaction().execute(async (trx) => {
    const row = await findEvidenceRow(trx, user.institutionId, evidenceId);
    if (!row || row.year !== year) return refuse('label.error.notFound');
    if (row.status !== 'draft') return refuse('label.error.frozen');
    await deleteEvidenceRow(trx, row.id);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'label_evidence',
      entityId: row.id,
      operation: 'delete',
      changes: [
        { field: 'kind', before: row.kind, after: null },
        { field: 'label', before: row.label, after: null },
      ],
    });
    return { ok: true, value: undefined } as const;
  });
}

/**
 * Submits a draft: its list of criteria is frozen with it (an item for each
 * one it holds; retired criteria without a level leave), and from then on
 * nothing in it changes.
 */
export async function submitAssessment(db: Kysely<DB>, user: SessionUser, year: number): Promise<AssessmentResult> {
  if (!canEditLabel(user)) return refuse('label.error.forbidden');
  return db.transaction().execute(async (trx) => {
    const assessment = await findAssessmentRow(trx, user.institutionId, year);
    if (!assessment) return refuse('label.error.notFound');
    if (assessment.status !== 'draft') return refuse('label.error.frozen');
    const criteria = await listCriterionRows(trx, user.institutionId);
    const items = await listItemRows(trx, [assessment.id]);
    const held = criteriaOfAssessment('draft', criteria, items);
    const now = nowIso();
    await insertItemRows(
      trx,
      held
        .filter((h) => h.item === undefined)
        .map((h) => ({
          id: newId(),
          assessment_id: assessment.id,
          criterion_id: h.criterion.id,
          level: null,
          justification: null,
          updated_by: user.id,
          updated_at: now,
        })),
    );
    const heldIds = new Set(held.map((h) => h.criterion.id));
    const dropped = items.filter((i) => !heldIds.has(i.criterion_id)).map((i) => i.id);
    await deleteItemRows(trx, dropped);
    if (!(await markAssessmentSubmitted(trx, assessment.id, user.id, now))) return refuse('label.error.frozen');
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'label_assessment',
      entityId: assessment.id,
      operation: 'update',
      changes: [{ field: 'status', before: 'draft', after: 'submitted' }],
    });
    return { ok: true, value: undefined } as const;
  });
}
