/** What the awareness pages read: sessions with their counts, one session with its attendance, the form's choices. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import {
  canEditSession,
  canManageAwareness,
  canRecordSessions,
  canSeeParticipants,
  FACILITATOR_SKILL,
  SESSION_TYPE_KEYS,
} from './awareness';
import {
  countParticipationsBySession,
  findSession,
  listAnonymousCounts,
  listCustomTypes,
  listFacilitatorsBySession,
  listParticipants,
  listPeople,
  listPeopleWithSkill,
  listSessionRows,
  listSessionYears,
  type SessionFilters,
  type SessionRow,
} from './awareness.queries';

/** A session type: `name` null for a catalogue type (the page translates `awareness.type.<key>`). */
export interface SessionTypeOption {
  key: string;
  name: string | null;
}

export interface SessionSummary {
  id: string;
  typeKey: string;
  typeName: string | null;
  title: string;
  startDate: string;
  endDate: string | null;
  academicYear: string;
  online: boolean;
  place: string | null;
  audienceNote: string | null;
  facilitators: { id: string; name: string }[];
  unnamedFacilitators: number;
  named: number;
  anonymous: number;
  participations: number;
  recordedBy: string | null;
}

export async function listSessionTypes(db: Kysely<DB>, institutionId: string): Promise<SessionTypeOption[]> {
  const custom = await listCustomTypes(db, institutionId);
  return [
    ...SESSION_TYPE_KEYS.map((key) => ({ key, name: null })),
    ...custom.map((c) => ({ key: c.key, name: c.name })),
  ];
}

async function summariesOf(db: Kysely<DB>, rows: SessionRow[], types: SessionTypeOption[]): Promise<SessionSummary[]> {
  const ids = rows.map((r) => r.id);
  const [counts, facilitators] = await Promise.all([
    countParticipationsBySession(db, ids),
    listFacilitatorsBySession(db, ids),
  ]);
  const names = new Map(types.map((t) => [t.key, t.name]));
  return rows.map((r) => {
    const c = counts.get(r.id) ?? { named: 0, anonymous: 0 };
    return {
      id: r.id,
      typeKey: r.type_key,
      typeName: names.get(r.type_key) ?? null,
      title: r.title,
      startDate: r.start_date,
      endDate: r.end_date,
      academicYear: r.academic_year,
      online: r.online === 1,
      place: r.place,
      audienceNote: r.audience_note,
      facilitators: facilitators.get(r.id) ?? [],
      unnamedFacilitators: r.unnamed_facilitators,
      named: c.named,
      anonymous: c.anonymous,
      participations: c.named + c.anonymous,
      recordedBy: r.recorded_by,
    };
  });
}

export interface SessionsListPage {
  canRecord: boolean;
  canManage: boolean;
  sessions: SessionSummary[];
  totals: { sessions: number; participations: number; named: number; anonymous: number };
  years: string[];
  types: SessionTypeOption[];
}

/** Every signed-in user reads the sessions and their counts (no names). */
export async function getSessionsList(
  db: Kysely<DB>,
  user: SessionUser,
  filters: SessionFilters,
): Promise<SessionsListPage> {
  const types = await listSessionTypes(db, user.institutionId);
  const rows = await listSessionRows(db, user.institutionId, filters);
  const sessions = await summariesOf(db, rows, types);
  const named = sessions.reduce((s, x) => s + x.named, 0);
  const anonymous = sessions.reduce((s, x) => s + x.anonymous, 0);
  return {
    canRecord: canRecordSessions(user),
    canManage: canManageAwareness(user),
    sessions,
    totals: { sessions: sessions.length, participations: named + anonymous, named, anonymous },
    years: await listSessionYears(db, user.institutionId),
    types,
  };
}

export interface SessionForm {
  types: SessionTypeOption[];
  facilitators: { id: string; name: string; sessions: number }[];
}

/** The choices of the session forms: types and the people holding the facilitator skill. */
export async function getSessionForm(db: Kysely<DB>, user: SessionUser): Promise<SessionForm> {
  const [types, facilitators] = await Promise.all([
    listSessionTypes(db, user.institutionId),
    listPeopleWithSkill(db, user.institutionId, FACILITATOR_SKILL),
  ]);
  return { types, facilitators };
}

export interface SessionDetail {
  session: SessionSummary;
  canEdit: boolean;
  canSeeNames: boolean;
  participants: {
    id: string;
    name: string;
    email: string | null;
    population: string;
    programme: string;
    studyYear: number | null;
  }[];
  anonymous: { population: string; programme: string; participants: number }[];
  /** For the check-in form and the edit form; empty unless the user edits the session. */
  people: { id: string; name: string }[];
  form: SessionForm | null;
}

/** A session of the institution; its participants' names only for its recorder and the officer. */
export async function getSessionDetail(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
): Promise<SessionDetail | undefined> {
  const row = await findSession(db, user.institutionId, id);
  if (!row) return undefined;
  const types = await listSessionTypes(db, user.institutionId);
  const [session] = await summariesOf(db, [row], types);
  if (!session) return undefined;
  const rights = { recordedBy: row.recorded_by };
  const canEdit = canEditSession(user, rights);
  const canSeeNames = canSeeParticipants(user, rights);
  const participants = canSeeNames ? await listParticipants(db, id) : [];
  const anonymous = await listAnonymousCounts(db, id);
  const people = canEdit ? await listPeople(db, user.institutionId) : [];
  return {
    session,
    canEdit,
    canSeeNames,
    participants: participants.map((p) => ({
      id: p.id,
      name: p.display_name,
      email: p.email,
      population: p.population,
      programme: p.programme,
      studyYear: p.study_year,
    })),
    anonymous: anonymous.map((a) => ({
      population: a.population,
      programme: a.programme,
      participants: a.participants,
    })),
    people: people.map((p) => ({ id: p.id, name: p.display_name })),
    form: canEdit ? await getSessionForm(db, user) : null,
  };
}

/** Sessions the user may add participants to (theirs; all for the officer), newest first. */
export async function listEditableSessions(
  db: Kysely<DB>,
  user: SessionUser,
): Promise<{ id: string; title: string; startDate: string }[]> {
  if (!canRecordSessions(user)) return [];
  const rows = await listSessionRows(db, user.institutionId);
  return rows
    .filter((r) => canEditSession(user, { recordedBy: r.recorded_by }))
    .map((r) => ({ id: r.id, title: r.title, startDate: r.start_date }));
}
