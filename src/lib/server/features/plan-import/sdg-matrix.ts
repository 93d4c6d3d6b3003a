/**
 * Reads the annual action plan of a sustainability report: a matrix with one
 * row per action, grouped under Plan-vert axis headings, and one column per
 * SDG (1..17) holding a mark such as "●". The matrix usually comes out of a
 * PDF, so its columns are not trustworthy; see `assessMarks` for the rule.
 */
import {
  type AxisCode,
  emptyAction,
  type ImportMessage,
  type ParsedAction,
  type ParsedWorkstream,
  type ParseResult,
  type RowReport,
  type SdgReview,
} from './parsed-plan';

const SDG_COUNT = 17;
const HEADER_FIRST_CELL = /^(actions?|action\(s\))$/i;
const SDG_HEADER_CELL = /^(?:odd\s*)?(\d{1,2})$/i;
const MARKS = new Set(['●', '•', 'x', 'X', '✓', '✔', '1']);
/** A report heading such as "A. 4. Communication" ends the table even if it carried a tab. */
const SECTION_HEADING = /^[A-Z]\s?\.\s?\d+\s?\.?\s/;
/** Last words that leave a title unfinished when the PDF wrapped it onto the next line. */
const DANGLING_WORDS = new Set([
  'et',
  'ou',
  'de',
  'des',
  'du',
  'la',
  'le',
  'les',
  'a',
  'au',
  'aux',
  'pour',
  'en',
  'sur',
  'avec',
  'par',
  'dans',
  'un',
  'une',
]);
const NO_AXIS_TITLE = 'Sans axe';

/** Axis headings as written in French reports, accents and case folded, parentheses removed. */
const AXIS_HEADINGS: Record<string, AxisCode> = {
  'strategie-gouvernance': 'strategy_governance',
  'strategie gouvernance': 'strategy_governance',
  'strategie et gouvernance': 'strategy_governance',
  formation: 'teaching',
  enseignement: 'teaching',
  'enseignement et formation': 'teaching',
  'formation et enseignement': 'teaching',
  recherche: 'research_innovation',
  'recherche et innovation': 'research_innovation',
  'gestion environnementale': 'campus_environment',
  'gestion environnementale du campus': 'campus_environment',
  'politique sociale': 'social_territorial',
  'ancrage territorial': 'social_territorial',
  'politique sociale et ancrage territorial': 'social_territorial',
};

export interface SdgMatrixMeta {
  title?: string;
  startYear?: number;
  endYear?: number;
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function axisOf(title: string): AxisCode | null {
  const key = tidy(fold(title).replace(/\([^)]*\)/g, ''));
  return AXIS_HEADINGS[key] ?? null;
}

/** The matrix header: "Action" then the numbers 1 to 17, then nothing but empty cells. */
export function isSdgMatrixHeader(cells: string[]): boolean {
  if (!HEADER_FIRST_CELL.test((cells[0] ?? '').trim())) return false;
  for (let sdg = 1; sdg <= SDG_COUNT; sdg++) {
    if (Number(SDG_HEADER_CELL.exec((cells[sdg] ?? '').trim())?.[1]) !== sdg) return false;
  }
  return cells.slice(SDG_COUNT + 1).every((c) => c.trim() === '');
}

function isRepeatedHeader(cells: string[]): boolean {
  return (
    HEADER_FIRST_CELL.test((cells[0] ?? '').trim()) &&
    cells.slice(1).every((c) => c.trim() === '' || SDG_HEADER_CELL.test(c.trim()))
  );
}

type MarkAssessment =
  | { certain: true; sdgs: number[] }
  | { certain: false; reasonCode: string; suggestedSdgs: number[] };

/**
 * THE ALIGNMENT RULE. A row is certain only when it has exactly the header's
 * cell count and every mark sits under a numbered header column (cells 1..17):
 * then its SDGs are the marked columns. Anything else is uncertain and goes to
 * review, with a suggestion the user must confirm:
 * - same cell count but marks beyond column 17 (the PDF shifted them right):
 *   suggest those marks on SDG 17, the others where they are;
 * - another cell count (after a page break the PDF drops empty cells): suggest
 *   the marks read as if aligned left (cell i -> SDG i), dropping any beyond 17.
 */
function assessMarks(
  cells: string[],
  headerLength: number,
  marked: number[],
  hasUnknownContent: boolean,
): MarkAssessment {
  const asAligned = marked.filter((i) => i <= SDG_COUNT);
  if (cells.length !== headerLength) {
    return { certain: false, reasonCode: 'import.matrix.cellCountMismatch', suggestedSdgs: asAligned };
  }
  if (marked.some((i) => i > SDG_COUNT)) {
    const shifted = marked.map((i) => Math.min(i, SDG_COUNT));
    return { certain: false, reasonCode: 'import.matrix.markBeyondLastColumn', suggestedSdgs: [...new Set(shifted)] };
  }
  if (hasUnknownContent) return { certain: false, reasonCode: 'import.matrix.unknownMark', suggestedSdgs: asAligned };
  return { certain: true, sdgs: marked };
}

/** "pour 2021-2022" in the few lines above the table gives the plan's years. */
function yearsAbove(lines: string[], headerIndex: number): { startYear: number; endYear: number } | null {
  for (let i = headerIndex - 1; i >= Math.max(0, headerIndex - 6); i--) {
    const match = /pour\s+(\d{4})\s*[-–/]\s*(\d{4})/i.exec(lines[i] ?? '');
    if (match) return { startYear: Number(match[1]), endYear: Number(match[2]) };
  }
  return null;
}

function continuesTitle(previousTitle: string, text: string): boolean {
  const lastWord =
    fold(previousTitle)
      .split(/[\s']+/)
      .pop() ?? '';
  return /^\p{Ll}/u.test(text) || DANGLING_WORDS.has(lastWord) || /[,\-–]$/.test(previousTitle);
}

interface OpenAction {
  action: ParsedAction;
  review: SdgReview | null;
}

export function parseSdgMatrix(text: string, meta: SdgMatrixMeta = {}): ParseResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const headerIndex = lines.findIndex((line) => isSdgMatrixHeader(line.split('\t')));
  if (headerIndex < 0) return { ok: false, error: { code: 'import.matrix.notFound' } };
  const headerLength = lines[headerIndex].split('\t').length;

  const workstreams: ParsedWorkstream[] = [];
  const rows: RowReport[] = [{ row: headerIndex + 1, outcome: 'skipped', code: 'import.matrix.header' }];
  const warnings: ImportMessage[] = [];
  const reviews: SdgReview[] = [];
  let workstream: ParsedWorkstream | null = null;
  // The last action and its review, while the previous non-blank row was that action.
  let open: OpenAction | null = null;

  const warn = (row: number, code: string, params?: Record<string, string | number>) => {
    warnings.push(params ? { code, row, params } : { code, row });
    rows.push(params ? { row, outcome: 'warning', code, params } : { row, outcome: 'warning', code });
  };

  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i];
    const row = i + 1;
    if (line.trim() === '') continue;
    if (!line.includes('\t') || SECTION_HEADING.test(line.trim())) break;

    const cells = line.split('\t');
    const title = tidy(cells[0]);
    const marked: number[] = [];
    let hasUnknownContent = false;
    cells.forEach((cell, index) => {
      if (index === 0 || cell.trim() === '') return;
      if (MARKS.has(cell.trim())) marked.push(index);
      else hasUnknownContent = true;
    });
    const previous: OpenAction | null = open;
    open = null;

    if (isRepeatedHeader(cells)) {
      rows.push({ row, outcome: 'skipped', code: 'import.matrix.repeatedHeader' });
      continue;
    }
    if (title === '') {
      if (marked.length > 0 || hasUnknownContent) warn(row, 'import.matrix.marksWithoutTitle');
      continue;
    }
    const axis = marked.length === 0 && !hasUnknownContent ? axisOf(title) : null;
    if (axis) {
      workstream = { code: null, title, axis, objectives: [], actions: [] };
      workstreams.push(workstream);
      rows.push({ row, outcome: 'imported', code: 'import.matrix.axisHeading', params: { title } });
      continue;
    }
    if (previous && marked.length === 0 && !hasUnknownContent && continuesTitle(previous.action.title, title)) {
      previous.action.title = `${previous.action.title} ${title}`;
      if (previous.review) previous.review.actionTitle = previous.action.title;
      rows.push({ row, outcome: 'merged', code: 'import.matrix.titleContinued', params: { row: previous.action.row } });
      open = previous;
      continue;
    }

    if (!workstream) {
      workstream = { code: null, title: NO_AXIS_TITLE, axis: null, objectives: [], actions: [] };
      workstreams.push(workstream);
      warnings.push({ code: 'import.matrix.actionWithoutAxis', row });
    }
    const action = emptyAction(row, title);
    action.axes = workstream.axis ? [workstream.axis] : [];
    workstream.actions.push(action);
    open = { action, review: null };

    if (marked.length === 0 && !hasUnknownContent) {
      warn(row, 'import.matrix.noMarks');
      continue;
    }
    const assessment = assessMarks(cells, headerLength, marked, hasUnknownContent);
    if (assessment.certain) {
      action.sdgs = assessment.sdgs;
      rows.push({
        row,
        outcome: 'imported',
        code: 'import.matrix.actionImported',
        params: { sdgs: action.sdgs.join(', ') },
      });
      continue;
    }
    const review: SdgReview = {
      row,
      actionTitle: title,
      rawCells: cells,
      markedCells: marked,
      suggestedSdgs: assessment.suggestedSdgs,
      reasonCode: assessment.reasonCode,
    };
    reviews.push(review);
    open.review = review;
    warn(row, assessment.reasonCode);
  }

  const actionCount = workstreams.reduce((n, w) => n + w.actions.length, 0);
  if (actionCount === 0) return { ok: false, error: { code: 'import.matrix.noActions', row: headerIndex + 1 } };

  const years = yearsAbove(lines, headerIndex);
  const startYear = meta.startYear ?? years?.startYear ?? null;
  const endYear = meta.endYear ?? years?.endYear ?? null;
  const title = meta.title ?? (startYear && endYear ? `Plan d'action ${startYear}-${endYear}` : "Plan d'action annuel");
  return {
    ok: true,
    value: { kind: 'yearly', title, startYear, endYear, means: [], workstreams, warnings, rows, reviews },
  };
}
