/**
 * The words of a flights file: which header names which column (French then
 * English synonyms, compared folded) and which cabin class a word means.
 */
import { fold } from '../plan-import/cell-text';
import type { CabinClass } from './modes';

export const IATA_FIELDS = [
  'missionRef',
  'date',
  'from',
  'to',
  'roundTrip',
  'cabinClass',
  'travellers',
  'purpose',
  'travellerStatus',
] as const;
export type IataField = (typeof IATA_FIELDS)[number];
/** Columns a flights file must have; their canonical English names are quoted when they are missing. */
export const REQUIRED_IATA_FIELDS = ['date', 'from', 'to'] as const satisfies readonly IataField[];

/** Headers as `headerKey` writes them, by preference; French then English. */
export const IATA_SYNONYMS: Readonly<Record<IataField, readonly string[]>> = {
  missionRef: [
    'mission',
    'n mission',
    'no mission',
    'numero de mission',
    'ref mission',
    'reference mission',
    'ordre de mission',
    'om',
    'mission id',
    'mission ref',
    'mission number',
    'trip id',
    'booking',
    'booking reference',
    'reservation',
    'pnr',
    'reference',
  ],
  date: [
    'date du vol',
    'date de vol',
    'date de depart',
    'date depart',
    'flight date',
    'departure date',
    'travel date',
    'date',
  ],
  from: [
    'aeroport de depart',
    'aeroport depart',
    'code depart',
    'iata depart',
    'depart iata',
    'depart',
    'origine',
    'provenance',
    'from',
    'from iata',
    'origin',
    'departure',
    'departure airport',
    'origin airport',
  ],
  to: [
    'aeroport d arrivee',
    'aeroport arrivee',
    'aeroport de destination',
    'code arrivee',
    'iata arrivee',
    'arrivee iata',
    'arrivee',
    'destination',
    'to',
    'to iata',
    'arrival',
    'arrival airport',
    'destination airport',
  ],
  roundTrip: ['aller retour', 'a r', 'ar', 'round trip', 'return', 'return trip'],
  cabinClass: [
    'classe',
    'classe de voyage',
    'classe de cabine',
    'cabine',
    'cabin',
    'cabin class',
    'class',
    'travel class',
    'fare class',
  ],
  travellers: [
    'voyageurs',
    'nb de voyageurs',
    'nombre de voyageurs',
    'nb voyageurs',
    'passagers',
    'nb de passagers',
    'nombre de passagers',
    'nb passagers',
    'travellers',
    'travelers',
    'passengers',
    'number of travellers',
    'number of travelers',
    'number of passengers',
    'pax',
    'nb pax',
  ],
  purpose: ['motif du deplacement', 'motif', 'objet de la mission', 'objet', 'purpose', 'trip purpose', 'reason'],
  travellerStatus: [
    'statut de l agent',
    'statut',
    'categorie de personnel',
    'categorie',
    'corps',
    'traveller status',
    'traveler status',
    'traveller category',
    'category',
    'status',
  ],
};

/** Cabin words, folded; French and English. Booking letters (Y, J…) vary by airline and are not read. */
const CABIN_OF_WORD: ReadonlyMap<string, CabinClass> = new Map<string, CabinClass>([
  ...['economy', 'eco', 'economique', 'economie', 'classe economique', 'economy class', 'standard'].map(
    (w) => [w, 'economy'] as const,
  ),
  ...[
    'premium',
    'premium economy',
    'premium eco',
    'economie premium',
    'eco premium',
    'classe economique premium',
    'premium economique',
  ].map((w) => [w, 'premium_economy'] as const),
  ...['business', 'affaires', 'classe affaires', 'business class'].map((w) => [w, 'business'] as const),
  ...['first', 'premiere', 'premiere classe', 'first class'].map((w) => [w, 'first'] as const),
]);

export function cabinClassOfWord(text: string): CabinClass | undefined {
  return CABIN_OF_WORD.get(fold(text));
}
