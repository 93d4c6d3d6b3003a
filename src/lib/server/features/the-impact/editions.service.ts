import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import {
  CATALOGUE_SDGS,
  type CreateEditionInput,
  canManageTheImpactEditions,
  canReadTheImpact,
  createEditionSchema,
  defaultPolicyWindow,
  editionSchema,
  MANDATORY_SDG,
  normaliseSdgChoice,
  type PolicyWindow,
} from './the-impact';
import {
  countItemsByEdition,
  findEditionRow,
  findPreviousEditionRow,
  insertEditionRow,
  insertItemRows,
  listEditionRows,
  listEditionSdgNumbers,
  listFullItemRows,
  listSdgTitles,
  replaceEditionSdgs,
  updateEditionWindow,
} from './the-impact.queries';

export type EditionErrorCode =
  | 'theImpact.error.forbidden'
  | 'theImpact.error.notFound'
  | 'theImpact.error.edition'
  | 'theImpact.error.editionExists'
  | 'theImpact.error.window';

type Result<T> = { ok: true; value: T } | { ok: false; error: { code: EditionErrorCode } };

export interface EditionSummary {
  id: string;
  edition: number;
  window: PolicyWindow;
  sdgs: number[];
  itemCount: number;
  copiedFromEdition: number | null;
}

/** The institution's editions, newest first, for those who may read them; undefined otherwise. */
export async function listEditions(db: Kysely<DB>, user: SessionUser): Promise<EditionSummary[] | undefined> {
  if (!canReadTheImpact(user)) return undefined;
  const rows = await listEditionRows(db, user.institutionId);
  const [sdgs, counts] = await Promise.all([
    listEditionSdgNumbers(
      db,
      rows.map((r) => r.id),
    ),
    countItemsByEdition(db, user.institutionId),
  ]);
  return rows.map((r) => ({
    id: r.id,
    edition: r.edition,
    window: { startYear: r.window_start_year, endYear: r.window_end_year },
    sdgs: sdgs.filter((s) => s.edition_id === r.id).map((s) => s.sdg_number),
    itemCount: Number(counts.find((c) => c.edition_id === r.id)?.n ?? 0),
    copiedFromEdition: r.copied_from_edition,
  }));
}

/**
 * Opens an edition (officer only): its SDGs (17 always), its accepted window
 * (default: the edition and the four years before) and, when asked, the items of
 * the latest earlier edition copied as drafts to confirm one by one.
 */
export async function createEdition(
  db: Kysely<DB>,
  user: SessionUser,
  input: CreateEditionInput,
): Promise<Result<{ id: string; copied: number }>> {
  if (!canManageTheImpactEditions(user)) return { ok: false, error: { code: 'theImpact.error.forbidden' } };
  const parsed = createEditionSchema.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    return { ok: false, error: { code: field === 'edition' ? 'theImpact.error.edition' : 'theImpact.error.window' } };
  }
  const e = parsed.data;
  const fallback = defaultPolicyWindow(e.edition);
  const window = { startYear: e.windowStartYear ?? fallback.startYear, endYear: e.windowEndYear ?? fallback.endYear };
  if (window.startYear > window.endYear) return { ok: false, error: { code: 'theImpact.error.window' } };
  const sdgs = normaliseSdgChoice(e.sdgs);
  return db.transaction().execute(async (trx): Promise<Result<{ id: string; copied: number }>> => {
    if (await findEditionRow(trx, user.institutionId, e.edition)) {
      return { ok: false, error: { code: 'theImpact.error.editionExists' } };
    }
    const previous = e.copyPrevious ? await findPreviousEditionRow(trx, user.institutionId, e.edition) : undefined;
    const id = newId();
    const now = nowIso();
    await insertEditionRow(trx, {
      id,
      institution_id: user.institutionId,
      edition: e.edition,
      window_start_year: window.startYear,
      window_end_year: window.endYear,
      copied_from_edition: previous?.edition ?? null,
      created_by: user.id,
      created_at: now,
    });
    await replaceEditionSdgs(trx, id, sdgs);
    const copiedRows = previous ? await listFullItemRows(trx, previous.id) : [];
    await insertItemRows(
      trx,
      copiedRows.map((r) => ({
        ...r,
        id: newId(),
        edition_id: id,
        is_draft: 1,
        created_by: user.id,
        created_at: now,
        updated_by: user.id,
        updated_at: now,
      })),
    );
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'the_impact_edition',
      entityId: id,
      operation: 'create',
      changes: [
        { field: 'edition', before: null, after: String(e.edition) },
        { field: 'window', before: null, after: `${window.startYear}-${window.endYear}` },
        { field: 'sdgs', before: null, after: sdgs.join(', ') },
        { field: 'copied_items', before: null, after: String(copiedRows.length) },
      ],
    });
    return { ok: true, value: { id, copied: copiedRows.length } };
  });
}

/** Changes the SDGs submitted to an edition and its window (officer only); SDG 17 stays whatever is sent. */
export async function updateEditionSettings(
  db: Kysely<DB>,
  user: SessionUser,
  edition: number,
  input: { sdgs: readonly number[]; windowStartYear: number; windowEndYear: number },
): Promise<Result<{ sdgs: number[] }>> {
  if (!canManageTheImpactEditions(user)) return { ok: false, error: { code: 'theImpact.error.forbidden' } };
  if (!editionSchema.safeParse(edition).success) return { ok: false, error: { code: 'theImpact.error.notFound' } };
  const { windowStartYear: start, windowEndYear: end } = input;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start > end || start < 1990 || end > 2100) {
    return { ok: false, error: { code: 'theImpact.error.window' } };
  }
  const sdgs = normaliseSdgChoice(input.sdgs);
  return db.transaction().execute(async (trx): Promise<Result<{ sdgs: number[] }>> => {
    const row = await findEditionRow(trx, user.institutionId, edition);
    if (!row) return { ok: false, error: { code: 'theImpact.error.notFound' } };
    const before = (await listEditionSdgNumbers(trx, [row.id])).map((s) => s.sdg_number);
    await replaceEditionSdgs(trx, row.id, sdgs);
    await updateEditionWindow(trx, row.id, start, end);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'the_impact_edition',
      entityId: row.id,
      operation: 'update',
      changes: [
        { field: 'sdgs', before: before.join(', '), after: sdgs.join(', ') },
        {
          field: 'window',
          before: `${row.window_start_year}-${row.window_end_year}`,
          after: `${start}-${end}`,
        },
      ],
    });
    return { ok: true, value: { sdgs } };
  });
}

export interface EditionsPage {
  canManage: boolean;
  editions: EditionSummary[];
  /** The SDGs an edition may submit (those with metrics in the catalogue), titled in the reader's language. */
  choices: { number: number; title: string; mandatory: boolean }[];
}

/** The editions list and the SDG choices; undefined for those who may not read the module. */
export async function getEditionsPage(
  db: Kysely<DB>,
  user: SessionUser,
  locale: string,
): Promise<EditionsPage | undefined> {
  const editions = await listEditions(db, user);
  if (!editions) return undefined;
  const titles = await listSdgTitles(db);
  return {
    canManage: canManageTheImpactEditions(user),
    editions,
    choices: CATALOGUE_SDGS.map((n) => {
      const t = titles.find((s) => s.number === n);
      return {
        number: n,
        title: (locale === 'en' ? t?.title_en : t?.title_fr) ?? String(n),
        mandatory: n === MANDATORY_SDG,
      };
    }),
  };
}
