/**
 * Reporting periods. Pure: no I/O. A period is identified by a label that sorts
 * chronologically within its periodicity:
 *   year           "2024"        1 Jan - 31 Dec
 *   academic_year  "2024-2025"   1 Sep 2024 - 31 Aug 2025 (French academic year)
 *   quarter        "2024-Q1"     1 Jan - 31 Mar
 *   month          "2024-03"     1 - 31 Mar
 * Dates are ISO yyyy-mm-dd strings in UTC.
 */

export const PERIODICITIES = ['year', 'academic_year', 'quarter', 'month'] as const;
export type Periodicity = (typeof PERIODICITIES)[number];

export function isPeriodicity(v: unknown): v is Periodicity {
  return typeof v === 'string' && (PERIODICITIES as readonly string[]).includes(v);
}

export interface Period {
  periodicity: Periodicity;
  label: string;
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The period of a given periodicity that contains a date. */
export function periodContaining(periodicity: Periodicity, date: string): Period {
  const [y, m] = date.split('-').map(Number);
  switch (periodicity) {
    case 'year':
      return { periodicity, label: String(y), start: iso(y, 1, 1), end: iso(y, 12, 31) };
    case 'academic_year': {
      const first = m >= 9 ? y : y - 1;
      return { periodicity, label: `${first}-${first + 1}`, start: iso(first, 9, 1), end: iso(first + 1, 8, 31) };
    }
    case 'quarter': {
      const q = Math.floor((m - 1) / 3) + 1;
      const endMonth = q * 3;
      return {
        periodicity,
        label: `${y}-Q${q}`,
        start: iso(y, endMonth - 2, 1),
        end: iso(y, endMonth, lastDay(y, endMonth)),
      };
    }
    case 'month':
      return { periodicity, label: `${y}-${pad(m)}`, start: iso(y, m, 1), end: iso(y, m, lastDay(y, m)) };
  }
}

/** Parses a period label of the given periodicity; undefined when it is not one. */
export function parsePeriod(periodicity: Periodicity, label: string): Period | undefined {
  const text = label.trim();
  let date: string | undefined;
  if (periodicity === 'year' && /^\d{4}$/.test(text)) date = `${text}-06-01`;
  if (periodicity === 'academic_year') {
    const m = /^(\d{4})[-/](\d{4})$/.exec(text);
    if (m && Number(m[2]) === Number(m[1]) + 1) date = `${m[1]}-10-01`;
  }
  if (periodicity === 'quarter') {
    const m = /^(\d{4})-?[QT]([1-4])$/i.exec(text);
    if (m) date = `${m[1]}-${pad(Number(m[2]) * 3)}-01`;
  }
  if (periodicity === 'month') {
    const m = /^(\d{4})-(\d{2})$/.exec(text);
    if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) date = `${m[1]}-${m[2]}-01`;
  }
  return date ? periodContaining(periodicity, date) : undefined;
}

/** The period just before this one. */
export function previousPeriod(p: Period): Period {
  const start = new Date(`${p.start}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - 1);
  return periodContaining(p.periodicity, start.toISOString().slice(0, 10));
}

/**
 * The latest period whose update is due on `today`: the last period that has
 * ended. Its value becomes overdue `graceDays` after its end.
 */
export function lastEndedPeriod(periodicity: Periodicity, today: string): Period {
  return previousPeriod(periodContaining(periodicity, today));
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Date after which the value of a period is overdue. */
export function dueDate(p: Period, graceDays: number): string {
  return addDays(p.end, graceDays);
}

/** Periods from the one containing `from` to the one containing `to`, in order. */
export function periodsBetween(periodicity: Periodicity, from: string, to: string): Period[] {
  const out: Period[] = [];
  let p = periodContaining(periodicity, from);
  const last = periodContaining(periodicity, to);
  while (p.start <= last.start && out.length < 1000) {
    out.push(p);
    p = periodContaining(periodicity, addDays(p.end, 1));
  }
  return out;
}

/**
 * The periods that have ended on `today`, from the one containing `from`
 * (the newest `limit` only); without `from`, the last ended period alone.
 */
export function endedPeriodsSince(
  periodicity: Periodicity,
  from: string | null,
  today: string,
  limit: number,
): Period[] {
  const last = lastEndedPeriod(periodicity, today);
  if (from === null) return [last];
  let earliest = last;
  for (let i = 1; i < limit; i++) earliest = previousPeriod(earliest);
  return periodsBetween(periodicity, from > earliest.start ? from : earliest.start, last.end);
}
