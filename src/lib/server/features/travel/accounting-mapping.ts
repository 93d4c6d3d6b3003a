/**
 * The column mapping of an accounting export: which header holds the
 * mission, the date, the expense category, the places… Every accounting
 * system names its columns differently, so the mapping names headers (not
 * positions): a profile saved for one month's export reads the next one even
 * when a column moved. Headers are compared folded (case, accents,
 * punctuation and a bracketed unit do not matter).
 */
import { z } from 'zod';
import { HEADER_SEARCH_ROWS, headerKey, isBlankRecord, matchHeader } from './trip-file-cells';

/** The fields a column can be mapped to, in the order the mapping step offers them. */
export const ACCOUNTING_FIELDS = [
  'missionRef',
  'date',
  'category',
  'fromPlace',
  'toPlace',
  'route',
  'fromCountry',
  'toCountry',
  'mode',
  'roundTrip',
  'passengers',
  'purpose',
  'travellerStatus',
  'amount',
] as const;
export type AccountingField = (typeof ACCOUNTING_FIELDS)[number];

const headerName = z.string().trim().min(1).max(200);

/** A mapping: field -> the header text of its column; an absent field is not in the file. */
export const accountingMappingSchema = z.partialRecord(z.enum(ACCOUNTING_FIELDS), headerName);
export type AccountingMapping = z.infer<typeof accountingMappingSchema>;

/**
 * Headers as `headerKey` writes them, by preference. French first (the
 * exports this targets), English after. "Catégorie" alone is the expense's
 * category; the traveller's is "statut" or "catégorie de personnel".
 */
const SYNONYMS: Readonly<Record<AccountingField, readonly string[]>> = {
  missionRef: [
    'mission',
    'n mission',
    'no mission',
    'n de mission',
    'numero de mission',
    'numero mission',
    'num mission',
    'ref mission',
    'reference mission',
    'reference de la mission',
    'ordre de mission',
    'n ordre de mission',
    'numero ordre de mission',
    'om',
    'n om',
    'numero om',
    'note de frais',
    'n note de frais',
    'mission id',
    'mission number',
    'mission ref',
    'mission reference',
    'travel order',
    'trip id',
    'expense report',
    'reference',
  ],
  date: [
    'date de depart',
    'date depart',
    'date du deplacement',
    'date de deplacement',
    'date de la depense',
    'date depense',
    'date de depense',
    'date operation',
    'date d operation',
    'date de la piece',
    'date piece',
    'departure date',
    'travel date',
    'expense date',
    'transaction date',
    'date',
  ],
  category: [
    'categorie',
    'categorie de depense',
    'type de depense',
    'type de frais',
    'nature de la depense',
    'nature de depense',
    'nature de frais',
    'nature',
    'poste de depense',
    'poste',
    'rubrique',
    'type',
    'expense type',
    'expense category',
    'category',
    'libelle',
    'libelle de la depense',
    'description',
  ],
  fromPlace: [
    'ville de depart',
    'lieu de depart',
    'ville depart',
    'lieu depart',
    'depart',
    'origine',
    'provenance',
    'from',
    'from city',
    'origin',
    'departure',
    'departure city',
  ],
  toPlace: [
    'ville de destination',
    'lieu de destination',
    'ville d arrivee',
    'lieu d arrivee',
    'ville arrivee',
    'destination',
    'arrivee',
    'lieu de mission',
    'to',
    'to city',
    'arrival',
    'arrival city',
  ],
  route: ['trajet', 'itineraire', 'parcours', 'route', 'itinerary', 'journey'],
  fromCountry: [
    'pays de depart',
    'pays depart',
    'pays d origine',
    'from country',
    'departure country',
    'origin country',
  ],
  toCountry: [
    'pays de destination',
    'pays destination',
    'pays d arrivee',
    'pays',
    'to country',
    'destination country',
    'arrival country',
    'country',
  ],
  mode: [
    'mode de deplacement',
    'mode de transport',
    'moyen de transport',
    'mode',
    'transport',
    'travel mode',
    'transport mode',
    'means of transport',
  ],
  roundTrip: ['aller retour', 'a r', 'ar', 'round trip', 'return', 'return trip'],
  passengers: [
    'nb de personnes dans la voiture',
    'nb de personnes',
    'nombre de personnes',
    'nb personnes',
    'nb de passagers',
    'nombre de passagers',
    'passagers',
    'occupants',
    'passengers',
    'number of passengers',
  ],
  purpose: ['motif du deplacement', 'motif', 'objet de la mission', 'objet', 'purpose', 'trip purpose', 'reason'],
  travellerStatus: [
    'statut de l agent',
    'statut',
    'categorie de personnel',
    'categorie agent',
    'categorie du voyageur',
    'corps',
    'profil',
    'traveller status',
    'traveler status',
    'traveller category',
    'employee category',
    'status',
  ],
  amount: [
    'montant ttc',
    'montant',
    'montant ht',
    'montant eur',
    'total ttc',
    'total',
    'prix',
    'cout',
    'amount',
    'total amount',
    'cost',
    'price',
  ],
};

/** What a mapping must name before the file can be read. */
export function missingAccountingFields(mapping: AccountingMapping): ('date' | 'places' | 'categoryOrMode')[] {
  const missing: ('date' | 'places' | 'categoryOrMode')[] = [];
  if (!mapping.date) missing.push('date');
  if (!mapping.route && !(mapping.fromPlace && mapping.toPlace)) missing.push('places');
  if (!mapping.category && !mapping.mode) missing.push('categoryOrMode');
  return missing;
}

/** Index of the header row: the first of the top rows that names the most known headers (two at least), else the first non-blank row. */
export function findAccountingHeaderRow(records: readonly (readonly string[])[]): number {
  let best = { index: -1, score: 1 };
  records.slice(0, HEADER_SEARCH_ROWS).forEach((record, index) => {
    const score = Object.keys(matchHeader(record, SYNONYMS, ACCOUNTING_FIELDS)).length;
    if (score > best.score) best = { index, score };
  });
  return best.index >= 0 ? best.index : records.findIndex((r) => !isBlankRecord(r));
}

/** The mapping proposed for a header row, from the synonyms above; the user checks it before the preview. */
export function proposeAccountingMapping(header: readonly string[]): AccountingMapping {
  const columns = matchHeader(header, SYNONYMS, ACCOUNTING_FIELDS);
  const mapping: AccountingMapping = {};
  for (const field of ACCOUNTING_FIELDS) {
    const index = columns[field];
    if (index !== undefined) mapping[field] = (header[index] ?? '').trim();
  }
  // One "Trajet" column and two place columns: the places win, the route is not needed.
  if (mapping.fromPlace && mapping.toPlace) delete mapping.route;
  return mapping;
}

/**
 * The row holding every mapped header among the top rows, and each field's
 * column in it (first column when a header repeats); undefined when no row
 * holds them all.
 */
export function locateMappedColumns(
  records: readonly (readonly string[])[],
  mapping: AccountingMapping,
): { headerRow: number; columns: Partial<Record<AccountingField, number>> } | undefined {
  const wanted = ACCOUNTING_FIELDS.filter((f) => mapping[f]);
  for (let row = 0; row < Math.min(records.length, HEADER_SEARCH_ROWS); row++) {
    const keys = (records[row] ?? []).map((cell) => headerKey(cell));
    const columns: Partial<Record<AccountingField, number>> = {};
    for (const field of wanted) {
      const index = keys.indexOf(headerKey(mapping[field] ?? ''));
      if (index < 0) break;
      columns[field] = index;
    }
    if (Object.keys(columns).length === wanted.length && wanted.length > 0) return { headerRow: row, columns };
  }
  return undefined;
}

/** The mapping with each header spelt as this file spells it ("date" -> "Date"); fields whose header the file lacks are left out. */
export function alignMappingToHeader(header: readonly string[], mapping: AccountingMapping): AccountingMapping {
  const aligned: AccountingMapping = {};
  for (const field of ACCOUNTING_FIELDS) {
    const wanted = mapping[field];
    const cell = wanted === undefined ? undefined : header.find((h) => headerKey(h) === headerKey(wanted));
    if (cell !== undefined) aligned[field] = cell;
  }
  return aligned;
}

/** The header cells of the mapped fields not found in the file, as the file should name them. */
export function unmatchedHeaders(header: readonly string[], mapping: AccountingMapping): string[] {
  const keys = new Set(header.map((cell) => headerKey(cell)));
  return ACCOUNTING_FIELDS.flatMap((f) => {
    const name = mapping[f];
    return name && !keys.has(headerKey(name)) ? [name] : [];
  });
}
