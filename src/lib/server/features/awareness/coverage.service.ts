import type { Kysely } from 'kysely';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import {
  academicYearChoices,
  canManageAwareness,
  type HeadcountInput,
  headcountInputSchema,
  STUDY_POPULATIONS,
} from './awareness';
import {
  deleteHeadcountRow,
  findHeadcount,
  listAnonymousAttendances,
  listAttendances,
  listHeadcountRows,
  upsertHeadcountRow,
} from './awareness-stats.queries';
import { type CoverageRow, computeCoverage } from './coverage';

/** Coverage of every academic year (or one), per group, population and programme; everyone signed in reads it. */
export async function getCoverage(
  db: Kysely<DB>,
  user: SessionUser,
  options: { academicYear?: string } = {},
): Promise<CoverageRow[]> {
  const scope = { academicYear: options.academicYear };
  const [attendances, anonymous, headcounts] = await Promise.all([
    listAttendances(db, user.institutionId, scope),
    listAnonymousAttendances(db, user.institutionId, scope),
    listHeadcountRows(db, user.institutionId, options.academicYear),
  ]);
  return computeCoverage({
    attendances: attendances.map((a) => ({
      identityKey: a.identity_key,
      population: a.population,
      programme: a.programme,
      academicYear: a.academic_year,
    })),
    anonymous: anonymous.map((a) => ({
      population: a.population,
      programme: a.programme,
      academicYear: a.academic_year,
      participants: a.participants,
    })),
    headcounts: headcounts.map((h) => ({
      academicYear: h.academic_year,
      population: h.population,
      programme: h.programme,
      headcount: h.headcount,
    })),
  });
}

export interface HeadcountsPage {
  canManage: boolean;
  headcounts: { academicYear: string; population: string; programme: string; headcount: number }[];
  academicYears: string[];
}

export async function getHeadcountsPage(db: Kysely<DB>, user: SessionUser, today: string): Promise<HeadcountsPage> {
  const rows = await listHeadcountRows(db, user.institutionId);
  return {
    canManage: canManageAwareness(user),
    headcounts: rows.map((r) => ({
      academicYear: r.academic_year,
      population: r.population,
      programme: r.programme,
      headcount: r.headcount,
    })),
    academicYears: academicYearChoices(today),
  };
}

export type HeadcountErrorCode =
  | 'awareness.error.forbidden'
  | 'awareness.headcount.error.academicYear'
  | 'awareness.headcount.error.population'
  | 'awareness.headcount.error.programme'
  | 'awareness.headcount.error.headcount';

const FIELD_CODES: Record<string, HeadcountErrorCode> = {
  academicYear: 'awareness.headcount.error.academicYear',
  population: 'awareness.headcount.error.population',
  programme: 'awareness.headcount.error.programme',
  headcount: 'awareness.headcount.error.headcount',
};

/** Parses a headcount; a programme only for the study populations. Pure. */
export function parseHeadcount(
  input: HeadcountInput,
):
  | { ok: true; value: { academicYear: string; population: string; programme: string; headcount: number } }
  | { ok: false; error: { code: HeadcountErrorCode } } {
  const parsed = headcountInputSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'headcount');
    return { ok: false, error: { code: FIELD_CODES[field] ?? 'awareness.headcount.error.headcount' } };
  }
  const h = parsed.data;
  if (h.programme !== '' && !STUDY_POPULATIONS.includes(h.population)) {
    return { ok: false, error: { code: 'awareness.headcount.error.programme' } };
  }
  return { ok: true, value: h };
}

/** Writes headcounts (inside the caller's transaction), 0 removing one; each change audited. */
export async function storeHeadcounts(
  trx: Kysely<DB>,
  user: SessionUser,
  headcounts: readonly { academicYear: string; population: string; programme: string; headcount: number }[],
  operation: 'update' | 'import',
): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (const h of headcounts) {
    const before = await findHeadcount(trx, user.institutionId, h);
    if (before?.headcount === h.headcount || (!before && h.headcount === 0)) continue;
    if (h.headcount === 0) await deleteHeadcountRow(trx, user.institutionId, h);
    else {
      await upsertHeadcountRow(trx, {
        institution_id: user.institutionId,
        academic_year: h.academicYear,
        population: h.population,
        programme: h.programme,
        headcount: h.headcount,
        updated_by: user.id,
        updated_at: nowIso(),
      });
    }
    if (before) updated++;
    else created++;
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'awareness_headcount',
      entityId: `${h.academicYear}:${h.population}:${h.programme}`,
      operation,
      changes: [
        {
          field: 'headcount',
          before: before ? String(before.headcount) : null,
          after: h.headcount === 0 ? null : String(h.headcount),
        },
      ],
    });
  }
  return { created, updated };
}

/** Sets one headcount (the officer); 0 removes it. */
export async function setHeadcount(
  db: Kysely<DB>,
  user: SessionUser,
  input: HeadcountInput,
): Promise<{ ok: true } | { ok: false; error: { code: HeadcountErrorCode } }> {
  if (!canManageAwareness(user)) return { ok: false, error: { code: 'awareness.error.forbidden' } };
  const parsed = parseHeadcount(input);
  if (!parsed.ok) return parsed;
  await db.transaction().execute((trx) => storeHeadcounts(trx, user, [parsed.value], 'update'));
  return { ok: true };
}
