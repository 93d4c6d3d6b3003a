import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { setUserLocale } from '$lib/server/features/auth';
import { getDatabase } from '$lib/server/runtime';
import { LOCALE_COOKIE } from '$lib/server/web';
import type { RequestHandler } from './$types';

/** The language switch: a plain form post, so it works without JavaScript. */
export const POST: RequestHandler = async ({ request, cookies, locals, url }) => {
  const form = await request.formData();
  const locale = form.get('locale');
  const returnTo = String(form.get('returnTo') ?? '/');
  if (isLocale(locale)) {
    cookies.set(LOCALE_COOKIE, locale, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: url.protocol === 'https:',
      maxAge: 31_536_000,
    });
    if (locals.user) await setUserLocale(getDatabase().db, locals.user.id, locale);
  }
  // Only local paths: never an open redirect.
  redirect(303, returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/');
};
