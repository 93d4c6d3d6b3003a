import type { LayoutServerLoad } from './$types';

// Every page is rendered on the server and works without JavaScript: no client bundle is shipped.
export const csr = false;

export const load: LayoutServerLoad = ({ locals, url }) => ({
  locale: locals.locale,
  user: locals.user ? { displayName: locals.user.displayName, role: locals.user.role } : null,
  path: url.pathname,
  returnTo: url.pathname + url.search,
});
