import { z } from 'zod';

/** Every way of travelling a leg can record; the i18n label of each is `travel.mode.<key>`. */
export const TRAVEL_MODES = [
  'plane',
  'train_high_speed',
  'train_intercity',
  'train_regional',
  'train_foreign',
  'coach',
  'bus',
  'tram',
  'metro',
  'rer',
  'car_thermal',
  'car_electric',
  'car_unknown',
  'taxi',
  'ferry',
  'bike',
  'walk',
] as const;
export type TravelMode = (typeof TRAVEL_MODES)[number];
export const travelModeSchema = z.enum(TRAVEL_MODES);

/** Cabin class is recorded for planes; no method in data/carbon weights it, so it does not change emissions yet. */
export const CABIN_CLASSES = ['economy', 'premium_economy', 'business', 'first'] as const;
export type CabinClass = (typeof CABIN_CLASSES)[number];

/** Names of the distance corrections a method file defines under `distanceRules.rules`. */
export const DISTANCE_RULES = ['air', 'rail', 'road', 'bus', 'metro', 'direct'] as const;
export type DistanceRuleKey = (typeof DISTANCE_RULES)[number];

/**
 * Which correction turns the great-circle distance into the travelled one (GES 1point5 travels simulator:
 * plane +95 km, train and RER x 1.2, car x 1.3, bus and tram x 1.5, metro x 1.7). Taxi is a car; coach is a
 * bus; ferry, bike and walking are not covered and keep the great-circle distance. The factor itself is
 * looked up in the method file, whose factors list the modes they apply to.
 */
export const DISTANCE_RULE_OF_MODE: Readonly<Record<TravelMode, DistanceRuleKey>> = Object.freeze({
  plane: 'air',
  train_high_speed: 'rail',
  train_intercity: 'rail',
  train_regional: 'rail',
  train_foreign: 'rail',
  rer: 'rail',
  coach: 'bus',
  bus: 'bus',
  tram: 'bus',
  metro: 'metro',
  car_thermal: 'road',
  car_electric: 'road',
  car_unknown: 'road',
  taxi: 'road',
  ferry: 'direct',
  bike: 'direct',
  walk: 'direct',
});

export function isTravelMode(value: unknown): value is TravelMode {
  return typeof value === 'string' && (TRAVEL_MODES as readonly string[]).includes(value);
}
