/**
 * Two files the record-import framework reads for this module: a session's
 * attendance list (name, email, population, programme, year) and the
 * headcounts (year, population, programme, headcount). Populations are
 * written by key or by their French or English label.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { translate } from '../../../i18n';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import type { RecordImportSpec, RowOutcome } from '../record-import';
import { type ParticipantRecord, storeParticipants } from './attendance.service';
import {
  canManageAwareness,
  canRecordSessions,
  identityKeyOf,
  isAcademicYear,
  MAX_NAME_LENGTH,
  MAX_PROGRAMME_LENGTH,
  normaliseText,
  POPULATION_KEYS,
  type PopulationKey,
  STUDY_POPULATIONS,
} from './awareness';
import { listIdentityKeys } from './awareness.queries';
import { parseHeadcount, storeHeadcounts } from './coverage.service';
import { findEditableSession } from './sessions.service';

const POPULATION_BY_LABEL = new Map<string, PopulationKey>();
for (const key of POPULATION_KEYS) {
  POPULATION_BY_LABEL.set(normaliseText(key), key);
  for (const locale of ['fr', 'en'] as const) {
    POPULATION_BY_LABEL.set(normaliseText(translate(locale, `awareness.population.${key}`)), key);
  }
}

/** A population written by its key or its French or English label, any case or accents. */
export function populationOfCell(cell: string): PopulationKey | undefined {
  return POPULATION_BY_LABEL.get(normaliseText(cell));
}

// ---------------------------------------------------------------- attendance

interface AttendanceContext {
  sessionId: string;
  existing: Set<string>;
  people: Map<string, string>;
}

const EMAIL = z.string().email().max(254);

export const ATTENDANCE_IMPORT_SPEC: RecordImportSpec<ParticipantRecord, AttendanceContext, { sessionId: string }> = {
  sourceKind: 'awareness.attendance',
  columns: [
    { key: 'name', headings: ['nom', 'name', 'nom prénom', 'participant'], required: true },
    { key: 'email', headings: ['email', 'e-mail', 'courriel', 'adresse électronique', 'mail'] },
    { key: 'population', headings: ['population', 'catégorie', 'category'], required: true },
    { key: 'programme', headings: ['programme', 'formation', 'program', 'cursus'] },
    { key: 'year', headings: ['année', 'year', "année d'étude", 'year of study', 'niveau'] },
  ],
  maxRows: 10_000,
  paramsSchema: z.object({ sessionId: z.string().min(1).max(64) }),
  canImport: canRecordSessions,
  async prepare(db: Kysely<DB>, user: SessionUser, params) {
    const session = await findEditableSession(db, user, params.sessionId);
    if (!session) return { ok: false, error: { code: 'awareness.import.error.session' } };
    const people = await db
      .selectFrom('person')
      .select(['id', 'email'])
      .where('institution_id', '=', user.institutionId)
      .where('email', 'is not', null)
      .execute();
    return {
      ok: true,
      value: {
        sessionId: session.id,
        existing: await listIdentityKeys(db, session.id),
        people: new Map(people.map((p) => [(p.email ?? '').trim().toLowerCase(), p.id])),
      },
    };
  },
  parseRow(cells, context): RowOutcome<ParticipantRecord> {
    const label = cells.name || cells.email || undefined;
    if (cells.name === '' || cells.name.length > MAX_NAME_LENGTH) {
      return { status: 'rejected', error: { code: 'awareness.participant.error.name' }, label };
    }
    const email = cells.email === '' ? null : cells.email.toLowerCase();
    if (email !== null && !EMAIL.safeParse(email).success) {
      return { status: 'rejected', error: { code: 'awareness.participant.error.email' }, label };
    }
    const population = populationOfCell(cells.population);
    if (!population) {
      return {
        status: 'rejected',
        error: { code: 'awareness.import.error.population', params: { value: cells.population } },
        label,
      };
    }
    const study = STUDY_POPULATIONS.includes(population);
    if (cells.programme.length > MAX_PROGRAMME_LENGTH) {
      return { status: 'rejected', error: { code: 'awareness.participant.error.programme' }, label };
    }
    let studyYear: number | null = null;
    if (study && cells.year !== '') {
      const n = Number(cells.year.replace(/^(\d+).*$/, '$1'));
      if (!Number.isInteger(n) || n < 1 || n > 10) {
        return { status: 'rejected', error: { code: 'awareness.participant.error.studyYear' }, label };
      }
      studyYear = n;
    }
    const personId = email ? (context.people.get(email) ?? null) : null;
    const identityKey = identityKeyOf({ personId, email, name: cells.name, population });
    if (context.existing.has(identityKey)) {
      return { status: 'skipped', reason: { code: 'awareness.import.skipped.alreadyCheckedIn' }, label };
    }
    return {
      status: 'valid',
      label,
      record: {
        personId,
        identityKey,
        displayName: cells.name,
        email,
        population,
        programme: study ? cells.programme : '',
        studyYear,
      },
    };
  },
  checkRows(outcomes) {
    const seen = new Set<string>();
    return outcomes.map((o) => {
      if (o.status !== 'valid') return o;
      if (seen.has(o.record.identityKey)) {
        return { status: 'skipped', reason: { code: 'awareness.import.skipped.twiceInFile' }, label: o.label };
      }
      seen.add(o.record.identityKey);
      return o;
    });
  },
  async commit(trx, user, records, context) {
    await storeParticipants(trx, user, context.sessionId, records, 'import');
    return { created: records.length, updated: 0 };
  },
};

// ---------------------------------------------------------------- headcounts

type HeadcountRecord = { academicYear: string; population: string; programme: string; headcount: number };
const NO_PARAMS = z.object({});
type NoParams = z.infer<typeof NO_PARAMS>;

export const HEADCOUNT_IMPORT_SPEC: RecordImportSpec<HeadcountRecord, null, NoParams> = {
  sourceKind: 'awareness.headcounts',
  columns: [
    { key: 'year', headings: ['année', 'year', 'année universitaire', 'academic year'], required: true },
    { key: 'population', headings: ['population', 'catégorie', 'category'], required: true },
    { key: 'programme', headings: ['programme', 'formation', 'program'] },
    { key: 'headcount', headings: ['effectif', 'headcount', 'nombre', 'count'], required: true },
  ],
  maxRows: 5_000,
  paramsSchema: NO_PARAMS,
  canImport: canManageAwareness,
  async prepare() {
    return { ok: true, value: null };
  },
  parseRow(cells): RowOutcome<HeadcountRecord> {
    const label = [cells.year, cells.population, cells.programme].filter(Boolean).join(' · ') || undefined;
    const academicYear = cells.year.replace(/\s/g, '').replace('/', '-');
    if (!isAcademicYear(academicYear)) {
      return { status: 'rejected', error: { code: 'awareness.headcount.error.academicYear' }, label };
    }
    const population = populationOfCell(cells.population);
    if (!population) {
      return {
        status: 'rejected',
        error: { code: 'awareness.import.error.population', params: { value: cells.population } },
        label,
      };
    }
    const digits = cells.headcount.replace(/[\s\u00a0\u202f]/g, '');
    const headcount = /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
    if (!(headcount > 0)) return { status: 'rejected', error: { code: 'awareness.headcount.error.headcount' }, label };
    const parsed = parseHeadcount({ academicYear, population, programme: cells.programme, headcount });
    if (!parsed.ok) return { status: 'rejected', error: parsed.error, label };
    return { status: 'valid', record: parsed.value, label };
  },
  checkRows(outcomes) {
    const seen = new Set<string>();
    return outcomes.map((o) => {
      if (o.status !== 'valid') return o;
      const key = [o.record.academicYear, o.record.population, normaliseText(o.record.programme)].join('|');
      if (seen.has(key))
        return { status: 'rejected', error: { code: 'awareness.import.error.twiceInFile' }, label: o.label };
      seen.add(key);
      return o;
    });
  },
  commit(trx, user, records) {
    return storeHeadcounts(trx, user, records, 'import');
  },
};
