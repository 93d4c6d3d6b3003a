/**
 * Values of computed indicators. Once a day, each indicator whose source is a
 * registered module gets every ended period recomputed by that module; a
 * figure that changed becomes a new version, written through the same path as
 * a person's entry (writeValue), so the earlier figures stay in the history.
 * How a module plugs in: docs/indicator-sources.md.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { log } from '../../log';
import { isIndicatorKind, isNumericKind } from './indicators';
import { listComputedIndicators } from './indicators.queries';
import { endedPeriodsSince, isPeriodicity, type Period } from './periods';
import { INDICATOR_SOURCES, type IndicatorSource } from './sources';
import { inTransaction } from './value-context';
import { type PreparedValue, type ValueAuthor, writeValue } from './values.service';

/** Older periods are left as they are: 40 quarters is ten years, 40 months over three. */
export const MAX_REFRESH_PERIODS = 40;

export interface RefreshReport {
  /** Computed indicators whose module is registered and can compute them. */
  indicators: number;
  /** Periods asked of a module: written + unchanged + noData + failed. */
  periods: number;
  written: number;
  unchanged: number;
  /** The module had no figure (compute returned null): nothing written. */
  noData: number;
  /** compute threw, returned something other than an integer, or the write was refused. */
  failed: number;
  /** Sources no registered module has (sorted): their indicators are left alone. */
  unknownSources: string[];
  /** Indicators whose periodicity or kind their module cannot compute: left alone. */
  unsupported: string[];
}

export interface RefreshOptions {
  /** yyyy-mm-dd (UTC): periods that ended before this day are computed. */
  today: string;
  sources?: readonly IndicatorSource[];
  /** Only this institution's indicators (default: every institution's). */
  institutionId?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Where an indicator's periods start: its baseline date, else the first day of its plan. */
function firstDay(row: { baseline_date: string | null; start_year: number | null }): string | null {
  if (row.baseline_date && ISO_DATE.test(row.baseline_date)) return row.baseline_date;
  return row.start_year ? `${row.start_year}-01-01` : null;
}

/**
 * The module's records are the evidence, so its figure is written validated:
 * nobody entered it, so nobody could submit it, and a draft would wait
 * forever. An officer who disputes it corrects the module's records; the next
 * refresh writes the new figure as a new version.
 */
function moduleAuthor(institutionId: string, key: string): ValueAuthor {
  return { institutionId, userId: null, label: `module:${key}`, state: 'validated' };
}

function computedValue(indicatorId: string, period: Period, valueMilli: number, key: string): PreparedValue {
  return {
    indicatorId,
    period,
    fields: { valueMilli, valueText: null },
    comment: null,
    evidenceUrl: null,
    file: null,
    // A figure a person attached evidence to before the indicator became computed no longer carries it.
    removeEvidence: true,
    // Kept only when it replaces a previous version.
    changeReason: `computed by ${key}`,
  };
}

/**
 * Recomputes the ended periods of every computed indicator and writes the
 * figures that changed. A module that fails is logged and counted; the others
 * still run. Manual indicators are never read.
 */
export async function refreshComputedValues(db: Kysely<DB>, options: RefreshOptions): Promise<RefreshReport> {
  const sources = new Map((options.sources ?? INDICATOR_SOURCES).map((s) => [s.key, s]));
  const report: RefreshReport = {
    indicators: 0,
    periods: 0,
    written: 0,
    unchanged: 0,
    noData: 0,
    failed: 0,
    unknownSources: [],
    unsupported: [],
  };
  const unknown = new Set<string>();
  for (const row of await listComputedIndicators(db, options.institutionId)) {
    const source = sources.get(row.source);
    if (!source) {
      unknown.add(row.source);
      continue;
    }
    const periodicity = isPeriodicity(row.periodicity) ? row.periodicity : undefined;
    // compute() returns a number (x 1000): only number and percentage indicators can hold it.
    if (
      !periodicity ||
      !source.periodicities.includes(periodicity) ||
      !isIndicatorKind(row.kind) ||
      !isNumericKind(row.kind)
    ) {
      report.unsupported.push(row.id);
      continue;
    }
    report.indicators++;
    const author = moduleAuthor(row.institution_id, source.key);
    for (const period of endedPeriodsSince(periodicity, firstDay(row), options.today, MAX_REFRESH_PERIODS)) {
      report.periods++;
      const where = { source: source.key, indicatorId: row.id, period: period.label };
      try {
        const value = await source.compute(db, {
          institutionId: row.institution_id,
          sourceKey: row.source_key,
          period,
        });
        if (value === null) {
          report.noData++;
          continue;
        }
        if (!Number.isSafeInteger(value)) throw new Error(`compute returned ${value}, not an integer (value x 1000)`);
        const written = await inTransaction(db, (trx) =>
          writeValue(trx, author, computedValue(row.id, period, value, source.key)),
        );
        if (!written.ok) {
          report.failed++;
          log('warn', 'computed value refused', { ...where, code: written.error.code });
        } else if (written.value.unchanged) report.unchanged++;
        else report.written++;
      } catch (e) {
        report.failed++;
        log('error', 'indicator source failed', { ...where, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  report.unknownSources = [...unknown].sort();
  return report;
}
