/**
 * A plan as the table the importer reads back: the seed plan's layout (title
 * and means lines above a "Chantier | Objectif | Cible ..." header, one row per
 * action), so that exporting then importing gives the same plan. Pure: no I/O,
 * no file format (the renderers in plan-export-files.ts write CSV and XLSX).
 *
 * Written in the importer's terms (features/plan-import):
 * - "Chantier 1 : <title>" / "Objectif 2 : <title>": the importer strips the
 *   prefix and keeps the number as the code; workstream and objective are
 *   repeated on every row, which the importer reads as "same as above";
 * - the objective's targets are joined with a space in the Cible cell, the way
 *   the seed glues them: the importer splits them back by its clause rule;
 * - every cell is one line: the importer hands the seed layout to a
 *   line-based reader, where a line break inside a cell would cut the row
 *   (so a description loses its line breaks);
 * - a cell a spreadsheet could run as a formula gets a leading apostrophe,
 *   which the importer drops again;
 * - statuses are the French words of the UI, which the importer reads; SDGs
 *   "4, 13"; axes by French title; dates ISO; FTE and euros with a decimal
 *   comma, as French spreadsheets write numbers.
 */
import { axisTitle } from '../../../reference';
import type { ActionStatus, ActionView, PlanTree } from '../plan';

/** Column headings, in the order of the seed plan first; the importer recognises each one. */
export const EXPORT_HEADINGS = [
  'Chantier',
  'Objectif',
  'Cible',
  'Action',
  'Pilote',
  'Indicateurs',
  'ODD',
  'Axe',
  'Statut',
  'Début',
  'Fin',
  'ETP',
  'Budget (€)',
  'Description',
] as const;

const STATUS_WORDS: Record<ActionStatus, string> = {
  not_started: 'Non démarrée',
  in_progress: 'En cours',
  done: 'Réalisée',
  suspended: 'Suspendue',
  cancelled: 'Abandonnée',
};

/** The importer's means line starts with the word "moyens" and keeps what follows the colon. */
const MEANS_PREFIX = 'Moyens transversaux : ';

export type Cell = string;
export type Row = Cell[];

/** Leading characters a spreadsheet reads as a formula or a control (OWASP, CSV injection). */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/**
 * Neutralises a cell a spreadsheet could run as a formula: `=HYPERLINK(...)`
 * becomes `'=HYPERLINK(...)`, shown as text (OWASP "CSV Injection" guidance).
 */
export function neutraliseCell(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

/** One line, no tabs: see the file comment. */
function flat(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** "Chantier 1 : title" when the code is a number (the only codes the importer reads back), else the title. */
function heading(prefix: 'Chantier' | 'Objectif', code: string | null, title: string): string {
  const text = flat(title);
  return code && /^\d{1,3}$/.test(code) ? `${prefix} ${code} : ${text}` : text;
}

/** 0.5 -> "0,5"; 1250 milli -> "1,25". */
export function formatFte(fteMilli: number | null): string {
  if (fteMilli === null) return '';
  return String(fteMilli / 1000).replace('.', ',');
}

/** 150050 cents -> "1500,50": two decimals always, so that the importer never reads a thousands mark. */
export function formatEuros(cents: number | null): string {
  if (cents === null) return '';
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

function actionRow(workstream: string, objective: string, targets: string, a: ActionView): Row {
  return [
    workstream,
    objective,
    targets,
    flat(a.title),
    flat(a.pilotText),
    a.indicators.map((i) => flat(i.name)).join(' ; '),
    a.sdgs.join(', '),
    a.axes.map((code) => axisTitle(code, 'fr')).join(', '),
    STATUS_WORDS[a.status],
    a.startDate ?? '',
    a.endDate ?? '',
    formatFte(a.fteMilli),
    formatEuros(a.budgetCents),
    flat(a.description),
  ];
}

function emptyRow(workstream: string, objective: string, targets: string): Row {
  return [workstream, objective, targets, ...EXPORT_HEADINGS.slice(3).map(() => '')];
}

/**
 * The action sheet: title line, means lines, header, then one row per action.
 * Actions attached to a workstream directly come first in their workstream,
 * because an empty Objectif cell means "same objective as above" to the
 * importer. An objective or workstream without actions still gets a row (the
 * importer keeps it, with a warning that the row has no action).
 */
export function planTable(tree: PlanTree): Row[] {
  const rows: Row[] = [[flat(tree.plan.title)]];
  for (const m of tree.means) rows.push([`${MEANS_PREFIX}${flat(m.label)}`]);
  rows.push([...EXPORT_HEADINGS]);
  for (const w of tree.workstreams) {
    const workstream = heading('Chantier', w.code, w.title);
    for (const a of w.actions) rows.push(actionRow(workstream, '', '', a));
    for (const o of w.objectives) {
      const objective = heading('Objectif', o.code, o.title);
      const targets = o.targets.map((t) => flat(t.label)).join(' ');
      for (const a of o.actions) rows.push(actionRow(workstream, objective, targets, a));
      if (o.actions.length === 0) rows.push(emptyRow(workstream, objective, targets));
    }
    if (w.actions.length === 0 && w.objectives.length === 0) rows.push(emptyRow(workstream, '', ''));
  }
  return rows;
}

const KIND_WORDS: Record<PlanTree['plan']['kind'], string> = { multi_year: 'Pluriannuel', yearly: 'Annuel' };

/** The "Infos" sheet: what the plan is and when it was exported, for the reader of the workbook. */
export function infoTable(tree: PlanTree, exportedOn: string): Row[] {
  const { plan } = tree;
  const rows: Row[] = [
    ['Plan', flat(plan.title)],
    ['Type', KIND_WORDS[plan.kind]],
    ['Année de début', plan.startYear === null ? '' : String(plan.startYear)],
    ['Année de fin', plan.endYear === null ? '' : String(plan.endYear)],
    ['Actions', String(plan.actionCount)],
    ['Exporté le', exportedOn],
  ];
  for (const m of tree.means) {
    const implied = m.fteMilli === null ? '' : ` (${formatFte(m.fteMilli)} ETP aujourd'hui)`;
    rows.push(['Moyens transversaux', `${flat(m.label)}${implied}`]);
  }
  return rows;
}

/** Every cell neutralised: the one way tables leave this module for a file. */
export function neutraliseTable(rows: readonly Row[]): Row[] {
  return rows.map((row) => row.map(neutraliseCell));
}

/** "Plan d'action RES 2023/2027" exported on 2026-11-25 -> "plan-d-action-res-2023-2027-2026-11-25". */
export function exportBaseName(title: string, exportedOn: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'plan'}-${exportedOn}`;
}
