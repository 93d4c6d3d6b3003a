/**
 * Recognises the columns of a plan table from their headings, in French or
 * English, whatever the accents, case and punctuation ("Pilote/équipe",
 * "PILOTE - EQUIPE" and "pilote equipe" are the same heading).
 */
import { fold } from './cell-text';

export type PlanField =
  | 'workstream'
  | 'objective'
  | 'target'
  | 'action'
  | 'pilot'
  | 'indicators'
  | 'sdgs'
  | 'axes'
  | 'status'
  | 'startDate'
  | 'endDate'
  | 'fte'
  | 'budget'
  | 'description';

/** Column index (0-based) of each field found in the header row. */
export type ColumnMapping = Partial<Record<PlanField, number>>;

/** Headings as `fold` writes them, after dropping a parenthesised unit ("Budget (€)") and a trailing year ("Cible 2027"). */
const HEADINGS: Record<PlanField, readonly string[]> = {
  workstream: [
    'chantier',
    'chantiers',
    'workstream',
    'workstreams',
    'work stream',
    'axe strategique',
    'axes strategiques',
    'strategic axis',
    'strategic axes',
  ],
  objective: ['objectif', 'objectifs', 'objective', 'objectives', 'objectif strategique', 'objectif operationnel'],
  target: ['cible', 'cibles', 'target', 'targets', 'cible visee', 'objectif chiffre', 'valeur cible', 'target value'],
  action: [
    'action',
    'actions',
    'nom de l action',
    'nom action',
    'action name',
    'intitule',
    'intitule de l action',
    'libelle',
    'libelle de l action',
    'action title',
  ],
  pilot: [
    'pilote',
    'pilotes',
    'pilote equipe',
    'pilotes equipes',
    'pilote s',
    'pilot',
    'pilots',
    'owner',
    'owners',
    'responsable',
    'responsables',
    'porteur',
    'porteurs',
    'lead',
  ],
  indicators: [
    'indicateurs',
    'indicateur',
    'indicateurs de suivi',
    'indicateur de suivi',
    'indicators',
    'indicator',
    'kpi',
    'kpis',
  ],
  sdgs: ['odd', 'sdg', 'sdgs', 'objectifs de developpement durable', 'sustainable development goals'],
  axes: [
    'axe',
    'axes',
    'axis',
    'axe plan vert',
    'axes plan vert',
    'plan vert',
    'green plan axis',
    'axe dd rs',
    'axe ddrs',
  ],
  status: ['statut', 'status', 'etat', 'state'],
  startDate: ['debut', 'date de debut', 'date debut', 'start', 'start date', 'begin'],
  endDate: ['fin', 'date de fin', 'date fin', 'end', 'end date', 'echeance', 'deadline', 'due date'],
  fte: ['etp', 'fte', 'etp necessaires', 'moyens humains'],
  budget: ['budget', 'budgets', 'budget eur', 'cout', 'cost', 'montant'],
  description: ['description', 'descriptif', 'details', 'detail'],
};

const FIELDS = Object.keys(HEADINGS) as PlanField[];

function fieldOf(heading: string): PlanField | undefined {
  const key = fold(heading.replace(/\([^)]*\)/g, ' ').replace(/€/g, ' ')).replace(
    /\s+(?:19|20)\d{2}(?:\s+(?:19|20)\d{2})?$/,
    '',
  );
  if (key === '') return undefined;
  return FIELDS.find((field) => HEADINGS[field].includes(key));
}

/** Which column holds which field; the first column wins when a heading repeats. */
export function detectColumns(header: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  header.forEach((cell, index) => {
    const field = fieldOf(String(cell ?? ''));
    if (field && mapping[field] === undefined) mapping[field] = index;
  });
  return mapping;
}

/** True when a row reads as a header: it names the action column and a workstream or objective column. */
export function isHeaderRow(cells: readonly string[]): boolean {
  const mapping = detectColumns(cells);
  return mapping.action !== undefined && (mapping.workstream !== undefined || mapping.objective !== undefined);
}

/** Index of the first header row, or -1 when the table has none. */
export function findHeaderRow(rows: readonly (readonly string[])[]): number {
  return rows.findIndex((row) => isHeaderRow(row));
}
