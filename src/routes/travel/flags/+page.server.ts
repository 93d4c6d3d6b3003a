import { error } from '@sveltejs/kit';
import { DEFAULT_TRAIN_FIRST_RULE, listTrainFirstFlags } from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(user.role === 'admin');
  const flags = await listTrainFirstFlags(getDatabase().db, user);
  if (!flags.ok) error(403, 'errors.forbidden');
  return { flags: flags.value, rule: { ...DEFAULT_TRAIN_FIRST_RULE } };
};
