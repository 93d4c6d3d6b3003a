import type { DistanceBand, DistanceRule, RouteScope } from './methods';

/**
 * Mean earth radius (IUGG), the sphere Impact CO2 uses for its haversine. GES 1point5's earth model is
 * unknown (one reimplementation uses a WGS-84 geodesic); the gap is under 0.3 % on Paris–New York
 * (5837.0 vs 5852.7 km) and Alès–Paris (542.21 vs 542.15 km).
 */
export const EARTH_RADIUS_KM = 6371;

export type Coordinates = { lat: number; lon: number };

export function isValidCoordinates(p: Coordinates): boolean {
  return Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;
}

/** Great-circle distance on a sphere of radius EARTH_RADIUS_KM (haversine formula). */
export function greatCircleKm(from: Coordinates, to: Coordinates): number {
  const rad = Math.PI / 180;
  const dLat = (to.lat - from.lat) * rad;
  const dLon = (to.lon - from.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(from.lat * rad) * Math.cos(to.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Applies a method's detour correction: great-circle x multiplier + fixed addition (planes: +95 km). */
export function correctedKm(greatCircle: number, rule: DistanceRule): number {
  return greatCircle * rule.multiplier + rule.addKm;
}

export function isInBand(km: number, band: DistanceBand): boolean {
  const aboveMin = band.minInclusive ? km >= band.minKm : km > band.minKm;
  if (!aboveMin) return false;
  if (band.maxKm === null) return true;
  return band.maxInclusive ? km <= band.maxKm : km < band.maxKm;
}

/** Domestic when both ends are in the home country, abroad when neither is, mixed otherwise (ISO 3166 alpha-2). */
export function routeScopeOf(fromCountry: string, toCountry: string, homeCountry: string): RouteScope {
  const fromHome = fromCountry.toUpperCase() === homeCountry;
  const toHome = toCountry.toUpperCase() === homeCountry;
  if (fromHome && toHome) return 'domestic';
  if (!fromHome && !toHome) return 'abroad';
  return 'mixed';
}
