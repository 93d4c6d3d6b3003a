import { getPartnersListPage, PARTNER_KINDS, PARTNER_ROLES, partnerFilterSchema } from '$lib/server/features/partners';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

const today = () => new Date().toISOString().slice(0, 10);

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const filter = partnerFilterSchema.parse(Object.fromEntries(url.searchParams));
  const page = await getPartnersListPage(getDatabase().db, user, filter, today());
  return { ...page, filter, kinds: PARTNER_KINDS, roles: PARTNER_ROLES, saved: url.searchParams.get('saved') };
};
