import { fail, redirect } from '@sveltejs/kit';
import { listAuditForEntity } from '$lib/server/features/audit';
import { canEditReferenceData } from '$lib/server/features/auth';
import {
  getProgressSettings,
  NO_DATA_MAX_SHARE,
  progressSettingsSchema,
  updateProgressSettings,
} from '$lib/server/features/progress';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

function requireOfficer(locals: App.Locals, url: URL) {
  const user = requireUser(locals, url);
  requireThat(canEditReferenceData(user));
  return user;
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireOfficer(locals, url);
  const db = getDatabase().db;
  const [settings, history] = await Promise.all([
    getProgressSettings(db, user.institutionId),
    listAuditForEntity(db, 'progress_setting', user.institutionId),
  ]);
  return {
    settings,
    noDataMaxSharePercent: NO_DATA_MAX_SHARE * 100,
    history: history.filter((h) => h.field !== null),
    saved: url.searchParams.get('saved') === '1',
  };
};

/** Percent with a French or English decimal separator -> thousandths; NaN when it is not a number. */
function thousandthsOf(raw: FormDataEntryValue | null): number {
  const text = String(raw ?? '')
    .trim()
    .replace(/\s/g, '')
    .replace(',', '.');
  if (text === '') return Number.NaN;
  return Math.round(Number(text) * 10);
}

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireOfficer(locals, url);
    const form = await request.formData();
    const values = {
      onTrackMin: String(form.get('onTrackMin') ?? ''),
      atRiskMin: String(form.get('atRiskMin') ?? ''),
      graceDays: String(form.get('graceDays') ?? ''),
    };
    const parsed = progressSettingsSchema.safeParse({
      onTrackMinMilli: thousandthsOf(values.onTrackMin),
      atRiskMinMilli: thousandthsOf(values.atRiskMin),
      graceDays: values.graceDays.trim() === '' ? Number.NaN : Number(values.graceDays.trim()),
    });
    if (!parsed.success) {
      const order = parsed.error.issues.some((i) => i.message === 'progress.settings.error.order');
      return fail(400, { error: order ? 'progress.settings.error.order' : 'progress.settings.error.invalid', values });
    }
    const result = await updateProgressSettings(getDatabase().db, user, parsed.data);
    if (!result.ok) {
      requireThat(result.error.code !== 'progress.settings.forbidden');
      return fail(400, { error: result.error.code, values });
    }
    redirect(303, '/admin/progress?saved=1');
  },
};
