/** Accounts, roles, sessions, rate-limited login. */
export {
  type ActionPilotRef,
  canEditAction,
  canEditReferenceData,
  canImportPlan,
  canManageUsers,
  canReviewSdgAlignment,
  isRole,
  ROLES,
  type Role,
  type SessionUser,
} from './auth';
export {
  countAdmins,
  createUser,
  findSessionUserById,
  findUserBySessionToken,
  type LoginLimits,
  listTeamIdsOfPerson,
  listUsers,
  logIn,
  logOut,
  SESSION_COOKIE,
  setUserLocale,
  type UserRow,
} from './auth.service';
export { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password';
export {
  addUser,
  type NewUserInput,
  newUserSchema,
  type UserAdminError,
  type UserAdminResult,
  type UserUpdateInput,
  updateUser,
  userUpdateSchema,
} from './users.service';
