import { fail, redirect } from '@sveltejs/kit';
import { createApiToken, listApiTokens, revokeApiToken, tokenNameSchema } from '$lib/server/features/api';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  return {
    tokens: await listApiTokens(getDatabase().db, user),
    saved: url.searchParams.get('saved'),
    origin: url.origin,
  };
};

export const actions: Actions = {
  /**
   * No redirect after creating: the token is in this one response and nowhere
   * else (only its hash is stored); the page is never cached (hooks.server.ts).
   */
  create: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const name = String(form.get('name') ?? '');
    const parsed = tokenNameSchema.safeParse(name);
    if (!parsed.success) return fail(400, { error: parsed.error.issues[0]?.message ?? 'api.token.nameRequired', name });
    const result = await createApiToken(getDatabase().db, user, parsed.data);
    if (!result.ok) return fail(400, { error: result.error.code, name });
    return { created: { name: result.value.name, token: result.value.token } };
  },
  revoke: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const result = await revokeApiToken(getDatabase().db, user, String(form.get('tokenId') ?? ''));
    if (!result.ok) notFound();
    redirect(303, '/account/tokens?saved=revoked');
  },
};
