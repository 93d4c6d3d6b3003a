/**
 * The institution's ideas as CSV or XLSX for the officer: headings in the
 * reader's language, every text cell through the plan export's formula
 * neutraliser, and the author of an anonymous idea written "Anonyme" ("Anonymous"):
 * the file never carries the name, whoever downloads it.
 */
import type { Kysely } from 'kysely';
import { type Locale, translate } from '../../../i18n';
import type { DB } from '../../db/schema';
import { CONTENT_TYPES, type Row, toCsv, toXlsx } from '../api';
import type { SessionUser } from '../auth';
import { neutraliseCell } from '../plan-export';
import { canManageIdeas, visibleAuthorName } from './ideas';
import { listSdgsOfIdeas } from './ideas.queries';

export const IDEAS_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type IdeasExportFormat = (typeof IDEAS_EXPORT_FORMATS)[number];

/** Headings are `ideas.export.column.<column>`. */
export const IDEAS_EXPORT_COLUMNS = [
  'id',
  'submittedOn',
  'title',
  'description',
  'author',
  'status',
  'publicAnswer',
  'sdgs',
  'axis',
  'supports',
  'moderation',
  'mergedInto',
  'actionId',
] as const;
type Column = (typeof IDEAS_EXPORT_COLUMNS)[number];

export interface IdeaExportRow {
  id: string;
  submitted_on: string;
  title: string;
  description: string;
  anonymous: number;
  author_name: string | null;
  status: string;
  public_answer: string | null;
  axis_code: string | null;
  supports: number | string | null;
  moderation_state: string;
  merged_into_id: string | null;
  action_id: string | null;
}

/** Heading row then one row per idea. Pure. */
export function ideasTable(rows: readonly IdeaExportRow[], sdgs: Map<string, number[]>, locale: Locale): Row[] {
  const t = (key: string) => translate(locale, key);
  const text = (v: string | null) => neutraliseCell(v ?? '');
  const data = rows.map((r) => {
    const author = visibleAuthorName({ anonymous: r.anonymous, authorName: r.author_name });
    const cells: Record<Column, string> = {
      id: text(r.id),
      submittedOn: text(r.submitted_on),
      title: text(r.title),
      description: text(r.description),
      author: author === null ? t('ideas.anonymous') : text(author),
      status: t(`ideas.status.${r.status}`),
      publicAnswer: text(r.public_answer),
      sdgs: (sdgs.get(r.id) ?? []).join(', '),
      axis: text(r.axis_code),
      supports: String(Number(r.supports ?? 0)),
      moderation: t(`ideas.moderation.state.${r.moderation_state}`),
      mergedInto: text(r.merged_into_id),
      actionId: text(r.action_id),
    };
    return IDEAS_EXPORT_COLUMNS.map((c) => cells[c]);
  });
  return [IDEAS_EXPORT_COLUMNS.map((c) => t(`ideas.export.column.${c}`)), ...data];
}

export interface IdeasExportFile {
  filename: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** Every idea of the institution (hidden and merged ones included, with their state); undefined unless officer. */
export async function exportIdeas(
  db: Kysely<DB>,
  user: SessionUser,
  format: IdeasExportFormat,
  options: { locale: Locale; now?: Date },
): Promise<IdeasExportFile | undefined> {
  if (!canManageIdeas(user)) return undefined;
  const rows = await db
    .selectFrom('idea')
    .leftJoin('app_user', 'app_user.id', 'idea.author_user_id')
    .select([
      'idea.id',
      'idea.submitted_on',
      'idea.title',
      'idea.description',
      'idea.anonymous',
      'app_user.display_name as author_name',
      'idea.status',
      'idea.public_answer',
      'idea.axis_code',
      'idea.moderation_state',
      'idea.merged_into_id',
      'idea.action_id',
    ])
    .select((eb) =>
      eb
        .selectFrom('idea_support')
        .whereRef('idea_support.idea_id', '=', 'idea.id')
        .select(eb.fn.countAll<number | string>().as('n'))
        .as('supports'),
    )
    .where('idea.institution_id', '=', user.institutionId)
    .orderBy('idea.submitted_on')
    .orderBy('idea.id')
    .execute();
  const sdgs = new Map<string, number[]>();
  // listSdgsOfIdeas takes at most a few hundred ids per statement (SQLite's variable limit).
  for (let i = 0; i < rows.length; i += 500) {
    for (const [id, list] of await listSdgsOfIdeas(
      db,
      rows.slice(i, i + 500).map((r) => r.id),
    )) {
      sdgs.set(id, list);
    }
  }
  const table = ideasTable(rows, sdgs, options.locale);
  const day = (options.now ?? new Date()).toISOString().slice(0, 10);
  const base = translate(options.locale, 'ideas.export.file');
  const sheet = translate(options.locale, 'ideas.export.sheet');
  return {
    filename: `${base}-${day}.${format}`,
    contentType: CONTENT_TYPES[format],
    bytes: format === 'csv' ? toCsv(table) : toXlsx(sheet, table, sheet),
  };
}
