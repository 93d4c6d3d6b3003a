/**
 * A synthetic GES 1point5 travel file for the import benchmark: real French
 * and European cities taken from the bundled geodata (data/geo), written with
 * their French country names, about 2 % of the place cells misspelt the way
 * people do (an accent dropped, one letter off), missions of 1 to 3 legs over
 * 2023-2025 in every GES 1point5 mode. Deterministic for a given seed.
 *
 * Every city and every misspelling is checked against the resolver before it
 * is used, so the file imports without a rejected row; the `unresolvable`
 * variant also writes a few place texts nobody can resolve (invented names,
 * a bare homonym), to count what the resolver sends to review.
 */
import { GES1POINT5_HEADER } from '../../src/lib/server/features/travel/ges1point5-format';
import { resolvePlaceIn } from '../../src/lib/server/features/travel/places';
import { countryName } from '../../src/lib/server/features/travel/places-countries';
import type { CityRecord, PlaceIndex } from '../../src/lib/server/features/travel/places-data';

/** How many of its largest cities each country contributes. */
const CITIES_PER_COUNTRY: Readonly<Record<string, number>> = {
  FR: 110,
  DE: 10,
  ES: 10,
  IT: 10,
  GB: 8,
  BE: 6,
  NL: 6,
  CH: 6,
  PT: 4,
  AT: 4,
  PL: 4,
  SE: 3,
  DK: 2,
  IE: 2,
  CZ: 2,
  GR: 2,
  FI: 2,
  NO: 2,
  HU: 2,
  RO: 2,
  LU: 1,
};

/** GES 1point5 mode words and their share of legs (a research lab's usual mix, plane and train first). */
const MODES: readonly (readonly [string, number])[] = [
  ['train', 0.4],
  ['avion', 0.25],
  ['voiture', 0.18],
  ['bus', 0.05],
  ['taxi', 0.04],
  ['rer', 0.02],
  ['métro', 0.02],
  ['tramway', 0.02],
  ['ferry', 0.02],
];
const PURPOSES = ['Colloque', 'Réunion', 'Terrain', 'Enseignement', 'Séminaire', 'Jury de thèse', '', ''];
const STATUSES = ['Chercheur', 'Enseignant-chercheur', 'Doctorant', 'Ingénieur', 'Invité', 'Étudiant', ''];
/** Texts no resolver can place with confidence: invented names and a homonym left without its region. */
const UNRESOLVABLE: readonly (readonly [string, string])[] = [
  ['Xyzzyville', 'France'],
  ['Saint-Quelquepart-sur-Loire', 'France'],
  ['Trucmuche', 'France'],
  ['Vilebrequin-les-Bains', 'France'],
  ['Zorglub', 'Allemagne'],
  ['Qwertzburg', 'Allemagne'],
];

export const MISSPELT_SHARE = 0.025;
const UNRESOLVABLE_SHARE = 0.001;
const FIRST_DAY = Date.UTC(2023, 0, 1);
const DAYS = 3 * 365 - 6;

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface BenchCity {
  name: string;
  country: string;
  /** The French country name written in the file. */
  countryText: string;
  /** Spellings the resolver still resolves to this city. */
  misspellings: string[];
  weight: number;
}

const resolvesTo = (index: PlaceIndex, text: string, countryText: string, city: CityRecord) => {
  const r = resolvePlaceIn(index, text, { country: countryText });
  return r.status === 'resolved' && r.place?.name === city.name && r.place.country === city.country;
};

function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/** One letter replaced (never the first), one letter dropped, two letters swapped: the usual typing slips. */
function slips(name: string): string[] {
  const middle = Math.floor(name.length / 2);
  const letter = name[middle]!;
  const replacement = letter === 'e' ? 'a' : 'e';
  return [
    name.slice(0, middle) + replacement + name.slice(middle + 1),
    name.slice(0, middle) + name.slice(middle + 1),
    name.slice(0, middle) + name[middle + 1] + letter + name.slice(middle + 2),
  ];
}

/** The cities of the file: largest first per country, each resolved exactly, with the misspellings that resolve. */
export function benchCities(index: PlaceIndex): BenchCity[] {
  const byCountry = new Map<string, CityRecord[]>();
  const seen = new Set<CityRecord>();
  for (const list of index.citiesByName.values())
    for (const city of list) {
      if (!(city.country in CITIES_PER_COUNTRY) || seen.has(city)) continue;
      seen.add(city);
      const cities = byCountry.get(city.country) ?? [];
      cities.push(city);
      byCountry.set(city.country, cities);
    }
  const chosen: BenchCity[] = [];
  for (const [country, wanted] of Object.entries(CITIES_PER_COUNTRY)) {
    const countryText = countryName(country, 'fr');
    const cities = (byCountry.get(country) ?? []).sort((a, b) => b.population - a.population);
    let taken = 0;
    for (const city of cities) {
      if (taken >= wanted) break;
      if (!resolvesTo(index, city.name, countryText, city)) continue;
      const candidates = [withoutAccents(city.name), ...(city.name.length >= 6 ? slips(city.name) : [])];
      const misspellings = [...new Set(candidates)].filter(
        (text) => text !== city.name && resolvesTo(index, text, countryText, city),
      );
      chosen.push({ name: city.name, country, countryText, misspellings, weight: Math.sqrt(city.population) });
      taken++;
    }
  }
  return chosen;
}

export interface GeneratedFile {
  bytes: Uint8Array;
  legs: number;
  missions: number;
  cities: number;
  misspeltCells: number;
  distinctMisspellings: number;
  unresolvableCells: number;
}

/** The GES 1point5 file of about `rows` legs (exactly `rows`: the last mission is cut to fit). */
export function generateTravelFile(
  index: PlaceIndex,
  rows: number,
  options: { seed?: number; unresolvable?: boolean } = {},
): GeneratedFile {
  const rand = random(options.seed ?? 1);
  const cities = benchCities(index);
  const cumulative: number[] = [];
  let total = 0;
  for (const city of cities) {
    total += city.weight;
    cumulative.push(total);
  }
  const pickCity = (): BenchCity => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return cities[lo]!;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const pickMode = (): string => {
    let x = rand();
    for (const [word, share] of MODES) {
      x -= share;
      if (x < 0) return word;
    }
    return MODES[0]![0];
  };
  const usedMisspellings = new Set<string>();
  let misspeltCells = 0;
  let unresolvableCells = 0;
  const place = (city: BenchCity): [string, string] => {
    if (options.unresolvable && rand() < UNRESOLVABLE_SHARE) {
      unresolvableCells++;
      return [...pick(UNRESOLVABLE)] as [string, string];
    }
    if (city.misspellings.length > 0 && rand() < MISSPELT_SHARE) {
      misspeltCells++;
      const text = pick(city.misspellings);
      usedMisspellings.add(text);
      return [text, city.countryText];
    }
    return [city.name, city.countryText];
  };
  const date = (day: number) => {
    const d = new Date(FIRST_DAY + day * 86_400_000);
    return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  };

  const lines: string[] = [GES1POINT5_HEADER.join('\t')];
  let mission = 0;
  let legs = 0;
  while (legs < rows) {
    mission++;
    const size = Math.min(rows - legs, 1 + Math.floor(rand() * 3));
    const stops = [pickCity()];
    while (stops.length < size + (size === 1 ? 1 : 0)) {
      const next = pickCity();
      if (next !== stops[stops.length - 1]) stops.push(next);
    }
    // 1 leg: there (and back when "OUI"); 2 legs: there and back; 3 legs: a loop.
    if (size >= 2) stops.push(stops[0]!);
    const mode = pickMode();
    const purpose = pick(PURPOSES);
    const status = pick(STATUSES);
    let day = Math.floor(rand() * DAYS);
    for (let i = 0; i < size; i++) {
      const [fromText, fromCountry] = place(stops[i]!);
      const [toText, toCountry] = place(stops[i + 1]!);
      const car = mode === 'voiture' || mode === 'taxi';
      const passengers = car ? (rand() < 0.1 ? '' : String(1 + Math.floor(rand() * 3))) : '';
      const roundTrip = size === 1 && rand() < 0.6 ? 'OUI' : 'NON';
      lines.push(
        [
          String(mission),
          date(day),
          fromText,
          fromCountry,
          toText,
          toCountry,
          mode,
          passengers,
          roundTrip,
          purpose,
          status,
        ].join('\t'),
      );
      day += Math.floor(rand() * 3);
      legs++;
    }
  }
  return {
    bytes: new TextEncoder().encode(`${lines.join('\n')}\n`),
    legs,
    missions: mission,
    cities: cities.length,
    misspeltCells,
    distinctMisspellings: usedMisspellings.size,
    unresolvableCells,
  };
}
