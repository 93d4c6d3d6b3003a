/**
 * The engine of a trips import, with no database: the rows a reader gave,
 * each leg's places resolved and its footprint computed, the row-by-row report
 * and the list of place texts a person must look at. Whatever the format, the
 * same rules as the declaration form apply (estimate.service).
 *
 * Speed (a file holds up to a million legs): each distinct (place text,
 * country) is resolved once per import, and the legs are computed
 * synchronously, one year's internal price fetched once before the loop.
 */
import { estimateResolvedTrip, type TripEstimate } from './estimate.service';
import { DEFAULT_METHOD_KEY, type MethodKey } from './methods';
import { type Place, type PlaceResolution, type ResolverMemory, resolvePlaceIn } from './places';
import type { PlaceIndex } from './places-data';
import { DEFAULT_TRAIN_FIRST_RULE, type TrainFirstRule } from './train-first';
import type { TripFileLeg, TripFileMessage, TripFileRow, TripFileRowStatus } from './trip-file';

export type TripImportRowStatus = TripFileRowStatus;
export type TripImportMessage = TripFileMessage;

export interface TripImportRow {
  line: number;
  status: TripImportRowStatus;
  messages: TripImportMessage[];
}

export interface TripImportCounts {
  valid: number;
  warning: number;
  rejected: number;
  /** Lines that are not trips (a hotel night, a meal): reported, never stored. */
  skipped: number;
  missions: number;
  legs: number;
  emissionsGrams: number;
}

/** A place text not resolved with confidence, once per (text, country), for a person to review. */
export interface UnresolvedPlace {
  /** As the file gives it. */
  text: string;
  /** The country cell beside it, as the file gives it ('' when the format has none). */
  country: string;
  /** Best first; empty when nothing came close. */
  candidates: Place[];
  /** The first lines it appears on, at most MAX_UNRESOLVED_LINES. */
  lines: number[];
  /** Every leg end it appears on (lines may be capped). */
  count: number;
}

/** An unresolved text lists this many of its lines; `count` says how many there are. */
export const MAX_UNRESOLVED_LINES = 50;

/** The institution's travel settings an import applies to every leg. */
export interface TripImportSettings {
  methodKey: MethodKey;
  contrails: boolean;
  trainFirstRule: TrainFirstRule;
}

export const DEFAULT_TRIP_IMPORT_SETTINGS: TripImportSettings = Object.freeze({
  methodKey: DEFAULT_METHOD_KEY,
  contrails: true,
  trainFirstRule: DEFAULT_TRAIN_FIRST_RULE,
});

export interface TripImportOptions {
  /** Answers people gave earlier (a misspelt text they matched to a place). */
  memory?: ResolverMemory;
  settings?: TripImportSettings;
}

/** A leg computed, ready to store. */
export interface EstimatedLeg {
  leg: TripFileLeg;
  estimate: TripEstimate;
}

/**
 * The file with its places resolved: the report so far (a row whose leg
 * fails to compute is rejected later, by `estimateMission`) and its missions.
 * A million legs are held in flat arrays indexed by file row rather than as
 * a million small objects.
 */
export interface PlacedFile {
  rows: TripImportRow[];
  counts: TripImportCounts;
  unresolved: UnresolvedPlace[];
  /**
   * Per file row, its leg to compute; the reader's rows are not kept, and a
   * leg is let go once computed (`estimateMission` runs once per mission).
   */
  legs: (EstimatedLeg['leg'] | undefined)[];
  /** Each distinct (text, country) resolved once. */
  resolutions: PlaceResolution[];
  /** Per file row, the index in `resolutions` of its leg's departure and arrival (-1: no leg to compute). */
  from: Int32Array;
  to: Int32Array;
  /** The file row of each mission's first leg to compute, missions in order of first appearance. */
  missionStarts: Int32Array;
  /** Per file row, the file row of the same mission's next leg to compute (-1 after the last). */
  nextLeg: Int32Array;
}

const NO_MESSAGES: readonly TripImportMessage[] = Object.freeze([]);

function candidatesOf(resolution: PlaceResolution): string {
  return resolution.candidates.map((p) => `${p.name} (${p.country})`).join(', ') || '—';
}

/**
 * Resolves each distinct (text, country) once and answers its index in
 * `resolutions`. The key keeps the exact text: the resolver reads case
 * ("CDG" is a code, "Cdg" is not).
 */
function memoisedResolver(index: PlaceIndex, memory: ResolverMemory | undefined, resolutions: PlaceResolution[]) {
  const byCountry = new Map<string, Map<string, number>>();
  return (text: string, country: string): number => {
    let known = byCountry.get(country);
    if (!known) {
      known = new Map();
      byCountry.set(country, known);
    }
    let at = known.get(text);
    if (at === undefined) {
      at = resolutions.length;
      resolutions.push(resolvePlaceIn(index, text, { country: country || undefined, language: 'fr', memory }));
      known.set(text, at);
    }
    return at;
  };
}

/** Collects the unresolved texts in order of first appearance. */
function unresolvedCollector() {
  const byKey = new Map<string, UnresolvedPlace>();
  return {
    add(text: string, country: string, resolution: PlaceResolution, line: number) {
      const key = `${text}\u0000${country}`;
      let entry = byKey.get(key);
      if (!entry) {
        entry = { text, country, candidates: resolution.candidates, lines: [], count: 0 };
        byKey.set(key, entry);
      }
      if (entry.lines.length < MAX_UNRESOLVED_LINES && entry.lines.at(-1) !== line) entry.lines.push(line);
      entry.count++;
    },
    list: () => [...byKey.values()],
  };
}

function reportRow(line: number, status: TripImportRowStatus, messages: readonly TripImportMessage[]): TripImportRow {
  return { line, status, messages: messages.length === 0 ? (NO_MESSAGES as TripImportMessage[]) : [...messages] };
}

/** Every row of the file with its verdict so far, each leg's places resolved. */
export function placeFileRows(
  index: PlaceIndex,
  fileRows: readonly TripFileRow[],
  memory: ResolverMemory | undefined,
): PlacedFile {
  const resolutions: PlaceResolution[] = [];
  const resolve = memoisedResolver(index, memory, resolutions);
  const unresolved = unresolvedCollector();
  const rows: TripImportRow[] = new Array(fileRows.length);
  const from = new Int32Array(fileRows.length).fill(-1);
  const to = new Int32Array(fileRows.length).fill(-1);
  const nextLeg = new Int32Array(fileRows.length).fill(-1);
  const legs: PlacedFile['legs'] = new Array(fileRows.length);
  const missionStarts: number[] = [];
  const lastLegOfMission = new Map<number, number>();
  const counts: TripImportCounts = {
    valid: 0,
    warning: 0,
    rejected: 0,
    skipped: 0,
    missions: 0,
    legs: 0,
    emissionsGrams: 0,
  };
  for (let i = 0; i < fileRows.length; i++) {
    const row = fileRows[i]!;
    const leg = row.leg;
    if (row.status === 'skipped' || row.status === 'rejected' || !leg) {
      const status = row.status === 'skipped' ? 'skipped' : 'rejected';
      counts[status]++;
      rows[i] = reportRow(row.line, status, row.messages);
      continue;
    }
    const fromAt = resolve(leg.fromCity, leg.fromCountry);
    const toAt = resolve(leg.toCity, leg.toCountry);
    const fromPlace = resolutions[fromAt]!;
    const toPlace = resolutions[toAt]!;
    if (fromPlace.status !== 'resolved' || toPlace.status !== 'resolved') {
      const messages = [...row.messages];
      for (const [resolution, text, country] of [
        [fromPlace, leg.fromCity, leg.fromCountry],
        [toPlace, leg.toCity, leg.toCountry],
      ] as const) {
        if (resolution.status === 'resolved') continue;
        unresolved.add(text, country, resolution, row.line);
        messages.push({
          code: 'travel.import.row.placeNotResolved',
          params: { place: text, candidates: candidatesOf(resolution) },
        });
      }
      counts.rejected++;
      rows[i] = reportRow(row.line, 'rejected', messages);
      continue;
    }
    from[i] = fromAt;
    to[i] = toAt;
    legs[i] = leg;
    const last = lastLegOfMission.get(leg.mission);
    if (last === undefined) missionStarts.push(i);
    else nextLeg[last] = i;
    lastLegOfMission.set(leg.mission, i);
    counts[row.status]++;
    rows[i] = reportRow(row.line, row.status, row.messages);
  }
  return {
    rows,
    counts,
    unresolved: unresolved.list(),
    legs,
    resolutions,
    from,
    to,
    missionStarts: Int32Array.from(missionStarts),
    nextLeg,
  };
}

/**
 * Missions (indexes into `missionStarts`) by the date of their first leg,
 * file order among equal dates: trips written in date order go to the end of
 * the date indexes instead of all over them, and read back in the same order.
 */
export function missionsByDate(file: PlacedFile): Int32Array {
  const byDate = new Map<string, number[]>();
  file.missionStarts.forEach((start, mission) => {
    const date = file.legs[start]!.date;
    const missions = byDate.get(date);
    if (missions) missions.push(mission);
    else byDate.set(date, [mission]);
  });
  const order = new Int32Array(file.missionStarts.length);
  let k = 0;
  for (const date of [...byDate.keys()].sort()) for (const mission of byDate.get(date)!) order[k++] = mission;
  return order;
}

/**
 * Computes the legs of one mission (`mission`: an index into
 * `missionStarts`) with the institution's settings and the internal price of
 * each year (`prices`; the suggested value for a year it lacks). A leg that
 * fails rejects its row in the report; the others are counted and returned,
 * in file order.
 */
export function estimateMission(
  file: PlacedFile,
  mission: number,
  settings: TripImportSettings,
  prices: ReadonlyMap<number, number> | undefined,
): EstimatedLeg[] {
  const estimated: EstimatedLeg[] = [];
  for (let i = file.missionStarts[mission]!; i !== -1; i = file.nextLeg[i]!) {
    const leg = file.legs[i];
    if (!leg) throw new Error('a mission estimated twice');
    file.legs[i] = undefined;
    const estimate = estimateResolvedTrip(file.resolutions[file.from[i]!]!, file.resolutions[file.to[i]!]!, {
      from: leg.fromCity,
      to: leg.toCity,
      mode: leg.mode,
      cabinClass: leg.cabinClass,
      roundTrip: leg.roundTrip,
      passengers: leg.passengers,
      methodKey: settings.methodKey,
      contrails: settings.contrails,
      trainFirstRule: settings.trainFirstRule,
      date: leg.date,
      pricePerTonneEuros: prices?.get(Number(leg.date.slice(0, 4))),
    });
    if (!estimate.ok) {
      const row = file.rows[i]!;
      file.counts[row.status as 'valid' | 'warning']--;
      file.counts.rejected++;
      file.rows[i] = reportRow(row.line, 'rejected', [...row.messages, { code: estimate.error.code, params: {} }]);
      continue;
    }
    file.counts.legs++;
    file.counts.emissionsGrams += estimate.value.leg.emissionsGrams;
    estimated.push({ leg, estimate: estimate.value });
  }
  if (estimated.length > 0) file.counts.missions++;
  return estimated;
}

/** The years whose internal price the legs need. */
export function yearsOfRows(fileRows: readonly TripFileRow[]): number[] {
  const years = new Set<number>();
  for (const row of fileRows) if (row.leg) years.add(Number(row.leg.date.slice(0, 4)));
  return [...years];
}
