import { error } from '@sveltejs/kit';
import { DEFAULT_TRAIN_FIRST_RULE, getTravelSettings, listTrainFirstFlags } from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { requireThat, requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  requireThat(user.role === 'admin');
  const db = getDatabase().db;
  const flags = await listTrainFirstFlags(db, user);
  if (!flags.ok) error(403, 'errors.forbidden');
  // The institution's thresholds (travel settings); the default ones cite the instruction they come from.
  const rule = (await getTravelSettings(db, user.institutionId)).trainFirstRule;
  const isDefault =
    rule.justifyUnderHours === DEFAULT_TRAIN_FIRST_RULE.justifyUnderHours &&
    rule.flagUnderHours === DEFAULT_TRAIN_FIRST_RULE.flagUnderHours;
  return { flags: flags.value, rule: { ...rule }, isDefaultRule: isDefault };
};
