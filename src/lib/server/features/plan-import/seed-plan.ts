/**
 * Reads the multi-year action plan in the seed's tab-separated format
 * (data/demo/imt-mines-ales-plan-res-2023-2027.tsv): a title line, an
 * optional cross-cutting means line, then a table whose header row
 * ("Chantier | Objectif | Cible 2027 | Nom de l'action | Pilote/équipe |
 * Indicateurs de suivi") repeats before each workstream.
 *
 * The table itself goes through the generic engine (`rowsToPlan`) with the
 * mapping read from the header row; only the lines above the header are
 * specific to this format.
 */
import { cleanCell, oneLine } from './cell-text';
import type { ImportMessage, ParsedMeans, ParseResult, RowReport } from './parsed-plan';
import { detectColumns, findHeaderRow, NOT_A_PLAN, type PlanMeta, rowsToPlan } from './tabular-plan';

export function parseSeedPlan(text: string): ParseResult {
  const rows = String(text ?? '')
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .map((line) => line.split('\t'));
  return parseSeedPlanRows(rows);
}

/** The same reader on rows already split by a spreadsheet or CSV parser, so cells may hold line breaks. */
export function parseSeedPlanRows(rows: string[][]): ParseResult {
  const headerRow = findHeaderRow(rows);
  if (headerRow < 0) return NOT_A_PLAN;
  const preamble = readPreamble(rows.slice(0, headerRow));
  const result = rowsToPlan(rows, headerRow, detectColumns(rows[headerRow]), preamble.meta);
  if (!result.ok) return result;
  const plan = result.value;
  plan.means = preamble.means;
  plan.rows = [...preamble.rows, ...plan.rows];
  plan.warnings = [...preamble.warnings, ...plan.warnings];
  return result;
}

interface Preamble {
  meta: PlanMeta;
  means: ParsedMeans[];
  rows: RowReport[];
  warnings: ImportMessage[];
}

/** The lines above the first header: the plan's title (first line that is not a means line) and its means lines. */
function readPreamble(lines: readonly string[][]): Preamble {
  const preamble: Preamble = {
    meta: { title: '', kind: 'multi_year', startYear: null, endYear: null },
    means: [],
    rows: [],
    warnings: [],
  };
  let titleFound = false;
  lines.forEach((cells, index) => {
    const line = oneLine(cleanCell(cells.join(' ')).text);
    const row = index + 1;
    if (line === '') return;
    if (isMeansLine(line)) {
      preamble.means.push(readMeans(line));
      preamble.rows.push({ row, outcome: 'imported', code: 'import.plan.row.means' });
    } else if (!titleFound) {
      titleFound = true;
      preamble.meta = readTitle(line);
      preamble.rows.push({ row, outcome: 'imported', code: 'import.plan.row.title' });
    } else {
      preamble.rows.push({ row, outcome: 'skipped', code: 'import.plan.row.ignored' });
    }
  });
  if (!titleFound) preamble.warnings.push({ code: 'import.plan.titleMissing' });
  return preamble;
}

/**
 * "Plan d'action RES 2023/2027" -> multi-year 2023-2027. A span of one year
 * ("2024-2025") is an academic year, hence a yearly plan; a single year too.
 * Without any year the plan is taken as multi-year with unknown bounds, for
 * the user to complete on the preview.
 */
export function readTitle(title: string): PlanMeta {
  const range = /\b((?:19|20)\d{2})\s*[/–—-]\s*((?:19|20)?\d{2})\b/u.exec(title);
  if (range) {
    const startYear = Number(range[1]);
    const endYear = range[2].length === 2 ? Math.floor(startYear / 100) * 100 + Number(range[2]) : Number(range[2]);
    if (endYear >= startYear) {
      return { title, kind: endYear - startYear > 1 ? 'multi_year' : 'yearly', startYear, endYear };
    }
  }
  const single = /\b((?:19|20)\d{2})\b/.exec(title);
  if (single) return { title, kind: 'yearly', startYear: Number(single[1]), endYear: Number(single[1]) };
  return { title, kind: 'multi_year', startYear: null, endYear: null };
}

function isMeansLine(line: string): boolean {
  return /\b(?:moyens|means|resources)\b/iu.test(line) || /\d\s*%\s*[x×*]\s/u.test(line);
}

/**
 * "De manière transversale, moyens nécessaires : 10% x nombre de référents DRS"
 * -> 10 % of a full-time post per referent of the steering committee.
 */
export function readMeans(line: string): ParsedMeans {
  const colon = line.indexOf(':');
  const label = (colon >= 0 ? line.slice(colon + 1) : line).trim() || line;
  const percent = /(\d+(?:[.,]\d+)?)\s*%/.exec(label);
  const perReferent = /r[ée]f[ée]rents?|referents?/iu.test(label);
  return {
    label,
    fteRatioMilli: percent ? Math.round(Number(percent[1].replace(',', '.')) * 10) : null,
    basis: percent && perReferent ? 'steering_committee_referents' : null,
  };
}
