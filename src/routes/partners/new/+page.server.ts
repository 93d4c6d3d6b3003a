import { fail, redirect } from '@sveltejs/kit';
import { canEditPartners, createPartner, PARTNER_KINDS, PARTNER_ROLES } from '$lib/server/features/partners';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import { readPartnerForm } from '../partner-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canEditPartners(user));
  return { choices: { kinds: PARTNER_KINDS, roles: PARTNER_ROLES } };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditPartners(user));
    const { values, input } = readPartnerForm(await request.formData());
    const result = await createPartner(getDatabase().db, user, input);
    if (!result.ok) {
      requireThat(result.error.code !== 'partners.error.forbidden');
      return fail(422, { error: result.error.code, values });
    }
    redirect(303, `/partners/${result.value.id}?saved=created`);
  },
};
