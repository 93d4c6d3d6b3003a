/** Test helpers of the portal's database tests: settings, seeded values and private records. */
import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { sessionUserByEmail } from '../../testing/accounts';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { declareTrip } from '../travel';
import { DEFAULT_LICENCE, type PortalSettingsInput } from './portal';

/** Every section public, the default licence. */
export function allPublic(overrides: Partial<PortalSettingsInput> = {}): PortalSettingsInput {
  return {
    enabled: true,
    sections: { plan: true, sdg: true, reports: true, fund: true, data: true },
    licenceName: DEFAULT_LICENCE.name,
    licenceUrl: DEFAULT_LICENCE.url,
    purposeText: '',
    contactUrl: '',
    ...overrides,
  };
}

export async function decode(file: { bytes: Uint8Array } | undefined): Promise<string> {
  if (!file) throw new Error('no file');
  return new TextDecoder().decode(file.bytes);
}

/** An indicator value version written as the values service would store it (for seeding). */
export async function insertValue(
  db: Kysely<DB>,
  indicatorId: string,
  v: { period: string; version: number; current: boolean; milli: number; state: string; comment?: string },
) {
  await db
    .insertInto('indicator_value')
    .values({
      id: newId(),
      indicator_id: indicatorId,
      period: v.period,
      period_start: `${v.period}-01-01`,
      period_end: `${v.period}-12-31`,
      version: v.version,
      is_current: v.current ? 1 : 0,
      value_milli: v.milli,
      value_text: null,
      comment: v.comment ?? null,
      evidence_url: 'https://intranet.example/secret-evidence',
      evidence_file_id: null,
      state: v.state,
      return_reason: v.state === 'returned' ? 'Motif de retour confidentiel' : null,
      change_reason: 'Raison de modification confidentielle',
      entered_by: null,
      entered_by_label: 'Saisisseuse Confidentielle',
      entered_at: nowIso(),
      reviewed_by: null,
      reviewed_at: v.state === 'validated' ? '2031-02-01T10:00:00.000Z' : null,
      is_demo: 0,
    })
    .execute();
}

export interface PortalFixture {
  admin: SessionUser;
  pilot: SessionUser;
  slug: string;
  indicatorId: string;
  planId: string;
}

/**
 * The demo institution with, on its newest plan's first yearly indicator: 2031 validated
 * (424 242.125) then a newer draft, 2032 submitted, 2033 returned (distinctive numbers).
 */
export async function seedPortalFixture(db: Kysely<DB>): Promise<PortalFixture> {
  await loadDemoIfEmpty(db, { password: 'demo-password-123' });
  const admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
  const pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
  const slug = (
    await db.selectFrom('institution').select('slug').where('id', '=', admin.institutionId).executeTakeFirstOrThrow()
  ).slug;
  const indicator = await db
    .selectFrom('indicator')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .select(['indicator.id', 'indicator.plan_id'])
    .where('plan.institution_id', '=', admin.institutionId)
    .where('indicator.kind', '=', 'number')
    .where('indicator.periodicity', '=', 'year')
    .orderBy('plan.start_year', 'desc')
    .orderBy('indicator.position')
    .executeTakeFirstOrThrow();
  const indicatorId = indicator.id;
  await insertValue(db, indicatorId, {
    period: '2031',
    version: 1,
    current: false,
    milli: 424242_125,
    state: 'validated',
  });
  await insertValue(db, indicatorId, {
    period: '2031',
    version: 2,
    current: true,
    milli: 913_579_000,
    state: 'draft',
    comment: 'Commentaire de brouillon confidentiel',
  });
  await insertValue(db, indicatorId, {
    period: '2032',
    version: 1,
    current: true,
    milli: 824_681_000,
    state: 'submitted',
  });
  await insertValue(db, indicatorId, {
    period: '2033',
    version: 1,
    current: true,
    milli: 735_791_000,
    state: 'returned',
  });
  return { admin, pilot, slug, indicatorId, planId: indicator.plan_id };
}

/** Private records of every kind the portal must never show; returns the strings to look for. */
export async function seedPrivateData(db: Kysely<DB>, admin: SessionUser): Promise<string[]> {
  const people = await db
    .selectFrom('person')
    .select('display_name')
    .where('institution_id', '=', admin.institutionId)
    .execute();
  const users = await db.selectFrom('app_user').select(['display_name', 'email']).execute();
  const action = await db
    .selectFrom('action')
    .innerJoin('plan', 'plan.id', 'action.plan_id')
    .select('action.id')
    .where('plan.institution_id', '=', admin.institutionId)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('action')
    .set({ description: 'Description interne confidentielle', budget_cents: 98_765_432 })
    .where('id', '=', action.id)
    .execute();
  const ideaId = newId();
  const now = nowIso();
  await db
    .insertInto('idea')
    .values({
      id: ideaId,
      institution_id: admin.institutionId,
      title: 'Idée anonyme confidentielle',
      description: 'Texte de l’idée anonyme',
      anonymous: 1,
      author_user_id: admin.id,
      axis_code: null,
      status: 'received',
      public_answer: null,
      moderation_state: 'visible',
      moderation_reason: null,
      moderated_by: null,
      moderated_at: null,
      merged_into_id: null,
      action_id: null,
      submitted_on: now.slice(0, 10),
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('idea_comment')
    .values({
      id: newId(),
      idea_id: ideaId,
      author_user_id: admin.id,
      author_label: admin.displayName,
      body: 'Commentaire sur idée confidentiel',
      moderation_state: 'visible',
      moderation_reason: null,
      moderated_by: null,
      moderated_at: null,
      created_at: now,
    })
    .execute();
  const trip = await declareTrip(db, admin, {
    from: 'Alès',
    to: 'Montpellier',
    mode: 'train_regional',
    roundTrip: false,
    passengers: 1,
    method: 'ges1point5',
    contrails: true,
    date: '2026-10-05',
    purpose: 'Mission confidentielle du portail',
    category: 'staff',
  });
  if (!trip.ok) throw new Error('trip not declared');
  const trips = await db.selectFrom('trip').select(['id', 'traveller_key', 'purpose']).limit(50).execute();
  return [
    ...people.map((p) => p.display_name).filter((n) => n.length >= 6),
    ...users.flatMap((u) => [u.display_name, u.email]),
    ...trips.flatMap((t) => [t.id, t.traveller_key, ...(t.purpose && t.purpose.length >= 8 ? [t.purpose] : [])]),
    'Commentaire de brouillon confidentiel',
    'Motif de retour confidentiel',
    'Raison de modification confidentielle',
    'Saisisseuse Confidentielle',
    'secret-evidence',
    'Description interne confidentielle',
    '98765432',
    '987654,32',
    'Idée anonyme confidentielle',
    'Commentaire sur idée confidentiel',
    // Unvalidated values: draft 913579, submitted 824681, returned 735791 (in any number format).
    '913579',
    '913 579',
    '824681',
    '735791',
  ];
}
