import { canExportContacts, PARTNERS_EXPORT_FORMATS } from '$lib/server/features/partners';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  const user = requireUser(locals, url);
  return { formats: [...PARTNERS_EXPORT_FORMATS], withContacts: canExportContacts(user) };
};
