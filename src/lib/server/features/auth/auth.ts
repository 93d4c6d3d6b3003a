/** Roles and what each may do. Pure rules: every route asks these, on the server. */

export const ROLES = ['admin', 'committee', 'pilot', 'contributor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  personId: string | null;
  institutionId: string;
  role: Role;
}

/** Who pilots an action, as stored: people directly, or teams whose members are people. */
export interface ActionPilotRef {
  personId: string | null;
  teamId: string | null;
}

export function canManageUsers(user: SessionUser): boolean {
  return user.role === 'admin';
}

export function canImportPlan(user: SessionUser): boolean {
  return user.role === 'admin';
}

export function canEditReferenceData(user: SessionUser): boolean {
  return user.role === 'admin';
}

/** Resolving an uncertain SDG alignment changes the plan: the officer's call. */
export function canReviewSdgAlignment(user: SessionUser): boolean {
  return user.role === 'admin';
}

/**
 * The officer edits every action; a pilot edits only the actions they pilot,
 * alone or through one of their teams. Committee members, contributors and
 * viewers read.
 */
export function canEditAction(
  user: SessionUser,
  pilots: readonly ActionPilotRef[],
  userTeamIds: readonly string[],
): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'pilot' || !user.personId) return false;
  return pilots.some(
    (p) =>
      (p.personId !== null && p.personId === user.personId) || (p.teamId !== null && userTeamIds.includes(p.teamId)),
  );
}
