/** Builders shared by this feature's database tests (never imported by the app). */
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { createUser, findSessionUserById, type Role, type SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { listPlans } from '../plan';

export const DEMO_ADMIN = 'responsable.ddrs@demo.trajectoire.test';
export const DEMO_VIEWER = 'lecteur@demo.trajectoire.test';

/** The demo institution, one of its users, and its multi-year plan. */
export async function demoContext(db: Kysely<DB>, email = DEMO_ADMIN) {
  await loadDemoIfEmpty(db, { password: 'demo-password-123' });
  const institution = await db.selectFrom('institution').selectAll().orderBy('created_at').executeTakeFirstOrThrow();
  const user = await userByEmail(db, email);
  const plans = await listPlans(db, institution.id);
  const plan = plans.find((p) => p.kind === 'multi_year') ?? plans[0];
  return { institution, user, plan };
}

export async function userByEmail(db: Kysely<DB>, email: string): Promise<SessionUser> {
  const row = await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const user = await findSessionUserById(db, row.id);
  if (!user) throw new Error(`no session user for ${email}`);
  return user;
}

/** A second institution with one account: it must never see the demo's rows. */
export async function otherInstitutionUser(db: Kysely<DB>, role: Role = 'admin'): Promise<SessionUser> {
  const id = newId();
  await db
    .insertInto('institution')
    .values({
      id,
      slug: `other-${id.slice(-8)}`,
      name: 'Autre établissement',
      purpose_statement: null,
      ambition: null,
      values_text: null,
      created_at: new Date().toISOString(),
    })
    .execute();
  const created = await createUser(db, {
    email: `admin-${id.slice(-8)}@other.test`,
    displayName: 'Autre admin',
    password: 'other-password-123',
    institutionId: id,
    role,
  });
  if (!created.ok) throw new Error(created.error.code);
  const user = await findSessionUserById(db, created.value.id);
  if (!user) throw new Error('no session user');
  return user;
}

/** One version of a value, written directly (the values feature is not under test here). */
export async function insertValue(
  db: Kysely<DB>,
  v: {
    indicatorId: string;
    period: string;
    version: number;
    current: boolean;
    valueMilli?: number | null;
    valueText?: string | null;
    state?: string;
    comment?: string | null;
    evidenceUrl?: string | null;
    changeReason?: string | null;
    enteredByLabel?: string;
    reviewedBy?: string | null;
  },
): Promise<void> {
  const year = v.period.slice(0, 4);
  await db
    .insertInto('indicator_value')
    .values({
      id: newId(),
      indicator_id: v.indicatorId,
      period: v.period,
      period_start: `${year}-01-01`,
      period_end: `${year}-12-31`,
      version: v.version,
      is_current: v.current ? 1 : 0,
      value_milli: v.valueMilli ?? null,
      value_text: v.valueText ?? null,
      comment: v.comment ?? null,
      evidence_url: v.evidenceUrl ?? null,
      evidence_file_id: null,
      state: v.state ?? 'submitted',
      return_reason: null,
      change_reason: v.changeReason ?? null,
      entered_by: null,
      entered_by_label: v.enteredByLabel ?? 'Robert L.',
      entered_at: `${year}-12-15T10:00:00.000Z`,
      reviewed_by: v.reviewedBy ?? null,
      reviewed_at: v.reviewedBy ? `${year}-12-20T10:00:00.000Z` : null,
      is_demo: 0,
    })
    .execute();
}
