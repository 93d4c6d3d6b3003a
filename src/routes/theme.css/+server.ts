import { SDG_CATALOGUE, textColourOn } from '$lib/server/features/sdg';
import type { RequestHandler } from './$types';

// SDG colours come from data/sdg.json (UN guidelines); classes, not inline styles, so the CSP needs no 'unsafe-inline'.
const css = SDG_CATALOGUE.goals
  .map((g) => `.sdg-${g.number}{background-color:${g.colour};color:${textColourOn(g.colour)}}`)
  .join('\n');

export const GET: RequestHandler = () =>
  new Response(css, {
    headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' },
  });
