/**
 * "My work": what a signed-in person has to do. Types and pure rules: which
 * indicator updates to ask for, and where each one is entered. No I/O.
 */
import type { Role } from '../auth';
import { chooseYear, type Periodicity, parsePeriod, periodOfYear } from '../indicators';
import { daysBetween, type IndicatorProgress, type StatusCounts } from '../progress';

/** Roles that enter values (the rule of canEnterValues): the others read their indicators and are not asked for updates. */
const ROLES_ENTERING_VALUES: readonly Role[] = ['admin', 'pilot'];

export function entersValues(role: Role): boolean {
  return ROLES_ENTERING_VALUES.includes(role);
}

export interface MyAction {
  actionId: string;
  title: string;
  status: string;
  planId: string;
  planTitle: string;
  endDate: string | null;
  /** Set when piloted through one of the person's teams. */
  teamName: string | null;
  /** Its planned end has passed and it is neither done nor given up. */
  pastEnd: boolean;
}

export interface UpdateDue {
  indicatorId: string;
  indicatorName: string;
  actionId: string | null;
  actionTitle: string | null;
  period: string;
  /** Last day to enter the value. */
  dueDate: string;
  status: 'due' | 'overdue';
  /** Days past the due date (overdue) or left before it (due). */
  days: number;
  /** State of a value entered but not handed over yet (draft, returned), null when nothing is entered. */
  pendingState: 'draft' | 'returned' | null;
  /** Collection year of the bulk entry form holding this period; null when only the indicator page takes it. */
  entryYear: number | null;
}

export interface ReviewedValue {
  valueId: string;
  indicatorId: string;
  indicatorName: string;
  kind: string;
  unit: string | null;
  period: string;
  valueMilli: number | null;
  valueText: string | null;
}

export interface ReturnedValue extends ReviewedValue {
  reason: string | null;
  /** Who returned it, as the history names them; null when the history does not say. */
  returnedBy: string | null;
  returnedAt: string | null;
}

export interface SubmittedValue extends ReviewedValue {
  submittedAt: string;
}

/** The officer's validation queue (null for the roles that do not validate). */
export interface ValidationQueue {
  rows: {
    indicatorId: string;
    indicatorName: string;
    planTitle: string;
    period: string;
    enteredBy: string;
    enteredAt: string;
  }[];
  total: number;
}

export type MyWork =
  | { linked: false; toValidate: ValidationQueue | null }
  | {
      linked: true;
      toValidate: ValidationQueue | null;
      person: { id: string; displayName: string };
      /** The user's role lets them enter values (bulk entry, indicator pages). */
      entersValues: boolean;
      /** Year the bulk entry form opens on. */
      bulkYear: number;
      actions: MyAction[];
      /** Overdue first (most late first), then due (soonest first). */
      updates: UpdateDue[];
      returned: ReturnedValue[];
      submitted: SubmittedValue[];
      indicatorCount: number;
      statusCounts: StatusCounts;
    };

/** Action statuses after which an end date no longer matters. */
const CLOSED_STATUSES = new Set(['done', 'cancelled']);

export function isPastEnd(action: { status: string; endDate: string | null }, today: string): boolean {
  return action.endDate !== null && action.endDate < today && !CLOSED_STATUSES.has(action.status);
}

/**
 * The bulk form of year Y takes, for each indicator, the last period ending in Y
 * (periodOfYear); any other period (an earlier quarter, say) is entered on the
 * indicator page. Null also when the form does not offer that year.
 */
export function entryYearOf(periodicity: Periodicity, period: string, today: string): number | null {
  const parsed = parsePeriod(periodicity, period);
  if (!parsed) return null;
  const year = Number(parsed.end.slice(0, 4));
  if (periodOfYear(periodicity, year).label !== parsed.label) return null;
  return chooseYear(year, today) === year ? year : null;
}

/**
 * The updates to ask for, from the progress feature's due/overdue rule (the
 * one the dashboard uses): the overdue period, and the last ended period while
 * it is still within its grace days and has no submitted value.
 */
export function updatesDue(
  indicators: readonly IndicatorProgress[],
  pendingStateOf: (indicatorId: string, period: string) => 'draft' | 'returned' | null,
  today: string,
): UpdateDue[] {
  const out: UpdateDue[] = [];
  for (const i of indicators) {
    const base = {
      indicatorId: i.id,
      indicatorName: i.name,
      actionId: i.actionId,
      actionTitle: i.actionTitle,
    };
    const row = (period: string, dueDate: string, status: UpdateDue['status'], days: number): UpdateDue => ({
      ...base,
      period,
      dueDate,
      status,
      days,
      pendingState: pendingStateOf(i.id, period),
      entryYear: entryYearOf(i.periodicity, period, today),
    });
    if (i.overdue) out.push(row(i.overdue.period, i.overdue.dueDate, 'overdue', i.overdue.daysLate));
    const due = i.due;
    if (due && !due.hasValue && due.period !== i.overdue?.period && today <= due.dueDate) {
      out.push(row(due.period, due.dueDate, 'due', Math.round(daysBetween(today, due.dueDate))));
    }
  }
  const rank = (u: UpdateDue) => (u.status === 'overdue' ? -u.days : u.days);
  return out.sort(
    (a, b) =>
      (a.status === b.status ? 0 : a.status === 'overdue' ? -1 : 1) ||
      rank(a) - rank(b) ||
      a.indicatorName.localeCompare(b.indicatorName),
  );
}
