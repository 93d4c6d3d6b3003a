/** Resolves a typed place ("Alès", "CDG", "Valence, Espagne") to coordinates from the offline geodata (pure). */
import { countryName, findCountryCode, findRegion, type PlaceLanguage, type Region } from './places-countries';
import {
  AIRPORT_GENERIC_WORDS,
  type AirportRecord,
  type CityRecord,
  loadPlaceIndex,
  type PlaceIndex,
} from './places-data';
import { editDistance, normalizePlaceText } from './places-text';

export interface Place {
  kind: 'city' | 'airport';
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Country name in the requested language. */
  countryName: string;
  lat: number;
  lon: number;
  iata?: string;
  population?: number;
}

export type PlaceResolutionStatus = 'resolved' | 'review' | 'unknown';

export type PlaceReason =
  | 'travel.place.remembered'
  | 'travel.place.iataCode'
  | 'travel.place.exactName'
  | 'travel.place.alias'
  | 'travel.place.airportName'
  | 'travel.place.misspelling'
  | 'travel.place.ambiguous'
  | 'travel.place.unknownQualifier'
  | 'travel.place.notFound'
  | 'travel.place.empty';

export interface PlaceResolution {
  status: PlaceResolutionStatus;
  place?: Place;
  /** 0..1; at or above RESOLVED_CONFIDENCE the place is used without asking. */
  confidence: number;
  /** Best first, at most MAX_CANDIDATES, for the person who reviews. */
  candidates: Place[];
  reason: PlaceReason;
}

/** Answers a person already gave for a text; consulted before the data. Key: normalizePlaceText(text). */
export interface ResolverMemory {
  remembered(normalizedText: string, country: string | undefined): Place | undefined;
}

export interface ResolvePlaceOptions {
  /** Country name (fr/en) or ISO2 code; restricts the search. */
  country?: string;
  language?: PlaceLanguage;
  memory?: ResolverMemory;
}

// Confidence scale (our own convention, not a published method):
// - below RESOLVED_CONFIDENCE the answer goes to a person ('review');
// - a unique exact name is EXACT_CONFIDENCE; a homonym lowers it by HOMONYM_PENALTY x (second / first population),
//   so Paris FR vs Paris TX (ratio 0.01) stays resolved, Valencia VE vs Valencia ES (0.59) goes to review;
// - a misspelling (edit distance 1 or 2) multiplies by MISSPELLING_FACTOR[distance];
// - a qualifier after the comma we cannot read caps the result below the threshold.
export const RESOLVED_CONFIDENCE = 0.8;
const EXACT_CONFIDENCE = 0.95;
const ALIAS_CONFIDENCE = 0.9;
const AIRPORT_NAME_CONFIDENCE = 0.9;
const AMBIGUOUS_CONFIDENCE = 0.5;
const UNKNOWN_QUALIFIER_CAP = 0.7;
const HOMONYM_PENALTY = 0.5;
const MISSPELLING_FACTOR: Readonly<Record<number, number>> = { 1: 0.9, 2: 0.85 };
const MAX_CANDIDATES = 5;
const AIRPORT_WORDS = new Set(['airport', 'aeroport', 'aeropuerto', 'aeroporto', 'flughafen']);

/** Longest tolerated misspelling for a name of that length: none for 4 letters or fewer, 2 from 8 on. */
function maxMisspelling(length: number): number {
  if (length <= 4) return 0;
  return length < 8 ? 1 : 2;
}

interface Query {
  key: string;
  region?: Region;
  qualifierUnknown: boolean;
  language: PlaceLanguage;
}

function toPlace(record: CityRecord | AirportRecord, language: PlaceLanguage): Place {
  const common = { name: record.name, country: record.country, countryName: countryName(record.country, language) };
  if (record.kind === 'airport')
    return { kind: 'airport', ...common, lat: record.lat, lon: record.lon, iata: record.iata };
  return { kind: 'city', ...common, lat: record.lat, lon: record.lon, population: record.population };
}

function inRegion(city: CityRecord, region: Region | undefined): boolean {
  if (!region) return true;
  return city.country === region.country && (region.admin1 === undefined || city.admin1 === region.admin1);
}

function outcome(
  query: Query,
  confidence: number,
  records: readonly (CityRecord | AirportRecord)[],
  reason: PlaceReason,
): PlaceResolution {
  const capped = query.qualifierUnknown ? Math.min(confidence, UNKNOWN_QUALIFIER_CAP) : confidence;
  const candidates = records.slice(0, MAX_CANDIDATES).map((record) => toPlace(record, query.language));
  const rounded = Math.round(capped * 100) / 100;
  if (rounded >= RESOLVED_CONFIDENCE) {
    return { status: 'resolved', place: candidates[0], confidence: rounded, candidates, reason };
  }
  return {
    status: 'review',
    confidence: rounded,
    candidates,
    reason: query.qualifierUnknown ? 'travel.place.unknownQualifier' : reason,
  };
}

/** Homonyms: the largest wins, less surely when the runner-up is comparable. */
function byPopulation(query: Query, cities: readonly CityRecord[], base: number, reason: PlaceReason): PlaceResolution {
  const [first, second] = cities;
  const ratio = first && second && first.population > 0 ? Math.min(1, second.population / first.population) : 0;
  const confidence = base - HOMONYM_PENALTY * ratio;
  return outcome(query, confidence, cities, confidence < RESOLVED_CONFIDENCE ? 'travel.place.ambiguous' : reason);
}

function matchCityName(index: PlaceIndex, query: Query, key: string): CityRecord[] {
  const direct = (index.citiesByName.get(key) ?? []).filter((city) => inRegion(city, query.region));
  const aliased = (index.cityAliases.get(key) ?? []).filter((city) => inRegion(city, query.region));
  // An exonym counts only when no city bears the name itself ("Valence" is in France unless Spain is asked).
  if (!query.region) return direct.length > 0 ? direct : aliased;
  return [...direct, ...aliased].sort((a, b) => b.population - a.population);
}

function matchAirportName(index: PlaceIndex, query: Query): { airport: AirportRecord; score: number }[] {
  const all = query.key.split(' ');
  const mentionsAirport = all.some((word) => AIRPORT_WORDS.has(word));
  const words = all.filter((word) => !AIRPORT_GENERIC_WORDS.has(word));
  if (words.length === 0) return [];
  const scored: { airport: AirportRecord; score: number }[] = [];
  for (const airport of index.airports) {
    if (query.region && airport.country !== query.region.country) continue;
    if (!words.every((word) => airport.nameWords.has(word) || airport.cityWords.has(word))) continue;
    const ownWords = words.filter((word) => airport.nameWords.has(word) && !airport.cityWords.has(word)).length;
    // "Lyon" alone is the city; it means the airport only with "aéroport" in the text.
    if (ownWords === 0 && !mentionsAirport) continue;
    scored.push({ airport, score: ownWords / Math.max(1, airport.nameWords.size) });
  }
  return scored.sort((a, b) => b.score - a.score);
}

function matchMisspelling(index: PlaceIndex, query: Query): PlaceResolution | undefined {
  const max = maxMisspelling(query.key.length);
  if (max === 0) return undefined;
  let best = max + 1;
  let keys: string[] = [];
  for (const [key, cities] of index.citiesByName) {
    if (query.region && !cities.some((city) => inRegion(city, query.region))) continue;
    const distance = editDistance(query.key, key, Math.min(best, max));
    if (distance < best) {
      best = distance;
      keys = [key];
    } else if (distance === best && distance <= max) keys.push(key);
  }
  if (keys.length === 0 || best > max) return undefined;
  const cities = keys.flatMap((key) => matchCityName(index, query, key)).sort((a, b) => b.population - a.population);
  // Several names at the same distance (Montpellier, Montélier) compete like homonyms: by population.
  return byPopulation(query, cities, EXACT_CONFIDENCE * (MISSPELLING_FACTOR[best] ?? 0), 'travel.place.misspelling');
}

function parseQuery(text: string, options: ResolvePlaceOptions): Query | undefined {
  const language = options.language ?? 'fr';
  let region: Region | undefined;
  if (options.country) {
    const code = findCountryCode(options.country);
    region = code ? { country: code } : undefined;
  }
  // "Valence, Espagne", "Paris (Texas)": the part after the comma or in brackets names a country or US state.
  const match = /^(.*?)\s*(?:,\s*(.+)|\((.+)\))\s*$/.exec(text);
  let name = text;
  let qualifierUnknown = options.country !== undefined && region === undefined;
  if (match?.[1]) {
    name = match[1];
    const qualifier = findRegion(match[2] ?? match[3] ?? '');
    if (qualifier && (!region || region.country === qualifier.country)) region = qualifier;
    else qualifierUnknown = true;
  }
  const key = normalizePlaceText(name);
  return key ? { key, region, qualifierUnknown, language } : undefined;
}

/** Resolves against an already loaded index (synchronous, for batches and tests). */
export function resolvePlaceIn(index: PlaceIndex, text: string, options: ResolvePlaceOptions = {}): PlaceResolution {
  const language = options.language ?? 'fr';
  const trimmed = text.trim();
  const query = parseQuery(trimmed, options);
  if (!query) return { status: 'unknown', confidence: 0, candidates: [], reason: 'travel.place.empty' };

  const remembered = options.memory?.remembered(query.key, query.region?.country);
  if (remembered) {
    return {
      status: 'resolved',
      place: remembered,
      confidence: 1,
      candidates: [remembered],
      reason: 'travel.place.remembered',
    };
  }

  // Three capital letters are an IATA code ("CDG"); "Pau" typed normally stays a city.
  const byCode = /^[A-Z]{3}$/.test(trimmed) ? index.airportsByIata.get(trimmed) : undefined;
  if (byCode) {
    const place = toPlace(byCode, language);
    return { status: 'resolved', place, confidence: 1, candidates: [place], reason: 'travel.place.iataCode' };
  }

  const aliasedAirport = index.airportAliases.get(query.key);
  if (aliasedAirport && inRegion({ ...aliasedAirport, kind: 'city', admin1: '', population: 0 }, query.region)) {
    return outcome(query, ALIAS_CONFIDENCE, [aliasedAirport], 'travel.place.alias');
  }

  const cities = matchCityName(index, query, query.key);
  if (cities.length > 0) {
    const direct =
      index.citiesByName.has(query.key) && cities.some((city) => index.citiesByName.get(query.key)?.includes(city));
    return byPopulation(
      query,
      cities,
      direct ? EXACT_CONFIDENCE : ALIAS_CONFIDENCE,
      direct ? 'travel.place.exactName' : 'travel.place.alias',
    );
  }

  const airports = matchAirportName(index, query);
  if (airports.length > 0) {
    const [first, second] = airports;
    const tied = second !== undefined && second.score === first!.score;
    return outcome(
      query,
      tied ? AMBIGUOUS_CONFIDENCE : AIRPORT_NAME_CONFIDENCE,
      airports.map(({ airport }) => airport),
      tied ? 'travel.place.ambiguous' : 'travel.place.airportName',
    );
  }

  return (
    matchMisspelling(index, query) ?? {
      status: 'unknown',
      confidence: 0,
      candidates: [],
      reason: 'travel.place.notFound',
    }
  );
}

/** Resolves a typed place name or IATA code; loads the offline geodata on first call. */
export async function resolvePlace(text: string, options: ResolvePlaceOptions = {}): Promise<PlaceResolution> {
  return resolvePlaceIn(await loadPlaceIndex(), text, options);
}

/**
 * The key a person's answer for this text is remembered under (what
 * ResolverMemory.remembered receives): the normalised name part and the
 * ISO2 country it is restricted to ('' when none); undefined for an empty text.
 */
export function placeMemoryKey(
  text: string,
  options: ResolvePlaceOptions = {},
): { key: string; country: string } | undefined {
  const query = parseQuery(text.trim(), options);
  return query ? { key: query.key, country: query.region?.country ?? '' } : undefined;
}
