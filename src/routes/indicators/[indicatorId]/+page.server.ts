import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getConfig } from '$lib/server/config';
import {
  getIndicatorPage,
  recordValue,
  returnValue,
  submitValue,
  type ValueResult,
  validateValue,
} from '$lib/server/features/indicators';
import { explanationTexts, getIndicatorProgress } from '$lib/server/features/progress';
import { log } from '$lib/server/log';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

const MIB = 1024 * 1024;
/** Room for the multipart envelope and the other fields around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
const DONE = ['recorded', 'unchanged', 'submitted', 'validated', 'returned'] as const;

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const { db } = getDatabase();
  const today = new Date().toISOString().slice(0, 10);
  const [page, progress] = await Promise.all([
    getIndicatorPage(db, user, params.indicatorId, today),
    getIndicatorProgress(db, user.institutionId, params.indicatorId, today),
  ]);
  if (!page || !progress) notFound();
  const i = progress.indicator;
  const asked = url.searchParams.get('period');
  const done = url.searchParams.get('done');
  return {
    page,
    // Where the indicator stands and why, computed by the progress rules (docs/progress-rules.md).
    standing: {
      status: i.status,
      progress: i.progress,
      explanation: explanationTexts(locals.locale, i.explanation),
      trend: i.trend && {
        category: i.trend.category,
        explanation: explanationTexts(locals.locale, i.trend.explanation),
      },
      due: i.due,
      overdue: i.overdue,
    },
    // A text indicator has nothing to plot.
    points:
      i.kind === 'text'
        ? []
        : progress.series.map((s) => ({ period: s.period, value: s.value, expected: s.expected, target: s.target })),
    allHistory: url.searchParams.get('history') === 'all',
    allValues: url.searchParams.get('values') === 'all',
    selectedPeriod: page.periodOptions.some((p) => p.label === asked) ? asked : null,
    done: (DONE as readonly string[]).includes(done ?? '') ? done : null,
    maxMb: getConfig().UPLOAD_MAX_MB,
  };
};

/** What the entry form sends back when it is refused, so that nothing typed is lost. */
type EntryValues = Partial<Record<'period' | 'value' | 'comment' | 'evidenceUrl' | 'changeReason', string>>;

const text = (form: FormData, key: string) => String(form.get(key) ?? '').trim();
const version = z.coerce.number().int().min(1);

/** "period:version" pairs written in the form: the versions the user saw, whichever period they pick. */
function seenVersion(form: FormData, period: string): number | null {
  for (const pair of form.getAll('known').map(String)) {
    const at = pair.lastIndexOf(':');
    if (pair.slice(0, at) === period) {
      const parsed = version.safeParse(pair.slice(at + 1));
      return parsed.success ? parsed.data : null;
    }
  }
  return null;
}

/** Not found and forbidden end the request; anything else goes back to the form with its message. */
function refusal(result: Exclude<ValueResult<unknown>, { ok: true }>, action: string, values: EntryValues) {
  if (result.error.code === 'indicators.value.notFound') notFound();
  requireThat(result.error.code !== 'indicators.value.forbidden');
  const status = result.error.code === 'indicators.value.stale' ? 409 : 400;
  return fail(status, { action, error: result.error.code, params: result.error.params ?? {}, values });
}

async function readForm(request: Request, locals: App.Locals) {
  try {
    return await request.formData();
  } catch (e) {
    log('warn', 'evidence form unreadable', { requestId: locals.requestId, error: String(e) });
    return undefined;
  }
}

export const actions: Actions = {
  record: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    const maxMb = getConfig().UPLOAD_MAX_MB;
    const tooLarge = () =>
      fail(400, {
        action: 'record',
        error: 'indicators.evidence.tooLarge',
        params: { maxMb },
        values: {} as EntryValues,
      });
    if (Number(request.headers.get('content-length') ?? 0) > maxMb * MIB + FORM_OVERHEAD_BYTES) return tooLarge();
    const form = await readForm(request, locals);
    if (!form) return tooLarge();
    const values = {
      period: text(form, 'period'),
      value: text(form, 'value'),
      comment: text(form, 'comment'),
      evidenceUrl: text(form, 'evidenceUrl'),
      changeReason: text(form, 'changeReason'),
    };
    const file = form.get('evidenceFile');
    const upload = file instanceof File && file.size > 0 ? file : null;
    if (upload && upload.size > maxMb * MIB) return tooLarge();
    const result = await recordValue(
      getDatabase().db,
      user,
      {
        indicatorId: params.indicatorId,
        ...values,
        evidenceFile: upload ? { filename: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) } : null,
        removeEvidence: form.get('removeEvidence') === 'on',
        expectedVersion: seenVersion(form, values.period),
      },
      { maxMb },
    );
    if (!result.ok) return refusal(result, 'record', values);
    const done = result.value.unchanged ? 'unchanged' : 'recorded';
    redirect(303, `/indicators/${params.indicatorId}?done=${done}#values`);
  },

  submit: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const ref = { indicatorId: params.indicatorId, period: text(form, 'period') };
    const seen = version.safeParse(form.get('version'));
    const result = await submitValue(getDatabase().db, user, { ...ref, expectedVersion: seen.data });
    if (!result.ok) return refusal(result, 'review', {});
    redirect(303, `/indicators/${params.indicatorId}?done=submitted#values`);
  },

  validate: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const seen = version.safeParse(form.get('version'));
    const result = await validateValue(getDatabase().db, user, {
      indicatorId: params.indicatorId,
      period: text(form, 'period'),
      expectedVersion: seen.data,
    });
    if (!result.ok) return refusal(result, 'review', {});
    redirect(303, `/indicators/${params.indicatorId}?done=validated#values`);
  },

  return: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const seen = version.safeParse(form.get('version'));
    const result = await returnValue(getDatabase().db, user, {
      indicatorId: params.indicatorId,
      period: text(form, 'period'),
      expectedVersion: seen.data,
      reason: text(form, 'reason'),
    });
    if (!result.ok) return refusal(result, 'review', { period: text(form, 'period') });
    redirect(303, `/indicators/${params.indicatorId}?done=returned#values`);
  },
};
