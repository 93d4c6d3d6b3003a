import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { isLocale, negotiateLocale } from '$lib/i18n';
import { getConfig } from '$lib/server/config';
import { findUserBySessionToken, SESSION_COOKIE } from '$lib/server/features/auth';
import { startBackgroundJobs } from '$lib/server/features/notifications';
import { log } from '$lib/server/log';
import { getDatabase, prepareServer } from '$lib/server/runtime';
import { LOCALE_COOKIE } from '$lib/server/web';

export const init: ServerInit = async () => {
  const port = process.env.PORT ?? '3000';
  await prepareServer(process.env.ORIGIN ?? `http://localhost:${port}`);
  const stopJobs = startBackgroundJobs(getDatabase().db);
  process.once('sveltekit:shutdown', () => void stopJobs());
};

export const handle: Handle = async ({ event, resolve }) => {
  getConfig();
  event.locals.requestId = event.request.headers.get('x-request-id')?.slice(0, 64) || randomUUID();
  const token = event.cookies.get(SESSION_COOKIE);
  event.locals.user = token ? await findUserBySessionToken(getDatabase().db, token) : null;

  const cookieLocale = event.cookies.get(LOCALE_COOKIE);
  event.locals.locale = isLocale(cookieLocale)
    ? cookieLocale
    : isLocale(event.locals.user?.locale)
      ? event.locals.user.locale
      : negotiateLocale(event.request.headers.get('accept-language'));

  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale),
  });
  response.headers.set('x-request-id', event.locals.requestId);
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'same-origin');
  response.headers.set('x-frame-options', 'DENY');
  response.headers.set('cross-origin-opener-policy', 'same-origin');
  response.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
  if (event.url.protocol === 'https:') {
    response.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
  }
  if (event.locals.user && !response.headers.has('cache-control')) {
    response.headers.set('cache-control', 'private, no-store');
  }
  return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
  const requestId = event.locals.requestId ?? randomUUID();
  if (status >= 500) {
    log('error', 'unhandled error', {
      requestId,
      path: event.url.pathname,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
  return { message: status === 404 ? 'errors.notFound' : 'errors.internal', requestId };
};
