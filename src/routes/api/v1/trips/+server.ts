import { answerTripPost, serveApiAs } from '$lib/server/features/api';
import { getDatabase } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * JSON only: SvelteKit's origin check covers form content types, and the
 * bearer token (never the session cookie) is what authenticates, so a page of
 * another site cannot post here as the user.
 */
export const POST: RequestHandler = (event) =>
  serveApiAs(event, getDatabase().db, (user, locale) => answerTripPost(event.request, getDatabase().db, user, locale));
