import { describe, expect, test } from 'vitest';
import { contributionCents, FRENCH_CARBON_VALUES, suggestedCarbonPrice } from './compensation';

describe('contribution in cents', () => {
  test('one tonne at 54 EUR/t is 5400 cents', () => {
    expect(contributionCents(1_000_000, 54)).toBe(5400);
  });

  test('Paris–New York (901 671 g) at 54 EUR/t is 48.69 EUR', () => {
    // 901 671 g / 1e6 x 54 EUR = 48.690234 EUR = 4869.0234 cents -> 4869
    expect(contributionCents(901_671, 54)).toBe(4869);
  });

  test('rounds half up, once', () => {
    // 5000 g x 1 EUR/t = 0.5 cent -> 1; 25 000 g = 2.5 -> 3 (not banker's 2); 14 999 g = 1.4999 -> 1
    expect(contributionCents(5000, 1)).toBe(1);
    expect(contributionCents(25_000, 1)).toBe(3);
    expect(contributionCents(14_999, 1)).toBe(1);
  });

  test('keeps exact ties with decimal prices', () => {
    // 25 000 g x 44.6 EUR/t = 1.115 EUR = 111.5 cents -> 112; 50 000 g x 0.3 = 1.5 cents -> 2
    expect(contributionCents(25_000, 44.6)).toBe(112);
    expect(contributionCents(50_000, 0.3)).toBe(2);
    expect(contributionCents(0, 250)).toBe(0);
  });

  test('refuses negative or fractional grams and over-precise prices', () => {
    expect(() => contributionCents(-1, 54)).toThrow(RangeError);
    expect(() => contributionCents(1.5, 54)).toThrow(RangeError);
    expect(() => contributionCents(1000, 54.123456)).toThrow(RangeError);
    expect(() => contributionCents(1000, Number.NaN)).toThrow(RangeError);
  });
});

describe('suggested carbon price (Quinet 2019)', () => {
  test('ships the published values with their source', () => {
    expect(FRENCH_CARBON_VALUES.points.map((p) => [p.year, p.pricePerTonneEuros])).toEqual([
      [2018, 54],
      [2030, 250],
      [2040, 500],
      [2050, 775],
    ]);
    expect(FRENCH_CARBON_VALUES.source).toContain('Quinet');
  });

  test('interpolates linearly between published years and holds flat outside', () => {
    // 2024: 54 + (250 - 54) x 6 / 12 = 152; 2035: 250 + (500 - 250) x 5 / 10 = 375
    expect(suggestedCarbonPrice(2024)).toMatchObject({ pricePerTonneEuros: 152, interpolated: true });
    expect(suggestedCarbonPrice(2035)).toMatchObject({ pricePerTonneEuros: 375, interpolated: true });
    expect(suggestedCarbonPrice(2030)).toMatchObject({ pricePerTonneEuros: 250, interpolated: false });
    expect(suggestedCarbonPrice(2010).pricePerTonneEuros).toBe(54);
    expect(suggestedCarbonPrice(2060).pricePerTonneEuros).toBe(775);
  });
});
