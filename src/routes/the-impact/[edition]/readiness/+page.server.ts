import { getEditionReadiness } from '$lib/server/features/the-impact';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireUser } from '$lib/server/web';
import { editionOf } from '../../edition';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const found = await getEditionReadiness(getDatabase().db, user, editionOf(params.edition), locals.locale);
  if (!found) notFound();
  const { view, readiness } = found;
  return {
    edition: view.edition,
    window: readiness.window,
    issueCount: readiness.issueCount,
    sdgs: readiness.sdgs.map((s) => {
      const sdgView = view.sdgs.find((v) => v.number === s.sdg);
      return {
        ...s,
        title: sdgView?.title ?? String(s.sdg),
        metrics: s.metrics
          .filter((m) => m.kind !== 'research')
          .map((m) => ({
            ...m,
            title: sdgView?.metrics.find((x) => x.code === m.code)?.title ?? m.code,
          })),
      };
    }),
  };
};
