import { json } from '@sveltejs/kit';
import { estimateTripToDeclare } from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { parseTripForm, readTripForm } from '../trip-form';
import { previewLines } from '../trip-result';
import type { RequestHandler } from './$types';

/**
 * The live preview of the footprint form: the same form data as the page's
 * actions (a same-origin form post, so SvelteKit's Origin check applies),
 * answered with a few sentences in the reader's language. Nothing is stored.
 */
export const POST: RequestHandler = async ({ locals, request }) => {
  // Same rule as the page: any signed-in person may estimate their trips.
  if (!locals.user) return json({ lines: [] }, { status: 401 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return json({ lines: [] }, { status: 400 });
  }
  const parsed = parseTripForm(readTripForm(form));
  if (!parsed.ok) return json({ lines: previewLines(locals.locale, undefined) });
  const estimate = await estimateTripToDeclare(getDatabase().db, locals.user, parsed.input, {
    language: locals.locale,
  });
  return json({ lines: previewLines(locals.locale, parsed.input, estimate) });
};
