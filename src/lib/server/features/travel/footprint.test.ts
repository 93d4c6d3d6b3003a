import { describe, expect, test } from 'vitest';
import { catalogues } from '../../../i18n';
import { computeLeg, findFactor, type Leg, type LegInput } from './footprint';
import { CARBON_METHODS, type MethodKey } from './methods';
import type { TravelMode } from './modes';
import { PLACES } from './test-places';

const ges = CARBON_METHODS.ges1point5;
const ademe = CARBON_METHODS['ademe-base-empreinte-2025'];

/** A one-way solo leg with contrails, overridable field by field. */
function aLeg(overrides: Partial<LegInput> & Pick<LegInput, 'from' | 'to' | 'mode'>): LegInput {
  return { roundTrip: false, passengers: 1, method: ges, options: { contrails: true }, ...overrides };
}

function requireLeg(input: LegInput): Leg {
  const result = computeLeg(input);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

/** A point on the equator at `km` great-circle kilometres east of (0, 0): 1° = 2π x 6371 / 360 km. */
function eastOfOrigin(km: number) {
  return { lat: 0, lon: (km * 360) / (2 * Math.PI * 6371), country: 'XX' };
}
const ORIGIN = { lat: 0, lon: 0, country: 'XX' };

describe('planes', () => {
  test('Paris–New York with GES 1point5 is a long-haul flight of 901 671 g', () => {
    // 5837.0428 km + 95 = 5932.0428 km (>= 3500: long haul) x 152 g/pkm = 901 670.51 -> 901 671 g
    const leg = requireLeg(aLeg({ from: PLACES.paris, to: PLACES.newYork, mode: 'plane' }));
    expect(leg.factor.key).toBe('plane.long');
    expect(Math.round(leg.distanceKm)).toBe(5932);
    expect(leg.emissionsGrams).toBe(901_671);
    expect(leg.methodKey).toBe('ges1point5');
  });

  test('the plane band is chosen on the corrected distance', () => {
    // 951 km great-circle + 95 = 1046 km: medium haul (>= 1000), 1046 x 187.5 = 196 125 g
    const leg = requireLeg(aLeg({ from: ORIGIN, to: eastOfOrigin(951), mode: 'plane' }));
    expect(leg.factor.key).toBe('plane.medium');
    expect(leg.emissionsGrams).toBe(196_125);
  });

  test.each([
    [999, 'plane.short'],
    [1000, 'plane.medium'],
    [3499, 'plane.medium'],
    [3500, 'plane.long'],
  ])('GES 1point5: corrected %d km is %s (< 1000, then < 3500)', (km, key) => {
    expect(findFactor(ges, 'plane', km, 'abroad')?.key).toBe(key);
  });

  test.each([
    [1000, 'plane.upTo1000'],
    [1000.5, 'plane.upTo2000'],
    [2000, 'plane.upTo2000'],
    [2000.5, 'plane.upTo5000'],
    [5000, 'plane.upTo5000'],
    [5000.5, 'plane.over5000'],
  ])('ADEME 2025: corrected %d km is %s (<= 1000, <= 2000, <= 5000, above)', (km, key) => {
    expect(findFactor(ademe, 'plane', km, 'abroad')?.key).toBe(key);
  });

  test('ADEME contrails can be included or left out', () => {
    // 5932.0428 km (> 5000) x 177.894 g (0.294 + 97.6 + 80) = 1 055 274.8 -> 1 055 275 g
    // without contrails: 5932.0428 x (177.894 - 80 = 97.894) = 580 711.4 -> 580 711 g
    const on = requireLeg(aLeg({ from: PLACES.paris, to: PLACES.newYork, mode: 'plane', method: ademe }));
    const off = requireLeg(
      aLeg({ from: PLACES.paris, to: PLACES.newYork, mode: 'plane', method: ademe, options: { contrails: false } }),
    );
    expect(on.emissionsGrams).toBe(1_055_275);
    expect(off.emissionsGrams).toBe(580_711);
    expect(off.factor.value).toBeCloseTo(97.894, 6);
    expect(off.steps.map((s) => s.code)).toContain('travel.step.contrailsExcluded');
    expect(on.steps.map((s) => s.code)).not.toContain('travel.step.contrailsExcluded');
  });

  test('contrails off with GES 1point5 removes the Base Carbone 2018 contrail share', () => {
    // 5932.0428 km x (152 - 68.7 = 83.3 g) = 494 139.2 -> 494 139 g
    const leg = requireLeg(
      aLeg({ from: PLACES.paris, to: PLACES.newYork, mode: 'plane', options: { contrails: false } }),
    );
    expect(leg.emissionsGrams).toBe(494_139);
  });

  test('the cabin class is kept on the leg and does not change emissions', () => {
    const economy = requireLeg(aLeg({ from: PLACES.paris, to: PLACES.newYork, mode: 'plane' }));
    const business = requireLeg(
      aLeg({ from: PLACES.paris, to: PLACES.newYork, mode: 'plane', cabinClass: 'business' }),
    );
    expect(business.cabinClass).toBe('business');
    expect(business.emissionsGrams).toBe(economy.emissionsGrams);
  });
});

describe('trains', () => {
  test('Alès–Paris by train with GES 1point5 uses the TGV factor: 2147 g', () => {
    // 542.2091 km x 1.2 = 650.651 km (> 200, France to France: TGV) x 3.3 g = 2147.15 -> 2147 g
    const leg = requireLeg(aLeg({ from: PLACES.ales, to: PLACES.paris, mode: 'train_regional' }));
    expect(leg.factor.key).toBe('train.tgv');
    expect(leg.emissionsGrams).toBe(2147);
  });

  test('a round trip doubles the distance and the emissions', () => {
    // 650.651 km x 2 = 1301.302 km x 3.3 g = 4294.30 -> 4294 g
    const leg = requireLeg(aLeg({ from: PLACES.ales, to: PLACES.paris, mode: 'train_high_speed', roundTrip: true }));
    expect(Math.round(leg.distanceKm * 1000)).toBe(1_301_302);
    expect(leg.emissionsGrams).toBe(4294);
  });

  test('GES 1point5: 200 km corrected is still "Train < 200 km", just above is TGV', () => {
    expect(findFactor(ges, 'train_high_speed', 200, 'domestic')?.key).toBe('train.short');
    expect(findFactor(ges, 'train_high_speed', 200.001, 'domestic')?.key).toBe('train.tgv');
    // Alès–Montpellier: 59.4539 x 1.2 = 71.345 km x 18 g = 1284.2 -> 1284 g
    const leg = requireLeg(aLeg({ from: PLACES.ales, to: PLACES.montpellier, mode: 'train_regional' }));
    expect(leg.factor.key).toBe('train.short');
    expect(leg.emissionsGrams).toBe(1284);
  });

  test('GES 1point5: France to abroad is "mixte", abroad to abroad is "international"', () => {
    // Paris–Brussels: 264.3084 x 1.2 = 317.170 km x 16 g = 5074.7 -> 5075 g
    const mixed = requireLeg(aLeg({ from: PLACES.paris, to: PLACES.brussels, mode: 'train_high_speed' }));
    expect(mixed.factor.key).toBe('train.mixed');
    expect(mixed.emissionsGrams).toBe(5075);
    const abroad = requireLeg(aLeg({ from: PLACES.brussels, to: PLACES.geneva, mode: 'train_foreign' }));
    expect(abroad.factor.key).toBe('train.international');
  });

  test('ADEME picks the factor by train type: TGV 2.93 g, TER 27.69 g', () => {
    // 650.651 km x 2.93 = 1906.41 -> 1906 g; x 27.69 = 18 016.52 -> 18 017 g
    const tgv = requireLeg(aLeg({ from: PLACES.ales, to: PLACES.paris, mode: 'train_high_speed', method: ademe }));
    const ter = requireLeg(aLeg({ from: PLACES.ales, to: PLACES.paris, mode: 'train_regional', method: ademe }));
    expect(tgv.emissionsGrams).toBe(1906);
    expect(ter.emissionsGrams).toBe(18_017);
  });
});

describe('cars', () => {
  test('sharing a car divides the vehicle-km factor between passengers', () => {
    // Alès–Montpellier: 59.4539 km x 1.3 = 77.290 km; ADEME thermal car 142.3 g/vkm
    // alone: 77.290 x 142.3 = 10 998.4 -> 10 998 g; two: 77.290 x 71.15 = 5499.2 -> 5499 g
    // three, round trip: 154.580 x 47.433 = 7332.3 -> 7332 g
    const base = { from: PLACES.ales, to: PLACES.montpellier, mode: 'car_thermal' as const, method: ademe };
    expect(requireLeg(aLeg(base)).emissionsGrams).toBe(10_998);
    expect(requireLeg(aLeg({ ...base, passengers: 2 })).emissionsGrams).toBe(5499);
    const shared = requireLeg(aLeg({ ...base, passengers: 3, roundTrip: true }));
    expect(shared.emissionsGrams).toBe(7332);
    expect(shared.factor.value).toBe(142.3);
    expect(shared.steps.map((s) => s.code)).toEqual([
      'travel.step.greatCircle',
      'travel.step.distanceRule',
      'travel.step.factor.vkm',
      'travel.step.sharing',
      'travel.step.roundTrip',
      'travel.step.result',
    ]);
  });

  test('passenger-km factors are not divided by passengers', () => {
    const alone = requireLeg(aLeg({ from: PLACES.ales, to: PLACES.paris, mode: 'train_high_speed' }));
    const group = requireLeg(aLeg({ from: PLACES.ales, to: PLACES.paris, mode: 'train_high_speed', passengers: 4 }));
    expect(group.emissionsGrams).toBe(alone.emissionsGrams);
  });
});

describe('every mode and method', () => {
  const modes: TravelMode[] = [
    'plane',
    'coach',
    'bus',
    'tram',
    'metro',
    'rer',
    'car_electric',
    'taxi',
    'ferry',
    'bike',
    'walk',
  ];
  const methods: MethodKey[] = ['ges1point5', 'ademe-base-empreinte-2025'];

  test('gives integer grams and steps whose codes exist in both languages', () => {
    for (const key of methods) {
      for (const mode of modes) {
        const leg = requireLeg(aLeg({ from: PLACES.lyon, to: PLACES.geneva, mode, method: CARBON_METHODS[key] }));
        expect(Number.isInteger(leg.emissionsGrams), `${key} ${mode}`).toBe(true);
        expect(leg.methodVersion).toBe(CARBON_METHODS[key].version);
        for (const step of leg.steps) {
          expect(step.code in catalogues.fr && step.code in catalogues.en, step.code).toBe(true);
        }
      }
    }
  });

  test('walking emits nothing', () => {
    expect(requireLeg(aLeg({ from: PLACES.ales, to: PLACES.montpellier, mode: 'walk' })).emissionsGrams).toBe(0);
  });
});

describe('refused input', () => {
  test('an unknown mode is refused with a typed error', () => {
    const result = computeLeg(aLeg({ from: PLACES.ales, to: PLACES.paris, mode: 'helicopter' as TravelMode }));
    expect(result).toEqual({ ok: false, error: { code: 'travel.leg.unknownMode' } });
  });

  test('zero or fractional passengers are refused', () => {
    for (const passengers of [0, 1.5, -1]) {
      const result = computeLeg(aLeg({ from: PLACES.ales, to: PLACES.paris, mode: 'taxi', passengers }));
      expect(result).toEqual({ ok: false, error: { code: 'travel.leg.invalidPassengers' } });
    }
  });

  test('coordinates out of range are refused', () => {
    const result = computeLeg(aLeg({ from: { lat: 91, lon: 0, country: 'FR' }, to: PLACES.paris, mode: 'plane' }));
    expect(result).toEqual({ ok: false, error: { code: 'travel.leg.invalidCoordinates' } });
  });
});
