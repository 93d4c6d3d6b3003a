import { redirect } from '@sveltejs/kit';
import { logOut, SESSION_COOKIE } from '$lib/server/features/auth';
import { getDatabase } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ cookies }) => {
  const token = cookies.get(SESSION_COOKIE);
  if (token) await logOut(getDatabase().db, token);
  cookies.delete(SESSION_COOKIE, { path: '/' });
  redirect(303, '/login');
};
