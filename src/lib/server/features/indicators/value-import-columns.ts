/**
 * The table inside a values file: the values export read back, French or
 * English, or a table a person built with the same headings or a few common
 * synonyms. Headings are compared folded ("Période", "PERIODE" and "periode"
 * are one heading); the export's own headings come from its i18n messages,
 * so a renamed export column is still read back. Pure: no I/O.
 */
import { LOCALES, translate } from '../../../i18n';
import { fold, unneutralise } from '../plan-import/cell-text';
import type { TabularSheet } from '../plan-import/file-reader';

export const VALUE_COLUMNS = [
  'indicatorId',
  'plan',
  'action',
  'indicator',
  'period',
  'value',
  'comment',
  'current',
] as const;
export type ValueColumn = (typeof VALUE_COLUMNS)[number];

/** Column index (0-based) of each field found in the heading row. */
export type ValueColumnIndex = Partial<Record<ValueColumn, number>>;

/** The values export column (`api.export.column.*`) each field reads back; the export has no id column. */
const EXPORT_COLUMNS: Partial<Record<ValueColumn, string>> = {
  plan: 'plan',
  action: 'action',
  indicator: 'indicator',
  period: 'period',
  value: 'value',
  comment: 'comment',
  current: 'current',
};

/** Headings people write by hand, as `fold` writes them. */
const ALIASES: Record<ValueColumn, readonly string[]> = {
  indicatorId: [
    'id',
    'id indicateur',
    'identifiant',
    'identifiant indicateur',
    'identifiant de l indicateur',
    'indicator id',
  ],
  plan: ['plan d action', 'action plan'],
  action: ['intitule de l action', 'action title'],
  indicator: ['nom de l indicateur', 'intitule de l indicateur', 'indicator name'],
  period: ['periode de reference', 'reporting period', 'annee', 'year'],
  value: ['valeur saisie', 'valeurs', 'values'],
  comment: ['commentaires', 'comments', 'remarque', 'remarques'],
  current: [],
};

const HEADINGS = new Map<string, ValueColumn>();
for (const column of VALUE_COLUMNS) {
  const exported = EXPORT_COLUMNS[column];
  const names = [
    ...ALIASES[column],
    ...(exported ? LOCALES.map((l) => translate(l, `api.export.column.${exported}`)) : []),
  ];
  for (const name of names) HEADINGS.set(fold(name), column);
}

/** "no" in the history export's "current version" column, in every language. */
const NOT_CURRENT = new Set(LOCALES.map((l) => fold(translate(l, 'api.export.no'))));

/** A title or a note may sit above the headings; a table whose headings are further down is not this one. */
const HEADER_SEARCH_ROWS = 10;

/** One data row of the file, its cells trimmed and un-neutralised. */
export interface ValueFileRow {
  /** 1-based line (text file) or row (spreadsheet) in the file. */
  line: number;
  indicatorId: string;
  plan: string;
  action: string;
  indicator: string;
  period: string;
  value: string;
  /** null when the file has no comment column: the current comment is then kept, not erased. */
  comment: string | null;
  /** False for a past version in a history export: only the version in force is read back. */
  current: boolean;
}

export interface ValueTable {
  sheet: string;
  columns: ValueColumnIndex;
  rows: ValueFileRow[];
}

export function readHeadings(row: readonly string[]): ValueColumnIndex {
  const columns: ValueColumnIndex = {};
  row.forEach((cell, index) => {
    const column = HEADINGS.get(fold(cell));
    if (column && columns[column] === undefined) columns[column] = index;
  });
  return columns;
}

/** A values table names the indicator (by id or by name), the period and the value. */
function isValueTable(columns: ValueColumnIndex): boolean {
  const names = columns.indicatorId !== undefined || columns.indicator !== undefined;
  return names && columns.period !== undefined && columns.value !== undefined;
}

function readRow(raw: readonly string[], line: number, columns: ValueColumnIndex): ValueFileRow {
  const cell = (column: ValueColumn) => {
    const index = columns[column];
    return index === undefined ? '' : unneutralise((raw[index] ?? '').normalize('NFC').trim());
  };
  return {
    line,
    indicatorId: cell('indicatorId'),
    plan: cell('plan'),
    action: cell('action'),
    indicator: cell('indicator'),
    period: cell('period'),
    value: cell('value'),
    comment: columns.comment === undefined ? null : cell('comment'),
    current: !NOT_CURRENT.has(fold(cell('current'))),
  };
}

/** The first sheet holding a values table, its blank rows left out; undefined when the file holds none. */
export function findValueTable(sheets: readonly TabularSheet[]): ValueTable | undefined {
  for (const sheet of sheets) {
    const searched = Math.min(sheet.rows.length, HEADER_SEARCH_ROWS);
    for (let header = 0; header < searched; header++) {
      const columns = readHeadings(sheet.rows[header]);
      if (!isValueTable(columns)) continue;
      const rows: ValueFileRow[] = [];
      for (let i = header + 1; i < sheet.rows.length; i++) {
        if (sheet.rows[i].every((c) => c.trim() === '')) continue;
        rows.push(readRow(sheet.rows[i], i + 1, columns));
      }
      return { sheet: sheet.name, columns, rows };
    }
  }
  return undefined;
}
