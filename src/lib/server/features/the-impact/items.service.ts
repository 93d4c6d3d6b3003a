import { createHash } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { checkEvidenceFile } from '../indicators';
import { canEditTheImpactItems, figureToMilli, findMetric, type ItemInput, itemSchema } from './the-impact';
import {
  deleteItemRow,
  findEditionRow,
  findItemRow,
  insertItemRows,
  isInstitutionAction,
  isInstitutionIndicator,
  listEditionSdgNumbers,
  updateItemRow,
} from './the-impact.queries';
import type { TheImpactItemTable } from './the-impact.table';

export type ItemErrorCode =
  | 'theImpact.error.forbidden'
  | 'theImpact.error.notFound'
  | 'theImpact.error.sdg'
  | 'theImpact.error.metric'
  | 'theImpact.error.kind'
  | 'theImpact.error.title'
  | 'theImpact.error.description'
  | 'theImpact.error.createdOn'
  | 'theImpact.error.reviewedOn'
  | 'theImpact.error.publicUrl'
  | 'theImpact.error.figureValue'
  | 'theImpact.error.figureUnit'
  | 'theImpact.error.action'
  | 'theImpact.error.indicator'
  | 'indicators.evidence.empty'
  | 'indicators.evidence.tooLarge'
  | 'indicators.evidence.refused';

export type ItemResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: ItemErrorCode; params?: Record<string, string | number> } };

export interface ItemFile {
  filename: string;
  bytes: Uint8Array;
}

const FIELD_CODES: Record<string, ItemErrorCode> = {
  sdg: 'theImpact.error.sdg',
  metricCode: 'theImpact.error.metric',
  kind: 'theImpact.error.kind',
  title: 'theImpact.error.title',
  description: 'theImpact.error.description',
  createdOn: 'theImpact.error.createdOn',
  reviewedOn: 'theImpact.error.reviewedOn',
  publicUrl: 'theImpact.error.publicUrl',
  figureValue: 'theImpact.error.figureValue',
  figureUnit: 'theImpact.error.figureUnit',
  actionId: 'theImpact.error.action',
  indicatorId: 'theImpact.error.indicator',
};

/** The name kept for display: no folders, no control characters, at most 200 characters. */
function cleanFilename(name: string): string {
  const clean = (name.split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}"]/gu, '').trim();
  return (clean || 'document').slice(0, 200);
}

type ItemFields = Omit<
  Insertable<TheImpactItemTable>,
  'id' | 'institution_id' | 'edition_id' | 'is_draft' | 'created_by' | 'created_at' | 'updated_by' | 'updated_at'
>;

/** Parses and checks an item against the edition (its SDGs, the catalogue, the plan's ids) and its file. */
async function validate(
  db: Kysely<DB>,
  user: SessionUser,
  editionId: string,
  input: ItemInput,
  file: ItemFile | undefined,
  maxMb: number,
): Promise<ItemResult<{ fields: ItemFields; file: Partial<ItemFields> }>> {
  const parsed = itemSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'title');
    return { ok: false, error: { code: FIELD_CODES[field] ?? 'theImpact.error.title' } };
  }
  const i = parsed.data;
  const sdgs = (await listEditionSdgNumbers(db, [editionId])).map((s) => s.sdg_number);
  if (!sdgs.includes(i.sdg)) return { ok: false, error: { code: 'theImpact.error.sdg' } };
  const metric = findMetric(i.sdg, i.metricCode);
  // Research metrics come from Scopus, never from the institution.
  if (!metric || metric.kind === 'research') return { ok: false, error: { code: 'theImpact.error.metric' } };
  const figureMilli = i.figureValue === undefined ? null : figureToMilli(i.figureValue);
  if (figureMilli === undefined) return { ok: false, error: { code: 'theImpact.error.figureValue' } };
  if (i.actionId && !(await isInstitutionAction(db, user.institutionId, i.actionId))) {
    return { ok: false, error: { code: 'theImpact.error.action' } };
  }
  if (i.indicatorId && !(await isInstitutionIndicator(db, user.institutionId, i.indicatorId))) {
    return { ok: false, error: { code: 'theImpact.error.indicator' } };
  }
  let fileFields: Partial<ItemFields> = {};
  if (file && file.bytes.byteLength > 0) {
    const checked = checkEvidenceFile(file.bytes, maxMb);
    if (!checked.ok) return { ok: false, error: checked.error };
    fileFields = {
      file_name: cleanFilename(file.filename),
      file_content_type: checked.value.contentType,
      file_byte_size: file.bytes.byteLength,
      file_sha256: createHash('sha256').update(file.bytes).digest('hex'),
      file_base64: Buffer.from(file.bytes).toString('base64'),
    };
  }
  return {
    ok: true,
    value: {
      fields: {
        sdg_number: i.sdg,
        metric_code: i.metricCode,
        kind: i.kind,
        title: i.title,
        description: i.description ?? null,
        created_on: i.createdOn ?? null,
        reviewed_on: i.reviewedOn ?? null,
        public_url: i.publicUrl ?? null,
        figure_milli: figureMilli,
        figure_unit: i.figureUnit ?? null,
        action_id: i.actionId ?? null,
        indicator_id: i.indicatorId ?? null,
      },
      file: fileFields,
    },
  };
}

const AUDITED = [
  'sdg_number',
  'metric_code',
  'kind',
  'title',
  'description',
  'created_on',
  'reviewed_on',
  'public_url',
  'figure_milli',
  'figure_unit',
  'action_id',
  'indicator_id',
  'file_name',
  'is_draft',
] as const;
const asText = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Adds an evidence item to an edition (officer and pilots), audited. */
export async function createItem(
  db: Kysely<DB>,
  user: SessionUser,
  edition: number,
  input: ItemInput,
  options: { file?: ItemFile; maxMb: number },
): Promise<ItemResult<{ id: string }>> {
  if (!canEditTheImpactItems(user)) return { ok: false, error: { code: 'theImpact.error.forbidden' } };
  return db.transaction().execute(async (trx): Promise<ItemResult<{ id: string }>> => {
    const row = await findEditionRow(trx, user.institutionId, edition);
    if (!row) return { ok: false, error: { code: 'theImpact.error.notFound' } };
    const checked = await validate(trx, user, row.id, input, options.file, options.maxMb);
    if (!checked.ok) return checked;
    const id = newId();
    const now = nowIso();
    const values = { ...checked.value.fields, ...checked.value.file, is_draft: 0 };
    await insertItemRows(trx, [
      {
        id,
        institution_id: user.institutionId,
        edition_id: row.id,
        ...values,
        created_by: user.id,
        created_at: now,
        updated_by: user.id,
        updated_at: now,
      },
    ]);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'the_impact_item',
      entityId: id,
      operation: 'create',
      changes: AUDITED.map((f) => ({ field: f, before: null, after: asText(values[f]) })).filter((c) => c.after),
    });
    return { ok: true, value: { id } };
  });
}

/** Edits an item; saving confirms a copied draft. `removeFile` drops the stored file unless a new one is sent. */
export async function updateItem(
  db: Kysely<DB>,
  user: SessionUser,
  edition: number,
  id: string,
  input: ItemInput,
  options: { file?: ItemFile; removeFile?: boolean; maxMb: number },
): Promise<ItemResult<{ id: string }>> {
  if (!canEditTheImpactItems(user)) return { ok: false, error: { code: 'theImpact.error.forbidden' } };
  return db.transaction().execute(async (trx): Promise<ItemResult<{ id: string }>> => {
    const edRow = await findEditionRow(trx, user.institutionId, edition);
    const before = edRow ? await findItemRow(trx, user.institutionId, edRow.id, id) : undefined;
    if (!edRow || !before) return { ok: false, error: { code: 'theImpact.error.notFound' } };
    const checked = await validate(trx, user, edRow.id, input, options.file, options.maxMb);
    if (!checked.ok) return checked;
    const noFile = {
      file_name: null,
      file_content_type: null,
      file_byte_size: null,
      file_sha256: null,
      file_base64: null,
    };
    const fileChanges = checked.value.file.file_base64 ? checked.value.file : options.removeFile ? noFile : {};
    const changes = { ...checked.value.fields, ...fileChanges, is_draft: 0 };
    await updateItemRow(trx, id, { ...changes, updated_by: user.id, updated_at: nowIso() });
    const audited = AUDITED.map((f) => ({
      field: f,
      before: asText(before[f]),
      after: asText(f in changes ? changes[f as keyof typeof changes] : before[f]),
    })).filter((c) => c.before !== c.after);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'the_impact_item',
      entityId: id,
      operation: 'update',
      changes: audited,
    });
    return { ok: true, value: { id } };
  });
}

/** Deletes an item, its fields kept in the audit event. */
export async function deleteItem(
  db: Kysely<DB>,
  user: SessionUser,
  edition: number,
  id: string,
): Promise<ItemResult<null>> {
  if (!canEditTheImpactItems(user)) return { ok: false, error: { code: 'theImpact.error.forbidden' } };
  return db.transaction().execute(async (trx): Promise<ItemResult<null>> => {
    const edRow = await findEditionRow(trx, user.institutionId, edition);
    const before = edRow ? await findItemRow(trx, user.institutionId, edRow.id, id) : undefined;
    if (!before) return { ok: false, error: { code: 'theImpact.error.notFound' } };
    await deleteItemRow(trx, id);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'the_impact_item',
      entityId: id,
      operation: 'delete',
      changes: AUDITED.map((f) => ({ field: f, before: asText(before[f]), after: null })).filter((c) => c.before),
    });
    return { ok: true, value: null };
  });
}
