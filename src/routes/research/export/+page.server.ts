import { RESEARCH_EXPORT_FORMATS, RESEARCH_EXPORT_KINDS } from '$lib/server/features/research';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  requireUser(locals, url);
  return { kinds: [...RESEARCH_EXPORT_KINDS], formats: [...RESEARCH_EXPORT_FORMATS] };
};
