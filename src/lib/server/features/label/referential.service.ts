/**
 * The institution's list of label criteria: seeded from
 * data/label/ddrs-referential.json, then added to, renamed, reordered, retired
 * and restored by the officer. Every change is audited.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type Actor, recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import {
  type CriterionInput,
  canEditLabel,
  canReadLabelDetail,
  criterionInputSchema,
  type RenameCriterionInput,
  renameCriterionSchema,
} from './label';
import {
  findCriterionRow,
  insertCriterionRows,
  isAxisCode,
  isCriterionCodeTaken,
  type LabelCriterionRow,
  listAxisRows,
  listCriterionRows,
  updateCriterionRow,
} from './label.queries';

export const REFERENTIAL_FILE = 'data/label/ddrs-referential.json';

const seedSchema = z.object({
  source: z.string(),
  version: z.string(),
  criteria: z.array(
    z.object({
      axis: z.string(),
      code: z.string(),
      titleFr: z.string(),
      titleEn: z.string(),
      source: z.string().nullable(),
      isPlaceholder: z.boolean(),
    }),
  ),
});
export type ReferentialSeed = z.infer<typeof seedSchema>;

export function readReferentialSeed(root = process.cwd()): ReferentialSeed {
  return seedSchema.parse(JSON.parse(readFileSync(resolve(root, REFERENTIAL_FILE), 'utf8')));
}

export type ReferentialErrorCode =
  | 'label.error.forbidden'
  | 'label.error.notFound'
  | 'label.error.alreadySeeded'
  | 'label.error.axis'
  | 'label.error.code'
  | 'label.error.codeTaken'
  | 'label.error.title';

type Result<T = undefined> = { ok: true; value: T } | { ok: false; error: { code: ReferentialErrorCode } };
const refuse = (code: ReferentialErrorCode) => ({ ok: false, error: { code } }) as const;
const actorOf = (user: SessionUser): Actor => ({ userId: user.id, label: user.displayName });

/** Writes the seed's criteria for an institution that has none yet (the demo, the CLI, the officer's button). */
export async function seedReferentialFor(
  db: Kysely<DB>,
  institutionId: string,
  actor: Actor,
  seed: ReferentialSeed = readReferentialSeed(),
): Promise<number> {
  const now = nowIso();
  const positions = new Map<string, number>();
  const rows = seed.criteria.map((c) => {
    const position = (positions.get(c.axis) ?? 0) + 1;
    positions.set(c.axis, position);
    return {
      id: newId(),
      institution_id: institutionId,
      axis_code: c.axis,
      position,
      code: c.code,
      title_fr: c.titleFr,
      title_en: c.titleEn,
      is_placeholder: c.isPlaceholder ? 1 : 0,
      source: c.source ? `${c.source} (${REFERENTIAL_FILE}, ${seed.version})` : `${REFERENTIAL_FILE}, ${seed.version}`,
      retired_at: null,
      created_at: now,
      updated_at: now,
    };
  });
  await db.transaction().execute(async (trx) => {
    await insertCriterionRows(trx, rows);
    await recordAudit(trx, {
      institutionId,
      actor,
      entityType: 'label_referential',
      entityId: institutionId,
      operation: 'import',
      changes: [{ field: 'criteria', before: null, after: String(rows.length) }],
    });
  });
  return rows.length;
}

/** The officer's "start from Trajectoire's list" button: only while the institution has no criterion. */
export async function seedReferential(db: Kysely<DB>, user: SessionUser): Promise<Result<{ created: number }>> {
  if (!canEditLabel(user)) return refuse('label.error.forbidden');
  if ((await listCriterionRows(db, user.institutionId)).length > 0) return refuse('label.error.alreadySeeded');
  return { ok: true, value: { created: await seedReferentialFor(db, user.institutionId, actorOf(user)) } };
}

/** Adds a criterion at the end of its axis. */
export async function addCriterion(
  db: Kysely<DB>,
  user: SessionUser,
  input: CriterionInput,
): Promise<Result<{ id: string }>> {
  if (!canEditLabel(user)) return refuse('label.error.forbidden');
  const parsed = criterionInputSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? '');
    return refuse(
      field === 'axisCode' ? 'label.error.axis' : field === 'code' ? 'label.error.code' : 'label.error.title',
    );
  }
  const c = parsed.data;
  if (!(await isAxisCode(db, c.axisCode))) return refuse('label.error.axis');
  return db.transaction().execute(async (trx) => {
    if (await isCriterionCodeTaken(trx, user.institutionId, c.code)) return refuse('label.error.codeTaken');
    const siblings = (await listCriterionRows(trx, user.institutionId)).filter((r) => r.axis_code === c.axisCode);
    const id = newId();
    const now = nowIso();
    await insertCriterionRows(trx, [
      {
        id,
        institution_id: user.institutionId,
        axis_code: c.axisCode,
        position: Math.max(0, ...siblings.map((s) => s.position)) + 1,
        code: c.code,
        title_fr: c.titleFr,
        title_en: c.titleEn ?? c.titleFr,
        is_placeholder: 0,
        source: null,
        retired_at: null,
        created_at: now,
        updated_at: now,
      },
    ]);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'label_criterion',
      entityId: id,
      operation: 'create',
      changes: [
        { field: 'axis_code', before: null, after: c.axisCode },
        { field: 'code', before: null, after: c.code },
        { field: 'title_fr', before: null, after: c.titleFr },
      ],
    });
    return { ok: true, value: { id } } as const;
  });
}

/** Renames a criterion (both languages) and says whether its wording is still a placeholder. */
export async function renameCriterion(db: Kysely<DB>, user: SessionUser, input: RenameCriterionInput): Promise<Result> {
  if (!canEditLabel(user)) return refuse('label.error.forbidden');
  const parsed = renameCriterionSchema.safeParse(input);
  if (!parsed.success) return refuse('label.error.title');
  const c = parsed.data;
  return db.transaction().execute(async (trx) => {
    const row = await findCriterionRow(trx, user.institutionId, c.criterionId);
    if (!row) return refuse('label.error.notFound');
    const after = { title_fr: c.titleFr, title_en: c.titleEn ?? c.titleFr, is_placeholder: c.isPlaceholder ? 1 : 0 };
    await updateCriterionRow(trx, row.id, { ...after, updated_at: nowIso() });
    await audit(trx, user, row, after);
    return { ok: true, value: undefined } as const;
  });
}

/** Moves a criterion one place up or down within its axis. */
export async function moveCriterion(
  db: Kysely<DB>,
  user: SessionUser,
  criterionId: string,
  direction: 'up' | 'down',
): Promise<Result> {
  if (!canEditLabel(user)) return refuse('label.error.forbidden');
  return db.transaction().execute(async (trx) => {
    const row = await findCriterionRow(trx, user.institutionId, criterionId);
    if (!row) return refuse('label.error.notFound');
    const siblings = (await listCriterionRows(trx, user.institutionId)).filter((r) => r.axis_code === row.axis_code);
    const index = siblings.findIndex((s) => s.id === row.id);
    const other = siblings[direction === 'up' ? index - 1 : index + 1];
    if (!other) return { ok: true, value: undefined } as const;
    // Renumber the axis 1..n with the two swapped, so that equal positions never leave the order undecided.
    const order = siblings.map((s) => s.id);
    [order[index], order[siblings.indexOf(other)]] = [other.id, row.id];
    const now = nowIso();
    for (const [i, id] of order.entries()) {
      const s = siblings.find((x) => x.id === id);
      if (s && s.position !== i + 1) await updateCriterionRow(trx, id, { position: i + 1, updated_at: now });
    }
    await audit(trx, user, row, { position: order.indexOf(row.id) + 1 });
    return { ok: true, value: undefined } as const;
  });
}

/** Retires a criterion from new assessments (its past assessments keep it), or brings it back. */
export async function setCriterionRetired(
  db: Kysely<DB>,
  user: SessionUser,
  criterionId: string,
  retired: boolean,
): Promise<Result> {
  if (!canEditLabel(user)) return refuse('label.error.forbidden');
  return db.transaction().execute(async (trx) => {
    const row = await findCriterionRow(trx, user.institutionId, criterionId);
    if (!row) return refuse('label.error.notFound');
    if ((row.retired_at !== null) === retired) return { ok: true, value: undefined } as const;
    const now = nowIso();
    const after = { retired_at: retired ? now : null };
    await updateCriterionRow(trx, row.id, { ...after, updated_at: now });
    await audit(trx, user, row, after);
    return { ok: true, value: undefined } as const;
  });
}

async function audit(
  trx: Kysely<DB>,
  user: SessionUser,
  before: LabelCriterionRow,
  after: Partial<LabelCriterionRow>,
): Promise<void> {
  const changes = Object.entries(after)
    .map(([field, value]) => ({
      field,
      before:
        before[field as keyof LabelCriterionRow] === null ? null : String(before[field as keyof LabelCriterionRow]),
      after: value === null || value === undefined ? null : String(value),
    }))
    .filter((c) => c.before !== c.after);
  await recordAudit(trx, {
    institutionId: user.institutionId,
    actor: actorOf(user),
    entityType: 'label_criterion',
    entityId: before.id,
    operation: 'update',
    changes,
  });
}

export interface ReferentialCriterion {
  id: string;
  code: string;
  titleFr: string;
  titleEn: string;
  isPlaceholder: boolean;
  source: string | null;
  retired: boolean;
}

export interface ReferentialPage {
  canEdit: boolean;
  axes: { code: string; titleFr: string; titleEn: string; criteria: ReferentialCriterion[] }[];
  placeholders: number;
}

/** The criteria by axis for the officer and the committee; undefined for the others (same answer as not found). */
export async function getReferentialPage(db: Kysely<DB>, user: SessionUser): Promise<ReferentialPage | undefined> {
  if (!canReadLabelDetail(user)) return undefined;
  const [axes, rows] = await Promise.all([listAxisRows(db), listCriterionRows(db, user.institutionId)]);
  return {
    canEdit: canEditLabel(user),
    axes: axes.map((a) => ({
      code: a.code,
      titleFr: a.title_fr,
      titleEn: a.title_en,
      criteria: rows
        .filter((r) => r.axis_code === a.code)
        .map((r) => ({
          id: r.id,
          code: r.code,
          titleFr: r.title_fr,
          titleEn: r.title_en,
          isPlaceholder: r.is_placeholder === 1,
          source: r.source,
          retired: r.retired_at !== null,
        })),
    })),
    placeholders: rows.filter((r) => r.is_placeholder === 1 && r.retired_at === null).length,
  };
}
