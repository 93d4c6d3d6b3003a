import { type Coordinates, correctedKm, greatCircleKm, isInBand, isValidCoordinates, routeScopeOf } from './distance';
import type { CarbonMethod, EmissionFactor, RouteScope } from './methods';
import { type CabinClass, DISTANCE_RULE_OF_MODE, isTravelMode, type TravelMode } from './modes';

export type LegPoint = Coordinates & { /** ISO 3166-1 alpha-2, e.g. 'FR'. */ country: string };

export type LegInput = {
  from: LegPoint;
  to: LegPoint;
  mode: TravelMode;
  cabinClass?: CabinClass;
  roundTrip: boolean;
  /** People sharing a car or taxi (vehicle-km factors are divided by it); default 1. */
  passengers?: number;
  method: CarbonMethod;
  options: { contrails: boolean };
};

/** One line of the explanation shown to the user: an i18n key under travel.step.* and its raw values. */
export type CalculationStep = { code: string; params: Record<string, string | number> };

export type AppliedFactor = {
  key: string;
  label: string;
  value: number;
  unit: 'pkm' | 'vkm';
  source: string;
  sourceId: string | null;
  year: number;
  uncertainty: number;
};

export type Leg = {
  greatCircleKm: number;
  /** Corrected distance, doubled for a round trip. */
  distanceKm: number;
  factor: AppliedFactor;
  /** Per passenger, rounded once at the end. */
  emissionsGrams: number;
  methodKey: string;
  methodVersion: string;
  cabinClass?: CabinClass;
  steps: CalculationStep[];
};

export type LegErrorCode =
  | 'travel.leg.unknownMode'
  | 'travel.leg.invalidCoordinates'
  | 'travel.leg.invalidPassengers'
  | 'travel.leg.noFactor';

export type LegResult = { ok: true; value: Leg } | { ok: false; error: { code: LegErrorCode } };

/** The single factor of a method for a mode at a corrected one-way distance; undefined when the method has none. */
export function findFactor(
  method: CarbonMethod,
  mode: TravelMode,
  correctedOneWayKm: number,
  scope: RouteScope,
): EmissionFactor | undefined {
  const matches = method.factors.filter(
    (f) =>
      f.modes.includes(mode) &&
      (f.scope === undefined || f.scope === scope) &&
      (f.band === undefined || isInBand(correctedOneWayKm, f.band)),
  );
  // Overlapping factors are a defect of the data file, not of the user's input.
  if (matches.length > 1) {
    throw new Error(`${method.key}: ${matches.length} factors match ${mode} at ${correctedOneWayKm} km (${scope})`);
  }
  return matches[0];
}

/** Grams per unit after the contrails setting: the contrail component is removed when contrails are off. */
function factorValue(factor: EmissionFactor, contrails: boolean): number {
  return contrails ? factor.valueGramsPerUnit : factor.valueGramsPerUnit - (factor.components?.contrails ?? 0);
}

/** Emissions of one leg for one passenger, with every step of the calculation for display. */
export function computeLeg(input: LegInput): LegResult {
  const { from, to, mode, method, roundTrip } = input;
  const passengers = input.passengers ?? 1;
  if (!isTravelMode(mode)) return { ok: false, error: { code: 'travel.leg.unknownMode' } };
  if (!isValidCoordinates(from) || !isValidCoordinates(to)) {
    return { ok: false, error: { code: 'travel.leg.invalidCoordinates' } };
  }
  if (!Number.isInteger(passengers) || passengers < 1) {
    return { ok: false, error: { code: 'travel.leg.invalidPassengers' } };
  }

  const steps: CalculationStep[] = [];
  const greatCircle = greatCircleKm(from, to);
  steps.push({ code: 'travel.step.greatCircle', params: { km: greatCircle } });

  const ruleKey = DISTANCE_RULE_OF_MODE[mode];
  const rule = method.distanceRules.rules[ruleKey];
  const oneWayKm = correctedKm(greatCircle, rule);
  steps.push({
    code: 'travel.step.distanceRule',
    params: { rule: ruleKey, multiplier: rule.multiplier, addKm: rule.addKm, km: oneWayKm },
  });

  const scope = routeScopeOf(from.country, to.country, method.distanceRules.homeCountry);
  const factor = findFactor(method, mode, oneWayKm, scope);
  if (!factor) return { ok: false, error: { code: 'travel.leg.noFactor' } };
  steps.push({
    // One message per unit, so that every reader gets the unit's name; a year is not a quantity ("2 022").
    code: `travel.step.factor.${factor.unit}`,
    params: {
      label: factor.label,
      value: factor.valueGramsPerUnit,
      source: factor.source,
      year: String(factor.year),
      uncertainty: factor.uncertaintyPercent,
    },
  });

  const unitValue = factorValue(factor, input.options.contrails);
  if (!input.options.contrails && factor.components?.contrails) {
    steps.push({
      code: 'travel.step.contrailsExcluded',
      params: { contrails: factor.components.contrails, value: unitValue },
    });
  }

  // Vehicle-km factors are shared by the occupants; passenger-km factors already are per person.
  let gramsPerUnit = unitValue;
  if (factor.unit === 'vkm') {
    gramsPerUnit /= passengers;
    steps.push({ code: 'travel.step.sharing', params: { passengers, value: gramsPerUnit } });
  }

  // The band is chosen on the one-way distance; a round trip then doubles it (Impact CO2, GES 1point5 'Aller Retour').
  const distanceKm = roundTrip ? oneWayKm * 2 : oneWayKm;
  if (roundTrip) steps.push({ code: 'travel.step.roundTrip', params: { oneWayKm, km: distanceKm } });

  const emissionsGrams = Math.round(distanceKm * gramsPerUnit);
  steps.push({
    code: 'travel.step.result',
    params: { km: distanceKm, value: gramsPerUnit, grams: emissionsGrams },
  });

  return {
    ok: true,
    value: {
      greatCircleKm: greatCircle,
      distanceKm,
      factor: {
        key: factor.key,
        label: factor.label,
        value: unitValue,
        unit: factor.unit,
        source: factor.source,
        sourceId: factor.sourceId,
        year: factor.year,
        uncertainty: factor.uncertaintyPercent,
      },
      emissionsGrams,
      methodKey: method.key,
      methodVersion: method.version,
      ...(input.cabinClass ? { cabinClass: input.cabinClass } : {}),
      steps,
    },
  };
}
