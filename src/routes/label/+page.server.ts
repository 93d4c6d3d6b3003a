import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import {
  assessmentYearChoices,
  canEditLabel,
  distanceToLevel,
  getLabelOverview,
  LABEL_LEVELS,
  labelRadarSvg,
  roundMean,
  startAssessment,
} from '$lib/server/features/label';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

const currentYear = () => new Date().getUTCFullYear();
const querySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  target: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
});

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const query = querySchema.parse({
    year: url.searchParams.get('year') ?? undefined,
    target: url.searchParams.get('target') ?? undefined,
  });
  const overview = await getLabelOverview(getDatabase().db, user, { year: query.year, currentYear: currentYear() });
  const current = overview.current;
  const radar = current ? labelRadarSvg(overview.radar, locals.locale) : null;
  const taken = new Set(overview.years.map((y) => y.year));
  return {
    canEdit: overview.canEdit,
    canReadDetail: overview.canReadDetail,
    hasCriteria: overview.hasCriteria,
    years: overview.years,
    target: query.target ?? null,
    levels: LABEL_LEVELS,
    current: current && {
      year: current.year,
      status: current.status,
      copiedFromYear: current.copiedFromYear,
      globalLevel: current.score.globalLevel,
      globalMean: current.score.globalMean === null ? null : roundMean(current.score.globalMean),
      axesAssessed: current.score.axesAssessed,
      gapsCount: current.score.gaps.length,
      axes: current.axes.map((a) => ({
        code: a.code,
        title: locals.locale === 'en' ? a.titleEn : a.titleFr,
        criteria: a.score.criteria,
        assessed: a.score.assessed,
        mean: a.score.mean === null ? null : roundMean(a.score.mean),
        level: a.score.level,
        distance: query.target ? roundMean(distanceToLevel(a.score.mean, query.target) ?? 0) : null,
        gaps: a.criteria
          .filter((c) => c.level === null)
          .map((c) => ({ id: c.criterionId, code: c.code, title: locals.locale === 'en' ? c.titleEn : c.titleFr })),
      })),
    },
    radar,
    startYears: overview.canEdit ? assessmentYearChoices(currentYear()).filter((y) => !taken.has(y)) : [],
    suggestedYear: currentYear(),
    done: url.searchParams.get('done'),
  };
};

export const actions: Actions = {
  start: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditLabel(user));
    const form = await request.formData();
    const year = Number(form.get('year'));
    const result = await startAssessment(getDatabase().db, user, {
      year,
      copyPrevious: form.get('copy') === 'on',
      currentYear: currentYear(),
    });
    if (!result.ok) {
      requireThat(result.error.code !== 'label.error.forbidden');
      return fail(422, { error: result.error.code, year: String(form.get('year') ?? '') });
    }
    redirect(303, `/label/${year}?done=started`);
  },
};
