/**
 * Generates a large institution for the dashboard benchmark: 20 plans, 2,000 actions, 5,000 indicators and
 * 200,000 indicator values (40 monthly values per indicator, with a few corrected versions), plus an admin
 * account. Writes into DATABASE_URL (SQLite file or PostgreSQL), which must be empty.
 */
import type { Kysely } from 'kysely';
import { openDatabase } from '../../src/lib/server/db/connect';
import { chunk } from '../../src/lib/server/db/dialect';
import { newId, nowIso } from '../../src/lib/server/db/ids';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import type { DB } from '../../src/lib/server/db/schema';
import { createUser } from '../../src/lib/server/features/auth';
import { periodsBetween } from '../../src/lib/server/features/indicators/periods';
import { syncReferenceData } from '../../src/lib/server/features/sdg';

export const BENCH_ADMIN = { email: 'bench-admin@bench.test', password: 'bench-password-123' };
const PLANS = 20;
const WORKSTREAMS = 4;
const OBJECTIVES = 5;
const ACTIONS_PER_PLAN = 100; // 2,000 actions
const MONTHS = periodsBetween('month', '2022-09-01', '2025-12-31'); // 40 months -> 200,000 values

async function insertMany<T extends keyof DB>(
  db: Kysely<DB>,
  table: T,
  rows: Record<string, unknown>[],
): Promise<void> {
  for (const part of chunk(rows, 500))
    await db
      .insertInto(table)
      .values(part as never)
      .execute();
}

export async function generate(
  url: string,
): Promise<{ institutionId: string; planIds: string[]; indicatorId: string }> {
  const { db, close } = openDatabase(url);
  try {
    await migrateToLatest(db);
    await syncReferenceData(db);
    const existing = await db.selectFrom('institution').select('id').executeTakeFirst();
    if (existing) throw new Error('the benchmark database must be empty');
    const institutionId = newId();
    const now = nowIso();
    await db
      .insertInto('institution')
      .values({
        id: institutionId,
        slug: 'bench',
        name: 'Université de banc d’essai',
        purpose_statement: null,
        ambition: null,
        values_text: null,
        created_at: now,
      })
      .execute();
    const people = Array.from({ length: 200 }, (_, i) => ({
      id: newId(),
      institution_id: institutionId,
      display_name: `Pilote${i} A.`,
      family_name: `Pilote${i}`,
      initials: 'A',
      email: null,
      job_title: null,
      unit_id: null,
      created_at: now,
    }));
    await insertMany(db, 'person', people);
    const planIds: string[] = [];
    let indicatorCount = 0;
    let firstIndicator = '';
    for (let p = 0; p < PLANS; p++) {
      const planId = newId();
      planIds.push(planId);
      await db
        .insertInto('plan')
        .values({
          id: planId,
          institution_id: institutionId,
          kind: 'multi_year',
          title: `Plan ${p + 1} 2023/2027`,
          start_year: 2023,
          end_year: 2027,
          source_name: 'bench',
          created_at: now,
        })
        .execute();
      const workstreams: Record<string, unknown>[] = [];
      const objectives: { id: string; workstream_id: string }[] = [];
      for (let w = 0; w < WORKSTREAMS; w++) {
        const wid = newId();
        workstreams.push({
          id: wid,
          plan_id: planId,
          position: w,
          code: String(w + 1),
          title: `Chantier ${w + 1}`,
          axis_code: null,
        });
        for (let o = 0; o < OBJECTIVES; o++) objectives.push({ id: newId(), workstream_id: wid });
      }
      await insertMany(db, 'workstream', workstreams);
      await insertMany(
        db,
        'objective',
        objectives.map((o, i) => ({
          ...o,
          position: i,
          code: String((i % OBJECTIVES) + 1),
          title: `Objectif ${i + 1}`,
        })),
      );
      const actions: Record<string, unknown>[] = [];
      const pilots: Record<string, unknown>[] = [];
      const sdgs: Record<string, unknown>[] = [];
      const indicators: Record<string, unknown>[] = [];
      const values: Record<string, unknown>[] = [];
      for (let a = 0; a < ACTIONS_PER_PLAN; a++) {
        const objective = objectives[a % objectives.length];
        const id = newId();
        actions.push({
          id,
          plan_id: planId,
          workstream_id: objective.workstream_id,
          objective_id: objective.id,
          position: a,
          title: `Action ${p + 1}.${a + 1}`,
          pilot_text: people[a % people.length].display_name,
          status: 'in_progress',
          start_date: null,
          end_date: null,
          fte_milli: null,
          budget_cents: null,
          description: null,
          version: 1,
          created_at: now,
          updated_at: now,
        });
        pilots.push({
          id: newId(),
          action_id: id,
          position: 0,
          kind: 'person',
          label: people[a % people.length].display_name,
          person_id: people[a % people.length].id,
          team_id: null,
          unit_id: null,
        });
        sdgs.push({ action_id: id, sdg_number: (a % 17) + 1 });
        // 2 or 3 indicators per action: 2.5 on average, 5,000 in all.
        const n = a % 2 === 0 ? 2 : 3;
        for (let k = 0; k < n; k++) {
          const indicatorId = newId();
          firstIndicator ||= indicatorId;
          indicatorCount++;
          indicators.push({
            id: indicatorId,
            plan_id: planId,
            action_id: id,
            objective_id: objective.id,
            target_id: null,
            position: indicatorCount,
            name: `Indicateur ${indicatorCount}`,
            unit: '%',
            direction: 'increase',
            kind: 'percentage',
            periodicity: 'month',
            baseline_value_milli: 10_000,
            baseline_date: '2022-08-31',
            target_value_milli: 80_000,
            target_date: '2027-12-31',
            responsible_person_id: people[a % people.length].id,
            source: 'manual',
            source_key: null,
            version: 1,
          });
          MONTHS.forEach((m, i) => {
            values.push({
              id: newId(),
              indicator_id: indicatorId,
              period: m.label,
              period_start: m.start,
              period_end: m.end,
              version: 1,
              is_current: 1,
              value_milli: 10_000 + i * 1000 + ((a * 7 + k) % 5) * 300,
              value_text: null,
              comment: null,
              evidence_url: null,
              evidence_file_id: null,
              state: i % 10 === 9 ? 'submitted' : 'validated',
              return_reason: null,
              change_reason: null,
              entered_by: null,
              entered_by_label: 'bench',
              entered_at: m.end,
              reviewed_by: null,
              reviewed_at: null,
              is_demo: 0,
            });
          });
        }
      }
      await insertMany(db, 'action', actions);
      await insertMany(db, 'action_pilot', pilots);
      await insertMany(db, 'action_sdg', sdgs);
      await insertMany(db, 'indicator', indicators);
      await insertMany(db, 'indicator_value', values);
    }
    const created = await createUser(db, { ...BENCH_ADMIN, displayName: 'Bench admin', institutionId, role: 'admin' });
    if (!created.ok) throw new Error(created.error.code);
    return { institutionId, planIds, indicatorId: firstIndicator };
  } finally {
    await close();
  }
}
