import { negotiateLocale } from '$lib/i18n';
import { apiError } from '$lib/server/features/api';
import type { RequestHandler } from './$types';

/** Any other path or method under /api/v1 answers in the API's JSON error shape rather than with an HTML page. */
export const fallback: RequestHandler = ({ request }) =>
  apiError(negotiateLocale(request.headers.get('accept-language')), 404, 'api.error.notFound');
