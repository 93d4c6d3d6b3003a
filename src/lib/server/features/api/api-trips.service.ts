/**
 * Write use case of the JSON API: an expense system estimates or declares a
 * trip for the token's user, with the same rules as the declaration form.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { type DeclareTripErrorCode, declareTrip, estimateTripToDeclare, getTrip, type PlaceLanguage } from '../travel';
import {
  type ApiPlaceResolution,
  type ApiStoredTrip,
  type ApiTripEstimate,
  type ApiTripRequest,
  placeResolutionDto,
  storedTripDto,
  toDeclareTripInput,
  tripEstimateDto,
} from './api-trips';

/** `created` is false for a dry run; a refusal carries the candidates of the places or the estimate to justify. */
export type ApiPostTripResult =
  | { ok: true; created: boolean; trip: ApiTripEstimate }
  | {
      ok: false;
      error: { code: DeclareTripErrorCode };
      estimate?: ApiTripEstimate;
      places?: { from: ApiPlaceResolution; to: ApiPlaceResolution };
    };

export async function apiPostTrip(
  db: Kysely<DB>,
  user: SessionUser,
  request: ApiTripRequest,
  language: PlaceLanguage,
): Promise<ApiPostTripResult> {
  const input = toDeclareTripInput(request);
  const places = (from: Parameters<typeof placeResolutionDto>[1], to: Parameters<typeof placeResolutionDto>[1]) => ({
    from: placeResolutionDto(input.from, from),
    to: placeResolutionDto(input.to, to),
  });
  if (request.dryRun) {
    const estimate = await estimateTripToDeclare(db, user, input, { language });
    if (!estimate.ok) return { ok: false, error: estimate.error, places: places(estimate.from, estimate.to) };
    return { ok: true, created: false, trip: tripEstimateDto(estimate.value) };
  }
  const declared = await declareTrip(db, user, input, { language });
  if (declared.ok) {
    return { ok: true, created: true, trip: tripEstimateDto(declared.value.estimate, declared.value.tripId) };
  }
  if ('estimate' in declared) {
    return { ok: false, error: declared.error, estimate: tripEstimateDto(declared.estimate) };
  }
  return { ok: false, error: declared.error, places: places(declared.from, declared.to) };
}

/** A stored trip the user may read (their own, or any of the institution for the admin); undefined otherwise. */
export async function apiGetTrip(
  db: Kysely<DB>,
  user: SessionUser,
  tripId: string,
): Promise<ApiStoredTrip | undefined> {
  const trip = await getTrip(db, user, tripId);
  return trip ? storedTripDto(trip) : undefined;
}
