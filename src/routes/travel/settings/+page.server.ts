import { fail, redirect } from '@sveltejs/kit';
import {
  CARBON_METHODS,
  canManageTravelSettings,
  findTravelRecompute,
  getTravelSettingsView,
  hoursAndMinutes,
  isMethodKey,
  METHOD_KEYS,
  minutesFromForm,
  updateTravelSettings,
} from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

function requireAdmin(locals: App.Locals, url: URL) {
  const user = requireUser(locals, url);
  requireThat(canManageTravelSettings(user));
  return user;
}

/** Every shipped method with its current factor set version, for the select and the changelog's names. */
function methodChoices() {
  return METHOD_KEYS.map((key) => ({ key, name: CARBON_METHODS[key].name, version: CARBON_METHODS[key].version }));
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireAdmin(locals, url);
  const db = getDatabase().db;
  const settings = await getTravelSettingsView(db, user.institutionId);
  const runId = url.searchParams.get('run');
  const run = runId ? await findTravelRecompute(db, user, runId) : undefined;
  const justify = hoursAndMinutes(Math.round(settings.trainFirstRule.justifyUnderHours * 60));
  const flag = hoursAndMinutes(Math.round(settings.trainFirstRule.flagUnderHours * 60));
  return {
    settings,
    form: {
      justifyHours: String(justify.hours),
      justifyMinutes: String(justify.minutes),
      flagHours: String(flag.hours),
      flagMinutes: String(flag.minutes),
    },
    methods: methodChoices(),
    saved: url.searchParams.get('saved'),
    run: run ?? null,
  };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireAdmin(locals, url);
    const form = await request.formData();
    const text = (name: string) => String(form.get(name) ?? '');
    const values = {
      methodKey: text('methodKey'),
      contrails: form.get('contrails') === 'on',
      justifyHours: text('justifyHours'),
      justifyMinutes: text('justifyMinutes'),
      flagHours: text('flagHours'),
      flagMinutes: text('flagMinutes'),
      nameTravellers: form.get('nameTravellers') === 'on',
    };
    const justifyUnderMinutes = minutesFromForm(values.justifyHours, values.justifyMinutes);
    const flagUnderMinutes = minutesFromForm(values.flagHours, values.flagMinutes);
    if (!isMethodKey(values.methodKey) || justifyUnderMinutes === undefined || flagUnderMinutes === undefined) {
      return fail(400, { error: 'travel.settings.error.invalid', values });
    }
    const result = await updateTravelSettings(getDatabase().db, user, {
      methodKey: values.methodKey,
      contrails: values.contrails,
      justifyUnderMinutes,
      flagUnderMinutes,
      nameTravellers: values.nameTravellers,
    });
    if (!result.ok) {
      requireThat(result.error.code !== 'travel.settings.error.forbidden');
      return fail(400, { error: result.error.code, values });
    }
    const { changed, recompute } = result.value;
    const run = recompute ? `&run=${encodeURIComponent(recompute.id)}#run-${recompute.id}` : '';
    redirect(303, `/travel/settings?saved=${changed ? 'changed' : 'same'}${run}`);
  },
};
