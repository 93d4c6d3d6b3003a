import type { Kysely } from 'kysely';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type AuditChange, recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { CARBON_METHODS } from './methods';
import {
  isSameTrainFirstRule,
  minutesOfRule,
  settingsOfRow,
  type TravelSettings,
  type TravelSettingsInput,
  type TravelSettingsView,
  travelSettingsInputSchema,
} from './travel-settings';
import { findTravelSettingsRow, upsertTravelSettings } from './travel-settings.queries';
import { RecomputeLegError } from './trip-recompute';
import { type RecomputeOptions, type RecomputeRun, recomputeWithin } from './trip-recompute.service';

export type TravelSettingsErrorCode =
  | 'travel.settings.error.forbidden'
  | 'travel.settings.error.invalid'
  | 'travel.settings.error.order'
  | 'travel.settings.error.recompute';

export type UpdateTravelSettingsResult =
  | { ok: true; value: { settings: TravelSettings; changed: boolean; recompute: RecomputeRun | null } }
  | { ok: false; error: { code: TravelSettingsErrorCode } };

/** Only the institution's administrator chooses its method and rules (as the carbon price). */
export function canManageTravelSettings(user: SessionUser): boolean {
  return user.role === 'admin';
}

/**
 * The institution's travel settings: method, contrails, train-first rule and
 * whether travellers are named. The defaults (GES 1point5, contrails counted,
 * 4 h / 6 h, pseudonymised) while the institution has saved none.
 */
export async function getTravelSettings(db: Kysely<DB>, institutionId: string): Promise<TravelSettings> {
  return settingsOfRow(await findTravelSettingsRow(db, institutionId));
}

/** The settings with when they were saved, for the settings page. */
export async function getTravelSettingsView(db: Kysely<DB>, institutionId: string): Promise<TravelSettingsView> {
  const row = await findTravelSettingsRow(db, institutionId);
  return { ...settingsOfRow(row), saved: row !== undefined, updatedAt: row?.updated_at ?? null };
}

/** The stored columns of some settings, for the table and the audit trail. */
function columnsOf(settings: TravelSettings) {
  const minutes = minutesOfRule(settings.trainFirstRule);
  return {
    method_key: settings.methodKey,
    contrails: settings.contrails ? 1 : 0,
    train_justify_minutes: minutes.justifyUnderMinutes,
    train_flag_minutes: minutes.flagUnderMinutes,
    name_travellers: settings.nameTravellers ? 1 : 0,
  };
}

function changesBetween(before: TravelSettings, after: TravelSettings): AuditChange[] {
  const a = columnsOf(before);
  const b = columnsOf(after);
  return (Object.keys(b) as (keyof typeof b)[])
    .filter((k) => a[k] !== b[k])
    .map((k) => ({ field: k, before: String(a[k]), after: String(b[k]) }));
}

/**
 * Saves the institution's travel settings (admin only) with an audit event.
 * A change of method or contrails recomputes every stored leg in the same
 * transaction; a change of the train-first thresholds re-evaluates the stored
 * flights' verdicts (from their stored train time). Either way the run is in
 * the changelog and returned; saving unchanged settings writes nothing.
 */
export async function updateTravelSettings(
  db: Kysely<DB>,
  user: SessionUser,
  input: TravelSettingsInput,
  options: RecomputeOptions = {},
): Promise<UpdateTravelSettingsResult> {
  if (!canManageTravelSettings(user)) return { ok: false, error: { code: 'travel.settings.error.forbidden' } };
  const parsed = travelSettingsInputSchema.safeParse(input);
  if (!parsed.success) {
    const order = parsed.error.issues.some((i) => i.message === 'travel.settings.error.order');
    return { ok: false, error: { code: order ? 'travel.settings.error.order' : 'travel.settings.error.invalid' } };
  }
  const methods = options.methods ?? CARBON_METHODS;
  const next = settingsOfRow({
    method_key: parsed.data.methodKey,
    contrails: parsed.data.contrails ? 1 : 0,
    train_justify_minutes: parsed.data.justifyUnderMinutes,
    train_flag_minutes: parsed.data.flagUnderMinutes,
    name_travellers: parsed.data.nameTravellers ? 1 : 0,
  });
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await findTravelSettingsRow(trx, user.institutionId);
      const before = settingsOfRow(row);
      const changes = changesBetween(before, next);
      if (changes.length === 0) {
        return { ok: true, value: { settings: before, changed: false, recompute: null } } as const;
      }
      await upsertTravelSettings(
        trx,
        { institution_id: user.institutionId, ...columnsOf(next), updated_at: nowIso(), updated_by: user.id },
        row !== undefined,
      );
      const actor = { userId: user.id, label: user.displayName };
      await recordAudit(trx, {
        institutionId: user.institutionId,
        actor,
        entityType: 'travel_settings',
        entityId: user.institutionId,
        operation: row ? 'update' : 'create',
        changes,
      });
      const figures = before.methodKey !== next.methodKey || before.contrails !== next.contrails;
      const rule = !isSameTrainFirstRule(before.trainFirstRule, next.trainFirstRule);
      const recompute =
        figures || rule
          ? await recomputeWithin(trx, {
              ...options,
              methods,
              institutionId: user.institutionId,
              actor,
              reason: 'settings',
              target: {
                method: methods[next.methodKey],
                contrails: next.contrails,
                figures,
                trainFirstRule: rule ? next.trainFirstRule : undefined,
              },
              from: before,
            })
          : null;
      return { ok: true, value: { settings: next, changed: true, recompute } } as const;
    });
  } catch (e) {
    // A stored leg the chosen method cannot compute: nothing was saved (the transaction rolled back).
    if (e instanceof RecomputeLegError) return { ok: false, error: { code: 'travel.settings.error.recompute' } };
    throw e;
  }
}
