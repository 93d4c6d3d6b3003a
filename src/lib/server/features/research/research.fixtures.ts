/** Builders shared by the research module's database tests. */
import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import type { ProjectInput } from './research';

/** A partner of the partner list, written straight into the partners module's table. */
export async function aPartner(db: Kysely<DB>, institutionId: string, name: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('partner')
    .values({
      id,
      institution_id: institutionId,
      name,
      kind: 'university',
      started_on: null,
      ended_on: null,
      website: null,
      description: null,
      is_demo: 0,
      version: 1,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** The id of one of the demo's org units, by short name (PCH, DMS, SG...). */
export async function unitId(db: Kysely<DB>, institutionId: string, shortName: string): Promise<string> {
  const row = await db
    .selectFrom('org_unit')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('short_name', '=', shortName)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A project of team PCH from 2024 to 2026 with two SDGs (so it breaks the rule) and no partner. */
export function aProjectInput(overrides: Partial<ProjectInput> = {}): ProjectInput {
  return {
    title: 'Composites biosourcés',
    acronym: 'BIOC',
    teamUnitId: null,
    teamText: null,
    leadPersonId: null,
    startDate: '2024-01-01',
    endDate: '2026-12-31',
    funder: 'ANR',
    programme: 'ANR',
    amountCents: 12_000_050,
    description: null,
    sdgs: [9, 12],
    partnerIds: [],
    freePartners: [],
    ...overrides,
  };
}
