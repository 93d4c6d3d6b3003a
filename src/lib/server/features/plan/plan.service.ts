import type { Kysely } from 'kysely';
import { z } from 'zod';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type Actor, type AuditEntry, diffFields, listAuditForEntity, recordAudit } from '../audit';
import { canEditAction, canReviewSdgAlignment, listTeamIdsOfPerson, type SessionUser } from '../auth';
import { ACTION_STATUSES, type ActionView, AXIS_CODES, actionsOf, type PlanTree } from './plan';
import { findActionRow, loadPlanTree } from './plan.queries';

export type Result<T, C extends string = string> =
  | { ok: true; value: T }
  | { ok: false; error: { code: C; params?: Record<string, string | number> } };

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable();

/** What the edit form may change. Parsed once at the edge (form or CLI). */
export const actionEditSchema = z
  .object({
    expectedVersion: z.coerce.number().int().min(1),
    title: z.string().trim().min(1).max(2000),
    status: z.enum(ACTION_STATUSES),
    startDate: isoDate,
    endDate: isoDate,
    fteMilli: z.number().int().min(0).max(1_000_000).nullable(),
    budgetCents: z.number().int().min(0).max(1e13).nullable(),
    description: z.string().max(20_000).nullable(),
    sdgs: z.array(z.number().int().min(1).max(17)).max(17),
    axes: z.array(z.enum(AXIS_CODES)).max(5),
  })
  .refine((v) => !v.startDate || !v.endDate || v.startDate <= v.endDate, {
    message: 'plan.action.error.datesOrder',
    path: ['endDate'],
  });
export type ActionEdit = z.infer<typeof actionEditSchema>;

export interface ActionPage {
  action: ActionView;
  planId: string;
  planTitle: string;
  workstreamTitle: string;
  objectiveTitle: string | null;
  description: string | null;
  version: number;
  updatedAt: string;
  history: AuditEntry[];
  canEdit: boolean;
  openReviews: { id: string; suggestedSdgs: number[]; reasonCode: string; rawCells: string[] }[];
}

/** An action with its context and history; undefined when it does not exist or belongs to another institution. */
export async function getActionPage(
  db: Kysely<DB>,
  user: SessionUser,
  actionId: string,
): Promise<ActionPage | undefined> {
  const row = await findActionRow(db, user.institutionId, actionId);
  if (!row) return undefined;
  const tree = await loadPlanTree(db, user.institutionId, row.plan_id);
  if (!tree) return undefined;
  const action = actionsOf(tree).find((a) => a.id === actionId);
  if (!action) return undefined;
  const workstream = tree.workstreams.find((w) => w.id === action.workstreamId);
  const objective = workstream?.objectives.find((o) => o.id === action.objectiveId);
  const teams = await listTeamIdsOfPerson(db, user.personId);
  const reviews = await db
    .selectFrom('sdg_review')
    .select(['id', 'suggested_sdgs', 'reason_code', 'raw_cells'])
    .where('action_id', '=', actionId)
    .where('status', '=', 'open')
    .execute();
  return {
    action,
    planId: row.plan_id,
    planTitle: row.plan_title,
    workstreamTitle: workstream?.title ?? '',
    objectiveTitle: objective?.title ?? null,
    description: row.description,
    version: row.version,
    updatedAt: row.updated_at,
    history: await listAuditForEntity(db, 'action', actionId),
    canEdit: canEditAction(user, action.pilots, teams),
    openReviews: reviews.map((r) => ({
      id: r.id,
      suggestedSdgs: JSON.parse(r.suggested_sdgs) as number[],
      reasonCode: r.reason_code,
      rawCells: JSON.parse(r.raw_cells) as string[],
    })),
  };
}

export function actorOf(user: SessionUser): Actor {
  return { userId: user.id, label: user.displayName };
}

/**
 * Saves an edit. Refused when the user may not edit the action, and when
 * someone saved it since the form was opened (the version moved): nothing is
 * ever silently overwritten. Every changed field goes to the history.
 */
export async function editAction(
  db: Kysely<DB>,
  user: SessionUser,
  actionId: string,
  edit: ActionEdit,
): Promise<
  Result<
    { version: number; changed: number },
    'plan.action.notFound' | 'plan.action.forbidden' | 'plan.action.conflict'
  >
> {
  const page = await getActionPage(db, user, actionId);
  if (!page) return { ok: false, error: { code: 'plan.action.notFound' } };
  if (!page.canEdit) return { ok: false, error: { code: 'plan.action.forbidden' } };
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('action').selectAll().where('id', '=', actionId).executeTakeFirstOrThrow();
    if (current.version !== edit.expectedVersion) {
      return { ok: false, error: { code: 'plan.action.conflict' } } as const;
    }
    const next = {
      title: edit.title,
      status: edit.status,
      start_date: edit.startDate,
      end_date: edit.endDate,
      fte_milli: edit.fteMilli,
      budget_cents: edit.budgetCents,
      description: edit.description,
    };
    const changes = diffFields(current, next);
    const sdgsBefore = page.action.sdgs.join(', ');
    const sdgsAfter = [...new Set(edit.sdgs)].sort((a, b) => a - b).join(', ');
    if (sdgsBefore !== sdgsAfter) changes.push({ field: 'sdgs', before: sdgsBefore || null, after: sdgsAfter || null });
    const axesBefore = [...page.action.axes].sort().join(', ');
    const axesAfter = [...new Set(edit.axes)].sort().join(', ');
    if (axesBefore !== axesAfter) changes.push({ field: 'axes', before: axesBefore || null, after: axesAfter || null });
    if (changes.length === 0) return { ok: true, value: { version: current.version, changed: 0 } } as const;

    const version = current.version + 1;
    const updated = await trx
      .updateTable('action')
      .set({ ...next, version, updated_at: nowIso() })
      .where('id', '=', actionId)
      .where('version', '=', current.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false, error: { code: 'plan.action.conflict' } } as const;
    if (sdgsBefore !== sdgsAfter) {
      await trx.deleteFrom('action_sdg').where('action_id', '=', actionId).execute();
      const values = [...new Set(edit.sdgs)].map((n) => ({ action_id: actionId, sdg_number: n }));
      if (values.length) await trx.insertInto('action_sdg').values(values).execute();
    }
    if (axesBefore !== axesAfter) {
      await trx.deleteFrom('action_axis').where('action_id', '=', actionId).execute();
      const values = [...new Set(edit.axes)].map((code) => ({ action_id: actionId, axis_code: code }));
      if (values.length) await trx.insertInto('action_axis').values(values).execute();
    }
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'action',
      entityId: actionId,
      operation: 'update',
      changes,
    });
    return { ok: true, value: { version, changed: changes.length } } as const;
  });
}

/** The officer confirms (or corrects) the SDGs of an imported matrix row that could not be aligned with certainty. */
export async function resolveSdgReview(
  db: Kysely<DB>,
  user: SessionUser,
  reviewId: string,
  sdgs: number[],
): Promise<Result<{ actionId: string }, 'plan.review.notFound' | 'plan.review.forbidden'>> {
  if (!canReviewSdgAlignment(user)) return { ok: false, error: { code: 'plan.review.forbidden' } };
  const review = await db
    .selectFrom('sdg_review')
    .innerJoin('plan', 'plan.id', 'sdg_review.plan_id')
    .select(['sdg_review.id', 'sdg_review.action_id', 'sdg_review.status'])
    .where('sdg_review.id', '=', reviewId)
    .where('plan.institution_id', '=', user.institutionId)
    .executeTakeFirst();
  if (review?.status !== 'open') return { ok: false, error: { code: 'plan.review.notFound' } };
  const chosen = [...new Set(sdgs)].filter((n) => n >= 1 && n <= 17).sort((a, b) => a - b);
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('action_sdg')
      .select('sdg_number')
      .where('action_id', '=', review.action_id)
      .execute();
    await trx.deleteFrom('action_sdg').where('action_id', '=', review.action_id).execute();
    if (chosen.length) {
      await trx
        .insertInto('action_sdg')
        .values(chosen.map((n) => ({ action_id: review.action_id, sdg_number: n })))
        .execute();
    }
    await trx
      .updateTable('sdg_review')
      .set({ status: 'resolved', resolved_by: user.id, resolved_at: nowIso() })
      .where('id', '=', reviewId)
      .execute();
    await trx
      .updateTable('action')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: nowIso() }))
      .where('id', '=', review.action_id)
      .execute();
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'action',
      entityId: review.action_id,
      operation: 'update',
      changes: [
        {
          field: 'sdgs',
          before:
            before
              .map((b) => b.sdg_number)
              .sort((a, b) => a - b)
              .join(', ') || null,
          after: chosen.join(', ') || null,
        },
      ],
    });
  });
  return { ok: true, value: { actionId: review.action_id } };
}

/** The actions x SDG matrix of a plan, grouped as the plan is (by workstream, which carries the axis). */
export function sdgMatrixOf(tree: PlanTree) {
  const groups = tree.workstreams.map((w) => ({
    id: w.id,
    title: w.title,
    axis: w.axis,
    actions: [...w.objectives.flatMap((o) => o.actions), ...w.actions].map((a) => ({
      id: a.id,
      title: a.title,
      sdgs: a.sdgs,
    })),
  }));
  const totals = Array.from({ length: 17 }, (_, i) => actionsOf(tree).filter((a) => a.sdgs.includes(i + 1)).length);
  return { groups, totals };
}
