import { canManageUsers } from '$lib/server/features/auth';
import { getMyWork } from '$lib/server/features/my-work';
import { getDatabase } from '$lib/server/runtime';
import { requireUser } from '$lib/server/web';
import type { PageServerLoad } from './$types';

/** The signed-in user's own work; every role may open it (an account without a person sees why it is empty). */
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  return {
    work: await getMyWork(getDatabase().db, user),
    // Linking an account to a person is done on the users page, by those who manage users.
    canLinkAccounts: canManageUsers(user),
  };
};
