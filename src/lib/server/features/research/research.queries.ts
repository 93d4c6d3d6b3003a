import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { chunk } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { RESEARCH_UNIT_KINDS } from './research';
import type { ResearchProjectTable, ResearchPublicationTable } from './research.table';

export type ProjectRow = Selectable<ResearchProjectTable>;

export async function insertProject(db: Kysely<DB>, row: Insertable<ResearchProjectTable>): Promise<void> {
  await db.insertInto('research_project').values(row).execute();
}

/** Updates a project only if it is still at `expectedVersion`; false when someone saved in between. */
export async function updateProjectRow(
  db: Kysely<DB>,
  id: string,
  expectedVersion: number,
  values: Updateable<ResearchProjectTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('research_project')
    .set({ ...values, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteProjectRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('research_project').where('id', '=', id).execute();
}

export function findProject(db: Kysely<DB>, institutionId: string, id: string): Promise<ProjectRow | undefined> {
  return db
    .selectFrom('research_project')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function replaceProjectSdgs(db: Kysely<DB>, projectId: string, sdgs: readonly number[]): Promise<void> {
  await db.deleteFrom('research_project_sdg').where('project_id', '=', projectId).execute();
  const unique = [...new Set(sdgs)].sort((a, b) => a - b);
  if (unique.length === 0) return;
  await db
    .insertInto('research_project_sdg')
    .values(unique.map((n) => ({ project_id: projectId, sdg_number: n })))
    .execute();
}

export async function replaceProjectPartners(
  db: Kysely<DB>,
  projectId: string,
  partners: readonly ({ partnerId: string; name?: undefined } | { partnerId?: undefined; name: string })[],
  newId: () => string,
): Promise<void> {
  await db.deleteFrom('research_project_partner').where('project_id', '=', projectId).execute();
  if (partners.length === 0) return;
  await db
    .insertInto('research_project_partner')
    .values(
      partners.map((p, position) => ({
        id: newId(),
        project_id: projectId,
        position,
        partner_id: p.partnerId ?? null,
        partner_name: p.name ?? null,
      })),
    )
    .execute();
}

/** Every project of the institution with its team's and lead's names, newest start first, undated last. */
export function listProjectRows(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('research_project')
    .leftJoin('org_unit', 'org_unit.id', 'research_project.team_unit_id')
    .leftJoin('person', 'person.id', 'research_project.lead_person_id')
    .selectAll('research_project')
    .select([
      'org_unit.name as team_name',
      'org_unit.short_name as team_short_name',
      'person.display_name as lead_name',
    ])
    .where('research_project.institution_id', '=', institutionId)
    .orderBy((eb) => eb.case().when('research_project.start_date', 'is', null).then(1).else(0).end())
    .orderBy('research_project.start_date', 'desc')
    .orderBy('research_project.title')
    .orderBy('research_project.id')
    .execute();
}

export async function hasAnyProject(db: Kysely<DB>, institutionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('research_project')
    .select('id')
    .where('institution_id', '=', institutionId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** SDG numbers of every project of the institution (one query, no IN list), or of one project. */
export function listProjectSdgRows(db: Kysely<DB>, institutionId: string, projectId?: string) {
  let query = db
    .selectFrom('research_project_sdg')
    .innerJoin('research_project', 'research_project.id', 'research_project_sdg.project_id')
    .select(['research_project_sdg.project_id', 'research_project_sdg.sdg_number'])
    .where('research_project.institution_id', '=', institutionId);
  if (projectId) query = query.where('research_project.id', '=', projectId);
  return query.orderBy('research_project_sdg.project_id').orderBy('research_project_sdg.sdg_number').execute();
}

/** Partners of every project of the institution (or of one), listed ones with their name, in the order given. */
export function listProjectPartnerRows(db: Kysely<DB>, institutionId: string, projectId?: string) {
  let query = db
    .selectFrom('research_project_partner')
    .innerJoin('research_project', 'research_project.id', 'research_project_partner.project_id')
    .leftJoin('partner', 'partner.id', 'research_project_partner.partner_id')
    .select([
      'research_project_partner.project_id',
      'research_project_partner.partner_id',
      'research_project_partner.partner_name',
      'partner.name as listed_name',
    ])
    .where('research_project.institution_id', '=', institutionId);
  if (projectId) query = query.where('research_project.id', '=', projectId);
  return query.orderBy('research_project_partner.project_id').orderBy('research_project_partner.position').execute();
}

/** The institution's research teams, units and centres, for the form and the filter. */
export function listResearchUnitOptions(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'name', 'short_name', 'kind'])
    .where('institution_id', '=', institutionId)
    .where('kind', 'in', [...RESEARCH_UNIT_KINDS])
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function listPersonOptions(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'display_name'])
    .where('institution_id', '=', institutionId)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
}

/** The partner list (the partners module's table, read here only). */
export function listPartnerOptions(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('partner')
    .select(['id', 'name'])
    .where('institution_id', '=', institutionId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function isResearchUnit(db: Kysely<DB>, institutionId: string, unitId: string): Promise<boolean> {
  const row = await db
    .selectFrom('org_unit')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('id', '=', unitId)
    .where('kind', 'in', [...RESEARCH_UNIT_KINDS])
    .executeTakeFirst();
  return row !== undefined;
}

export async function isInstitutionPerson(db: Kysely<DB>, institutionId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('person')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

/** How many of these partner ids belong to the institution. */
export async function countInstitutionPartners(
  db: Kysely<DB>,
  institutionId: string,
  ids: readonly string[],
): Promise<number> {
  let found = 0;
  for (const part of chunk([...new Set(ids)])) {
    const rows = await db
      .selectFrom('partner')
      .select('id')
      .where('institution_id', '=', institutionId)
      .where('id', 'in', part)
      .execute();
    found += rows.length;
  }
  return found;
}

// ---- Publications

/** hal_id -> id of the institution's stored publications. */
export async function mapPublicationIds(db: Kysely<DB>, institutionId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('research_publication')
    .select(['id', 'hal_id'])
    .where('institution_id', '=', institutionId)
    .execute();
  return new Map(rows.map((r) => [r.hal_id, r.id]));
}

export async function insertPublications(
  db: Kysely<DB>,
  rows: readonly Insertable<ResearchPublicationTable>[],
): Promise<void> {
  // 12 columns a row: 40 rows stay far below SQLite's bound-parameter limit.
  for (const part of chunk(rows, 40)) await db.insertInto('research_publication').values(part).execute();
}

export async function updatePublication(
  db: Kysely<DB>,
  id: string,
  values: Updateable<ResearchPublicationTable>,
): Promise<void> {
  await db.updateTable('research_publication').set(values).where('id', '=', id).execute();
}

/** Counts by publication year (optionally within years), as numbers on both databases. */
export async function countPublicationsByYear(
  db: Kysely<DB>,
  institutionId: string,
  years?: { from: number; to: number },
) {
  let query = db
    .selectFrom('research_publication')
    .select((eb) => [
      'year',
      eb.fn.countAll<number | string>().as('publications'),
      eb.fn.sum<number | string>('full_text').as('full_text'),
      eb.fn
        .sum<number | string>(
          eb
            .case()
            .when(eb.or([eb('full_text', '=', 1), eb('open_access', '=', 1)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('open_access'),
      eb.fn.sum<number | string>('open_licence').as('open_licence'),
    ])
    .where('institution_id', '=', institutionId);
  if (years) query = query.where('year', '>=', years.from).where('year', '<=', years.to);
  const rows = await query.groupBy('year').orderBy('year').execute();
  // PostgreSQL returns counts and sums of integers as bigint text.
  return rows.map((r) => ({
    year: Number(r.year),
    publications: Number(r.publications),
    fullText: Number(r.full_text),
    openAccess: Number(r.open_access),
    openLicence: Number(r.open_licence),
  }));
}
