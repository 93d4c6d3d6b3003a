/**
 * Partners read from a CSV or XLSX file, one row per partner, through the
 * shared record import (preview, row-by-row report, all-or-nothing commit).
 * A row whose name matches a stored partner (case, accents and punctuation
 * ignored) UPDATES it: kind, roles, dates, website and SDGs are replaced by
 * the row's (an empty cell clears), the description, agreements and contacts
 * are kept. Kinds and roles are read from their keys or French or English
 * names; a role may carry its detail in brackets ("Administrateur (conseil de
 * surveillance)"); lists are separated by ";" (SDGs "7;13").
 */
import { z } from 'zod';
import type { SessionUser } from '../auth';
import { fold, quote } from '../plan-import/cell-text';
import type { ImportColumn, RecordImportSpec, RowOutcome } from '../record-import';
import { canEditPartners, type ParsedPartner, type PartnerKind, type PartnerRole } from './partners';
import { findPartner, listPartnerNames } from './partners.queries';
import { insertParsedPartner, parsePartner, updateParsedPartner } from './partners.service';

export const PARTNERS_IMPORT_KIND = 'partners';
export const MAX_PARTNER_ROWS = 2000;

export const PARTNER_IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'name', headings: ['Nom', 'Partenaire', 'Name', 'Partner'], required: true },
  { key: 'kind', headings: ['Type', 'Type de partenaire', 'Kind', 'Partner type'], required: true },
  { key: 'role', headings: ['Rôle', 'Rôles', "Rôle de l'établissement", 'Role', 'Roles'] },
  { key: 'start', headings: ['Début', 'Date de début', 'Start', 'Start date'] },
  { key: 'end', headings: ['Fin', 'Date de fin', 'End', 'End date'] },
  { key: 'website', headings: ['Site web', 'Site', 'Website', 'Web site'] },
  { key: 'sdgs', headings: ['ODD', 'SDG', 'SDGs'] },
];

const KIND_WORDS: Record<PartnerKind, readonly string[]> = {
  competitiveness_cluster: ['pole de competitivite', 'pole', 'cluster', 'competitiveness cluster'],
  university: ['universite', 'university'],
  research_body: ['organisme de recherche', 'research body', 'research organisation', 'research organization'],
  company: ['entreprise', 'societe', 'company', 'business'],
  ngo: ['association', 'ong', 'ngo', 'non profit'],
  un_body: ['onu', 'organisme des nations unies', 'un body', 'united nations'],
  local_authority: ['collectivite', 'collectivite territoriale', 'local authority'],
  school: ['ecole', 'grande ecole', 'lycee', 'school'],
  other: ['autre', 'other'],
};

const ROLE_WORDS: Record<PartnerRole, readonly string[]> = {
  member: ['membre', 'adherent', 'member'],
  administrator: ['administrateur', 'administratrice', 'administrator', 'director'],
  board_member: [
    'membre du conseil',
    'membre du conseil de surveillance',
    'membre du conseil d administration',
    'board member',
  ],
  committee_chair: ['president de comite', 'presidence de comite', 'preside un comite', 'committee chair', 'chair'],
  steering_committee_member: ['membre du comite de pilotage', 'comite de pilotage', 'steering committee member'],
  founding_member: ['membre fondateur', 'fondateur', 'founding member', 'founder'],
  other: ['autre', 'other'],
};

function wordMap<K extends string>(words: Record<K, readonly string[]>): Map<string, K> {
  const map = new Map<string, K>();
  for (const [key, list] of Object.entries(words) as [K, readonly string[]][]) {
    map.set(fold(key), key);
    for (const w of list) map.set(fold(w), key);
  }
  return map;
}
const KINDS = wordMap(KIND_WORDS);
const ROLES = wordMap(ROLE_WORDS);

const listOf = (cell: string) =>
  cell
    .split(/[;|\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

const DAY_FIRST = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;

/** "2022-02-25" or "25/02/2022" -> "2022-02-25"; a bare year "2009" -> "2009-01-01"; else as typed. */
export function dateOfCell(cell: string): string {
  const text = cell.trim();
  if (/^\d{4}$/.test(text)) return `${text}-01-01`;
  const m = DAY_FIRST.exec(text);
  if (!m) return text.slice(0, 10);
  return `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
}

/** "Administrateur (conseil de surveillance)" -> the role and its detail; undefined for an unknown role. */
export function roleOfCell(text: string): { role: PartnerRole; detail: string | null } | undefined {
  const m = /^([^(]+?)\s*(?:\((.*)\))?$/.exec(text.trim());
  const role = m ? ROLES.get(fold(m[1] ?? '')) : undefined;
  if (!role) return undefined;
  const detail = m?.[2]?.trim() ?? '';
  return { role, detail: detail === '' ? null : detail };
}

export interface PartnerImportRow {
  partner: ParsedPartner;
  /** The stored partner this row updates, when its name matches one. */
  existingId: string | null;
}
const paramsSchema = z.object({});
type PartnerImportParams = z.infer<typeof paramsSchema>;
/** Stored partners by folded name. */
type Context = Map<string, { id: string; version: number }>;

/** One row of the file as a partner, or the reason it is refused (i18n keys under partners.import.error). */
export function parsePartnerRow(cells: Record<string, string>, existing: Context): RowOutcome<PartnerImportRow> {
  const label = cells.name ? quote(cells.name) : undefined;
  const reject = (code: string, params?: Record<string, string | number>): RowOutcome<PartnerImportRow> => ({
    status: 'rejected',
    error: { code: `partners.import.error.${code}`, params },
    label,
  });
  const kind = KINDS.get(fold(cells.kind ?? ''));
  if (!kind) return reject('kind', { value: quote(cells.kind ?? '') });
  const roles: { role: PartnerRole; detail: string | null }[] = [];
  for (const text of listOf(cells.role ?? '')) {
    const role = roleOfCell(text);
    if (!role) return reject('role', { value: quote(text) });
    roles.push(role);
  }
  const sdgTexts = listOf((cells.sdgs ?? '').replace(/,/g, ';'));
  const sdgs = sdgTexts.map((s) => Number(s.replace(/^(odd|sdg)\s*/i, '')));
  if (sdgs.some((n) => !Number.isInteger(n) || n < 1 || n > 17))
    return reject('sdgs', { value: quote(cells.sdgs ?? '') });
  const parsed = parsePartner({
    name: cells.name ?? '',
    kind,
    roles,
    startedOn: cells.start ? dateOfCell(cells.start) : '',
    endedOn: cells.end ? dateOfCell(cells.end) : '',
    website: cells.website ?? '',
    description: '',
    sdgs,
  });
  // The form's messages say which field is wrong.
  if (!parsed.ok) return { status: 'rejected', error: { code: parsed.error.code }, label };
  const match = existing.get(fold(parsed.value.name));
  return match
    ? {
        status: 'valid',
        record: { partner: parsed.value, existingId: match.id },
        label,
        warning: { code: 'partners.import.warning.updates' },
      }
    : { status: 'valid', record: { partner: parsed.value, existingId: null }, label };
}

/** The same name twice in one file is refused: one of the two would silently win. */
function checkDuplicates(outcomes: RowOutcome<PartnerImportRow>[]): RowOutcome<PartnerImportRow>[] {
  const seen = new Set<string>();
  return outcomes.map((o) => {
    if (o.status !== 'valid') return o;
    const key = fold(o.record.partner.name);
    if (seen.has(key))
      return { status: 'rejected', error: { code: 'partners.import.error.duplicate' }, label: o.label };
    seen.add(key);
    return o;
  });
}

/** The import of partners: the officer and pilots; a matching name updates, any other row creates. */
export const PARTNERS_IMPORT: RecordImportSpec<PartnerImportRow, Context, PartnerImportParams> = {
  sourceKind: PARTNERS_IMPORT_KIND,
  columns: PARTNER_IMPORT_COLUMNS,
  maxRows: MAX_PARTNER_ROWS,
  paramsSchema,
  canImport: (user: SessionUser) => canEditPartners(user),
  async prepare(db, user) {
    const names = await listPartnerNames(db, user.institutionId);
    return { ok: true, value: new Map(names.map((n) => [fold(n.name), { id: n.id, version: n.version }])) };
  },
  parseRow: (cells, context) => parsePartnerRow(cells, context),
  checkRows: (outcomes) => checkDuplicates(outcomes),
  async commit(trx, user, records) {
    let created = 0;
    let updated = 0;
    for (const { partner, existingId } of records) {
      const row = existingId ? await findPartner(trx, user.institutionId, existingId) : undefined;
      if (!row) {
        await insertParsedPartner(trx, user, partner);
        created++;
        continue;
      }
      const result = await updateParsedPartner(trx, user, row.id, row.version, {
        ...partner,
        description: row.description,
      });
      // The transaction is rolled back: nothing of the file is written.
      if (!result.ok) throw new Error(`partner ${row.id} could not be updated: ${result.error.code}`);
      updated++;
    }
    return { created, updated };
  },
};
