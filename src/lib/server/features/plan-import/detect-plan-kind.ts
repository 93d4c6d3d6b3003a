/**
 * Chooses the plan reader for a file already read by `readTabularFile`, from
 * its content only: the report SDG matrix, the seed multi-year plan, or any
 * other table the user will map column by column.
 */
import type { TabularFile } from './file-reader';
import { isSdgMatrixHeader } from './sdg-matrix';

export type PlanSource = 'seed-plan' | 'sdg-matrix' | 'tabular' | 'unknown';

/** Rows looked at to find a generic header: a plan's header sits near the top, under a title or two. */
const HEADER_SEARCH_ROWS = 30;
const NUMBER = /^[-+]?\d+([.,]\d+)?\s*%?$/;

/** "Chantier | Objectif | Cible ..." (the seed plan's header, any case). */
function isSeedPlanHeader(cells: string[]): boolean {
  const [workstream, objective, target] = cells.map((c) => c.trim().toLowerCase());
  return workstream === 'chantier' && objective === 'objectif' && (target ?? '').startsWith('cible');
}

/** Two or more filled cells, none a bare number: labels rather than values. */
function looksLikeHeader(cells: string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  return filled.length >= 2 && filled.every((c) => !NUMBER.test(c));
}

/** The file's rows as a reader sees them: the sheets, plus the text cut at tabs (reports keep tables tab-separated inside prose). */
function candidateRows(file: TabularFile): string[][] {
  const rows = file.sheets.flatMap((s) => s.rows);
  if (file.text === null || file.delimiter === '\t') return rows;
  return [...rows, ...file.text.split('\n').map((line) => line.split('\t'))];
}

export function detectPlanSource(file: TabularFile): PlanSource {
  const rows = candidateRows(file);
  if (rows.some(isSdgMatrixHeader)) return 'sdg-matrix';
  if (rows.some(isSeedPlanHeader)) return 'seed-plan';
  if (file.format === 'text') return 'unknown';
  const hasHeader = file.sheets.some((s) => s.rows.slice(0, HEADER_SEARCH_ROWS).some(looksLikeHeader));
  return hasHeader ? 'tabular' : 'unknown';
}
