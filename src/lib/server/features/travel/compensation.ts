import { z } from 'zod';
import carbonValuesData from '../../../../../data/carbon/carbon-values-fr.json';

const carbonValuesSchema = z.object({
  key: z.string().min(1),
  name: z.string().min(1),
  source: z.string().min(1),
  unit: z.string().min(1),
  points: z
    .array(
      z.object({
        year: z.number().int(),
        pricePerTonneEuros: z.number().positive(),
        rangeEuros: z.tuple([z.number(), z.number()]).optional(),
      }),
    )
    .min(2),
});

/** French "valeur de l'action pour le climat" (Quinet 2019), from data/carbon/carbon-values-fr.json. */
export const FRENCH_CARBON_VALUES = Object.freeze(carbonValuesSchema.parse(carbonValuesData));

/** Price precision accepted: 1/10 000 of a euro per tonne, so the one rounding below is exact. */
const PRICE_SCALE = 10_000;
const GRAMS_PER_TONNE = 1_000_000;
const CENTS_PER_EURO = 100;

/**
 * Contribution in integer cents for some emissions at an internal price per tonne, rounded half-up once.
 * cents = grams / 1e6 t x price EUR/t x 100, computed with integers so that a 0.5-cent tie is never lost
 * to floating-point error.
 */
export function contributionCents(emissionsGrams: number, pricePerTonneEuros: number): number {
  if (!Number.isSafeInteger(emissionsGrams) || emissionsGrams < 0) {
    throw new RangeError('contributionCents: emissionsGrams must be a non-negative integer');
  }
  const scaledPrice = Math.round(pricePerTonneEuros * PRICE_SCALE);
  if (!Number.isFinite(pricePerTonneEuros) || pricePerTonneEuros < 0 || !isCloseTo(scaledPrice, pricePerTonneEuros)) {
    throw new RangeError('contributionCents: price must be non-negative with at most 4 decimals');
  }
  const numerator = BigInt(emissionsGrams) * BigInt(scaledPrice) * BigInt(CENTS_PER_EURO);
  const denominator = BigInt(GRAMS_PER_TONNE) * BigInt(PRICE_SCALE);
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

function isCloseTo(scaledPrice: number, price: number): boolean {
  return Math.abs(scaledPrice / PRICE_SCALE - price) < 1e-9 * Math.max(1, price);
}

/**
 * Default suggestion for the internal carbon price of a year: the Quinet value, linearly interpolated between
 * published years (Trajectoire choice) and held flat outside them. The internal price is the institution's
 * choice; this is only a starting point.
 */
export function suggestedCarbonPrice(year: number): {
  pricePerTonneEuros: number;
  interpolated: boolean;
  source: string;
} {
  const points = FRENCH_CARBON_VALUES.points;
  const source = FRENCH_CARBON_VALUES.name;
  const first = points[0];
  const last = points[points.length - 1];
  if (year <= first.year) return { pricePerTonneEuros: first.pricePerTonneEuros, interpolated: false, source };
  if (year >= last.year) return { pricePerTonneEuros: last.pricePerTonneEuros, interpolated: false, source };
  const upper = points.findIndex((p) => p.year >= year);
  const b = points[upper];
  if (b.year === year) return { pricePerTonneEuros: b.pricePerTonneEuros, interpolated: false, source };
  const a = points[upper - 1];
  const price =
    a.pricePerTonneEuros + ((b.pricePerTonneEuros - a.pricePerTonneEuros) * (year - a.year)) / (b.year - a.year);
  return { pricePerTonneEuros: Math.round(price), interpolated: true, source };
}
