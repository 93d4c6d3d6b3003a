import { describe, expect, test } from 'vitest';
import { correctedKm, greatCircleKm, isInBand, routeScopeOf } from './distance';
import { CARBON_METHODS } from './methods';
import { PLACES } from './test-places';

const ges = CARBON_METHODS.ges1point5;

describe('great-circle distance (haversine, R = 6371 km)', () => {
  test('Paris–New York is 5837.0 km within 0.5 % (WGS-84 gives 5852.7 km)', () => {
    const km = greatCircleKm(PLACES.paris, PLACES.newYork);
    expect(Math.abs(km - 5837.0) / 5837.0).toBeLessThan(0.005);
    expect(Math.round(km * 10) / 10).toBe(5837.0);
  });

  test('Alès–Paris is 542.2 km within 0.5 %', () => {
    const km = greatCircleKm(PLACES.ales, PLACES.paris);
    expect(Math.abs(km - 542.2) / 542.2).toBeLessThan(0.005);
    expect(Math.round(km * 10) / 10).toBe(542.2);
  });

  test('is symmetric and zero for the same place', () => {
    expect(greatCircleKm(PLACES.ales, PLACES.paris)).toBeCloseTo(greatCircleKm(PLACES.paris, PLACES.ales), 9);
    expect(greatCircleKm(PLACES.ales, PLACES.ales)).toBe(0);
  });

  test('one degree of longitude on the equator is 2πR/360 = 111.19 km', () => {
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo((2 * Math.PI * 6371) / 360, 6);
  });
});

describe('GES 1point5 distance corrections', () => {
  // 1000 km as the crow flies: plane 1000 + 95; train and RER x 1.2; car x 1.3; bus and tram x 1.5; metro x 1.7.
  test.each([
    ['air', 1095],
    ['rail', 1200],
    ['road', 1300],
    ['bus', 1500],
    ['metro', 1700],
    ['direct', 1000],
  ] as const)('%s turns 1000 km into %d km', (rule, expected) => {
    expect(Math.round(correctedKm(1000, ges.distanceRules.rules[rule]))).toBe(expected);
  });

  test('ADEME uses the same corrections', () => {
    expect(CARBON_METHODS['ademe-base-empreinte-2025'].distanceRules.rules).toMatchObject(
      Object.fromEntries(
        Object.entries(ges.distanceRules.rules).map(([k, r]) => [k, { multiplier: r.multiplier, addKm: r.addKm }]),
      ),
    );
  });
});

test('band bounds honour inclusive and exclusive ends', () => {
  const band = { minKm: 1000, maxKm: 2000, minInclusive: false, maxInclusive: true };
  expect(isInBand(1000, band)).toBe(false);
  expect(isInBand(1000.001, band)).toBe(true);
  expect(isInBand(2000, band)).toBe(true);
  expect(isInBand(2000.001, band)).toBe(false);
  expect(isInBand(1e6, { minKm: 5000, maxKm: null, minInclusive: false, maxInclusive: false })).toBe(true);
});

test('a route is domestic, mixed or abroad relative to the home country', () => {
  expect(routeScopeOf('FR', 'fr', 'FR')).toBe('domestic');
  expect(routeScopeOf('FR', 'BE', 'FR')).toBe('mixed');
  expect(routeScopeOf('CH', 'FR', 'FR')).toBe('mixed');
  expect(routeScopeOf('BE', 'CH', 'FR')).toBe('abroad');
});
