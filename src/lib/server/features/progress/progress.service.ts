import type { Kysely } from 'kysely';
import { z } from 'zod';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { diffFields, recordAudit } from '../audit';
import { canEditReferenceData, type SessionUser } from '../auth';
import { assembleProgress, type IndicatorProgress, type PlanRollUp, type ProgressReport } from './plan-progress';
import { DEFAULT_PROGRESS_SETTINGS, type ProgressSettings } from './progress';
import { findProgressSettingRow, loadIndicatorInputs, loadProgressInputs } from './progress.queries';
import { cachedProgress } from './progress-cache';
import { type SeriesPoint, trajectorySeries } from './series';

export type Result<T, C extends string = string> = { ok: true; value: T } | { ok: false; error: { code: C } };

export interface SavedProgressSettings extends ProgressSettings {
  /** false while the institution uses the defaults. */
  saved: boolean;
  updatedAt: string | null;
}

/** The institution's thresholds and grace period; the defaults (90 %, 60 %, 30 days) until an officer saves them. */
export async function getProgressSettings(db: Kysely<DB>, institutionId: string): Promise<SavedProgressSettings> {
  const row = await findProgressSettingRow(db, institutionId);
  if (!row) return { ...DEFAULT_PROGRESS_SETTINGS, saved: false, updatedAt: null };
  return {
    onTrackMinMilli: row.on_track_min_milli,
    atRiskMinMilli: row.at_risk_min_milli,
    graceDays: row.grace_days,
    saved: true,
    updatedAt: row.updated_at,
  };
}

/** The settings form, parsed at the edge; thresholds are ratios x1000 (900 = 90 % of the expected progress). */
export const progressSettingsSchema = z
  .object({
    onTrackMinMilli: z.number().int().min(1).max(1000),
    atRiskMinMilli: z.number().int().min(0).max(1000),
    graceDays: z.number().int().min(0).max(366),
  })
  .refine((v) => v.atRiskMinMilli < v.onTrackMinMilli, {
    message: 'progress.settings.error.order',
    path: ['atRiskMinMilli'],
  });
export type ProgressSettingsInput = z.infer<typeof progressSettingsSchema>;

/** Saves the thresholds (officer only); the history keeps the old and new values. */
export async function updateProgressSettings(
  db: Kysely<DB>,
  user: SessionUser,
  input: ProgressSettingsInput,
): Promise<Result<{ changed: number }, 'progress.settings.forbidden' | 'progress.settings.error.invalid'>> {
  if (!canEditReferenceData(user)) return { ok: false, error: { code: 'progress.settings.forbidden' } };
  const parsed = progressSettingsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: { code: 'progress.settings.error.invalid' } };
  const next = {
    on_track_min_milli: parsed.data.onTrackMinMilli,
    at_risk_min_milli: parsed.data.atRiskMinMilli,
    grace_days: parsed.data.graceDays,
  };
  return db.transaction().execute(async (trx) => {
    const row = await findProgressSettingRow(trx, user.institutionId);
    const before = row ?? {
      on_track_min_milli: DEFAULT_PROGRESS_SETTINGS.onTrackMinMilli,
      at_risk_min_milli: DEFAULT_PROGRESS_SETTINGS.atRiskMinMilli,
      grace_days: DEFAULT_PROGRESS_SETTINGS.graceDays,
    };
    const changes = diffFields(before, next);
    const updatedAt = nowIso();
    if (row) {
      if (changes.length === 0) return { ok: true, value: { changed: 0 } } as const;
      await trx
        .updateTable('progress_setting')
        .set({ ...next, updated_at: updatedAt })
        .where('institution_id', '=', user.institutionId)
        .execute();
    } else {
      await trx
        .insertInto('progress_setting')
        .values({ institution_id: user.institutionId, ...next, updated_at: updatedAt })
        .execute();
    }
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'progress_setting',
      entityId: user.institutionId,
      operation: row ? 'update' : 'create',
      changes,
    });
    return { ok: true, value: { changed: changes.length } } as const;
  });
}

export interface PlanProgress extends Omit<ProgressReport, 'plans'> {
  plan: PlanRollUp;
}

/**
 * Every indicator of a plan with its status, progress and explanation, and the
 * roll-ups to objectives, workstreams, the plan, SDGs and axes, on `today`
 * (ISO date). Ten queries whatever the plan's size. Undefined when the plan
 * is not the institution's.
 */
export async function getPlanProgress(
  db: Kysely<DB>,
  institutionId: string,
  planId: string,
  today: string,
): Promise<PlanProgress | undefined> {
  return cachedProgress(db, institutionId, `plan|${planId}|${today}`, async () => {
    const [inputs, settings] = await Promise.all([
      loadProgressInputs(db, institutionId, planId),
      getProgressSettings(db, institutionId),
    ]);
    const [plan] = inputs.plans;
    if (!plan) return undefined;
    const { plans, ...report } = assembleProgress(inputs, today, settings);
    return { ...report, plan: plans[0] };
  });
}

/** The same for every plan of the institution at once (an institution-wide dashboard). */
export async function getInstitutionProgress(
  db: Kysely<DB>,
  institutionId: string,
  today: string,
): Promise<ProgressReport> {
  return cachedProgress(db, institutionId, `institution|${today}`, async () => {
    const [inputs, settings] = await Promise.all([
      loadProgressInputs(db, institutionId),
      getProgressSettings(db, institutionId),
    ]);
    return assembleProgress(inputs, today, settings);
  });
}

export interface IndicatorProgressPage {
  indicator: IndicatorProgress;
  /** One point per period, for the chart and its data table. */
  series: SeriesPoint[];
  settings: ProgressSettings;
}

/** One indicator's status, explanation and chart series; undefined when it is not the institution's. */
export async function getIndicatorProgress(
  db: Kysely<DB>,
  institutionId: string,
  indicatorId: string,
  today: string,
): Promise<IndicatorProgressPage | undefined> {
  return cachedProgress(db, institutionId, `indicator|${indicatorId}|${today}`, async () => {
    const [inputs, settings] = await Promise.all([
      loadIndicatorInputs(db, institutionId, indicatorId),
      getProgressSettings(db, institutionId),
    ]);
    if (!inputs) return undefined;
    const indicator = assembleProgress(inputs, today, settings).indicators[0];
    return { indicator, series: trajectorySeries(indicator, indicator.observations), settings };
  });
}
