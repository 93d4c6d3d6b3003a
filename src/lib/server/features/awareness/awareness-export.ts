/**
 * Sessions as a file (CSV or XLSX): one row per session with its counts, for
 * everyone signed in; or one row per named participant, for the officer only
 * (names are personal data). Headings in the reader's language, every text
 * cell through the plan export's formula neutraliser.
 */
import type { Kysely } from 'kysely';
import { isLocale, type Locale, translate } from '../../../i18n';
import type { DB } from '../../db/schema';
import { CONTENT_TYPES, type Row, toCsv, toXlsx } from '../api';
import type { SessionUser } from '../auth';
import { neutraliseCell } from '../plan-export';
import { canManageAwareness } from './awareness';
import { getSessionsList, type SessionSummary } from './awareness-pages.service';

export const AWARENESS_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type AwarenessExportFormat = (typeof AWARENESS_EXPORT_FORMATS)[number];
export const AWARENESS_EXPORT_CONTENTS = ['sessions', 'participants'] as const;
export type AwarenessExportContent = (typeof AWARENESS_EXPORT_CONTENTS)[number];

/** Headings: `awareness.export.column.<column>`. */
export const SESSION_COLUMNS = [
  'id',
  'startDate',
  'endDate',
  'academicYear',
  'type',
  'title',
  'place',
  'facilitators',
  'unnamedFacilitators',
  'named',
  'anonymous',
  'participations',
  'audience',
] as const;
export const PARTICIPANT_COLUMNS = [
  'sessionId',
  'startDate',
  'title',
  'name',
  'email',
  'population',
  'programme',
  'studyYear',
] as const;

const text = (v: string | null) => neutraliseCell(v ?? '');

/** The sessions as a table: heading row, then one row per session. Pure. */
export function sessionsTable(sessions: readonly SessionSummary[], locale: Locale): Row[] {
  const t = (key: string) => translate(locale, key);
  const rows = sessions.map((s) => {
    const cells: Record<(typeof SESSION_COLUMNS)[number], string> = {
      id: s.id,
      startDate: s.startDate,
      endDate: s.endDate ?? '',
      academicYear: s.academicYear,
      type: text(s.typeName ?? t(`awareness.type.${s.typeKey}`)),
      title: text(s.title),
      place: s.online ? t('awareness.session.online') : text(s.place),
      facilitators: text(s.facilitators.map((f) => f.name).join(', ')),
      unnamedFacilitators: String(s.unnamedFacilitators),
      named: String(s.named),
      anonymous: String(s.anonymous),
      participations: String(s.participations),
      audience: text(s.audienceNote),
    };
    return SESSION_COLUMNS.map((c) => cells[c]);
  });
  return [SESSION_COLUMNS.map((c) => t(`awareness.export.column.${c}`)), ...rows];
}

async function participantsTable(db: Kysely<DB>, institutionId: string, locale: Locale): Promise<Row[]> {
  const t = (key: string) => translate(locale, key);
  const rows = await db
    .selectFrom('awareness_participant')
    .innerJoin('awareness_session', 'awareness_session.id', 'awareness_participant.session_id')
    .select([
      'awareness_session.id as session_id',
      'awareness_session.start_date',
      'awareness_session.title',
      'awareness_participant.display_name',
      'awareness_participant.email',
      'awareness_participant.population',
      'awareness_participant.programme',
      'awareness_participant.study_year',
    ])
    .where('awareness_session.institution_id', '=', institutionId)
    .orderBy('awareness_session.start_date', 'desc')
    .orderBy('awareness_session.id')
    .orderBy('awareness_participant.created_at')
    .orderBy('awareness_participant.id')
    .execute();
  return [
    PARTICIPANT_COLUMNS.map((c) => t(`awareness.export.column.${c}`)),
    ...rows.map((r) => [
      r.session_id,
      r.start_date,
      text(r.title),
      text(r.display_name),
      text(r.email),
      t(`awareness.population.${r.population}`),
      text(r.programme),
      r.study_year === null ? '' : String(r.study_year),
    ]),
  ];
}

export interface AwarenessExportFile {
  filename: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** The export, or undefined when the user may not read that content (participants: the officer only). */
export async function exportAwareness(
  db: Kysely<DB>,
  user: SessionUser,
  format: AwarenessExportFormat,
  options: { content?: AwarenessExportContent; locale?: Locale; now?: Date } = {},
): Promise<AwarenessExportFile | undefined> {
  const content = options.content ?? 'sessions';
  if (content === 'participants' && !canManageAwareness(user)) return undefined;
  const locale = options.locale ?? (isLocale(user.locale) ? user.locale : 'fr');
  const table =
    content === 'participants'
      ? await participantsTable(db, user.institutionId, locale)
      : sessionsTable((await getSessionsList(db, user, {})).sessions, locale);
  const day = (options.now ?? new Date()).toISOString().slice(0, 10);
  const base = translate(locale, `awareness.export.file.${content}`);
  const sheet = translate(locale, `awareness.export.sheet.${content}`);
  return {
    filename: `${base}-${day}.${format}`,
    contentType: CONTENT_TYPES[format],
    bytes: format === 'csv' ? toCsv(table) : toXlsx(sheet, table, sheet),
  };
}
