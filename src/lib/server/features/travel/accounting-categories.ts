/**
 * Tells a trip from any other expense by the words of an accounting
 * category ("Billet de train", "SNCF", "Hôtel", "Repas"…), and which mode the
 * trip took. Words are compared folded and as whole words, so "Taxi" is not
 * "Taxe" and "Ter" is not found inside "Terrain".
 *
 * Order matters: fees named after a ticket ("Frais d'agence billet avion",
 * "Supplément bagage") are not trips and are looked for first; then trip
 * words; then the other expenses (hotel, meals, taxes…), so that "Billet
 * avion taxes incluses" is a flight while "Taxe de séjour" is skipped.
 */
import { fold } from '../plan-import/cell-text';
import { GES1POINT5_TRAIN_MODE, modeOfGes1point5Word } from './ges1point5-format';
import type { TravelMode } from './modes';

export type ExpenseKind = { kind: 'trip'; mode: TravelMode } | { kind: 'notTrip' } | { kind: 'unknown' };

/** Fees around a trip, never a trip themselves. */
const FEE_WORDS = [
  'frais d agence',
  'frais de dossier',
  'frais de service',
  'frais d annulation',
  'annulation',
  'frais d inscription',
  'droits d inscription',
  'inscription',
  'registration',
  'registration fee',
  'conference fee',
  'assurance',
  'insurance',
  'bagage',
  'bagages',
  'baggage',
  'taxe de sejour',
  'taxe d aeroport',
  'taxe aeroport',
  'taxes aeroport',
  'airport tax',
  'cancellation',
  'visa',
];

/**
 * Trip words and their mode, most specific first. A ticket whose train kind
 * is not said takes the GES 1point5 reader's train mode (see
 * GES1POINT5_TRAIN_MODE); TGV brands are high speed, TER regional. Car hire,
 * mileage allowances and car-pooling are cars of unknown engine. "Car" alone
 * (a coach in French, a car in English) is left unknown on purpose.
 */
const TRIP_WORDS: readonly (readonly [string, TravelMode])[] = [
  ...['tgv', 'ouigo', 'inoui', 'lyria', 'eurostar', 'thalys', 'ice'].map((w) => [w, 'train_high_speed'] as const),
  ...['ter', 'train regional'].map((w) => [w, 'train_regional'] as const),
  ...['rer', 'transilien'].map((w) => [w, 'rer'] as const),
  ...[
    'train',
    'trains',
    'billet de train',
    'billets de train',
    'sncf',
    'intercites',
    'rail',
    'ferroviaire',
    'train ticket',
  ].map((w) => [w, GES1POINT5_TRAIN_MODE] as const),
  ...[
    'avion',
    'billet d avion',
    'billets d avion',
    'billet avion',
    'vol',
    'vols',
    'aerien',
    'billet aerien',
    'transport aerien',
    'compagnie aerienne',
    'air france',
    'airfrance',
    'easyjet',
    'ryanair',
    'transavia',
    'lufthansa',
    'klm',
    'vueling',
    'volotea',
    'flight',
    'flights',
    'air ticket',
    'airfare',
    'airline',
    'plane',
  ].map((w) => [w, 'plane'] as const),
  ...[
    'location de vehicule',
    'location vehicule',
    'location de voiture',
    'location voiture',
    'vehicule de location',
    'voiture de location',
    'car rental',
    'rental car',
    'indemnites kilometriques',
    'indemnite kilometrique',
    'ik',
    'frais kilometriques',
    'vehicule personnel',
    'voiture personnelle',
    'mileage',
    'mileage allowance',
    'covoiturage',
    'blablacar',
    'voiture',
  ].map((w) => [w, 'car_unknown'] as const),
  ...['taxi', 'taxis', 'vtc', 'uber', 'g7', 'cab'].map((w) => [w, 'taxi'] as const),
  ...['autocar', 'autocars', 'flixbus', 'blablabus', 'coach'].map((w) => [w, 'coach'] as const),
  ...['bus', 'navette', 'shuttle'].map((w) => [w, 'bus'] as const),
  ...['metro', 'subway', 'underground'].map((w) => [w, 'metro'] as const),
  ...['tram', 'tramway'].map((w) => [w, 'tram'] as const),
  ...['ferry', 'bateau', 'traversee maritime', 'boat'].map((w) => [w, 'ferry'] as const),
  ...['velo', 'bike', 'bicycle'].map((w) => [w, 'bike'] as const),
];

/** Expenses of a mission that are not a trip. */
const NOT_TRIP_WORDS = [
  'hotel',
  'hotels',
  'hotellerie',
  'nuitee',
  'nuitees',
  'nuit',
  'nuits',
  'hebergement',
  'logement',
  'airbnb',
  'chambre',
  'lodging',
  'accommodation',
  'repas',
  'restauration',
  'restaurant',
  'dejeuner',
  'petit dejeuner',
  'diner',
  'meal',
  'meals',
  'lunch',
  'dinner',
  'breakfast',
  'taxe',
  'taxes',
  'tva',
  'vat',
  'tax',
  'per diem',
  'perdiem',
  'indemnite journaliere',
  'indemnites journalieres',
  'indemnite de repas',
  'indemnites de repas',
  'indemnite de mission',
  'indemnites de mission',
  'forfait journalier',
  'daily allowance',
  'parking',
  'peage',
  'peages',
  'toll',
  'tolls',
  'carburant',
  'essence',
  'gazole',
  'fuel',
  'petrol',
  'telephone',
  'fournitures',
  'documentation',
  'reception',
  'blanchisserie',
  'pressing',
  'frais bancaires',
  'commission',
  'total',
  'sous total',
  'subtotal',
];

function hasWords(padded: string, words: readonly string[]): boolean {
  return words.some((w) => padded.includes(` ${w} `));
}

/** What an accounting category (or label) says: a trip and its mode, another expense, or nothing known. */
export function classifyExpense(text: string): ExpenseKind {
  const padded = ` ${fold(text)} `;
  if (padded.trim() === '') return { kind: 'unknown' };
  if (hasWords(padded, FEE_WORDS)) return { kind: 'notTrip' };
  const trip = TRIP_WORDS.find(([w]) => padded.includes(` ${w} `));
  if (trip) return { kind: 'trip', mode: trip[1] };
  if (hasWords(padded, NOT_TRIP_WORDS)) return { kind: 'notTrip' };
  return { kind: 'unknown' };
}

/** A mode column's word: a GES 1point5 mode word ("avion", "voiture"…), else a trip word of a category ("TGV"). */
export function modeOfWord(text: string): TravelMode | undefined {
  const word = modeOfGes1point5Word(text);
  if (word) return word;
  const kind = classifyExpense(text);
  return kind.kind === 'trip' ? kind.mode : undefined;
}
