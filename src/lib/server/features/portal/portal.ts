/**
 * The public portal: what an institution chooses to publish, without login.
 * Pure types and rules (no I/O). Everything public is aggregated or already
 * public by nature (plan titles, validated indicator values): no person, no
 * comment, no draft, submitted or returned value ever reaches a public page.
 */
import { z } from 'zod';
import type { SessionUser } from '../auth';

/** Licence Ouverte / Etalab 2.0: the French State's open licence, compatible with CC BY 4.0. */
export const DEFAULT_LICENCE = {
  name: 'Licence Ouverte / Etalab 2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const;

export const PORTAL_SECTIONS = ['plan', 'sdg', 'reports', 'fund', 'data'] as const;
export type PortalSection = (typeof PORTAL_SECTIONS)[number];

export const MAX_PURPOSE_LENGTH = 4000;
export const MAX_LICENCE_NAME_LENGTH = 120;
export const MAX_URL_LENGTH = 500;

export interface PortalSettings {
  enabled: boolean;
  sections: Record<PortalSection, boolean>;
  licence: { name: string; url: string };
  /** Replaces the institution's purpose statement on the portal when set. */
  purposeText: string | null;
  contactUrl: string | null;
}

/** What an institution that never saved its settings gets: the portal off, every section ready. */
export const DEFAULT_PORTAL_SETTINGS: PortalSettings = {
  enabled: false,
  sections: { plan: true, sdg: true, reports: true, fund: false, data: true },
  licence: { ...DEFAULT_LICENCE },
  purposeText: null,
  contactUrl: null,
};

/** Only the officer decides what is public. */
export function canManagePortal(user: SessionUser): boolean {
  return user.role === 'admin';
}

/** A section answers only when the portal is on and the section is chosen; otherwise it is a 404. */
export function isSectionPublic(settings: PortalSettings, section: PortalSection): boolean {
  return settings.enabled && settings.sections[section];
}

const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v),
    z.string().max(max).nullable(),
  );

const webUrl = z
  .string()
  .max(MAX_URL_LENGTH)
  .regex(/^https?:\/\/[^\s<>"]+$/i);
const contactUrl = z
  .string()
  .max(MAX_URL_LENGTH)
  .regex(/^(https?:\/\/|mailto:)[^\s<>"]+$/i);

/** The settings form, parsed at the edge. */
export const portalSettingsSchema = z.object({
  enabled: z.boolean(),
  sections: z.object({
    plan: z.boolean(),
    sdg: z.boolean(),
    reports: z.boolean(),
    fund: z.boolean(),
    data: z.boolean(),
  }),
  licenceName: z.string().trim().min(1).max(MAX_LICENCE_NAME_LENGTH),
  licenceUrl: z.string().trim().pipe(webUrl),
  purposeText: optionalText(MAX_PURPOSE_LENGTH),
  contactUrl: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v),
    contactUrl.nullable(),
  ),
});
export type PortalSettingsInput = z.input<typeof portalSettingsSchema>;

/** Error code per form field; codes are i18n keys. */
export const PORTAL_FIELD_ERRORS: Record<string, PortalErrorCode> = {
  licenceName: 'portal.error.licenceName',
  licenceUrl: 'portal.error.licenceUrl',
  purposeText: 'portal.error.purpose',
  contactUrl: 'portal.error.contactUrl',
};

export type PortalErrorCode =
  | 'portal.error.forbidden'
  | 'portal.error.licenceName'
  | 'portal.error.licenceUrl'
  | 'portal.error.purpose'
  | 'portal.error.contactUrl'
  | 'portal.error.invalid';

/** One stored value version as the open data needs it. */
export interface ValueVersion {
  indicator_id: string;
  period: string;
  version: number;
  state: string;
}

/**
 * The published value of each (indicator, period): its latest VALIDATED
 * version. A newer draft, submitted or returned version does not hide it and is
 * never shown: the public reads what the officer validated, nothing else.
 */
export function latestValidated<T extends ValueVersion>(rows: readonly T[]): T[] {
  const best = new Map<string, T>();
  for (const r of rows) {
    if (r.state !== 'validated') continue;
    const key = `${r.indicator_id}\u0000${r.period}`;
    const kept = best.get(key);
    if (!kept || r.version > kept.version) best.set(key, r);
  }
  return [...best.values()];
}
