import { describe, expect, test } from 'vitest';
import { CARBON_METHODS } from './methods';
import { modesWithContrails, RecomputeLegError, recomputeLeg, type StoredLeg } from './trip-recompute';
import { detailsOf, MAX_FACTOR_GROUPS, newTally, OTHER_GROUP_KEY, tallyLeg } from './trip-recompute-tally';

const GES = CARBON_METHODS.ges1point5;
const ADEME = CARBON_METHODS['ademe-base-empreinte-2025'];

/** Alès -> Paris by high-speed train, one way, stored with GES 1point5 (figures as a declaration stores them). */
function aStoredLeg(overrides: Partial<StoredLeg> = {}): StoredLeg {
  return {
    id: 'leg-1',
    mode: 'train_high_speed',
    cabin_class: null,
    round_trip: 0,
    passengers: 1,
    from_country: 'FR',
    from_lat_micro: 44_125_300,
    from_lon_micro: 4_085_700,
    to_country: 'FR',
    to_lat_micro: 48_856_600,
    to_lon_micro: 2_352_200,
    contrails: 1,
    method_key: GES.key,
    method_version: GES.version,
    factor_key: 'train.tgv',
    factor_value_milli: 3300,
    factor_unit: 'pkm',
    factor_source: GES.factors.find((f) => f.key === 'train.tgv')?.source ?? '',
    great_circle_m: 0,
    distance_m: 0,
    emissions_g: 0,
    train_hours_milli: null,
    train_verdict: 'not_applicable',
    price_cents_per_tonne: 10_000,
    contribution_cents: 0,
    ...overrides,
  };
}

describe('recomputing one stored leg', () => {
  test('a leg already on the method, version and contrail choice is left alone', () => {
    const outcome = recomputeLeg(
      aStoredLeg(),
      { method: GES, contrails: false, figures: true },
      modesWithContrails(GES),
    );
    // Trains have no contrail component: the contrails choice does not reach them.
    expect(outcome).toMatchObject({ update: null, figuresChanged: false, verdictChanged: false });
  });

  test('another method recomputes it from the stored coordinates', () => {
    const outcome = recomputeLeg(
      aStoredLeg(),
      { method: ADEME, contrails: true, figures: true },
      modesWithContrails(ADEME),
    );
    const update = outcome.update;
    // Great circle Alès-Paris 542.535 km (haversine, 6371 km), x 1.2 rail = 651.042 km, x 2.93 g/pkm = 1,908 g.
    expect(update).toMatchObject({ method_key: ADEME.key, factor_key: 'train.tgv', factor_value_milli: 2930 });
    expect(update).toMatchObject({ great_circle_m: 542_535, distance_m: 651_042, emissions_g: 1908 });
    // 100 EUR/t: 1,908 g / 100 = 19.08 -> 19 cents.
    expect(update?.contribution_cents).toBe(19);
    expect(update?.steps?.at(-1)).toMatchObject({ code: 'travel.step.result' });
  });

  test('a mode the method has no factor for stops the run with the leg named', () => {
    const noTrains = { ...ADEME, factors: ADEME.factors.filter((f) => !f.modes.includes('train_high_speed')) };
    expect(() => recomputeLeg(aStoredLeg(), { method: noTrains, contrails: true, figures: true }, new Set())).toThrow(
      RecomputeLegError,
    );
  });

  test('a new rule re-evaluates a flight from its stored train time only', () => {
    const flight = aStoredLeg({ mode: 'plane', train_hours_milli: 3836, train_verdict: 'justification_required' });
    const outcome = recomputeLeg(
      flight,
      { method: GES, contrails: true, figures: false, trainFirstRule: { justifyUnderHours: 3.5, flagUnderHours: 6 } },
      modesWithContrails(GES),
    );
    expect(outcome).toMatchObject({ figuresChanged: false, verdictChanged: true });
    expect(outcome.update).toMatchObject({ train_verdict: 'flagged', train_hours_milli: 3836, steps: null });
  });

  test('only flights carry a contrail component in the shipped methods', () => {
    expect([...modesWithContrails(GES)]).toEqual(['plane']);
    expect([...modesWithContrails(ADEME)]).toEqual(['plane']);
  });
});

describe('the changelog breakdown', () => {
  test('stays bounded: factors past the limit are summed into one "other" line, listed last', () => {
    const tally = newTally();
    const method = ADEME;
    for (let i = 0; i < MAX_FACTOR_GROUPS + 10; i++) {
      const leg = aStoredLeg({ id: `leg-${i}`, factor_key: `old.${i}`, emissions_g: 1000 + i });
      tallyLeg(tally, leg, recomputeLeg(leg, { method, contrails: true, figures: true }, new Set()));
    }
    const details = detailsOf(tally, null);
    expect(details.factors).toHaveLength(MAX_FACTOR_GROUPS);
    const other = details.factors.at(-1);
    // 70 legs: 59 own lines, the 11 others together.
    expect(other).toMatchObject({ fromFactorKey: OTHER_GROUP_KEY, legs: 11 });
    expect(details.factors.reduce((sum, g) => sum + g.legs, 0)).toBe(MAX_FACTOR_GROUPS + 10);
    expect(tally).toMatchObject({ legsExamined: 70, legsChanged: 70 });
  });
});
