import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getConfig } from '$lib/server/config';
import {
  addEvidence,
  canEditLabel,
  getAssessmentView,
  getEvidenceOptions,
  LABEL_LEVELS,
  MAX_JUSTIFICATION_LENGTH,
  MAX_LINK_TEXT_LENGTH,
  MAX_URL_LENGTH,
  removeEvidence,
  roundMean,
  saveAssessmentItem,
  submitAssessment,
} from '$lib/server/features/label';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

const yearSchema = z.coerce.number().int().min(2000).max(2100);
const MIB = 1024 * 1024;
const FORM_OVERHEAD_BYTES = 64 * 1024;

function yearOf(param: string): number {
  const parsed = yearSchema.safeParse(param);
  if (!parsed.success) notFound();
  return parsed.data;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const year = yearOf(params.year);
  const db = getDatabase().db;
  const view = await getAssessmentView(db, user, year);
  if (!view) notFound();
  const axisCode = url.searchParams.get('axis');
  const axis = view.axes.find((a) => a.code === axisCode) ?? view.axes[0];
  const editable = canEditLabel(user) && view.status === 'draft';
  return {
    year,
    status: view.status,
    copiedFromYear: view.copiedFromYear,
    editable,
    canEdit: canEditLabel(user),
    axes: view.axes.map((a) => ({ code: a.code, title: data(a, locals.locale) })),
    axis: {
      code: axis.code,
      title: data(axis, locals.locale),
      level: axis.score.level,
      mean: axis.score.mean === null ? null : roundMean(axis.score.mean),
      assessed: axis.score.assessed,
      total: axis.score.criteria,
      criteria: axis.criteria.map((c) => ({ ...c, title: data(c, locals.locale) })),
    },
    levels: LABEL_LEVELS,
    options: editable ? await getEvidenceOptions(db, user) : { actions: [], indicators: [] },
    limits: { justification: MAX_JUSTIFICATION_LENGTH, url: MAX_URL_LENGTH, linkText: MAX_LINK_TEXT_LENGTH },
    maxMb: getConfig().UPLOAD_MAX_MB,
    done: url.searchParams.get('done'),
  };
};

function data(x: { titleFr: string; titleEn: string }, locale: string): string {
  return locale === 'en' && x.titleEn.trim() !== '' ? x.titleEn : x.titleFr;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '');
const back = (year: number, axis: string, done: string, anchor: string) =>
  `/label/${year}?axis=${encodeURIComponent(axis)}&done=${done}#${anchor}`;

type Failure = { ok: false; error: { code: string; params?: Record<string, string | number> } };
function refusal(result: Failure, criterionId: string, values: Record<string, string> = {}) {
  requireThat(result.error.code !== 'label.error.forbidden');
  return fail(422, { error: result.error.code, params: result.error.params ?? {}, criterionId, values });
}

export const actions: Actions = {
  save: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditLabel(user));
    const year = yearOf(params.year);
    const form = await request.formData();
    const criterionId = text(form, 'criterionId');
    const rawLevel = text(form, 'level');
    const level = rawLevel === '' || rawLevel === 'none' ? null : Number(rawLevel);
    const result = await saveAssessmentItem(getDatabase().db, user, year, {
      criterionId,
      level,
      justification: text(form, 'justification'),
    });
    if (!result.ok)
      return refusal(result, criterionId, { level: rawLevel, justification: text(form, 'justification') });
    redirect(303, back(year, text(form, 'axis'), 'saved', `criterion-${criterionId}`));
  },

  addEvidence: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditLabel(user));
    const year = yearOf(params.year);
    const maxMb = getConfig().UPLOAD_MAX_MB;
    if (Number(request.headers.get('content-length') ?? 0) > maxMb * MIB + FORM_OVERHEAD_BYTES) {
      return fail(413, { error: 'indicators.evidence.tooLarge', params: { maxMb }, criterionId: '', values: {} });
    }
    const form = await request.formData();
    const criterionId = text(form, 'criterionId');
    const kind = text(form, 'kind');
    const file = form.get('file');
    const input =
      kind === 'action'
        ? { kind, criterionId, actionId: text(form, 'actionId') }
        : kind === 'indicator'
          ? { kind, criterionId, indicatorId: text(form, 'indicatorId') }
          : kind === 'file'
            ? {
                kind,
                criterionId,
                filename: file instanceof File ? file.name : '',
                bytes: file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(),
              }
            : { kind: 'url' as const, criterionId, url: text(form, 'url'), text: text(form, 'text') };
    const result = await addEvidence(getDatabase().db, user, year, input as Parameters<typeof addEvidence>[3], {
      maxMb,
    });
    if (!result.ok) return refusal(result, criterionId, { url: text(form, 'url'), text: text(form, 'text') });
    redirect(303, back(year, text(form, 'axis'), 'evidenceAdded', `criterion-${criterionId}`));
  },

  removeEvidence: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditLabel(user));
    const year = yearOf(params.year);
    const form = await request.formData();
    const result = await removeEvidence(getDatabase().db, user, year, text(form, 'evidenceId'));
    if (!result.ok) return refusal(result, text(form, 'criterionId'));
    redirect(303, back(year, text(form, 'axis'), 'evidenceRemoved', `criterion-${text(form, 'criterionId')}`));
  },

  submit: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    requireThat(canEditLabel(user));
    const year = yearOf(params.year);
    const result = await submitAssessment(getDatabase().db, user, year);
    if (!result.ok) return refusal(result, '');
    redirect(303, `/label/${year}?done=submitted`);
  },
};
