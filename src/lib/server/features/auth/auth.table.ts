export interface AppUserTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  locale: string;
  person_id: string | null;
  disabled: number;
  created_at: string;
  last_login_at: string | null;
}

export interface MembershipTable {
  user_id: string;
  institution_id: string;
  role: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface LoginAttemptTable {
  id: string;
  key_hash: string;
  at: string;
}

export interface AuthTables {
  app_user: AppUserTable;
  membership: MembershipTable;
  session: SessionTable;
  login_attempt: LoginAttemptTable;
}
