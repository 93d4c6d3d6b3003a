/**
 * The GES 1point5 (Labos 1point5) travel import file, cell by cell: its header,
 * its mode words, its dates and its yes/no column. Attested format only
 * (carbon-method.md §1.4, from two independent exporters); what the reference
 * marks UNCONFIRMED is said where it is used.
 */
import { fold } from '../plan-import/cell-text';
import type { TravelMode } from './modes';

/** The 11 header cells, exact text, in order (carbon-method.md §1.4). The writer emits exactly these. */
export const GES1POINT5_HEADER = [
  '# mission',
  'Date de départ',
  'Ville de départ',
  'Pays de départ',
  'Ville de destination',
  'Pays de destination',
  'Mode de déplacement',
  'Nb de personnes dans la voiture',
  'Aller Retour (OUI si identiques, NON si différents)',
  'Motif du déplacement (optionnel)',
  "Statut de l'agent (optionnel)",
] as const;

export const GES1POINT5_COLUMN_COUNT = GES1POINT5_HEADER.length;

/**
 * Folded header cells, compared by prefix so that case, accents, punctuation
 * and a dropped "(optionnel)" do not matter. `fold` turns both
 * "Aller Retour (OUI…)" and the later "Aller / Retour (OUI…)" (UNCONFIRMED
 * variant, carbon-method.md §1.4) into "aller retour oui…".
 */
const FOLDED_HEADER_PREFIXES = [
  'mission',
  'date de depart',
  'ville de depart',
  'pays de depart',
  'ville de destination',
  'pays de destination',
  'mode de deplacement',
  'nb de personnes dans la voiture',
  'aller retour',
  'motif du deplacement',
  'statut de l agent',
] as const;

/** True when the row is the GES 1point5 header: first cell starting with "#", then the 11 columns in order. */
export function isGes1point5Header(cells: readonly string[]): boolean {
  if (!(cells[0] ?? '').trim().startsWith('#')) return false;
  return FOLDED_HEADER_PREFIXES.every((prefix, i) => {
    const folded = fold(cells[i] ?? '');
    return folded === prefix || folded.startsWith(`${prefix} `);
  });
}

/**
 * GES 1point5 has one train mode; its method picks TGV (> 200 km), "Train <
 * 200 km", "mixte" or "international" by corrected distance and countries
 * (UNCONFIRMED rule, data/carbon/ges1point5.json). In that method file the four
 * Trajectoire train modes share exactly those four factors, so any of them
 * reproduces the GES rule. `train_intercity` is chosen because under the ADEME
 * method it takes the middle rail factor (Intercités), neither the TGV's lowest
 * value nor the TER's highest, for a train whose kind the file does not say.
 */
export const GES1POINT5_TRAIN_MODE: TravelMode = 'train_intercity';

/**
 * Mode words, folded (so "Métro", "métro" and "metro" are one). French words
 * seen in an exporter (carbon-method.md §1.4); the English aliases are a
 * Trajectoire courtesy (GES 1point5's own list is UNCONFIRMED).
 */
const MODE_OF_WORD: ReadonlyMap<string, TravelMode> = new Map<string, TravelMode>([
  ['avion', 'plane'],
  ['plane', 'plane'],
  ['voiture', 'car_unknown'],
  ['car', 'car_unknown'],
  ['train', GES1POINT5_TRAIN_MODE],
  ['bus', 'bus'],
  ['taxi', 'taxi'],
  ['rer', 'rer'],
  ['metro', 'metro'],
  ['subway', 'metro'],
  ['tramway', 'tram'],
  ['tram', 'tram'],
  ['ferry', 'ferry'],
]);

export function modeOfGes1point5Word(word: string): TravelMode | undefined {
  return MODE_OF_WORD.get(fold(word));
}

/**
 * The French word written back for each mode. GES 1point5 has no coach, no car
 * engine and no bike or walking: coach is written "bus" and every car
 * "voiture" (both read back as `bus` and `car_unknown`); bike and walk have no
 * word and are left out of the file (null).
 */
const WORD_OF_MODE: Readonly<Record<TravelMode, string | null>> = Object.freeze({
  plane: 'avion',
  train_high_speed: 'train',
  train_intercity: 'train',
  train_regional: 'train',
  train_foreign: 'train',
  coach: 'bus',
  bus: 'bus',
  tram: 'tramway',
  metro: 'métro',
  rer: 'rer',
  car_thermal: 'voiture',
  car_electric: 'voiture',
  car_unknown: 'voiture',
  taxi: 'taxi',
  ferry: 'ferry',
  bike: null,
  walk: null,
});

export function ges1point5WordOfMode(mode: TravelMode): string | null {
  return WORD_OF_MODE[mode];
}

/** Modes whose rows carry "Nb de personnes dans la voiture" (carbon-method.md §1.4: "for car/taxi"). */
export function carriesPassengers(mode: TravelMode): boolean {
  return isCar(mode) || mode === 'taxi';
}

export function isCar(mode: TravelMode): boolean {
  return mode === 'car_unknown' || mode === 'car_thermal' || mode === 'car_electric';
}

const DATE_DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DATE_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** "24/01/2019" -> "2019-01-24"; undefined when not dd/mm/yyyy or not a real day (31/02/2019). */
export function parseGes1point5Date(text: string): string | undefined {
  const m = DATE_DMY.exec(text.trim());
  if (!m) return undefined;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(year, month, day)) return undefined;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "2019-01-24" -> "24/01/2019". A leg with another date is a bug: it was parsed at the edge. */
export function formatGes1point5Date(isoDate: string): string {
  const m = DATE_ISO.exec(isoDate);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw new Error(`Not an ISO date: ${isoDate}`);
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** OUI -> true, NON -> false, case-insensitive; anything else undefined. */
export function parseOuiNon(text: string): boolean | undefined {
  const upper = text.trim().toUpperCase();
  if (upper === 'OUI') return true;
  if (upper === 'NON') return false;
  return undefined;
}
