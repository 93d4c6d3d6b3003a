import type { Kysely } from 'kysely';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type AuditChange, recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import {
  canManagePortal,
  DEFAULT_PORTAL_SETTINGS,
  PORTAL_FIELD_ERRORS,
  type PortalErrorCode,
  type PortalSettings,
  type PortalSettingsInput,
  portalSettingsSchema,
} from './portal';
import { findPortalSettingsRow } from './portal.queries';
import type { PortalSettingsTable } from './portal.table';

const flag = (v: number) => Number(v) === 1;

function settingsOf(row: PortalSettingsTable | undefined): PortalSettings {
  if (!row) return structuredClone(DEFAULT_PORTAL_SETTINGS);
  return {
    enabled: flag(row.enabled),
    sections: {
      plan: flag(row.show_plan_progress),
      sdg: flag(row.show_sdg_matrix),
      reports: flag(row.show_reports),
      fund: flag(row.show_fund),
      data: flag(row.show_open_data),
    },
    licence: { name: row.licence_name, url: row.licence_url },
    purposeText: row.purpose_text,
    contactUrl: row.contact_url,
  };
}

/** The institution's portal settings; the defaults (portal off) without a row. */
export async function getPortalSettings(db: Kysely<DB>, institutionId: string): Promise<PortalSettings> {
  return settingsOf(await findPortalSettingsRow(db, institutionId));
}

type StoredColumns = Omit<PortalSettingsTable, 'institution_id' | 'updated_by' | 'updated_at'>;

function columnsOf(s: PortalSettings): StoredColumns {
  const bit = (b: boolean) => (b ? 1 : 0);
  return {
    enabled: bit(s.enabled),
    show_plan_progress: bit(s.sections.plan),
    show_sdg_matrix: bit(s.sections.sdg),
    show_reports: bit(s.sections.reports),
    show_fund: bit(s.sections.fund),
    show_open_data: bit(s.sections.data),
    licence_name: s.licence.name,
    licence_url: s.licence.url,
    purpose_text: s.purposeText,
    contact_url: s.contactUrl,
  };
}

/** The officer chooses what is public, the licence and the texts; every changed field is audited. */
export async function updatePortalSettings(
  db: Kysely<DB>,
  user: SessionUser,
  input: PortalSettingsInput,
): Promise<{ ok: true; value: { changed: number } } | { ok: false; error: { code: PortalErrorCode } }> {
  if (!canManagePortal(user)) return { ok: false, error: { code: 'portal.error.forbidden' } };
  const parsed = portalSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? '');
    return { ok: false, error: { code: PORTAL_FIELD_ERRORS[field] ?? 'portal.error.invalid' } };
  }
  const p = parsed.data;
  const next = columnsOf({
    enabled: p.enabled,
    sections: p.sections,
    licence: { name: p.licenceName, url: p.licenceUrl },
    purposeText: p.purposeText,
    contactUrl: p.contactUrl,
  });
  return db.transaction().execute(async (trx) => {
    const row = await findPortalSettingsRow(trx, user.institutionId);
    const before = columnsOf(settingsOf(row));
    const changes: AuditChange[] = (Object.keys(next) as (keyof StoredColumns)[])
      .filter((k) => row === undefined || String(before[k] ?? '') !== String(next[k] ?? ''))
      .map((k) => ({
        field: k,
        before: row === undefined || before[k] === null ? null : String(before[k]),
        after: next[k] === null ? null : String(next[k]),
      }));
    if (row && changes.length === 0) return { ok: true, value: { changed: 0 } } as const;
    const stamp = { updated_by: user.id, updated_at: nowIso() };
    if (row) {
      await trx
        .updateTable('portal_settings')
        .set({ ...next, ...stamp })
        .where('institution_id', '=', user.institutionId)
        .execute();
    } else {
      await trx
        .insertInto('portal_settings')
        .values({ institution_id: user.institutionId, ...next, ...stamp })
        .execute();
    }
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'portal_settings',
      entityId: user.institutionId,
      operation: row ? 'update' : 'create',
      changes,
    });
    return { ok: true, value: { changed: changes.length } } as const;
  });
}

/** The settings page: the settings and the institution's slug (for the portal's address); officer only. */
export async function getPortalSettingsPage(
  db: Kysely<DB>,
  user: SessionUser,
): Promise<{ settings: PortalSettings; slug: string } | undefined> {
  if (!canManagePortal(user)) return undefined;
  const institution = await db
    .selectFrom('institution')
    .select('slug')
    .where('id', '=', user.institutionId)
    .executeTakeFirstOrThrow();
  return { settings: await getPortalSettings(db, user.institutionId), slug: institution.slug };
}
