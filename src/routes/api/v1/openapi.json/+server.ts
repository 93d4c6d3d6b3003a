import { jsonResponse, OPENAPI_DOCUMENT } from '$lib/server/features/api';
import type { RequestHandler } from './$types';

/** Public: the description of the API holds no data. */
export const GET: RequestHandler = () =>
  jsonResponse(OPENAPI_DOCUMENT, 200, { 'cache-control': 'public, max-age=300' });
