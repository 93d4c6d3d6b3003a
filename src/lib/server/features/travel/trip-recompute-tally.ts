/** The changelog's running totals and bounded breakdown of a recomputation (pure). */
import { z } from 'zod';
import type { TrainFirstRule } from './train-first';
import type { LegOutcome, StoredLeg } from './trip-recompute';

/** Most factor groups a changelog entry lists; the rest are summed into one "other" line. */
export const MAX_FACTOR_GROUPS = 60;
/** Most distinct (method, version, contrails) combinations listed as "before". */
export const MAX_FROM_GROUPS = 20;
export const OTHER_GROUP_KEY = '*';

const factorGroupSchema = z.object({
  fromMethodKey: z.string(),
  fromFactorKey: z.string(),
  fromFactorMilli: z.number().int().nullable(),
  /** pkm | vkm; null for the "other" line. */
  fromFactorUnit: z.string().nullable(),
  toFactorKey: z.string(),
  toFactorMilli: z.number().int().nullable(),
  toFactorUnit: z.string().nullable(),
  legs: z.number().int(),
  gramsBefore: z.number().int(),
  gramsAfter: z.number().int(),
});
const fromGroupSchema = z.object({
  methodKey: z.string(),
  methodVersion: z.string(),
  contrails: z.boolean(),
  legs: z.number().int(),
});
const verdictGroupSchema = z.object({ from: z.string(), to: z.string(), legs: z.number().int() });
const ruleSchema = z.object({ justifyUnderHours: z.number(), flagUnderHours: z.number() });

/** The bounded breakdown stored in travel_recompute.details_json. */
export const recomputeDetailsSchema = z.object({
  /** The legs examined as they were: method, version and contrail choice, with their count. */
  before: z.array(fromGroupSchema),
  /** The legs whose figures changed, by factor before and after, largest emissions first. */
  factors: z.array(factorGroupSchema),
  verdicts: z.array(verdictGroupSchema),
  trainFirstRule: z.object({ before: ruleSchema, after: ruleSchema }).nullable(),
});
export type RecomputeDetails = z.infer<typeof recomputeDetailsSchema>;
export type FactorGroup = z.infer<typeof factorGroupSchema>;

/** Running totals and groups of a recomputation; memory stays bounded whatever the number of legs. */
export interface RecomputeTally {
  legsExamined: number;
  legsChanged: number;
  verdictsChanged: number;
  emissionsBeforeG: number;
  emissionsAfterG: number;
  contributionBeforeCents: number;
  contributionAfterCents: number;
  before: Map<string, z.infer<typeof fromGroupSchema>>;
  factors: Map<string, FactorGroup>;
  verdicts: Map<string, z.infer<typeof verdictGroupSchema>>;
}

export function newTally(): RecomputeTally {
  return {
    legsExamined: 0,
    legsChanged: 0,
    verdictsChanged: 0,
    emissionsBeforeG: 0,
    emissionsAfterG: 0,
    contributionBeforeCents: 0,
    contributionAfterCents: 0,
    before: new Map(),
    factors: new Map(),
    verdicts: new Map(),
  };
}

/** Adds one examined leg and its outcome to the tally. */
export function tallyLeg(tally: RecomputeTally, leg: StoredLeg, outcome: LegOutcome): void {
  tally.legsExamined++;
  tally.emissionsBeforeG += leg.emissions_g;
  tally.emissionsAfterG += outcome.emissionsAfterG;
  tally.contributionBeforeCents += leg.contribution_cents;
  tally.contributionAfterCents += outcome.contributionAfterCents;
  if (outcome.update) tally.legsChanged++;

  const fromKey = `${leg.method_key}|${leg.method_version}|${leg.contrails}`;
  const from = tally.before.get(fromKey);
  if (from) from.legs++;
  else if (tally.before.size < MAX_FROM_GROUPS) {
    tally.before.set(fromKey, {
      methodKey: leg.method_key,
      methodVersion: leg.method_version,
      contrails: leg.contrails === 1,
      legs: 1,
    });
  }

  if (outcome.figuresChanged) {
    const key = `${leg.method_key}|${leg.factor_key}|${leg.factor_value_milli}|${leg.factor_unit}|${outcome.factorKeyAfter}|${outcome.factorMilliAfter}|${outcome.factorUnitAfter}`;
    let group = tally.factors.get(key) ?? tally.factors.get(OTHER_GROUP_KEY);
    if (!tally.factors.has(key) && tally.factors.size < MAX_FACTOR_GROUPS - 1) {
      group = {
        fromMethodKey: leg.method_key,
        fromFactorKey: leg.factor_key,
        fromFactorMilli: leg.factor_value_milli,
        fromFactorUnit: leg.factor_unit,
        toFactorKey: outcome.factorKeyAfter,
        toFactorMilli: outcome.factorMilliAfter,
        toFactorUnit: outcome.factorUnitAfter,
        legs: 0,
        gramsBefore: 0,
        gramsAfter: 0,
      };
      tally.factors.set(key, group);
    } else if (!group) {
      group = {
        fromMethodKey: OTHER_GROUP_KEY,
        fromFactorKey: OTHER_GROUP_KEY,
        fromFactorMilli: null,
        fromFactorUnit: null,
        toFactorKey: OTHER_GROUP_KEY,
        toFactorMilli: null,
        toFactorUnit: null,
        legs: 0,
        gramsBefore: 0,
        gramsAfter: 0,
      };
      tally.factors.set(OTHER_GROUP_KEY, group);
    }
    group.legs++;
    group.gramsBefore += leg.emissions_g;
    group.gramsAfter += outcome.emissionsAfterG;
  }

  if (outcome.update && outcome.update.train_verdict !== leg.train_verdict) {
    tally.verdictsChanged++;
    const key = `${leg.train_verdict}>${outcome.update.train_verdict}`;
    const group = tally.verdicts.get(key);
    if (group) group.legs++;
    else tally.verdicts.set(key, { from: leg.train_verdict, to: outcome.update.train_verdict, legs: 1 });
  }
}

/** The tally's groups as stored: factor groups by emissions before, largest first, "other" last. */
export function detailsOf(
  tally: RecomputeTally,
  trainFirstRule: { before: TrainFirstRule; after: TrainFirstRule } | null,
): RecomputeDetails {
  const factors = [...tally.factors.values()].sort(
    (a, b) =>
      Number(a.fromFactorKey === OTHER_GROUP_KEY) - Number(b.fromFactorKey === OTHER_GROUP_KEY) ||
      b.gramsBefore - a.gramsBefore ||
      a.fromFactorKey.localeCompare(b.fromFactorKey),
  );
  return {
    before: [...tally.before.values()].sort((a, b) => b.legs - a.legs),
    factors,
    verdicts: [...tally.verdicts.values()].sort((a, b) => b.legs - a.legs),
    trainFirstRule: trainFirstRule
      ? { before: { ...trainFirstRule.before }, after: { ...trainFirstRule.after } }
      : null,
  };
}
