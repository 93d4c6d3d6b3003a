/**
 * Write use case of the JSON API: an expense system estimates or declares a
 * trip for the token's user, with the same rules as the declaration form.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import {
  type DeclareTripErrorCode,
  declareTrip,
  estimateTripToDeclare,
  getTrip,
  type MissionEstimateRefusal,
  type PlaceLanguage,
  toTripInput,
} from '../travel';
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

/**
 * `created` is false for a dry run. A refusal carries what explains it: the
 * leg (0-based) whose places are not resolved with their candidates, or the
 * estimate of a mission that needs a justification.
 */
export type ApiPostTripResult =
  | { ok: true; created: boolean; trip: ApiTripEstimate }
  | {
      ok: false;
      error: { code: DeclareTripErrorCode };
      estimate?: ApiTripEstimate;
      leg?: number;
      places?: { from: ApiPlaceResolution; to: ApiPlaceResolution };
    };

export async function apiPostTrip(
  db: Kysely<DB>,
  user: SessionUser,
  request: ApiTripRequest,
  language: PlaceLanguage,
): Promise<ApiPostTripResult> {
  const input = toDeclareTripInput(request);
  const trip = toTripInput(input);
  // The one-leg body gets the leg's figures at the top level too, as it always did.
  const flat = !('legs' in request);
  const refusal = (refused: MissionEstimateRefusal): ApiPostTripResult => {
    const leg = trip.legs[refused.legIndex];
    return {
      ok: false,
      error: refused.error,
      leg: refused.legIndex,
      places: { from: placeResolutionDto(leg.from, refused.from), to: placeResolutionDto(leg.to, refused.to) },
    };
  };
  if (request.dryRun) {
    const estimate = await estimateTripToDeclare(db, user, trip, { language });
    if (!estimate.ok) return refusal(estimate);
    return { ok: true, created: false, trip: tripEstimateDto(estimate.value, { flat }) };
  }
  const declared = await declareTrip(db, user, trip, { language });
  if (declared.ok) {
    const dto = tripEstimateDto(declared.value.estimate, { id: declared.value.tripId, flat });
    return { ok: true, created: true, trip: dto };
  }
  if ('estimate' in declared) {
    return { ok: false, error: declared.error, estimate: tripEstimateDto(declared.estimate, { flat }) };
  }
  if ('legIndex' in declared) return refusal(declared);
  return { ok: false, error: declared.error };
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
