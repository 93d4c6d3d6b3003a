import { fail, redirect } from '@sveltejs/kit';
import {
  canEditPartners,
  editPartner,
  getPartnerPage,
  PARTNER_KINDS,
  PARTNER_ROLES,
} from '$lib/server/features/partners';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import { readPartnerForm } from '../../partner-form';
import type { Actions, PageServerLoad } from './$types';

const today = () => new Date().toISOString().slice(0, 10);

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  requireThat(canEditPartners(user));
  const page = await getPartnerPage(getDatabase().db, user, params.id, today());
  if (!page) notFound();
  return { partner: page.partner, choices: { kinds: PARTNER_KINDS, roles: PARTNER_ROLES } };
};

export const actions: Actions = {
  default: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditPartners(user));
    const form = await request.formData();
    const { values, input } = readPartnerForm(form);
    const version = Number(form.get('version') ?? Number.NaN);
    const result = await editPartner(getDatabase().db, user, params.id, version, input);
    if (!result.ok) {
      if (result.error.code === 'partners.error.notFound') notFound();
      requireThat(result.error.code !== 'partners.error.forbidden');
      return fail(422, { error: result.error.code, values });
    }
    redirect(303, `/partners/${params.id}?saved=updated`);
  },
};
