import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getConfig } from '$lib/server/config';
import { logIn, SESSION_COOKIE } from '$lib/server/features/auth';
import { getDatabase } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

const loginSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
  next: z.string().max(2000).optional(),
});

function safeNext(next: string | undefined | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/plans';
}

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
  return { next: url.searchParams.get('next') ?? '' };
};

export const actions: Actions = {
  default: async ({ request, cookies, getClientAddress, url }) => {
    const parsed = loginSchema.safeParse(Object.fromEntries(await request.formData()));
    if (!parsed.success) return fail(400, { error: 'auth.login.invalid', email: '' });
    const config = getConfig();
    let clientAddress = 'unknown';
    try {
      clientAddress = getClientAddress();
    } catch {
      // Behind a proxy that did not send the configured address header: the per-account limit still applies.
    }
    const result = await logIn(
      getDatabase().db,
      { email: parsed.data.email, password: parsed.data.password, clientAddress },
      {
        maxAttempts: config.LOGIN_MAX_ATTEMPTS,
        windowMinutes: config.LOGIN_WINDOW_MINUTES,
        sessionHours: config.SESSION_HOURS,
      },
    );
    if (!result.ok) {
      return fail(result.error.code === 'auth.login.rateLimited' ? 429 : 400, {
        error: result.error.code,
        email: parsed.data.email,
      });
    }
    cookies.set(SESSION_COOKIE, result.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: url.protocol === 'https:',
      expires: result.expiresAt,
    });
    redirect(303, safeNext(parsed.data.next));
  },
};
