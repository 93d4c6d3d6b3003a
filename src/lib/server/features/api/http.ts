/**
 * The HTTP edge of the JSON API: bearer authentication, query parsing and
 * the response envelope (`{data}` or `{error: {code, message}}`). Only the
 * Authorization header authenticates: the session cookie is ignored, so a
 * page of another site cannot make the browser call the API as its user
 * (no CSRF surface), and answers are never cached.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { isLocale, type Locale, negotiateLocale, translate } from '../../../i18n';
import type { DB } from '../../db/schema';
import { log } from '../../log';
import type { SessionUser } from '../auth';
import { authenticateApiToken, bearerTokenOf } from './tokens';

export const API_ERROR_CODES = [
  'api.error.unauthorized',
  'api.error.invalidToken',
  'api.error.notFound',
  'api.error.badRequest',
  'api.error.invalidBody',
  'api.error.internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** What a route hands over: the parts of SvelteKit's RequestEvent the API reads. */
export interface ApiEvent {
  request: Request;
  url: URL;
  locals: { requestId?: string };
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
const REALM = 'Bearer realm="trajectoire"';

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

export function apiError(
  locale: Locale,
  status: number,
  code: ApiErrorCode,
  extra: { headers?: Record<string, string>; requestId?: string } = {},
): Response {
  return apiProblem(locale, status, code, extra.requestId ? { requestId: extra.requestId } : {}, extra.headers);
}

/** An error whose code is any i18n key (a feature's own codes too), with details beside the code and message. */
export function apiProblem(
  locale: Locale,
  status: number,
  code: string,
  details: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return jsonResponse({ error: { code, message: translate(locale, code), ...details } }, status, headers);
}

function localeOf(request: Request, user: SessionUser | null): Locale {
  return user && isLocale(user.locale) ? user.locale : negotiateLocale(request.headers.get('accept-language'));
}

/**
 * Authenticates the bearer token, parses the query string, runs `load` as the
 * token's user and wraps its answer; `undefined` from `load` is a 404 (unknown
 * id and another institution's row alike). Missing or unusable tokens get a
 * 401 with the RFC 6750 challenge.
 */
export function serveApi<Q>(
  event: ApiEvent,
  db: Kysely<DB>,
  querySchema: z.ZodType<Q>,
  load: (user: SessionUser, query: Q) => Promise<unknown>,
): Promise<Response> {
  return serveApiAs(event, db, async (user, locale) => {
    const query = querySchema.safeParse(Object.fromEntries(event.url.searchParams));
    if (!query.success) return apiError(locale, 400, 'api.error.badRequest');
    const data = await load(user, query.data);
    if (data === undefined) return apiError(locale, 404, 'api.error.notFound');
    return jsonResponse({ data });
  });
}

/**
 * Authenticates the bearer token and lets `handle` answer as the token's user,
 * in the user's language. Missing or unusable tokens get a 401 with the
 * RFC 6750 challenge; an exception becomes a logged 500 with the request id.
 */
export async function serveApiAs(
  event: ApiEvent,
  db: Kysely<DB>,
  handle: (user: SessionUser, locale: Locale) => Promise<Response>,
): Promise<Response> {
  const requestId = event.locals.requestId;
  let locale = localeOf(event.request, null);
  try {
    const token = bearerTokenOf(event.request.headers.get('authorization'));
    if (!token) {
      return apiError(locale, 401, 'api.error.unauthorized', { headers: { 'www-authenticate': REALM } });
    }
    const user = await authenticateApiToken(db, token);
    if (!user) {
      return apiError(locale, 401, 'api.error.invalidToken', {
        headers: { 'www-authenticate': `${REALM}, error="invalid_token"` },
      });
    }
    locale = localeOf(event.request, user);
    return await handle(user, locale);
  } catch (e) {
    log('error', 'api request failed', {
      requestId,
      path: event.url.pathname,
      error: e instanceof Error ? (e.stack ?? e.message) : String(e),
    });
    return apiError(locale, 500, 'api.error.internal', { requestId });
  }
}
