import { z } from 'zod';
import { DEFAULT_METHOD_KEY, isMethodKey, METHOD_KEYS, type MethodKey } from './methods';
import { DEFAULT_TRAIN_FIRST_RULE, type TrainFirstRule } from './train-first';

/** The institution's business-travel choices, as every declaration, import and recomputation reads them. */
export interface TravelSettings {
  methodKey: MethodKey;
  /** Whether flights count the contrail component of their factor. */
  contrails: boolean;
  trainFirstRule: TrainFirstRule;
  /** Whether declarations may store the traveller's name beside the pseudonym (off: pseudonym only). */
  nameTravellers: boolean;
}

/** The settings as stored, with when and by whom; `saved` is false while the institution keeps the defaults. */
export interface TravelSettingsView extends TravelSettings {
  saved: boolean;
  updatedAt: string | null;
}

export const MINUTES_PER_HOUR = 60;
/** A train-first threshold is a train time of at most a day. */
export const MAX_TRAIN_THRESHOLD_MINUTES = 24 * MINUTES_PER_HOUR;

/** GES 1point5, contrails counted, train-first at 4 h / 6 h (as DEFAULT_TRAIN_FIRST_RULE), travellers pseudonymised. */
export const DEFAULT_TRAVEL_SETTINGS: Readonly<TravelSettings> = Object.freeze({
  methodKey: DEFAULT_METHOD_KEY,
  contrails: true,
  trainFirstRule: DEFAULT_TRAIN_FIRST_RULE,
  nameTravellers: false,
});

export const DEFAULT_TRAIN_JUSTIFY_MINUTES = DEFAULT_TRAIN_FIRST_RULE.justifyUnderHours * MINUTES_PER_HOUR;
export const DEFAULT_TRAIN_FLAG_MINUTES = DEFAULT_TRAIN_FIRST_RULE.flagUnderHours * MINUTES_PER_HOUR;

const thresholdMinutes = z.number().int().min(0).max(MAX_TRAIN_THRESHOLD_MINUTES);

/** What the settings form sends once parsed; thresholds in whole minutes, the justify one never above the flag one. */
export const travelSettingsInputSchema = z
  .object({
    methodKey: z.enum(METHOD_KEYS),
    contrails: z.boolean(),
    justifyUnderMinutes: thresholdMinutes,
    flagUnderMinutes: thresholdMinutes,
    nameTravellers: z.boolean(),
  })
  .refine((s) => s.justifyUnderMinutes <= s.flagUnderMinutes, {
    message: 'travel.settings.error.order',
    path: ['justifyUnderMinutes'],
  });
export type TravelSettingsInput = z.infer<typeof travelSettingsInputSchema>;

/** The train-first rule of thresholds in minutes: the shape train-first.ts reads (hours, possibly fractional). */
export function trainFirstRuleOf(justifyUnderMinutes: number, flagUnderMinutes: number): TrainFirstRule {
  return {
    justifyUnderHours: justifyUnderMinutes / MINUTES_PER_HOUR,
    flagUnderHours: flagUnderMinutes / MINUTES_PER_HOUR,
  };
}

/** Thresholds of a rule back in whole minutes (what the table and the form hold). */
export function minutesOfRule(rule: TrainFirstRule): { justifyUnderMinutes: number; flagUnderMinutes: number } {
  return {
    justifyUnderMinutes: Math.round(rule.justifyUnderHours * MINUTES_PER_HOUR),
    flagUnderMinutes: Math.round(rule.flagUnderHours * MINUTES_PER_HOUR),
  };
}

/** A duration in minutes as the form shows it: whole hours and the minutes left. */
export function hoursAndMinutes(totalMinutes: number): { hours: number; minutes: number } {
  return { hours: Math.floor(totalMinutes / MINUTES_PER_HOUR), minutes: totalMinutes % MINUTES_PER_HOUR };
}

const formHours = z.coerce.number().int().min(0).max(24);
const formMinutes = z.coerce.number().int().min(0).max(59);

/**
 * Hours and minutes typed in the form (empty minutes count as 0) to whole minutes; undefined when either is
 * not a whole number in range. Bounds of the total (at most 24 h) are the input schema's business.
 */
export function minutesFromForm(hours: string, minutes: string): number | undefined {
  const h = formHours.safeParse(hours.trim() === '' ? Number.NaN : hours.trim());
  const m = formMinutes.safeParse(minutes.trim() === '' ? 0 : minutes.trim());
  if (!h.success || !m.success) return undefined;
  return h.data * MINUTES_PER_HOUR + m.data;
}

/** Two rules are the same when every threshold is (compared in minutes, as stored). */
export function isSameTrainFirstRule(a: TrainFirstRule, b: TrainFirstRule): boolean {
  const x = minutesOfRule(a);
  const y = minutesOfRule(b);
  return x.justifyUnderMinutes === y.justifyUnderMinutes && x.flagUnderMinutes === y.flagUnderMinutes;
}

/** The stored columns of a settings row (travel-settings.table.ts), as the pure mapping below reads them. */
export interface StoredTravelSettings {
  method_key: string;
  contrails: number;
  train_justify_minutes: number;
  train_flag_minutes: number;
  name_travellers: number;
}

/**
 * The settings a stored row gives; the defaults without a row. A method key
 * the code no longer ships falls back to the default method rather than
 * failing every declaration.
 */
export function settingsOfRow(row: StoredTravelSettings | undefined): TravelSettings {
  if (!row) return { ...DEFAULT_TRAVEL_SETTINGS, trainFirstRule: { ...DEFAULT_TRAIN_FIRST_RULE } };
  return {
    methodKey: isMethodKey(row.method_key) ? row.method_key : DEFAULT_METHOD_KEY,
    contrails: row.contrails === 1,
    trainFirstRule: trainFirstRuleOf(row.train_justify_minutes, row.train_flag_minutes),
    nameTravellers: row.name_travellers === 1,
  };
}
