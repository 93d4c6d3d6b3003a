/**
 * Partnerships: partner kinds, the institution's roles, agreements and their
 * derived status, renewal reminders' due dates, who may do what, the forms'
 * schemas and the list filters. Pure: no I/O.
 */
import { z } from 'zod';
import type { SessionUser } from '../auth';

export const PARTNER_KINDS = [
  'competitiveness_cluster',
  'university',
  'research_body',
  'company',
  'ngo',
  'un_body',
  'local_authority',
  'school',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** The institution's roles with a partner; a partner may hold several, each with a free-text detail. */
export const PARTNER_ROLES = [
  'member',
  'administrator',
  'board_member',
  'committee_chair',
  'steering_committee_member',
  'founding_member',
  'other',
] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const AGREEMENT_KINDS = ['framework', 'research', 'teaching', 'membership', 'internship', 'other'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const AGREEMENT_STATUSES = ['upcoming', 'active', 'ending_soon', 'expired'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const MAX_NAME_LENGTH = 200;
export const MAX_DETAIL_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 5000;
export const MAX_URL_LENGTH = 500;
export const MAX_CONTACT_TEXT_LENGTH = 200;
export const DEFAULT_RENEWAL_NOTICE_DAYS = 90;
export const MAX_RENEWAL_NOTICE_DAYS = 3650;
/** Agreement files accepted: what the evidence check detects, narrowed to documents. */
export const AGREEMENT_FILE_TYPES: readonly string[] = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
];

/** The officer and pilots record and edit partners and agreements; everyone signed in reads them. */
export function canEditPartners(user: SessionUser): boolean {
  return user.role === 'admin' || user.role === 'pilot';
}

/** Deleting a partner (with its agreements and contacts) is the officer's. */
export function canDeletePartners(user: SessionUser): boolean {
  return user.role === 'admin';
}

/** Contacts are personal data: the officer, the committee and pilots only. */
export function canSeeContacts(user: SessionUser): boolean {
  return user.role === 'admin' || user.role === 'committee' || user.role === 'pilot';
}

/** Contacts in exports: the officer only. */
export function canExportContacts(user: SessionUser): boolean {
  return user.role === 'admin';
}

export const isPartnerKind = (v: string): v is PartnerKind => (PARTNER_KINDS as readonly string[]).includes(v);
export const isPartnerRole = (v: string): v is PartnerRole => (PARTNER_ROLES as readonly string[]).includes(v);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

const blankToNull = (v: unknown) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v);
const optionalText = (max: number) => z.preprocess(blankToNull, z.string().trim().max(max).nullable());
const optionalDate = z.preprocess(blankToNull, isoDate.nullable());

export const partnerInputSchema = z
  .object({
    name: z.string().trim().min(1).max(MAX_NAME_LENGTH),
    kind: z.enum(PARTNER_KINDS),
    roles: z
      .array(z.object({ role: z.enum(PARTNER_ROLES), detail: optionalText(MAX_DETAIL_LENGTH) }))
      .max(PARTNER_ROLES.length),
    startedOn: optionalDate,
    endedOn: optionalDate,
    website: z.preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .max(MAX_URL_LENGTH)
        .regex(/^https?:\/\/\S+$/i)
        .nullable(),
    ),
    description: optionalText(MAX_DESCRIPTION_LENGTH),
    sdgs: z.array(z.number().int().min(1).max(17)).max(17),
  })
  .refine((p) => p.startedOn === null || p.endedOn === null || p.startedOn <= p.endedOn, { path: ['endedOn'] });
export type PartnerInput = z.input<typeof partnerInputSchema>;
export type ParsedPartner = z.output<typeof partnerInputSchema>;

export const agreementInputSchema = z
  .object({
    title: z.string().trim().min(1).max(MAX_NAME_LENGTH),
    kind: z.enum(AGREEMENT_KINDS),
    signedOn: optionalDate,
    startsOn: optionalDate,
    endsOn: optionalDate,
    renewalNoticeDays: z.number().int().min(0).max(MAX_RENEWAL_NOTICE_DAYS),
  })
  .refine((a) => a.startsOn === null || a.endsOn === null || a.startsOn <= a.endsOn, { path: ['endsOn'] });
export type AgreementInput = z.input<typeof agreementInputSchema>;
export type ParsedAgreement = z.output<typeof agreementInputSchema>;

export const contactInputSchema = z.object({
  name: z.string().trim().min(1).max(MAX_CONTACT_TEXT_LENGTH),
  role: optionalText(MAX_CONTACT_TEXT_LENGTH),
  email: z.preprocess(blankToNull, z.string().trim().max(MAX_CONTACT_TEXT_LENGTH).email().nullable()),
  phone: z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .max(40)
      .regex(/^[+0-9 ().-]{4,40}$/)
      .nullable(),
  ),
});
export type ContactInput = z.input<typeof contactInputSchema>;
export type ParsedContact = z.output<typeof contactInputSchema>;

/** Sorted, without duplicates. */
export function uniqueSorted<T extends string | number>(values: readonly T[]): T[] {
  return [...new Set(values)].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)),
  );
}

/** Roles in the catalogue's order, one per role (the first detail kept). */
export function normaliseRoles<T extends { role: PartnerRole; detail: string | null }>(roles: readonly T[]): T[] {
  const seen = new Map<PartnerRole, T>();
  for (const r of roles) if (!seen.has(r.role)) seen.set(r.role, r);
  return PARTNER_ROLES.flatMap((role) => {
    const r = seen.get(role);
    return r ? [r] : [];
  });
}

/** Whether a partnership [startedOn, endedOn] (open ends allowed) overlaps [start, end]. */
export function isActiveBetween(
  p: { startedOn: string | null; endedOn: string | null },
  start: string,
  end: string,
): boolean {
  return (p.startedOn === null || p.startedOn <= end) && (p.endedOn === null || p.endedOn >= start);
}

/** Adds (or subtracts) days to an ISO date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The day from which the renewal reminder is due: the end date minus the notice; none without an end date. */
export function renewalReminderDate(a: { endsOn: string | null; renewalNoticeDays: number }): string | null {
  return a.endsOn === null ? null : addDays(a.endsOn, -a.renewalNoticeDays);
}

/**
 * An agreement's status on `today`: expired after its end, ending soon from
 * its reminder date, upcoming before its start, active otherwise (no end date
 * = active for good).
 */
export function agreementStatus(
  a: { startsOn: string | null; endsOn: string | null; renewalNoticeDays: number },
  today: string,
): AgreementStatus {
  if (a.endsOn !== null && a.endsOn < today) return 'expired';
  if (a.startsOn !== null && a.startsOn > today) return 'upcoming';
  const reminder = renewalReminderDate(a);
  return reminder !== null && reminder <= today ? 'ending_soon' : 'active';
}

/** A reminder is sent from the reminder date up to the end date itself, never after. */
export function isRenewalReminderDue(a: { endsOn: string | null; renewalNoticeDays: number }, today: string): boolean {
  const reminder = renewalReminderDate(a);
  return reminder !== null && a.endsOn !== null && reminder <= today && today <= a.endsOn;
}

/** Once per agreement, end date and recipient: a new end date (renewal) gets its own reminder. */
export function renewalReminderKey(agreementId: string, endsOn: string, userId: string): string {
  return `partners.renewal:${agreementId}:${endsOn}:${userId}`;
}

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

/** The list page's filters, read from the query string; anything unreadable is dropped. */
export const partnerFilterSchema = z.object({
  kind: z.preprocess(emptyToUndefined, z.enum(PARTNER_KINDS).optional()).catch(undefined),
  sdg: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(17).optional()).catch(undefined),
  role: z.preprocess(emptyToUndefined, z.enum(PARTNER_ROLES).optional()).catch(undefined),
  active: z.preprocess(emptyToUndefined, z.enum(['yes', 'no']).optional()).catch(undefined),
});
export type PartnerFilter = z.output<typeof partnerFilterSchema>;

/** An indicator's source_key: empty for every partner, else a partner kind. */
export function kindOfSourceKey(sourceKey: string | null): PartnerKind | null {
  const text = sourceKey?.trim() ?? '';
  if (text === '') return null;
  if (isPartnerKind(text)) return text;
  throw new Error(`source_key "${text}" is not a partner kind`);
}
