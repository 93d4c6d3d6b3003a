/**
 * The HAL export as a record import: one publication a row, identified by its
 * HAL id; a publication already stored (same HAL id, same institution) is
 * updated, and the preview says so row by row. The officer imports.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import type { ImportColumn, RecordImportSpec, RowOutcome } from '../record-import';
import { booleanOfCell, HAL_SUBMIT_TYPES, isHalId, isOpenLicence, type Publication, yearOfCell } from './open-access';
import { canImportPublications } from './research';
import { insertPublications, mapPublicationIds, updatePublication } from './research.queries';

/** Long enough for an institution's whole HAL portal (IMT Mines Alès: about 2,500 deposits in 2022). */
export const MAX_HAL_ROWS = 20_000;
const MAX_CELL_TEXT = 1000;

/** HAL's Solr field names first, then plain French and English headings. */
export const HAL_COLUMNS: readonly ImportColumn[] = [
  { key: 'halId', headings: ['halId_s', 'hal id', 'identifiant HAL', 'id HAL', 'halid'], required: true },
  { key: 'title', headings: ['title_s', 'titre', 'title'] },
  { key: 'docType', headings: ['docType_s', 'type de document', 'document type', 'type'] },
  {
    key: 'producedYear',
    headings: ['producedDateY_i', 'année', 'annee', 'year', 'année de production', 'production year'],
  },
  { key: 'publicationYear', headings: ['publicationDateY_i', 'année de publication', 'publication year'] },
  { key: 'submitType', headings: ['submitType_s', 'type de dépôt', 'submit type', 'deposit type'] },
  { key: 'fullText', headings: ['texte intégral', 'full text', 'fulltext', 'texte intégral déposé'] },
  { key: 'openAccess', headings: ['openAccess_bool', 'accès ouvert', 'open access'] },
  { key: 'licence', headings: ['licence_s', 'licence', 'license'] },
];

export interface HalContext {
  /** hal_id -> id of the publications already stored. */
  existing: Map<string, string>;
}

const note = (code: string, params?: Record<string, string | number>) => (params ? { code, params } : { code });
const cut = (text: string) => (text === '' ? null : text.slice(0, MAX_CELL_TEXT));

/** One row of the export as a publication, or why it cannot be one. Pure. */
export function publicationOfRow(
  cells: Record<string, string>,
  existing: ReadonlyMap<string, string>,
): RowOutcome<Publication> {
  const halId = cells.halId ?? '';
  const label = halId || undefined;
  if (!isHalId(halId)) return { status: 'rejected', label, error: note('research.import.error.halId') };
  const yearText = cells.producedYear || cells.publicationYear || '';
  const year = yearOfCell(yearText);
  if (year === undefined) {
    return { status: 'rejected', label, error: note('research.import.error.year', { value: yearText }) };
  }
  const submitType = (cells.submitType ?? '').toLowerCase();
  if (submitType !== '' && !(HAL_SUBMIT_TYPES as readonly string[]).includes(submitType)) {
    return {
      status: 'rejected',
      label,
      error: note('research.import.error.submitType', { value: cells.submitType ?? '' }),
    };
  }
  const fullTextCell = booleanOfCell(cells.fullText ?? '');
  if (fullTextCell === undefined) {
    return {
      status: 'rejected',
      label,
      error: note('research.import.error.fullText', { value: cells.fullText ?? '' }),
    };
  }
  const openAccess = booleanOfCell(cells.openAccess ?? '');
  if (openAccess === undefined) {
    return {
      status: 'rejected',
      label,
      error: note('research.import.error.openAccess', { value: cells.openAccess ?? '' }),
    };
  }
  const licence = cut(cells.licence ?? '');
  const record: Publication = {
    halId,
    title: cut(cells.title ?? ''),
    docType: cut(cells.docType ?? ''),
    year,
    // HAL: submitType "file" means the full text is deposited; a hand-made table says it in its own column.
    fullText: submitType === 'file' || fullTextCell,
    openAccess,
    licence,
    openLicence: isOpenLicence(licence),
  };
  return existing.has(halId)
    ? { status: 'valid', record, label, warning: note('research.import.warning.updates') }
    : { status: 'valid', record, label };
}

/** A HAL id met twice in the file: the later rows are skipped, the first one kept. */
export function skipRepeatedHalIds(outcomes: RowOutcome<Publication>[]): RowOutcome<Publication>[] {
  const seen = new Set<string>();
  return outcomes.map((o) => {
    if (o.status !== 'valid') return o;
    if (seen.has(o.record.halId)) {
      return { status: 'skipped', label: o.label, reason: note('research.import.skipped.repeated') };
    }
    seen.add(o.record.halId);
    return o;
  });
}

async function writePublications(
  trx: Kysely<DB>,
  institutionId: string,
  records: readonly Publication[],
): Promise<{ created: number; updated: number }> {
  const existing = await mapPublicationIds(trx, institutionId);
  const now = nowIso();
  const columns = (p: Publication) => ({
    title: p.title,
    doc_type: p.docType,
    year: p.year,
    full_text: p.fullText ? 1 : 0,
    open_access: p.openAccess ? 1 : 0,
    licence: p.licence,
    open_licence: p.openLicence ? 1 : 0,
    updated_at: now,
  });
  const fresh = records.filter((p) => !existing.has(p.halId));
  for (const p of records) {
    const id = existing.get(p.halId);
    if (id) await updatePublication(trx, id, columns(p));
  }
  await insertPublications(
    trx,
    fresh.map((p) => ({
      id: newId(),
      institution_id: institutionId,
      hal_id: p.halId,
      created_at: now,
      ...columns(p),
    })),
  );
  return { created: fresh.length, updated: records.length - fresh.length };
}

export const HAL_IMPORT_SPEC: RecordImportSpec<Publication, HalContext, Record<string, never>> = {
  sourceKind: 'research_hal',
  columns: HAL_COLUMNS,
  maxRows: MAX_HAL_ROWS,
  paramsSchema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  canImport: canImportPublications,
  async prepare(db, user) {
    return { ok: true, value: { existing: await mapPublicationIds(db, user.institutionId) } };
  },
  parseRow(cells, context) {
    return publicationOfRow(cells, context.existing);
  },
  checkRows(outcomes) {
    return skipRepeatedHalIds(outcomes);
  },
  commit(trx, user, records) {
    return writePublications(trx, user.institutionId, records);
  },
};

/** Writes publications read outside an upload (the demo), with the same insert-or-update rule. */
export function storePublications(
  trx: Kysely<DB>,
  institutionId: string,
  records: readonly Publication[],
): Promise<{ created: number; updated: number }> {
  return writePublications(trx, institutionId, records);
}
