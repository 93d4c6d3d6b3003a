import { requireUser } from '$lib/server/web';
import rules from '../../../../../docs/progress-rules.md?raw';
import type { RequestHandler } from './$types';

/** The full progress rules (docs/progress-rules.md, bundled at build time), for every signed-in user. */
export const GET: RequestHandler = ({ locals, url }) => {
  requireUser(locals, url);
  return new Response(rules, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
