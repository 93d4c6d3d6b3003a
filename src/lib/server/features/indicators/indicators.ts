/**
 * Indicators and their values: vocabulary, permissions and value parsing.
 * Pure: no I/O.
 *
 * How a value is stored, by kind of indicator:
 * - number, percentage: `value_milli` = value x 1000 as an integer (a
 *   percentage is stored as its number of percent: 12.5 % -> 12500);
 * - yes_no, milestone: `value_text` = 'yes' | 'no' (for a milestone, "reached
 *   during this period or before");
 * - text: `value_text` = the text.
 */
import { type ActionPilotRef, canEditAction, type SessionUser } from '../auth';
import { type Period, type Periodicity, periodContaining, previousPeriod } from './periods';

export const INDICATOR_KINDS = ['number', 'percentage', 'yes_no', 'milestone', 'text'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const INDICATOR_DIRECTIONS = ['increase', 'decrease', 'reach', 'milestone'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];
export const VALUE_STATES = ['draft', 'submitted', 'validated', 'returned'] as const;
export type ValueState = (typeof VALUE_STATES)[number];

export const YES_NO = ['yes', 'no'] as const;
/** Longest free-text value, comment or reason we keep. */
export const MAX_TEXT_LENGTH = 4000;
/** |value| above this is a typing error, and value x 1000 must stay a safe integer. */
const MAX_ABS_VALUE_MILLI = 1e15;

export function isIndicatorKind(v: unknown): v is IndicatorKind {
  return typeof v === 'string' && (INDICATOR_KINDS as readonly string[]).includes(v);
}

export function isValueState(v: unknown): v is ValueState {
  return typeof v === 'string' && (VALUE_STATES as readonly string[]).includes(v);
}

/** Kinds whose values are numbers (value_milli); the others keep text. */
export function isNumericKind(kind: IndicatorKind): boolean {
  return kind === 'number' || kind === 'percentage';
}

/** Kinds answered by yes or no. */
export function isYesNoKind(kind: IndicatorKind): boolean {
  return kind === 'yes_no' || kind === 'milestone';
}

/** Who fills an indicator: what the permission rules need to know about it. */
export interface IndicatorOwnership {
  pilots: readonly ActionPilotRef[];
  responsiblePersonId: string | null;
}

/**
 * The officer enters every value; a pilot enters the values of indicators
 * attached to actions they pilot, or of which they are the responsible person.
 * Committee members, contributors and viewers read.
 */
export function canEnterValues(user: SessionUser, owner: IndicatorOwnership, userTeamIds: readonly string[]): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'pilot' || !user.personId) return false;
  return owner.responsiblePersonId === user.personId || canEditAction(user, owner.pilots, userTeamIds);
}

/**
 * Who may open the values import: the officer and pilots. Each row is then
 * checked against `canEnterValues`, so a pilot imports only their indicators.
 */
export function canImportValues(user: SessionUser): boolean {
  return user.role === 'admin' || user.role === 'pilot';
}

/** Validating and returning values, and editing definitions, is the officer's job. */
export function canReviewValues(user: SessionUser): boolean {
  return user.role === 'admin';
}

export function canEditDefinition(user: SessionUser): boolean {
  return user.role === 'admin';
}

/**
 * Reads a decimal typed by a person, French or English: "12,5", "1 234,5",
 * "-3", "12.5 %" (the "%" is dropped). Returns value x 1000, rounded half away
 * from zero on the fourth decimal, computed on the digits (no float error);
 * undefined when it is not a number.
 */
export function parseDecimalMilli(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/%$/, '');
  const m = /^([+-]?)(\d+)(?:[.,](\d+))?$/.exec(compact);
  if (!m) return undefined;
  const fraction = (m[3] ?? '').padEnd(4, '0');
  const magnitude = Number(m[2]) * 1000 + Number(fraction.slice(0, 3)) + (Number(fraction[3]) >= 5 ? 1 : 0);
  if (!Number.isSafeInteger(magnitude) || magnitude > MAX_ABS_VALUE_MILLI) return undefined;
  return m[1] === '-' ? -magnitude : magnitude;
}

export interface ValueFields {
  valueMilli: number | null;
  valueText: string | null;
}

export type ValueParse =
  | { ok: true; value: ValueFields }
  | {
      ok: false;
      error: {
        code:
          | 'indicators.value.required'
          | 'indicators.value.invalidNumber'
          | 'indicators.value.invalidChoice'
          | 'indicators.value.tooLong';
      };
    };

/** Turns what was typed into the stored fields for the indicator's kind. */
export function readValue(kind: IndicatorKind, raw: string | number | null | undefined): ValueParse {
  const text = raw === null || raw === undefined ? '' : String(raw).trim();
  if (text === '') return { ok: false, error: { code: 'indicators.value.required' } };
  if (isNumericKind(kind)) {
    const milli = typeof raw === 'number' ? Math.round(raw * 1000) : parseDecimalMilli(text);
    if (milli === undefined || !Number.isSafeInteger(milli) || Math.abs(milli) > MAX_ABS_VALUE_MILLI) {
      return { ok: false, error: { code: 'indicators.value.invalidNumber' } };
    }
    return { ok: true, value: { valueMilli: milli, valueText: null } };
  }
  if (isYesNoKind(kind)) {
    const answer = text.toLowerCase();
    const yes = ['yes', 'oui', 'true', '1'].includes(answer);
    const no = ['no', 'non', 'false', '0'].includes(answer);
    if (!yes && !no) return { ok: false, error: { code: 'indicators.value.invalidChoice' } };
    return { ok: true, value: { valueMilli: null, valueText: yes ? 'yes' : 'no' } };
  }
  if (text.length > MAX_TEXT_LENGTH) return { ok: false, error: { code: 'indicators.value.tooLong' } };
  return { ok: true, value: { valueMilli: null, valueText: text } };
}

/** Evidence links must be web addresses: no javascript:, data: or file: URL ever reaches a page. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The periods a form offers: the current one and the `count` before it, newest first. */
export function recentPeriods(periodicity: Periodicity, today: string, count = 4): Period[] {
  const out = [periodContaining(periodicity, today)];
  while (out.length <= count) out.push(previousPeriod(out[out.length - 1]));
  return out;
}

/**
 * The period of an indicator reported in a given collection year: the last
 * period of its periodicity that ends within that year (2025 -> "2025",
 * "2024-2025", "2025-Q4", "2025-12").
 */
export function periodOfYear(periodicity: Periodicity, year: number): Period {
  const yearEnd = `${year}-12-31`;
  const p = periodContaining(periodicity, yearEnd);
  return p.end > yearEnd ? previousPeriod(p) : p;
}
