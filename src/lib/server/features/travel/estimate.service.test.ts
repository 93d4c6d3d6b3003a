import { describe, expect, test } from 'vitest';
import { estimateTrip } from './estimate.service';

describe('the footprint of a trip described in words', () => {
  test('Alès to Paris by plane: places resolved, corrected distance, factor, train-first verdict and contribution', async () => {
    const result = await estimateTrip({ from: 'Alès', to: 'CDG', mode: 'plane', roundTrip: true, date: '2026-03-10' });
    if (!result.ok) throw new Error(result.error.code);
    const { from, to, leg, trainFirst, price, contributionCents } = result.value;
    expect([from.place?.name, to.place?.iata]).toEqual(['Alès', 'CDG']);
    // Great circle ≈ 570 km; +95 km for a plane, short-haul band, twice for the round trip.
    expect(leg.greatCircleKm).toBeGreaterThan(540);
    expect(leg.distanceKm).toBeCloseTo(2 * (leg.greatCircleKm + 95), 6);
    expect(leg.factor.key).toMatch(/court|short/i);
    expect(leg.emissionsGrams).toBe(Math.round(leg.distanceKm * leg.factor.value));
    // Within France, a train of less than 4 hours: the flight needs a written justification.
    expect(trainFirst).toMatchObject({ verdict: 'justification_required' });
    // 2026 lies between the published 2018 and 2030 values: interpolated.
    expect(price.pricePerTonneEuros).toBeGreaterThan(54);
    expect(price.pricePerTonneEuros).toBeLessThan(250);
    expect(contributionCents).toBe(Math.round((leg.emissionsGrams / 1e6) * price.pricePerTonneEuros * 100));
  });

  test('an institution price replaces the suggestion, and a car shared by three divides the emissions', async () => {
    const alone = await estimateTrip({
      from: 'Alès',
      to: 'Montpellier',
      mode: 'car_thermal',
      roundTrip: false,
      date: '2026-01-05',
      pricePerTonneEuros: 100,
    });
    const shared = await estimateTrip({
      from: 'Alès',
      to: 'Montpellier',
      mode: 'car_thermal',
      roundTrip: false,
      passengers: 3,
      date: '2026-01-05',
      pricePerTonneEuros: 100,
    });
    if (!alone.ok || !shared.ok) throw new Error('not estimated');
    expect(alone.value.price).toEqual({ pricePerTonneEuros: 100, source: null });
    expect(shared.value.leg.emissionsGrams).toBe(Math.round(alone.value.leg.emissionsGrams / 3));
    expect(alone.value.trainFirst).toEqual({ verdict: 'not_applicable' });
  });

  test('a place that cannot be resolved with confidence stops the estimate and comes back with its candidates', async () => {
    const result = await estimateTrip({
      from: 'Alès',
      to: 'Xqzwvk',
      mode: 'train_high_speed',
      roundTrip: false,
      date: '2026-01-05',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('travel.estimate.placeNotResolved');
    expect(result.from.status).toBe('resolved');
    expect(result.to.status).toBe('unknown');
  });
});
