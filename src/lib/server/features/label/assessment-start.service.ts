/**
 * Starting a year's self-assessment (officer only): an empty draft, or one that
 * copies the latest earlier assessment for the criteria still in use.
 */
import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { type AssessmentResult, actorOf, refuse } from './assessment.service';
import { assessmentYearChoices, canEditLabel, itemsToCopy } from './label';
import {
  insertAssessmentRow,
  insertEvidenceRows,
  insertItemRows,
  listAssessmentRows,
  listCriterionRows,
  listEvidenceOfItems,
  listItemRows,
} from './label.queries';

/**
 * Starts the assessment of a year as a draft. With `copyPrevious`, the latest
 * earlier assessment's levels, justifications and evidence are copied for the
 * criteria still in use (the officer reviews them before submitting).
 */
export async function startAssessment(
  db: Kysely<DB>,
  user: SessionUser,
  input: { year: number; copyPrevious: boolean; currentYear: number },
): Promise<AssessmentResult<{ copiedFromYear: number | null }>> {
  if (!canEditLabel(user)) return refuse('label.error.forbidden');
  if (!assessmentYearChoices(input.currentYear).includes(input.year)) return refuse('label.error.year');
  return db.transaction().execute(async (trx) => {
    const assessments = await listAssessmentRows(trx, user.institutionId);
    if (assessments.some((a) => a.year === input.year)) return refuse('label.error.exists');
    const criteria = (await listCriterionRows(trx, user.institutionId)).filter((c) => c.retired_at === null);
    if (criteria.length === 0) return refuse('label.error.noCriteria');
    const previous = input.copyPrevious ? assessments.find((a) => a.year < input.year) : undefined;
    if (input.copyPrevious && !previous) return refuse('label.error.noPrevious');
    const id = newId();
    const now = nowIso();
    await insertAssessmentRow(trx, {
      id,
      institution_id: user.institutionId,
      year: input.year,
      status: 'draft',
      copied_from_year: previous?.year ?? null,
      created_by: user.id,
      created_at: now,
      submitted_by: null,
      submitted_at: null,
    });
    const previousItems = previous ? await listItemRows(trx, [previous.id]) : [];
    const copied = new Map(
      itemsToCopy(
        previousItems.map((i) => ({ criterionId: i.criterion_id, level: i.level, justification: i.justification })),
        new Set(criteria.map((c) => c.id)),
      ).map((c) => [c.criterionId, c]),
    );
    const itemIdOf = new Map<string, string>();
    await insertItemRows(
      trx,
      criteria.map((c) => {
        const itemId = newId();
        itemIdOf.set(c.id, itemId);
        const from = copied.get(c.id);
        return {
          id: itemId,
          assessment_id: id,
          criterion_id: c.id,
          level: from?.level ?? null,
          justification: from?.justification ?? null,
          updated_by: user.id,
          updated_at: now,
        };
      }),
    );
    const oldEvidence = await listEvidenceOfItems(
      trx,
      previousItems.filter((i) => itemIdOf.has(i.criterion_id)).map((i) => i.id),
    );
    const criterionOfOldItem = new Map(previousItems.map((i) => [i.id, i.criterion_id]));
    await insertEvidenceRows(
      trx,
      oldEvidence.map((e) => ({
        ...e,
        id: newId(),
        item_id: itemIdOf.get(criterionOfOldItem.get(e.item_id) ?? '') ?? '',
        created_by: user.id,
        created_at: now,
      })),
    );
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'label_assessment',
      entityId: id,
      operation: 'create',
      changes: [
        { field: 'year', before: null, after: String(input.year) },
        { field: 'copied_from_year', before: null, after: previous ? String(previous.year) : null },
      ],
    });
    return { ok: true, value: { copiedFromYear: previous?.year ?? null } } as const;
  });
}
