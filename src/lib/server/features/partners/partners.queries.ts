import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import type { PartnerFilter, PartnerKind, PartnerRole } from './partners';
import type { PartnerTable } from './partners.table';

export type PartnerRow = Selectable<PartnerTable>;

export async function insertPartner(db: Kysely<DB>, row: Insertable<PartnerTable>): Promise<void> {
  await db.insertInto('partner').values(row).execute();
}

export function findPartner(db: Kysely<DB>, institutionId: string, id: string): Promise<PartnerRow | undefined> {
  return db
    .selectFrom('partner')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Every partner's id and name, for matching names (folded by the caller). */
export function listPartnerNames(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('partner')
    .select(['id', 'name', 'version'])
    .where('institution_id', '=', institutionId)
    .orderBy('name')
    .execute();
}

/** Updates the partner only if it is still at `version`; true when it was. */
export async function updatePartnerRow(
  db: Kysely<DB>,
  id: string,
  version: number,
  values: Updateable<PartnerTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('partner')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deletePartnerRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('partner').where('id', '=', id).execute();
}

/** Replaces the partner's SDGs and roles with the given lists. */
export async function replacePartnerLinks(
  db: Kysely<DB>,
  id: string,
  links: { sdgs: readonly number[]; roles: readonly { role: PartnerRole; detail: string | null }[] },
): Promise<void> {
  await db.deleteFrom('partner_sdg').where('partner_id', '=', id).execute();
  await db.deleteFrom('partner_role').where('partner_id', '=', id).execute();
  if (links.sdgs.length > 0) {
    await db
      .insertInto('partner_sdg')
      .values(links.sdgs.map((n) => ({ partner_id: id, sdg_number: n })))
      .execute();
  }
  if (links.roles.length > 0) {
    await db
      .insertInto('partner_role')
      .values(links.roles.map((r) => ({ partner_id: id, role: r.role, detail: r.detail })))
      .execute();
  }
}

/** The institution's partners matching the filters (active = overlapping `today`), by name. */
export function listPartnerRows(db: Kysely<DB>, institutionId: string, filter: PartnerFilter, today: string) {
  let query = db.selectFrom('partner').selectAll('partner').where('partner.institution_id', '=', institutionId);
  if (filter.kind) query = query.where('partner.kind', '=', filter.kind);
  const { sdg, role } = filter;
  if (sdg) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('partner_sdg')
          .select('partner_sdg.partner_id')
          .whereRef('partner_sdg.partner_id', '=', 'partner.id')
          .where('partner_sdg.sdg_number', '=', sdg),
      ),
    );
  }
  if (role) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('partner_role')
          .select('partner_role.partner_id')
          .whereRef('partner_role.partner_id', '=', 'partner.id')
          .where('partner_role.role', '=', role),
      ),
    );
  }
  if (filter.active === 'yes') {
    query = query.where((eb) =>
      eb.and([
        eb.or([eb('partner.started_on', 'is', null), eb('partner.started_on', '<=', today)]),
        eb.or([eb('partner.ended_on', 'is', null), eb('partner.ended_on', '>=', today)]),
      ]),
    );
  } else if (filter.active === 'no') {
    query = query.where((eb) => eb.or([eb('partner.started_on', '>', today), eb('partner.ended_on', '<', today)]));
  }
  return query.orderBy('partner.name').orderBy('partner.id').execute();
}

/** SDG and role rows of the institution's partners (of one partner when `partnerId` is given). */
export async function listPartnerLinkRows(db: Kysely<DB>, institutionId: string, partnerId?: string) {
  let sdgs = db
    .selectFrom('partner_sdg')
    .innerJoin('partner', 'partner.id', 'partner_sdg.partner_id')
    .select(['partner_sdg.partner_id', 'partner_sdg.sdg_number'])
    .where('partner.institution_id', '=', institutionId);
  let roles = db
    .selectFrom('partner_role')
    .innerJoin('partner', 'partner.id', 'partner_role.partner_id')
    .select(['partner_role.partner_id', 'partner_role.role', 'partner_role.detail'])
    .where('partner.institution_id', '=', institutionId);
  if (partnerId) {
    sdgs = sdgs.where('partner.id', '=', partnerId);
    roles = roles.where('partner.id', '=', partnerId);
  }
  const [sdgRows, roleRows] = await Promise.all([
    sdgs.orderBy('partner_sdg.sdg_number').execute(),
    roles.orderBy('partner_role.role').execute(),
  ]);
  return { sdgRows, roleRows };
}

// Counts ---------------------------------------------------------------------

/** Partners per (SDG, kind), partners without an SDG left out. */
export async function countPartnersBySdgAndKind(db: Kysely<DB>, institutionId: string) {
  const rows = await db
    .selectFrom('partner_sdg')
    .innerJoin('partner', 'partner.id', 'partner_sdg.partner_id')
    .select(['partner_sdg.sdg_number', 'partner.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('partner.institution_id', '=', institutionId)
    .groupBy(['partner_sdg.sdg_number', 'partner.kind'])
    .execute();
  return rows.map((r) => ({ sdg: Number(r.sdg_number), kind: r.kind, count: Number(r.n) }));
}

/** Partners per kind (SDGs or not). */
export async function countPartnersByKind(db: Kysely<DB>, institutionId: string) {
  const rows = await db
    .selectFrom('partner')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('institution_id', '=', institutionId)
    .groupBy('kind')
    .execute();
  return rows.map((r) => ({ kind: r.kind, count: Number(r.n) }));
}

/** Partners whose partnership overlaps [start, end], of one kind when given. */
export async function countActivePartners(
  db: Kysely<DB>,
  institutionId: string,
  range: { start: string; end: string },
  kind: PartnerKind | null,
): Promise<number> {
  let query = db
    .selectFrom('partner')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('institution_id', '=', institutionId)
    .where((eb) => eb.or([eb('started_on', 'is', null), eb('started_on', '<=', range.end)]))
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', range.start)]));
  if (kind) query = query.where('kind', '=', kind);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** Agreements in force at some point of [start, end] (start date, else signature date; open ends allowed). */
export async function countActiveAgreements(
  db: Kysely<DB>,
  institutionId: string,
  range: { start: string; end: string },
): Promise<number> {
  const row = await db
    .selectFrom('partner_agreement')
    .innerJoin('partner', 'partner.id', 'partner_agreement.partner_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('partner.institution_id', '=', institutionId)
    .where((eb) =>
      eb.or([
        eb.and([eb('partner_agreement.starts_on', 'is', null), eb('partner_agreement.signed_on', 'is', null)]),
        eb('partner_agreement.starts_on', '<=', range.end),
        eb.and([eb('partner_agreement.starts_on', 'is', null), eb('partner_agreement.signed_on', '<=', range.end)]),
      ]),
    )
    .where((eb) =>
      eb.or([eb('partner_agreement.ends_on', 'is', null), eb('partner_agreement.ends_on', '>=', range.start)]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countPartners(db: Kysely<DB>, institutionId: string): Promise<number> {
  const row = await db
    .selectFrom('partner')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('institution_id', '=', institutionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countAgreements(db: Kysely<DB>, institutionId: string): Promise<number> {
  const row = await db
    .selectFrom('partner_agreement')
    .innerJoin('partner', 'partner.id', 'partner_agreement.partner_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('partner.institution_id', '=', institutionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
