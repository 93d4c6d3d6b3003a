import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

/** What the institution publishes and submits, in the order of the year's work. */
const SECTIONS = [
  { key: 'reports', href: '/reports', adminOnly: false },
  { key: 'label', href: '/label', adminOnly: false },
  { key: 'theImpact', href: '/the-impact', adminOnly: false },
  { key: 'portal', href: '/portal-settings', adminOnly: true },
] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  return { sections: SECTIONS.filter((s) => !s.adminOnly || user.role === 'admin') };
};
