/**
 * The HTTP edge of POST /api/v1/trips: JSON body parsed once, the use case's
 * outcome turned into a status (200 dry run, 201 stored, 400 invalid body,
 * 422 refused by a rule). Authentication is serveApiAs's job.
 */
import type { Kysely } from 'kysely';
import type { Locale } from '../../../i18n';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { parseApiTripRequest } from './api-trips';
import { apiPostTrip } from './api-trips.service';
import { apiProblem, jsonResponse } from './http';

export const TRIPS_PATH = '/api/v1/trips';

export async function answerTripPost(
  request: Request,
  db: Kysely<DB>,
  user: SessionUser,
  locale: Locale,
): Promise<Response> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return apiProblem(locale, 400, 'api.error.invalidBody', { fields: [] });
  }
  const parsed = parseApiTripRequest(body);
  if (!parsed.success) return apiProblem(locale, 400, 'api.error.invalidBody', { fields: parsed.fields });
  const result = await apiPostTrip(db, user, parsed.data, locale);
  if (!result.ok) {
    const { code } = result.error;
    return apiProblem(locale, 422, code, {
      ...(result.estimate ? { estimate: result.estimate } : {}),
      ...(result.leg === undefined ? {} : { leg: result.leg }),
      ...(result.places ? { places: result.places } : {}),
    });
  }
  if (!result.created) return jsonResponse({ data: result.trip });
  return jsonResponse({ data: result.trip }, 201, { location: `${TRIPS_PATH}/${result.trip.id}` });
}
