/** Country names <-> ISO 3166-1 alpha-2 codes from Intl.DisplayNames (fr, en): no data file needed. */
import { normalizePlaceText } from './places-text';

export type PlaceLanguage = 'fr' | 'en';

// Groupings, private-use and transitional codes that Intl names but that are not countries.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB', 'FX']);

// Everyday names that neither CLDR language lists (normalised form -> ISO2).
const COUNTRY_VARIANTS: Readonly<Record<string, string>> = {
  usa: 'US',
  'u s a': 'US',
  us: 'US',
  'etats unis': 'US',
  'etats unis d amerique': 'US',
  amerique: 'US',
  america: 'US',
  'united states of america': 'US',
  uk: 'GB',
  'u k': 'GB',
  'royaume uni': 'GB',
  'grande bretagne': 'GB',
  'great britain': 'GB',
  angleterre: 'GB',
  england: 'GB',
  ecosse: 'GB',
  scotland: 'GB',
  'pays de galles': 'GB',
  wales: 'GB',
  hollande: 'NL',
  holland: 'NL',
  'the netherlands': 'NL',
  tchequie: 'CZ',
  'republique tcheque': 'CZ',
  'czech republic': 'CZ',
  'ivory coast': 'CI',
  russia: 'RU',
  'south korea': 'KR',
  coree: 'KR',
  korea: 'KR',
  'rd congo': 'CD',
  rdc: 'CD',
  turquie: 'TR',
  turkey: 'TR',
};

// US states, so that "Paris, Texas" reads as a place in the US (admin1 = USPS code, as in GeoNames).
const US_STATES: Readonly<Record<string, string>> = {
  alabama: 'AL',
  alaska: 'AK',
  arizona: 'AZ',
  arkansas: 'AR',
  california: 'CA',
  colorado: 'CO',
  connecticut: 'CT',
  delaware: 'DE',
  florida: 'FL',
  georgia: 'GA',
  hawaii: 'HI',
  idaho: 'ID',
  illinois: 'IL',
  indiana: 'IN',
  iowa: 'IA',
  kansas: 'KS',
  kentucky: 'KY',
  louisiana: 'LA',
  maine: 'ME',
  maryland: 'MD',
  massachusetts: 'MA',
  michigan: 'MI',
  minnesota: 'MN',
  mississippi: 'MS',
  missouri: 'MO',
  montana: 'MT',
  nebraska: 'NE',
  nevada: 'NV',
  'new hampshire': 'NH',
  'new jersey': 'NJ',
  'new mexico': 'NM',
  'new york': 'NY',
  'north carolina': 'NC',
  'north dakota': 'ND',
  ohio: 'OH',
  oklahoma: 'OK',
  oregon: 'OR',
  pennsylvania: 'PA',
  'rhode island': 'RI',
  'south carolina': 'SC',
  'south dakota': 'SD',
  tennessee: 'TN',
  texas: 'TX',
  utah: 'UT',
  vermont: 'VT',
  virginia: 'VA',
  washington: 'WA',
  'west virginia': 'WV',
  wisconsin: 'WI',
  wyoming: 'WY',
  'district of columbia': 'DC',
  californie: 'CA',
  floride: 'FL',
  georgie: 'GA',
  louisiane: 'LA',
  'caroline du nord': 'NC',
  'caroline du sud': 'SC',
  pennsylvanie: 'PA',
  virginie: 'VA',
};

export interface Region {
  country: string;
  admin1?: string;
}

interface CountryTables {
  codes: ReadonlySet<string>;
  byName: ReadonlyMap<string, string>;
  names: Readonly<Record<PlaceLanguage, Intl.DisplayNames>>;
}

let tables: CountryTables | undefined;

function countryTables(): CountryTables {
  if (tables) return tables;
  const names = {
    fr: new Intl.DisplayNames(['fr'], { type: 'region', fallback: 'none' }),
    en: new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }),
  };
  const codes = new Set<string>();
  const byName = new Map<string, string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      // Deprecated codes (UK, DD, YU...) canonicalise to another one and would shadow it.
      const canonical = Intl.getCanonicalLocales(`und-${code}`)[0];
      if (NOT_COUNTRIES.has(code) || canonical !== `und-${code}` || !names.en.of(code)) continue;
      codes.add(code);
      for (const language of ['fr', 'en'] as const) {
        const key = normalizePlaceText(names[language].of(code) ?? '');
        if (key && !byName.has(key)) byName.set(key, code);
      }
    }
  }
  for (const [key, code] of Object.entries(COUNTRY_VARIANTS)) byName.set(key, code);
  tables = { codes, byName, names };
  return tables;
}

/** ISO2 code for a country name (fr or en, any case or accents), a usual variant, or an ISO2 code. */
export function findCountryCode(text: string): string | undefined {
  const trimmed = text.trim();
  const { codes, byName } = countryTables();
  if (/^[A-Za-z]{2}$/.test(trimmed) && codes.has(trimmed.toUpperCase())) return trimmed.toUpperCase();
  return byName.get(normalizePlaceText(trimmed));
}

/** Country, or US state, named after a comma ("Valence, Espagne", "Paris, Texas"). */
export function findRegion(text: string): Region | undefined {
  const country = findCountryCode(text);
  if (country) return { country };
  const key = normalizePlaceText(text);
  const state = US_STATES[key] ?? Object.values(US_STATES).find((code) => code === text.trim().toUpperCase());
  return state ? { country: 'US', admin1: state } : undefined;
}

/** Country name in the user's language; the code itself when Intl does not know it. */
export function countryName(code: string, language: PlaceLanguage): string {
  return countryTables().names[language].of(code) ?? code;
}
