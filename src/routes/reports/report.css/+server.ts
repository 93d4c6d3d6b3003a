import { REPORT_CSS } from '$lib/server/features/reports';
import type { RequestHandler } from './$types';

/** The report's stylesheet as a file, so the embedded preview needs no inline style under the CSP. */
export const GET: RequestHandler = () =>
  new Response(REPORT_CSS, {
    headers: {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
    },
  });
