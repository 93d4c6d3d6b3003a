/**
 * The plan-building engine shared by every table-shaped source (CSV, TSV,
 * XLSX, ODS once read as rows of cells, and the seed's tab-separated text).
 *
 * Rules, in the order a row is read:
 * - blank rows are ignored; a repeated header row (tables paginated by
 *   workstream) is 'skipped';
 * - an empty workstream, objective or target cell means "same as above";
 * - a workstream or objective seen before (same number, or same title when
 *   unnumbered) is continued rather than duplicated: "Chantier 2 (suite)"
 *   lands in "Chantier 2" even when its wording drifted, and the row is
 *   reported 'merged' (with a warning code when the titles differ);
 * - targets are attached to the current objective, without duplicates;
 * - a row with an action becomes an action of the current objective (or of
 *   the workstream when there is no objective); an unreadable optional cell
 *   (status, date, FTE...) rejects the row with a reason, and the service
 *   refuses to commit an import that has a rejected row.
 */
import { cleanCell, fold, MAX_CELL_CHARS, oneLine, quote, unneutralise } from './cell-text';
import { readAxes, readAxis, readBudgetCents, readDate, readFteMilli, readSdgs, readStatus } from './cell-values';
import { parseIndicators } from './indicator-text';
import {
  emptyAction,
  type ImportMessage,
  type ParsedAction,
  type ParsedObjective,
  type ParsedPlan,
  type ParsedWorkstream,
  type ParseResult,
  type RowOutcome,
} from './parsed-plan';
import { parsePilots } from './pilots';
import { type ColumnMapping, isHeaderRow, type PlanField } from './plan-columns';
import { type Heading, readHeading } from './plan-headings';
import { parseTargets } from './targets';

export type { ColumnMapping, PlanField } from './plan-columns';
export { detectColumns, findHeaderRow, isHeaderRow } from './plan-columns';

export interface PlanMeta {
  title: string;
  kind: 'multi_year' | 'yearly';
  startYear: number | null;
  endYear: number | null;
}

interface Note {
  outcome: RowOutcome;
  code: string;
  params?: Record<string, string | number>;
}

/** The row report shows the most serious thing that happened on the row. */
const SEVERITY: Record<RowOutcome, number> = { skipped: 0, imported: 1, merged: 2, warning: 3, rejected: 4 };

/** Cleaned cells of one row; the four structural fields are always present (empty when unmapped). */
type Cells = Partial<Record<PlanField, string>> & Record<'workstream' | 'objective' | 'target' | 'action', string>;

interface Cursor {
  plan: ParsedPlan;
  workstream: ParsedWorkstream | null;
  objective: ParsedObjective | null;
  workstreamsByKey: Map<string, ParsedWorkstream>;
  objectivesByKey: Map<ParsedWorkstream, Map<string, ParsedObjective>>;
  labels: Partial<Record<PlanField, string>>;
}

export const NOT_A_PLAN: ParseResult = { ok: false, error: { code: 'import.plan.notAPlan' } };

/** Builds a plan from the rows under `headerRow`; row numbers in the report are `index + 1`. */
export function rowsToPlan(
  rows: readonly (readonly string[])[],
  headerRow: number,
  mapping: ColumnMapping,
  meta: PlanMeta,
): ParseResult {
  if (mapping.action === undefined) {
    return { ok: false, error: { code: 'import.plan.missingColumn', params: { column: 'action' } } };
  }
  const plan: ParsedPlan = { ...meta, means: [], workstreams: [], warnings: [], rows: [], reviews: [] };
  const cursor: Cursor = {
    plan,
    workstream: null,
    objective: null,
    workstreamsByKey: new Map(),
    objectivesByKey: new Map(),
    labels: columnLabels(rows[headerRow] ?? [], mapping),
  };
  plan.rows.push({ row: headerRow + 1, outcome: 'skipped', code: 'import.plan.row.header' });
  let actionRows = 0;
  for (let index = headerRow + 1; index < rows.length; index++) {
    const raw = (rows[index] ?? []).map((cell) => cleanCell(cell).text);
    if (raw.every((cell) => cell === '')) continue;
    const notes: Note[] = [];
    if (isHeaderRow(raw)) notes.push({ outcome: 'skipped', code: 'import.plan.row.header' });
    else {
      const cells = readCells(rows[index] ?? [], mapping, cursor.labels, notes);
      if (Object.values(cells).every((cell) => cell === '')) {
        notes.push({ outcome: 'skipped', code: 'import.plan.row.ignored' });
      } else {
        if (cells.action !== '') actionRows += 1;
        readRow(cursor, cells, index + 1, notes);
      }
    }
    report(plan, index + 1, notes);
  }
  return actionRows === 0 ? NOT_A_PLAN : { ok: true, value: plan };
}

function columnLabels(header: readonly string[], mapping: ColumnMapping): Partial<Record<PlanField, string>> {
  const labels: Partial<Record<PlanField, string>> = {};
  for (const [field, index] of Object.entries(mapping) as [PlanField, number][]) {
    labels[field] = quote(cleanCell(header[index]).text) || `#${index + 1}`;
  }
  return labels;
}

function readCells(raw: readonly string[], mapping: ColumnMapping, labels: Cursor['labels'], notes: Note[]): Cells {
  const cells = {} as Cells;
  for (const field of Object.keys(mapping) as PlanField[]) {
    const index = mapping[field];
    const cell = cleanCell(index === undefined ? '' : raw[index]);
    if (cell.truncated)
      notes.push({
        outcome: 'warning',
        code: 'import.plan.cellTruncated',
        params: { column: labels[field] ?? '', max: MAX_CELL_CHARS },
      });
    cells[field] = unneutralise(cell.text);
  }
  for (const field of ['workstream', 'objective', 'target', 'action'] as const) cells[field] ??= '';
  return cells;
}

function readRow(cursor: Cursor, cells: Cells, row: number, notes: Note[]): void {
  if (cells.workstream) enterWorkstream(cursor, readHeading(cells.workstream, 'workstream'), notes);
  if (cells.objective) enterObjective(cursor, readHeading(cells.objective, 'objective'), notes);
  if (cells.target) addTargets(cursor, cells.target, notes);
  if (!cells.action) {
    notes.push({ outcome: 'warning', code: 'import.plan.actionMissing' });
    return;
  }
  const action = readAction(cells, row, cursor.labels, notes);
  if (notes.some((n) => n.outcome === 'rejected')) return;
  (cursor.objective ?? currentWorkstream(cursor)).actions.push(action);
  notes.push({ outcome: 'imported', code: 'import.plan.row.imported' });
}

function enterWorkstream(cursor: Cursor, heading: Heading, notes: Note[]): void {
  const key = heading.code ?? `title:${fold(heading.title)}`;
  const existing = cursor.workstreamsByKey.get(key);
  if (!existing) {
    // A workstream titled after a Plan vert axis ("Recherche et innovation") carries that axis; a leading digit is a number, not an axis.
    const axis = /^\d/.test(heading.title) ? null : readAxis(heading.title);
    const workstream: ParsedWorkstream = {
      code: heading.code,
      title: heading.title,
      axis,
      objectives: [],
      actions: [],
    };
    cursor.plan.workstreams.push(workstream);
    cursor.workstreamsByKey.set(key, workstream);
    cursor.workstream = workstream;
    cursor.objective = null;
    return;
  }
  if (existing !== cursor.workstream || heading.continued || fold(heading.title) !== fold(existing.title)) {
    notes.push(mergeNote('workstream', existing, heading));
  }
  if (existing !== cursor.workstream) cursor.objective = null;
  cursor.workstream = existing;
}

function enterObjective(cursor: Cursor, heading: Heading, notes: Note[]): void {
  const workstream = currentWorkstream(cursor);
  const byKey = cursor.objectivesByKey.get(workstream) ?? new Map<string, ParsedObjective>();
  cursor.objectivesByKey.set(workstream, byKey);
  const key = heading.code ?? `title:${fold(heading.title)}`;
  const existing = byKey.get(key);
  if (!existing) {
    const objective: ParsedObjective = { code: heading.code, title: heading.title, targets: [], actions: [] };
    workstream.objectives.push(objective);
    byKey.set(key, objective);
    cursor.objective = objective;
    return;
  }
  if (existing !== cursor.objective || heading.continued || fold(heading.title) !== fold(existing.title)) {
    notes.push(mergeNote('objective', existing, heading));
  }
  cursor.objective = existing;
}

function mergeNote(
  kind: 'workstream' | 'objective',
  kept: { code: string | null; title: string },
  heading: Heading,
): Note {
  if (fold(heading.title) === fold(kept.title)) {
    return { outcome: 'merged', code: `import.plan.${kind}Merged`, params: { title: quote(kept.title) } };
  }
  return {
    outcome: 'merged',
    code: `import.plan.${kind}TitleDiffers`,
    params: { number: kept.code ?? '', kept: quote(kept.title), other: quote(heading.title) },
  };
}

/** Rows before any workstream heading go to one workstream named after the plan, flagged once. */
function currentWorkstream(cursor: Cursor): ParsedWorkstream {
  if (cursor.workstream) return cursor.workstream;
  const workstream: ParsedWorkstream = {
    code: null,
    title: cursor.plan.title,
    axis: null,
    objectives: [],
    actions: [],
  };
  cursor.plan.workstreams.push(workstream);
  cursor.workstreamsByKey.set(`title:${fold(workstream.title)}`, workstream);
  cursor.plan.warnings.push({ code: 'import.plan.implicitWorkstream' });
  cursor.workstream = workstream;
  return workstream;
}

function addTargets(cursor: Cursor, cell: string, notes: Note[]): void {
  const objective = cursor.objective;
  if (!objective) {
    notes.push({ outcome: 'warning', code: 'import.plan.targetWithoutObjective' });
    return;
  }
  for (const target of parseTargets(cell, cursor.plan.endYear)) {
    // A "(suite)" row repeats the objective's targets: keep each target once.
    if (!objective.targets.some((t) => fold(t.label) === fold(target.label))) objective.targets.push(target);
  }
}

function readAction(cells: Cells, row: number, labels: Cursor['labels'], notes: Note[]): ParsedAction {
  const action = emptyAction(row, oneLine(cells.action));
  const reject = (field: PlanField, code: string) =>
    notes.push({
      outcome: 'rejected',
      code,
      params: { column: labels[field] ?? field, value: quote(cells[field] ?? '') },
    });
  action.pilotText = oneLine(cells.pilot ?? '');
  action.pilots = parsePilots(cells.pilot ?? '');
  action.indicators = parseIndicators(cells.indicators ?? '');
  action.description = cells.description ? cells.description : null;
  if (cells.sdgs) {
    const read = readSdgs(cells.sdgs);
    action.sdgs = read.sdgs;
    for (const value of read.invalid)
      notes.push({ outcome: 'warning', code: 'import.plan.invalidSdg', params: { value: quote(value) } });
  }
  if (cells.axes) {
    const axes = readAxes(cells.axes);
    if (axes) action.axes = axes;
    else reject('axes', 'import.plan.invalidAxis');
  }
  if (cells.status) {
    action.status = readStatus(cells.status);
    if (!action.status) reject('status', 'import.plan.invalidStatus');
  }
  if (cells.startDate) {
    action.startDate = readDate(cells.startDate, 'start');
    if (!action.startDate) reject('startDate', 'import.plan.invalidDate');
  }
  if (cells.endDate) {
    action.endDate = readDate(cells.endDate, 'end');
    if (!action.endDate) reject('endDate', 'import.plan.invalidDate');
  }
  if (action.startDate && action.endDate && action.endDate < action.startDate) {
    notes.push({
      outcome: 'warning',
      code: 'import.plan.endBeforeStart',
      params: { start: action.startDate, end: action.endDate },
    });
  }
  if (cells.fte) {
    action.fteMilli = readFteMilli(cells.fte);
    if (action.fteMilli === null) reject('fte', 'import.plan.invalidFte');
  }
  if (cells.budget) {
    action.budgetCents = readBudgetCents(cells.budget);
    if (action.budgetCents === null) reject('budget', 'import.plan.invalidBudget');
  }
  return action;
}

function report(plan: ParsedPlan, row: number, notes: Note[]): void {
  if (notes.length === 0) return;
  const worst = notes.reduce((a, b) => (SEVERITY[b.outcome] > SEVERITY[a.outcome] ? b : a));
  plan.rows.push({ row, outcome: worst.outcome, code: worst.code, ...(worst.params && { params: worst.params }) });
  for (const note of notes) {
    if (note.outcome === 'warning' || note.code.endsWith('TitleDiffers')) plan.warnings.push(toMessage(row, note));
  }
}

function toMessage(row: number, note: Note): ImportMessage {
  return { code: note.code, row, ...(note.params && { params: note.params }) };
}
