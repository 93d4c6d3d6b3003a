import { beforeAll, describe, expect, test } from 'vitest';
import { type Place, type ResolvePlaceOptions, resolvePlaceIn } from './places';
import { findCountryCode } from './places-countries';
import { loadPlaceIndex, type PlaceIndex } from './places-data';

let index: PlaceIndex;
beforeAll(async () => {
  index = await loadPlaceIndex();
});

const resolve = (text: string, options?: ResolvePlaceOptions) => resolvePlaceIn(index, text, options);
const round3 = (value: number | undefined) => Math.round((value ?? Number.NaN) * 1000) / 1000;

describe('IATA codes', () => {
  test.each([
    ['CDG', 'FR', 49.013, 2.55],
    ['MPL', 'FR', 43.576, 3.963],
    ['JFK', 'US', 40.64, -73.779],
  ])('%s is the airport, with certainty', (code, country, lat, lon) => {
    const result = resolve(code);
    expect(result).toMatchObject({ status: 'resolved', confidence: 1, reason: 'travel.place.iataCode' });
    expect(result.place).toMatchObject({ kind: 'airport', iata: code, country });
    expect(round3(result.place?.lat)).toBeCloseTo(lat, 2);
    expect(round3(result.place?.lon)).toBeCloseTo(lon, 2);
  });
});

describe('cities', () => {
  test('Alès is found whatever the case or accents, at the GeoNames coordinates', () => {
    for (const text of ['Alès', 'Ales', 'ALES', ' alès ']) {
      const result = resolve(text);
      expect(result.status, text).toBe('resolved');
      expect(result.place).toMatchObject({ kind: 'city', name: 'Alès', country: 'FR' });
      expect(Math.abs((result.place?.lat ?? 0) - 44.12489)).toBeLessThan(0.001);
      expect(Math.abs((result.place?.lon ?? 0) - 4.08082)).toBeLessThan(0.001);
    }
  });

  test('Paris alone is Paris, France; with the US or Texas it is Paris, Texas', () => {
    expect(resolve('Paris').place).toMatchObject({ country: 'FR', countryName: 'France' });
    expect(resolve('Paris', { country: 'US' }).place).toMatchObject({ country: 'US', name: 'Paris' });
    expect(resolve('Paris', { country: 'États-Unis' }).place?.country).toBe('US');
    const texas = resolve('Paris, Texas');
    expect(texas.status).toBe('resolved');
    expect(texas.place?.country).toBe('US');
    expect(round3(texas.place?.lat)).toBeCloseTo(33.661, 2);
  });

  test('Valence is the Drôme prefecture; "Valence, Espagne" is Valencia through the French exonym', () => {
    const drome = resolve('Valence');
    expect(drome).toMatchObject({ status: 'resolved', reason: 'travel.place.exactName' });
    expect(drome.place).toMatchObject({ name: 'Valence', country: 'FR', population: 63864 });
    const spain = resolve('Valence, Espagne');
    expect(spain.status).toBe('resolved');
    expect(spain.place).toMatchObject({ name: 'Valencia', country: 'ES', countryName: 'Espagne' });
    expect(resolve('Valence', { country: 'Spain', language: 'en' }).place?.countryName).toBe('Spain');
  });

  test('a misspelling within two letters is corrected when unambiguous', () => {
    const result = resolve('Montpelier', { country: 'France' });
    expect(result).toMatchObject({ status: 'resolved', reason: 'travel.place.misspelling' });
    expect(result.place).toMatchObject({ name: 'Montpellier', country: 'FR' });
    expect(result.confidence).toBeLessThan(0.95);
  });

  test('New York is New York City, Bruxelles is Brussels', () => {
    expect(resolve('New York').place).toMatchObject({ name: 'New York City', country: 'US' });
    expect(resolve('new-york').place?.name).toBe('New York City');
    expect(resolve('Bruxelles').place).toMatchObject({ name: 'Brussels', country: 'BE' });
  });

  test('"St" and "Saint", hyphens and apostrophes are the same', () => {
    expect(resolve('St Étienne').place).toMatchObject({ name: 'Saint-Étienne', country: 'FR' });
    expect(resolve("l'isle sur la sorgue").place?.country).toBe('FR');
  });

  test('a name shared by comparable cities goes to review with candidates, largest first', () => {
    const result = resolve('Valencia');
    expect(result).toMatchObject({ status: 'review', reason: 'travel.place.ambiguous' });
    expect(result.place).toBeUndefined();
    expect(result.confidence).toBeLessThan(0.8);
    expect(result.candidates.map((place) => place.country).slice(0, 2)).toEqual(['VE', 'ES']);
    expect(result.candidates.length).toBeLessThanOrEqual(5);
    expect(resolve('Valencia', { country: 'ES' }).status).toBe('resolved');
  });

  test('a qualifier that is neither a country nor a US state sends the answer to review', () => {
    const result = resolve('Valence, Drôme département');
    expect(result).toMatchObject({ status: 'review', reason: 'travel.place.unknownQualifier' });
    expect(result.candidates[0]?.country).toBe('FR');
  });
});

describe('airports by name', () => {
  test('Lyon Saint-Exupéry is LYS, Paris Charles de Gaulle and Roissy are CDG', () => {
    expect(resolve('Lyon Saint-Exupéry').place).toMatchObject({ kind: 'airport', iata: 'LYS' });
    expect(resolve('lyon st exupery').place?.iata).toBe('LYS');
    expect(resolve('Paris Charles de Gaulle').place?.iata).toBe('CDG');
    expect(resolve('Roissy').place?.iata).toBe('CDG');
    expect(resolve('Aéroport de Montpellier').place?.iata).toBe('MPL');
  });

  test('a city name alone stays the city', () => {
    expect(resolve('Lyon').place).toMatchObject({ kind: 'city', name: 'Lyon' });
  });
});

describe('nothing found', () => {
  test('gibberish and empty text are unknown', () => {
    expect(resolve('Xqzwvbnk Plortuj')).toMatchObject({
      status: 'unknown',
      candidates: [],
      reason: 'travel.place.notFound',
    });
    expect(resolve('   ')).toMatchObject({ status: 'unknown', reason: 'travel.place.empty' });
  });
});

describe('memory', () => {
  test('an answer given by a person before wins over the data', () => {
    const campus: Place = {
      kind: 'city',
      name: 'Campus de Pont-de-Crau',
      country: 'FR',
      countryName: 'France',
      lat: 43.66,
      lon: 4.63,
    };
    const memory = {
      remembered: (text: string, country: string | undefined) =>
        text === 'pont de crau' && !country ? campus : undefined,
    };
    expect(resolve('Pont-de-Crau', { memory })).toMatchObject({
      status: 'resolved',
      place: campus,
      reason: 'travel.place.remembered',
    });
    expect(resolve('Alès', { memory }).place?.name).toBe('Alès');
  });
});

describe('countries', () => {
  test.each([
    ['France', 'FR'],
    ['fr', 'FR'],
    ['USA', 'US'],
    ['Etats-Unis', 'US'],
    ['Royaume-Uni', 'GB'],
    ['UK', 'GB'],
    ['Angleterre', 'GB'],
    ['ALLEMAGNE', 'DE'],
    ['Germany', 'DE'],
    ['Côte d’Ivoire', 'CI'],
    ['Sénégal', 'SN'],
  ])('%s is %s', (text, code) => {
    expect(findCountryCode(text)).toBe(code);
  });

  test('an unknown country is undefined', () => {
    expect(findCountryCode('Atlantide')).toBeUndefined();
  });
});
