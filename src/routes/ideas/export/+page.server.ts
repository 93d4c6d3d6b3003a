import { canManageIdeas, IDEAS_EXPORT_FORMATS } from '$lib/server/features/ideas';
import { requireThat, requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(canManageIdeas(user));
  return { formats: IDEAS_EXPORT_FORMATS };
};
