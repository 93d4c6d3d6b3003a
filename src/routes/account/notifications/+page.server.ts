import { fail, redirect } from '@sveltejs/kit';
import {
  getNotificationSettingsPage,
  preferencesFormSchema,
  updatePreferences,
} from '$lib/server/features/notifications';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const page = await getNotificationSettingsPage(getDatabase().db, user);
  return { page, email: user.email, saved: url.searchParams.get('saved') === '1' };
};

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const parsed = preferencesFormSchema.safeParse({
      reminders: form.get('reminders') ?? undefined,
      weeklyDigest: form.get('weeklyDigest') ?? undefined,
    });
    if (!parsed.success) return fail(400, { error: 'notifications.prefs.invalid' });
    await updatePreferences(getDatabase().db, user, parsed.data);
    redirect(303, '/account/notifications?saved=1');
  },
};
