import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema';
import type { PartnerAgreementTable, PartnerContactTable } from './partners.table';

// Agreements -----------------------------------------------------------------

export type AgreementRow = Omit<Selectable<PartnerAgreementTable>, 'file_content_base64'>;

export async function insertAgreement(db: Kysely<DB>, row: Insertable<PartnerAgreementTable>): Promise<void> {
  await db.insertInto('partner_agreement').values(row).execute();
}

const AGREEMENT_COLUMNS = [
  'partner_agreement.id',
  'partner_agreement.partner_id',
  'partner_agreement.title',
  'partner_agreement.kind',
  'partner_agreement.signed_on',
  'partner_agreement.starts_on',
  'partner_agreement.ends_on',
  'partner_agreement.renewal_notice_days',
  'partner_agreement.file_name',
  'partner_agreement.file_content_type',
  'partner_agreement.file_byte_size',
  'partner_agreement.file_sha256',
  'partner_agreement.is_demo',
  'partner_agreement.created_by',
  'partner_agreement.created_at',
  'partner_agreement.updated_at',
] as const;

/** The institution's agreements (of one partner when given), without their files, by end date. */
export function listAgreementRows(db: Kysely<DB>, institutionId: string, partnerId?: string): Promise<AgreementRow[]> {
  let query = db
    .selectFrom('partner_agreement')
    .innerJoin('partner', 'partner.id', 'partner_agreement.partner_id')
    .select(AGREEMENT_COLUMNS)
    .where('partner.institution_id', '=', institutionId);
  if (partnerId) query = query.where('partner.id', '=', partnerId);
  return query
    .orderBy((eb) => eb.case().when('partner_agreement.ends_on', 'is', null).then(1).else(0).end())
    .orderBy('partner_agreement.ends_on')
    .orderBy('partner_agreement.id')
    .execute();
}

export function findAgreement(db: Kysely<DB>, institutionId: string, id: string): Promise<AgreementRow | undefined> {
  return db
    .selectFrom('partner_agreement')
    .innerJoin('partner', 'partner.id', 'partner_agreement.partner_id')
    .select(AGREEMENT_COLUMNS)
    .where('partner.institution_id', '=', institutionId)
    .where('partner_agreement.id', '=', id)
    .executeTakeFirst();
}

export function findAgreementFile(db: Kysely<DB>, institutionId: string, id: string) {
  return db
    .selectFrom('partner_agreement')
    .innerJoin('partner', 'partner.id', 'partner_agreement.partner_id')
    .select([
      'partner_agreement.file_name',
      'partner_agreement.file_content_type',
      'partner_agreement.file_content_base64',
    ])
    .where('partner.institution_id', '=', institutionId)
    .where('partner_agreement.id', '=', id)
    .where('partner_agreement.file_content_base64', 'is not', null)
    .executeTakeFirst();
}

export async function deleteAgreementRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('partner_agreement').where('id', '=', id).execute();
}

/** Agreements of every institution ending on or after `today`, with their partner, for the renewal reminders. */
export function listAgreementsEndingFrom(db: Kysely<DB>, today: string) {
  return db
    .selectFrom('partner_agreement')
    .innerJoin('partner', 'partner.id', 'partner_agreement.partner_id')
    .select([
      'partner_agreement.id',
      'partner_agreement.title',
      'partner_agreement.ends_on',
      'partner_agreement.renewal_notice_days',
      'partner.id as partner_id',
      'partner.name as partner_name',
      'partner.institution_id',
    ])
    .where('partner_agreement.ends_on', '>=', today)
    .orderBy('partner_agreement.ends_on')
    .orderBy('partner_agreement.id')
    .execute();
}

/** The institution's officers (admin role, account enabled): who receives renewal reminders. */
export function listOfficers(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('app_user')
    .innerJoin('membership', 'membership.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.email', 'app_user.display_name', 'app_user.locale'])
    .where('membership.institution_id', '=', institutionId)
    .where('membership.role', '=', 'admin')
    .where('app_user.disabled', '=', 0)
    .orderBy('app_user.email')
    .execute();
}

// Contacts -------------------------------------------------------------------

export async function insertContact(db: Kysely<DB>, row: Insertable<PartnerContactTable>): Promise<void> {
  await db.insertInto('partner_contact').values(row).execute();
}

export function listContactRows(db: Kysely<DB>, institutionId: string, partnerId?: string) {
  let query = db
    .selectFrom('partner_contact')
    .innerJoin('partner', 'partner.id', 'partner_contact.partner_id')
    .selectAll('partner_contact')
    .where('partner.institution_id', '=', institutionId);
  if (partnerId) query = query.where('partner.id', '=', partnerId);
  return query.orderBy('partner_contact.name').orderBy('partner_contact.id').execute();
}

export function findContact(db: Kysely<DB>, institutionId: string, id: string) {
  return db
    .selectFrom('partner_contact')
    .innerJoin('partner', 'partner.id', 'partner_contact.partner_id')
    .selectAll('partner_contact')
    .where('partner.institution_id', '=', institutionId)
    .where('partner_contact.id', '=', id)
    .executeTakeFirst();
}

export async function deleteContactRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('partner_contact').where('id', '=', id).execute();
}
