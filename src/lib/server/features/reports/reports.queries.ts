import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import type { ReportCommentTable, ReportNarrativeTable, ReportTable, ReportVersionTable } from './reports.table';

export type ReportRow = Selectable<ReportTable>;
export type ReportNarrativeRow = Selectable<ReportNarrativeTable>;
export type ReportCommentRow = Selectable<ReportCommentTable>;
export type ReportVersionRow = Selectable<ReportVersionTable>;

export function findReport(
  db: Kysely<DB>,
  institutionId: string,
  kind: string,
  year: number,
): Promise<ReportRow | undefined> {
  return db
    .selectFrom('report')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('kind', '=', kind)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function insertReport(db: Kysely<DB>, row: Insertable<ReportTable>): Promise<void> {
  await db.insertInto('report').values(row).execute();
}

/** Updates a report if it is still at `expectedVersion`; false when someone edited it meanwhile. */
export async function updateReport(
  db: Kysely<DB>,
  id: string,
  expectedVersion: number,
  values: Omit<Updateable<ReportTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('report')
    .set({ ...values, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function listReports(db: Kysely<DB>, institutionId: string, kind: string): Promise<ReportRow[]> {
  return db
    .selectFrom('report')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('kind', '=', kind)
    .orderBy('year', 'desc')
    .execute();
}

export function listNarratives(db: Kysely<DB>, reportId: string): Promise<ReportNarrativeRow[]> {
  return db.selectFrom('report_narrative').selectAll().where('report_id', '=', reportId).orderBy('block_key').execute();
}

export function findNarrative(
  db: Kysely<DB>,
  reportId: string,
  blockKey: string,
): Promise<ReportNarrativeRow | undefined> {
  return db
    .selectFrom('report_narrative')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('block_key', '=', blockKey)
    .executeTakeFirst();
}

export async function insertNarrative(db: Kysely<DB>, row: Insertable<ReportNarrativeTable>): Promise<void> {
  await db.insertInto('report_narrative').values(row).execute();
}

export async function updateNarrative(
  db: Kysely<DB>,
  id: string,
  expectedVersion: number,
  values: { markdown: string; updated_by: string; updated_at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('report_narrative')
    .set({ ...values, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function listComments(db: Kysely<DB>, reportId: string): Promise<ReportCommentRow[]> {
  return db
    .selectFrom('report_comment')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertComment(db: Kysely<DB>, row: Insertable<ReportCommentTable>): Promise<void> {
  await db.insertInto('report_comment').values(row).execute();
}

export function findComment(db: Kysely<DB>, reportId: string, id: string): Promise<ReportCommentRow | undefined> {
  return db
    .selectFrom('report_comment')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markCommentResolved(db: Kysely<DB>, id: string, by: string, at: string): Promise<void> {
  await db
    .updateTable('report_comment')
    .set({ resolved_at: at, resolved_by: by })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .execute();
}

export async function lastVersionNumber(db: Kysely<DB>, reportId: string): Promise<number> {
  const row = await db
    .selectFrom('report_version')
    .select((eb) => eb.fn.max<number | null>('number').as('n'))
    .where('report_id', '=', reportId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertVersion(db: Kysely<DB>, row: Insertable<ReportVersionTable>): Promise<void> {
  await db.insertInto('report_version').values(row).execute();
}

/** Versions without their (large) document, newest first. */
export function listVersionSummaries(db: Kysely<DB>, institutionId: string, kind: string) {
  return db
    .selectFrom('report_version')
    .select(['id', 'report_id', 'year', 'number', 'title', 'lang', 'published_at', 'is_public'])
    .where('institution_id', '=', institutionId)
    .where('kind', '=', kind)
    .orderBy('year', 'desc')
    .orderBy('number', 'desc')
    .execute();
}

export function findVersion(
  db: Kysely<DB>,
  institutionId: string,
  kind: string,
  year: number,
  number: number,
): Promise<ReportVersionRow | undefined> {
  return db
    .selectFrom('report_version')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('kind', '=', kind)
    .where('year', '=', year)
    .where('number', '=', number)
    .executeTakeFirst();
}

// ---- what the annual report reads of other features' tables ------------------

/** The institution's partners tagged with an SDG, by name. */
export function listPartnersWithSdg(db: Kysely<DB>, institutionId: string, sdg: number) {
  return db
    .selectFrom('partner')
    .innerJoin('partner_sdg', 'partner_sdg.partner_id', 'partner.id')
    .select(['partner.id', 'partner.name', 'partner.kind', 'partner.started_on', 'partner.ended_on'])
    .where('partner.institution_id', '=', institutionId)
    .where('partner_sdg.sdg_number', '=', sdg)
    .orderBy('partner.name')
    .execute();
}

/** The institution's research projects tagged with an SDG that were running during `year`. */
export function listResearchProjectsWithSdg(db: Kysely<DB>, institutionId: string, sdg: number, year: number) {
  return db
    .selectFrom('research_project')
    .innerJoin('research_project_sdg', 'research_project_sdg.project_id', 'research_project.id')
    .select([
      'research_project.id',
      'research_project.title',
      'research_project.acronym',
      'research_project.start_date',
      'research_project.end_date',
      'research_project.funder',
      'research_project.team_text',
    ])
    .where('research_project.institution_id', '=', institutionId)
    .where('research_project_sdg.sdg_number', '=', sdg)
    .where((eb) =>
      eb.and([
        eb.or([
          eb('research_project.start_date', 'is', null),
          eb('research_project.start_date', '<=', `${year}-12-31`),
        ]),
        eb.or([eb('research_project.end_date', 'is', null), eb('research_project.end_date', '>=', `${year}-01-01`)]),
      ]),
    )
    .orderBy('research_project.title')
    .execute();
}
