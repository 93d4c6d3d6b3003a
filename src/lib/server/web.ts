import { error, redirect } from '@sveltejs/kit';
import type { SessionUser } from './features/auth';

/** Cookie holding the language chosen with the switch. */
export const LOCALE_COOKIE = 'trj_locale';

/** The signed-in user, or a redirect to the login page (back to where they were going). */
export function requireUser(locals: App.Locals, url: URL): SessionUser {
  if (!locals.user) {
    const next = url.pathname + url.search;
    redirect(303, `/login?next=${encodeURIComponent(next)}`);
  }
  return locals.user;
}

/** Refuses with 403 unless the predicate holds; the page shows a translated message. */
export function requireThat(allowed: boolean): void {
  if (!allowed) error(403, 'errors.forbidden');
}

/** Same answer for "does not exist" and "not yours" (no existence leak). */
export function notFound(): never {
  error(404, 'errors.notFound');
}
