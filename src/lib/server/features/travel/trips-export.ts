/**
 * Stored trips as a file: a CSV or XLSX with one row per leg and every figure
 * needed to trace it (method, factor and its source, distances, grams), or
 * the GES 1point5 travel file. The reader sees what the trips list shows them:
 * their own trips, every trip of the institution for the admin (or the CLI).
 *
 * Spreadsheets follow the values export (features/api): headings in the
 * reader's language, figures written from the stored integers with a decimal
 * comma, every text cell through the plan export's formula neutraliser. The
 * traveller is the stored pseudonym (`traveller_key`), never a name.
 *
 * GES 1point5: missions are numbered 1, 2, ... per trip in date order (then
 * declaration time, then id), so the same trips always give the same numbers;
 * countries are written by their French name, as GES 1point5 files do. The two
 * optional columns stay empty: GES 1point5 lists its own purposes and staff
 * statuses, which free-text purposes and Trajectoire's categories do not match
 * (carbon-method.md §1.4). Legs GES 1point5 has no word for (bike, walk) are
 * left out and counted in `omittedLegs`.
 */
import type { Kysely } from 'kysely';
import { isLocale, type Locale, translate } from '../../../i18n';
import type { DB } from '../../db/schema';
import { CONTENT_TYPES, formatMilli, type Row, toCsv, toXlsx } from '../api';
import type { SessionUser } from '../auth';
import { neutraliseCell } from '../plan-export';
import { type Ges1point5Leg, writeGes1point5File } from './ges1point5-file';
import { isTravelMode } from './modes';
import { countryName } from './places-countries';
import { listVisibleTripLegsForExport } from './trips.queries';

export const TRIPS_EXPORT_FORMATS = ['ges1point5', 'csv', 'xlsx'] as const;
export type TripsExportFormat = (typeof TRIPS_EXPORT_FORMATS)[number];

/** Headings are `travel.trips.export.column.<column>` in messages/<locale>/trips-export.json. */
export const TRIPS_EXPORT_COLUMNS = [
  'tripId',
  'missionRef',
  'date',
  'purpose',
  'category',
  'traveller',
  'leg',
  'fromName',
  'fromCountry',
  'toName',
  'toCountry',
  'mode',
  'roundTrip',
  'passengers',
  'greatCircleKm',
  'distanceKm',
  'methodKey',
  'methodVersion',
  'factorKey',
  'factorValue',
  'factorUnit',
  'factorSource',
  'emissionsKg',
  'emissionsGrams',
  'trainHours',
  'verdict',
  'contributionEuros',
] as const;
type Column = (typeof TRIPS_EXPORT_COLUMNS)[number];

const TRAIN_VERDICTS = ['justification_required', 'flagged', 'ok', 'not_applicable'] as const;
const GES1POINT5_CONTENT_TYPE = 'text/tab-separated-values; charset=utf-8';

type ExportLegRow = Awaited<ReturnType<typeof listVisibleTripLegsForExport>>[number];
type Scope = { institutionId: string; userId: string; everyone: boolean };

export interface TripsExportFile {
  /** ASCII only: safe in a Content-Disposition header and on any file system. */
  filename: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
  /** Legs read from the database. */
  legCount: number;
  /** Legs the GES 1point5 file leaves out (no such mode there); 0 for CSV and XLSX. */
  omittedLegs: number;
}

/** The export as a table: heading row then one row per leg, every text cell neutralised. Pure. */
export function tripsTable(rows: readonly ExportLegRow[], locale: Locale): Row[] {
  const t = (key: string) => translate(locale, key);
  const text = (v: string | null) => neutraliseCell(v ?? '');
  const data = rows.map((r) => {
    const cells: Record<Column, string> = {
      tripId: text(r.trip_id),
      missionRef: text(r.mission_ref),
      date: text(r.leg_date ?? r.trip_date),
      purpose: text(r.purpose),
      category: text(t(`travel.trips.category.${r.traveller_category}`)),
      traveller: text(r.traveller_key),
      leg: String(r.position + 1),
      fromName: text(r.from_name),
      fromCountry: text(r.from_country),
      toName: text(r.to_name),
      toCountry: text(r.to_country),
      mode: text(t(`travel.mode.${r.mode}`)),
      roundTrip: t(r.round_trip === 1 ? 'travel.trips.export.yes' : 'travel.trips.export.no'),
      passengers: String(r.passengers),
      // Metres are thousandths of a kilometre, milligrams thousandths of a gram, grams thousandths of a kilogram.
      greatCircleKm: formatMilli(r.great_circle_m),
      distanceKm: formatMilli(r.distance_m),
      methodKey: text(r.method_key),
      methodVersion: text(r.method_version),
      factorKey: text(r.factor_key),
      factorValue: formatMilli(r.factor_value_milli),
      factorUnit: text(`gCO2e/${r.factor_unit}`),
      factorSource: text(r.factor_source),
      emissionsKg: formatMilli(r.emissions_g),
      emissionsGrams: String(r.emissions_g),
      trainHours: formatMilli(r.train_hours_milli),
      verdict: (TRAIN_VERDICTS as readonly string[]).includes(r.train_verdict)
        ? t(`travel.trips.export.verdict.${r.train_verdict}`)
        : text(r.train_verdict),
      contributionEuros: formatMilli(r.contribution_cents * 10),
    };
    return TRIPS_EXPORT_COLUMNS.map((c) => cells[c]);
  });
  return [TRIPS_EXPORT_COLUMNS.map((c) => t(`travel.trips.export.column.${c}`)), ...data];
}

/** The legs as GES 1point5 legs, one mission number per trip (1, 2, ... in the rows' order). Pure. */
export function ges1point5LegsOf(rows: readonly ExportLegRow[]): Ges1point5Leg[] {
  const missionOf = new Map<string, number>();
  return rows.map((r) => {
    let mission = missionOf.get(r.trip_id);
    if (mission === undefined) {
      mission = missionOf.size + 1;
      missionOf.set(r.trip_id, mission);
    }
    // Stored modes were parsed at declaration or import; anything else is a bug.
    if (!isTravelMode(r.mode)) throw new Error(`trip ${r.trip_id}: unknown stored mode ${r.mode}`);
    return {
      mission,
      date: r.leg_date ?? r.trip_date,
      fromCity: r.from_name,
      fromCountry: countryName(r.from_country, 'fr'),
      toCity: r.to_name,
      toCountry: countryName(r.to_country, 'fr'),
      mode: r.mode,
      passengers: r.passengers,
      roundTrip: r.round_trip === 1,
      purpose: null,
      status: null,
    };
  });
}

async function exportIn(
  db: Kysely<DB>,
  scope: Scope,
  format: TripsExportFormat,
  options: { locale: Locale; now?: Date },
): Promise<TripsExportFile> {
  const rows = await listVisibleTripLegsForExport(db, scope);
  const day = (options.now ?? new Date()).toISOString().slice(0, 10);
  const base = translate(options.locale, 'travel.trips.export.file');
  if (format === 'ges1point5') {
    const { bytes, omitted } = writeGes1point5File(ges1point5LegsOf(rows));
    return {
      filename: `ges1point5-${base}-${day}.tsv`,
      contentType: GES1POINT5_CONTENT_TYPE,
      bytes,
      legCount: rows.length,
      omittedLegs: omitted.length,
    };
  }
  const table = tripsTable(rows, options.locale);
  const sheet = translate(options.locale, 'travel.trips.export.sheet');
  return {
    filename: `${base}-${day}.${format}`,
    contentType: CONTENT_TYPES[format],
    bytes: format === 'csv' ? toCsv(table) : toXlsx(sheet, table, sheet),
    legCount: rows.length,
    omittedLegs: 0,
  };
}

/**
 * The trips the user may read (their own; every trip of the institution for
 * the admin) as a file; headings in `options.locale`, else the user's language.
 */
export function exportTrips(
  db: Kysely<DB>,
  user: SessionUser,
  format: TripsExportFormat,
  options: { locale?: Locale; now?: Date } = {},
): Promise<TripsExportFile> {
  const locale = options.locale ?? (isLocale(user.locale) ? user.locale : 'fr');
  const scope = { institutionId: user.institutionId, userId: user.id, everyone: user.role === 'admin' };
  return exportIn(db, scope, format, { locale, now: options.now });
}

/** Every trip of the institution as a file, for the command line (administrator's scope). */
export function exportInstitutionTrips(
  db: Kysely<DB>,
  institutionId: string,
  format: TripsExportFormat,
  options: { locale: Locale; now?: Date },
): Promise<TripsExportFile> {
  return exportIn(db, { institutionId, userId: '', everyone: true }, format, options);
}
