import { fail, redirect } from '@sveltejs/kit';
import { listAuditForEntity } from '$lib/server/features/audit';
import { canManagePortal, getPortalSettingsPage, updatePortalSettings } from '$lib/server/features/portal';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

function requireOfficer(locals: App.Locals, url: URL) {
  const user = requireUser(locals, url);
  requireThat(canManagePortal(user));
  return user;
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireOfficer(locals, url);
  const db = getDatabase().db;
  const page = await getPortalSettingsPage(db, user);
  if (!page) notFound();
  const history = await listAuditForEntity(db, 'portal_settings', user.institutionId);
  return {
    ...page,
    history: history.filter((h) => h.field !== null),
    saved: url.searchParams.get('saved') === '1',
  };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');
const checked = (form: FormData, name: string) => form.get(name) === 'on';

export const actions: Actions = {
  default: async ({ locals, url, request }) => {
    const user = requireOfficer(locals, url);
    const form = await request.formData();
    const input = {
      enabled: checked(form, 'enabled'),
      sections: {
        plan: checked(form, 'plan'),
        sdg: checked(form, 'sdg'),
        reports: checked(form, 'reports'),
        fund: checked(form, 'fund'),
        data: checked(form, 'data'),
      },
      licenceName: text(form, 'licenceName'),
      licenceUrl: text(form, 'licenceUrl'),
      purposeText: text(form, 'purposeText'),
      contactUrl: text(form, 'contactUrl'),
    };
    const result = await updatePortalSettings(getDatabase().db, user, input);
    if (!result.ok) {
      requireThat(result.error.code !== 'portal.error.forbidden');
      return fail(400, { error: result.error.code, values: input });
    }
    redirect(303, '/portal-settings?saved=1');
  },
};
