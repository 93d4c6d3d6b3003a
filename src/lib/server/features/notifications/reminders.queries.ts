import type { Kysely } from 'kysely';
import { chunk } from '../../db/dialect';
import type { DB } from '../../db/schema';

/** Reads behind the reminder scan and the digest. Plain functions, no transactions. */

export interface ScheduledIndicator {
  id: string;
  name: string;
  institutionId: string;
  periodicity: string;
  baselineDate: string | null;
  targetDate: string | null;
  planEnd: string | null;
  responsiblePersonId: string | null;
  actionId: string | null;
}

/** Indicators entered by hand (module-computed ones need no reminder), every institution. */
export async function listManualIndicators(db: Kysely<DB>): Promise<ScheduledIndicator[]> {
  const rows = await db
    .selectFrom('indicator')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .select([
      'indicator.id',
      'indicator.name',
      'plan.institution_id',
      'indicator.periodicity',
      'indicator.baseline_date',
      'indicator.target_date',
      'plan.end_year',
      'indicator.responsible_person_id',
      'indicator.action_id',
    ])
    .where('indicator.source', '=', 'manual')
    .orderBy('plan.institution_id')
    .orderBy('indicator.plan_id')
    .orderBy('indicator.position')
    .orderBy('indicator.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    institutionId: r.institution_id,
    periodicity: r.periodicity,
    baselineDate: r.baseline_date,
    targetDate: r.target_date,
    planEnd: r.end_year === null ? null : `${r.end_year}-12-31`,
    responsiblePersonId: r.responsible_person_id,
    actionId: r.action_id,
  }));
}

export async function listGraceDays(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('progress_setting').select(['institution_id', 'grace_days']).execute();
  return new Map(rows.map((r) => [r.institution_id, Number(r.grace_days)]));
}

/** "indicatorId|period" of the current values already submitted or validated for these periods. */
export async function listEnteredValueKeys(db: Kysely<DB>, periodLabels: readonly string[]): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const labels of chunk([...new Set(periodLabels)])) {
    const rows = await db
      .selectFrom('indicator_value')
      .select(['indicator_id', 'period'])
      .where('is_current', '=', 1)
      .where('state', 'in', ['submitted', 'validated'])
      .where('period', 'in', labels)
      .execute();
    for (const r of rows) keys.add(`${r.indicator_id}|${r.period}`);
  }
  return keys;
}

export interface ActiveUser {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  personId: string | null;
  institutionId: string;
  role: string;
}

/** Enabled accounts with their membership (one row per institution they belong to). */
export async function listActiveUsers(db: Kysely<DB>): Promise<ActiveUser[]> {
  const rows = await db
    .selectFrom('app_user')
    .innerJoin('membership', 'membership.user_id', 'app_user.id')
    .select([
      'app_user.id',
      'app_user.email',
      'app_user.display_name',
      'app_user.locale',
      'app_user.person_id',
      'membership.institution_id',
      'membership.role',
    ])
    .where('app_user.disabled', '=', 0)
    .orderBy('app_user.email')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    locale: r.locale,
    personId: r.person_id,
    institutionId: r.institution_id,
    role: r.role,
  }));
}

/** The people piloting each action, directly or as members of a pilot team. */
export async function listActionPilotPeople(db: Kysely<DB>): Promise<Map<string, Set<string>>> {
  const direct = await db
    .selectFrom('action_pilot')
    .select(['action_id', 'person_id'])
    .where('person_id', 'is not', null)
    .execute();
  const viaTeams = await db
    .selectFrom('action_pilot')
    .innerJoin('team_member', 'team_member.team_id', 'action_pilot.team_id')
    .select(['action_pilot.action_id', 'team_member.person_id'])
    .execute();
  const out = new Map<string, Set<string>>();
  for (const r of [...direct, ...viaTeams]) {
    if (!r.person_id) continue;
    const set = out.get(r.action_id) ?? new Set<string>();
    set.add(r.person_id);
    out.set(r.action_id, set);
  }
  return out;
}

export interface SubmittedValueRow {
  indicatorId: string;
  indicatorName: string;
  periodLabel: string;
  enteredBy: string;
  enteredAt: string;
}

/** Current values waiting for the officer's validation, oldest first. */
export async function listSubmittedValues(db: Kysely<DB>, institutionId: string): Promise<SubmittedValueRow[]> {
  const rows = await db
    .selectFrom('indicator_value')
    .innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
    .innerJoin('plan', 'plan.id', 'indicator.plan_id')
    .select([
      'indicator.id',
      'indicator.name',
      'indicator_value.period',
      'indicator_value.entered_by_label',
      'indicator_value.entered_at',
    ])
    .where('plan.institution_id', '=', institutionId)
    .where('indicator_value.is_current', '=', 1)
    .where('indicator_value.state', '=', 'submitted')
    .orderBy('indicator_value.entered_at')
    .orderBy('indicator_value.id')
    .execute();
  return rows.map((r) => ({
    indicatorId: r.id,
    indicatorName: r.name,
    periodLabel: r.period,
    enteredBy: r.entered_by_label,
    enteredAt: r.entered_at,
  }));
}

export async function listInstitutionNames(db: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('institution').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
