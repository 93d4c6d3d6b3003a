/**
 * The institution's partners as a CSV or XLSX file, one row per partner with
 * its roles, SDGs and agreements; the contacts column only for the officer.
 * Headings in the reader's language, every text cell through the plan
 * export's formula neutraliser. SDGs are written the way the import reads
 * them back ("7;13").
 */
import type { Kysely } from 'kysely';
import { type Locale, translate } from '../../../i18n';
import type { DB } from '../../db/schema';
import { CONTENT_TYPES, type Row, toCsv, toXlsx } from '../api';
import type { SessionUser } from '../auth';
import { neutraliseCell } from '../plan-export';
import { listAgreementRows, listContactRows } from './agreements.queries';
import { canExportContacts } from './partners';
import { type AgreementView, agreementViewsOf, getPartnersListPage, type PartnerView } from './partners-pages.service';

export const PARTNERS_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type PartnersExportFormat = (typeof PARTNERS_EXPORT_FORMATS)[number];

/** Headings are `partners.export.column.<column>` in messages/<locale>/partners.json. */
export const PARTNERS_EXPORT_COLUMNS = [
  'id',
  'name',
  'kind',
  'roles',
  'start',
  'end',
  'website',
  'sdgs',
  'agreements',
  'description',
] as const;
type Column = (typeof PARTNERS_EXPORT_COLUMNS)[number] | 'contacts';

export interface ExportContact {
  partnerId: string;
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
}

/** The partners as a table: heading row then one row per partner; contacts only when given. Pure. */
export function partnersTable(
  partners: readonly PartnerView[],
  agreements: readonly AgreementView[],
  contacts: readonly ExportContact[] | null,
  locale: Locale,
): Row[] {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const text = (v: string | null) => neutraliseCell(v ?? '');
  const columns: Column[] = [...PARTNERS_EXPORT_COLUMNS, ...(contacts ? (['contacts'] as const) : [])];
  const data = partners.map((p) => {
    const agreementText = agreements
      .filter((a) => a.partnerId === p.id)
      .map((a) =>
        t('partners.export.agreement', {
          title: a.title,
          kind: t(`partners.agreement.kind.${a.kind}`),
          start: a.startsOn ?? a.signedOn ?? '…',
          end: a.endsOn ?? '…',
          status: t(`partners.agreement.status.${a.status}`),
        }),
      )
      .join('; ');
    const contactText = (contacts ?? [])
      .filter((c) => c.partnerId === p.id)
      .map((c) => [c.name, c.role, c.email, c.phone].filter(Boolean).join(', '))
      .join('; ');
    const cells: Record<Column, string> = {
      id: p.id,
      name: text(p.name),
      kind: text(t(`partners.kind.${p.kind}`)),
      roles: text(
        p.roles
          .map((r) => (r.detail ? `${t(`partners.role.${r.role}`)} (${r.detail})` : t(`partners.role.${r.role}`)))
          .join('; '),
      ),
      start: p.startedOn ?? '',
      end: p.endedOn ?? '',
      website: text(p.website),
      sdgs: p.sdgs.join(';'),
      agreements: text(agreementText),
      description: text(p.description),
      contacts: text(contactText),
    };
    return columns.map((c) => cells[c]);
  });
  return [columns.map((c) => t(`partners.export.column.${c}`)), ...data];
}

export interface PartnersExportFile {
  /** ASCII only: safe in a Content-Disposition header. */
  filename: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
  count: number;
}

/** Every partner of the institution as a file; every signed-in role may export, contacts for the officer only. */
export async function exportPartners(
  db: Kysely<DB>,
  user: SessionUser,
  format: PartnersExportFormat,
  options: { locale: Locale; today: string },
): Promise<PartnersExportFile> {
  const [{ partners }, agreementRows, contactRows] = await Promise.all([
    getPartnersListPage(db, user, {}, options.today),
    listAgreementRows(db, user.institutionId),
    canExportContacts(user) ? listContactRows(db, user.institutionId) : Promise.resolve(null),
  ]);
  const contacts =
    contactRows?.map((c) => ({
      partnerId: c.partner_id,
      name: c.name,
      role: c.role,
      email: c.email,
      phone: c.phone,
    })) ?? null;
  const table = partnersTable(partners, agreementViewsOf(agreementRows, options.today), contacts, options.locale);
  const sheet = translate(options.locale, 'partners.export.sheet');
  return {
    filename: `${translate(options.locale, 'partners.export.file')}-${options.today}.${format}`,
    contentType: CONTENT_TYPES[format],
    bytes: format === 'csv' ? toCsv(table) : toXlsx(sheet, table, sheet),
    count: partners.length,
  };
}
