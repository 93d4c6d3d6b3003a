/** What the partners pages show: the filtered list, one partner with agreements and contacts, the SDG 17 counts. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { type AuditEntry, listAuditForEntity } from '../audit';
import type { SessionUser } from '../auth';
import { listAgreementRows, listContactRows } from './agreements.queries';
import {
  type AgreementKind,
  type AgreementStatus,
  agreementStatus,
  canDeletePartners,
  canEditPartners,
  canSeeContacts,
  isActiveBetween,
  normaliseRoles,
  PARTNER_KINDS,
  type PartnerFilter,
  type PartnerKind,
  type PartnerRole,
  renewalReminderDate,
} from './partners';
import {
  countPartnersByKind,
  countPartnersBySdgAndKind,
  findPartner,
  listPartnerLinkRows,
  listPartnerRows,
  type PartnerRow,
} from './partners.queries';

export interface PartnerView {
  id: string;
  name: string;
  kind: PartnerKind;
  roles: { role: PartnerRole; detail: string | null }[];
  startedOn: string | null;
  endedOn: string | null;
  active: boolean;
  website: string | null;
  description: string | null;
  sdgs: number[];
  isDemo: boolean;
  version: number;
}

export interface AgreementView {
  id: string;
  partnerId: string;
  title: string;
  kind: AgreementKind;
  signedOn: string | null;
  startsOn: string | null;
  endsOn: string | null;
  renewalNoticeDays: number;
  reminderOn: string | null;
  status: AgreementStatus;
  file: { name: string; byteSize: number } | null;
  isDemo: boolean;
}

export interface ContactView {
  id: string;
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
}

type Links = Awaited<ReturnType<typeof listPartnerLinkRows>>;

function viewsOf(rows: readonly PartnerRow[], links: Links, today: string): PartnerView[] {
  const sdgs = new Map<string, number[]>();
  for (const r of links.sdgRows) sdgs.set(r.partner_id, [...(sdgs.get(r.partner_id) ?? []), Number(r.sdg_number)]);
  const roles = new Map<string, { role: PartnerRole; detail: string | null }[]>();
  for (const r of links.roleRows) {
    roles.set(r.partner_id, [...(roles.get(r.partner_id) ?? []), { role: r.role as PartnerRole, detail: r.detail }]);
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as PartnerKind,
    roles: normaliseRoles(roles.get(r.id) ?? []),
    startedOn: r.started_on,
    endedOn: r.ended_on,
    active: isActiveBetween({ startedOn: r.started_on, endedOn: r.ended_on }, today, today),
    website: r.website,
    description: r.description,
    sdgs: sdgs.get(r.id) ?? [],
    isDemo: r.is_demo === 1,
    version: r.version,
  }));
}

export function agreementViewsOf(rows: Awaited<ReturnType<typeof listAgreementRows>>, today: string): AgreementView[] {
  return rows.map((r) => {
    const dates = { startsOn: r.starts_on, endsOn: r.ends_on, renewalNoticeDays: r.renewal_notice_days };
    return {
      id: r.id,
      partnerId: r.partner_id,
      title: r.title,
      kind: r.kind as AgreementKind,
      signedOn: r.signed_on,
      ...dates,
      reminderOn: renewalReminderDate(dates),
      status: agreementStatus(dates, today),
      file: r.file_name ? { name: r.file_name, byteSize: r.file_byte_size ?? 0 } : null,
      isDemo: r.is_demo === 1,
    };
  });
}

export interface PartnersListPage {
  canEdit: boolean;
  canImport: boolean;
  partners: PartnerView[];
}

/** The institution's partners matching the filters; every signed-in role reads them. */
export async function getPartnersListPage(
  db: Kysely<DB>,
  user: SessionUser,
  filter: PartnerFilter,
  today: string,
): Promise<PartnersListPage> {
  const [rows, links] = await Promise.all([
    listPartnerRows(db, user.institutionId, filter, today),
    listPartnerLinkRows(db, user.institutionId),
  ]);
  const canEdit = canEditPartners(user);
  return { canEdit, canImport: canEdit, partners: viewsOf(rows, links, today) };
}

export interface PartnerPage {
  partner: PartnerView;
  agreements: AgreementView[];
  /** null when the user may not see contacts (personal data). */
  contacts: ContactView[] | null;
  history: AuditEntry[];
  canEdit: boolean;
  canDelete: boolean;
}

/** One partner of the institution with its agreements, its contacts for those who may see them, and its history. */
export async function getPartnerPage(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
  today: string,
): Promise<PartnerPage | undefined> {
  const row = await findPartner(db, user.institutionId, id);
  if (!row) return undefined;
  const mayContacts = canSeeContacts(user);
  const [links, agreements, contacts, history] = await Promise.all([
    listPartnerLinkRows(db, user.institutionId, id),
    listAgreementRows(db, user.institutionId, id),
    mayContacts ? listContactRows(db, user.institutionId, id) : Promise.resolve(null),
    listAuditForEntity(db, 'partner', id),
  ]);
  const [partner] = viewsOf([row], links, today);
  return {
    partner,
    agreements: agreementViewsOf(agreements, today),
    contacts: contacts?.map((c) => ({ id: c.id, name: c.name, role: c.role, email: c.email, phone: c.phone })) ?? null,
    history,
    canEdit: canEditPartners(user),
    canDelete: canDeletePartners(user),
  };
}

export interface SdgPartnersPage {
  /** One row per SDG that has partners, with the count per kind and the SDG's total. */
  bySdg: { sdg: number; total: number; byKind: Record<PartnerKind, number> }[];
  /** Partners per kind (with or without SDG), in the catalogue's order, kinds without partners left out. */
  byKind: { kind: PartnerKind; count: number }[];
  /** The kinds that appear in bySdg, the table's columns. */
  kinds: PartnerKind[];
  partners: number;
}

const zeroByKind = () => Object.fromEntries(PARTNER_KINDS.map((k) => [k, 0])) as Record<PartnerKind, number>;

/** Partnerships by SDG and by kind (the SDG 17 page); a partner with two SDGs counts once in each. */
export async function getSdgPartnersPage(db: Kysely<DB>, user: SessionUser): Promise<SdgPartnersPage> {
  const [cells, kinds] = await Promise.all([
    countPartnersBySdgAndKind(db, user.institutionId),
    countPartnersByKind(db, user.institutionId),
  ]);
  const bySdg = new Map<number, { sdg: number; total: number; byKind: Record<PartnerKind, number> }>();
  for (const c of cells) {
    const entry = bySdg.get(c.sdg) ?? { sdg: c.sdg, total: 0, byKind: zeroByKind() };
    entry.byKind[c.kind as PartnerKind] += c.count;
    entry.total += c.count;
    bySdg.set(c.sdg, entry);
  }
  const used = new Set(cells.map((c) => c.kind));
  const counts = new Map(kinds.map((k) => [k.kind, k.count]));
  return {
    bySdg: [...bySdg.values()].sort((a, b) => a.sdg - b.sdg),
    byKind: PARTNER_KINDS.filter((k) => counts.has(k)).map((k) => ({ kind: k, count: counts.get(k) ?? 0 })),
    kinds: PARTNER_KINDS.filter((k) => used.has(k)),
    partners: kinds.reduce((s, k) => s + k.count, 0),
  };
}
