import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import type {
  LabelAssessmentItemTable,
  LabelAssessmentTable,
  LabelCriterionTable,
  LabelEvidenceTable,
} from './label.table';

export type LabelCriterionRow = Selectable<LabelCriterionTable>;
export type LabelAssessmentRow = Selectable<LabelAssessmentTable>;
export type LabelItemRow = Selectable<LabelAssessmentItemTable>;

/** Every criterion of the institution, retired ones included, in axis then list order. */
export function listCriterionRows(db: Kysely<DB>, institutionId: string): Promise<LabelCriterionRow[]> {
  return db
    .selectFrom('label_criterion')
    .innerJoin('plan_axis', 'plan_axis.code', 'label_criterion.axis_code')
    .selectAll('label_criterion')
    .where('label_criterion.institution_id', '=', institutionId)
    .orderBy('plan_axis.position')
    .orderBy('label_criterion.position')
    .orderBy('label_criterion.id')
    .execute();
}

export function findCriterionRow(
  db: Kysely<DB>,
  institutionId: string,
  id: string,
): Promise<LabelCriterionRow | undefined> {
  return db
    .selectFrom('label_criterion')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function isCriterionCodeTaken(db: Kysely<DB>, institutionId: string, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('label_criterion')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertCriterionRows(db: Kysely<DB>, rows: Insertable<LabelCriterionTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('label_criterion').values(rows).execute();
}

export async function updateCriterionRow(
  db: Kysely<DB>,
  id: string,
  changes: Updateable<LabelCriterionTable>,
): Promise<void> {
  await db.updateTable('label_criterion').set(changes).where('id', '=', id).execute();
}

export async function isAxisCode(db: Kysely<DB>, code: string): Promise<boolean> {
  return (await db.selectFrom('plan_axis').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export function listAxisRows(db: Kysely<DB>) {
  return db.selectFrom('plan_axis').select(['code', 'title_fr', 'title_en']).orderBy('position').execute();
}

export function findAssessmentRow(
  db: Kysely<DB>,
  institutionId: string,
  year: number,
): Promise<LabelAssessmentRow | undefined> {
  return db
    .selectFrom('label_assessment')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** The institution's assessments, newest year first. */
export function listAssessmentRows(db: Kysely<DB>, institutionId: string): Promise<LabelAssessmentRow[]> {
  return db
    .selectFrom('label_assessment')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy('year', 'desc')
    .execute();
}

export async function insertAssessmentRow(db: Kysely<DB>, row: Insertable<LabelAssessmentTable>): Promise<void> {
  await db.insertInto('label_assessment').values(row).execute();
}

/** Freezes a draft; false when it was not a draft any more (someone submitted it in between). */
export async function markAssessmentSubmitted(
  db: Kysely<DB>,
  id: string,
  userId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('label_assessment')
    .set({ status: 'submitted', submitted_by: userId, submitted_at: at })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function listItemRows(db: Kysely<DB>, assessmentIds: readonly string[]): Promise<LabelItemRow[]> {
  if (assessmentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('label_assessment_item')
    .selectAll()
    .where('assessment_id', 'in', [...assessmentIds])
    .execute();
}

export function findItemRow(
  db: Kysely<DB>,
  assessmentId: string,
  criterionId: string,
): Promise<LabelItemRow | undefined> {
  return db
    .selectFrom('label_assessment_item')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .where('criterion_id', '=', criterionId)
    .executeTakeFirst();
}

export async function insertItemRows(db: Kysely<DB>, rows: Insertable<LabelAssessmentItemTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('label_assessment_item').values(rows).execute();
}

export async function updateItemRow(
  db: Kysely<DB>,
  id: string,
  changes: Updateable<LabelAssessmentItemTable>,
): Promise<void> {
  await db.updateTable('label_assessment_item').set(changes).where('id', '=', id).execute();
}

export async function deleteItemRows(db: Kysely<DB>, ids: readonly string[]): Promise<void> {
  if (ids.length)
    await db
      .deleteFrom('label_assessment_item')
      .where('id', 'in', [...ids])
      .execute();
}

/** The evidence of an assessment without file contents, oldest first within each item. */
export function listEvidenceRows(db: Kysely<DB>, assessmentId: string) {
  return db
    .selectFrom('label_evidence')
    .innerJoin('label_assessment_item', 'label_assessment_item.id', 'label_evidence.item_id')
    .select([
      'label_evidence.id',
      'label_evidence.item_id',
      'label_assessment_item.criterion_id',
      'label_evidence.kind',
      'label_evidence.action_id',
      'label_evidence.indicator_id',
      'label_evidence.label',
      'label_evidence.url',
      'label_evidence.content_type',
      'label_evidence.byte_size',
      'label_evidence.created_at',
    ])
    .where('label_assessment_item.assessment_id', '=', assessmentId)
    .orderBy('label_evidence.created_at')
    .orderBy('label_evidence.id')
    .execute();
}

/** Every evidence row of an item, contents included: for copying to a new year. */
export function listEvidenceOfItems(db: Kysely<DB>, itemIds: readonly string[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('label_evidence')
    .selectAll()
    .where('item_id', 'in', [...itemIds])
    .execute();
}

export async function insertEvidenceRows(db: Kysely<DB>, rows: Insertable<LabelEvidenceTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('label_evidence').values(rows).execute();
}

/** An evidence row of the institution with its assessment's year and status. */
export function findEvidenceRow(db: Kysely<DB>, institutionId: string, evidenceId: string) {
  return db
    .selectFrom('label_evidence')
    .innerJoin('label_assessment_item', 'label_assessment_item.id', 'label_evidence.item_id')
    .innerJoin('label_assessment', 'label_assessment.id', 'label_assessment_item.assessment_id')
    .select([
      'label_evidence.id',
      'label_evidence.kind',
      'label_evidence.label',
      'label_evidence.url',
      'label_evidence.content_base64',
      'label_assessment_item.criterion_id',
      'label_assessment.year',
      'label_assessment.status',
    ])
    .where('label_assessment.institution_id', '=', institutionId)
    .where('label_evidence.id', '=', evidenceId)
    .executeTakeFirst();
}

export async function deleteEvidenceRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('label_evidence').where('id', '=', id).execute();
}

/** The actions of the institution's plans, for the evidence pickers: plan, then plan order. */
export function listActionOptionRows(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('action')
    .innerJoin('plan', 'plan.id', 'action.plan_id')
    .select(['action.id', 'action.title', 'plan.title as plan_title'])
    .where('plan.institution_id', '=', institutionId)
    .orderBy('plan.created_at', 'desc')
    .orderBy('plan.id')
    .orderBy('action.position')
    .orderBy('action.id')
    .execute();
}

export function listIndicatorOptionRows(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('indicator')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .select(['indicator.id', 'indicator.name', 'plan.title as plan_title'])
    .where('plan.institution_id', '=', institutionId)
    .orderBy('plan.created_at', 'desc')
    .orderBy('plan.id')
    .orderBy('indicator.position')
    .orderBy('indicator.id')
    .execute();
}

export function findActionOfInstitution(db: Kysely<DB>, institutionId: string, actionId: string) {
  return db
    .selectFrom('action')
    .innerJoin('plan', 'plan.id', 'action.plan_id')
    .select(['action.id', 'action.title'])
    .where('plan.institution_id', '=', institutionId)
    .where('action.id', '=', actionId)
    .executeTakeFirst();
}

export function findIndicatorOfInstitution(db: Kysely<DB>, institutionId: string, indicatorId: string) {
  return db
    .selectFrom('indicator')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .select(['indicator.id', 'indicator.name'])
    .where('plan.institution_id', '=', institutionId)
    .where('indicator.id', '=', indicatorId)
    .executeTakeFirst();
}

export async function findInstitutionName(db: Kysely<DB>, institutionId: string): Promise<string> {
  const row = await db.selectFrom('institution').select('name').where('id', '=', institutionId).executeTakeFirst();
  return row?.name ?? '';
}
