/**
 * Typed cell readers for the optional columns of a mapped plan (SDGs, axes,
 * status, dates, FTE, budget). Each returns `null` when the cell holds
 * something it cannot read, so that the caller can reject the row with a
 * reason instead of guessing.
 */
import { fold } from './cell-text';
import { type ActionStatus, AXIS_CODES, type AxisCode } from './parsed-plan';

/** SDG numbers in order of appearance, plus the pieces that are not SDGs (1 to 17). */
export function readSdgs(text: string): { sdgs: number[]; invalid: string[] } {
  const sdgs: number[] = [];
  const invalid: string[] = [];
  const cleaned = text.replace(/\b(?:odd|sdgs?|goals?)\s*(?:n[°o]\s*)?#?\s*/giu, ' ');
  for (const piece of cleaned.split(/[\s,;/+&]+|\s(?:et|and)\s/iu)) {
    if (piece === '' || /^(?:et|and)$/iu.test(piece)) continue;
    // "4.1" names a target of SDG 4: the action contributes to SDG 4.
    const match = /^(\d{1,2})(?:\.(?:\d{1,2}|[a-z]))?$/iu.exec(piece);
    const goal = match ? Number(match[1]) : 0;
    if (goal >= 1 && goal <= 17) {
      if (!sdgs.includes(goal)) sdgs.push(goal);
    } else invalid.push(piece);
  }
  return { sdgs, invalid };
}

/** French and English names of the five Plan vert axes, folded; the code itself and "1".."5" are accepted too. */
const AXIS_NAMES: Record<AxisCode, string[]> = {
  strategy_governance: [
    'strategie et gouvernance',
    'strategie gouvernance',
    'gouvernance',
    'strategie',
    'strategy and governance',
    'strategy governance',
    'governance',
    'strategy',
  ],
  teaching: [
    'enseignement et formation',
    'enseignement formation',
    'formation',
    'enseignement',
    'teaching and training',
    'teaching',
    'training',
    'education',
  ],
  research_innovation: [
    'recherche et innovation',
    'recherche innovation',
    'recherche',
    'innovation',
    'research and innovation',
    'research',
  ],
  campus_environment: [
    'gestion environnementale',
    'gestion environnementale du campus',
    'environnement',
    'campus',
    'environmental management',
    'environment',
  ],
  social_territorial: [
    'politique sociale et ancrage territorial',
    'politique sociale',
    'ancrage territorial',
    'social policy and local integration',
    'social policy',
    'social',
    'territorial',
  ],
};

/** One axis from its code, number ("2", "Axe 2") or name; null when unknown. */
export function readAxis(text: string): AxisCode | null {
  const folded = fold(text.replace(/_/g, ' '));
  const numbered = /^(?:axe|axis)?\s*([1-5])\b/.exec(folded);
  if (numbered) return AXIS_CODES[Number(numbered[1]) - 1];
  const name = folded.replace(/^(?:axe|axis)\s+/, '');
  for (const code of AXIS_CODES) {
    if (code.replace(/_/g, ' ') === name || AXIS_NAMES[code].includes(name)) return code;
  }
  return null;
}

/** Every axis of a cell ("Recherche et innovation, 4"); null when one of them is unknown. */
export function readAxes(text: string): AxisCode[] | null {
  if (text.trim() === '') return [];
  const whole = readAxis(text);
  if (whole) return [whole];
  const axes: AxisCode[] = [];
  for (const piece of text.split(/[,;/+\n]/)) {
    if (piece.trim() === '') continue;
    const axis = readAxis(piece);
    if (!axis) return null;
    if (!axes.includes(axis)) axes.push(axis);
  }
  return axes;
}

const STATUS_WORDS: Record<ActionStatus, string[]> = {
  not_started: [
    'a faire',
    'non demarree',
    'non demarre',
    'pas demarree',
    'pas demarre',
    'pas commencee',
    'prevue',
    'planifiee',
    'not started',
    'to do',
    'todo',
    'planned',
  ],
  in_progress: ['en cours', 'demarree', 'demarre', 'commencee', 'in progress', 'ongoing', 'started'],
  done: [
    'terminee',
    'termine',
    'realisee',
    'realise',
    'faite',
    'fait',
    'achevee',
    'acheve',
    'done',
    'completed',
    'complete',
    'finished',
  ],
  suspended: ['suspendue', 'suspendu', 'en pause', 'en attente', 'suspended', 'on hold', 'paused'],
  cancelled: ['abandonnee', 'abandonne', 'annulee', 'annule', 'cancelled', 'canceled', 'abandoned', 'dropped'],
};

export function readStatus(text: string): ActionStatus | null {
  const folded = fold(text);
  for (const [status, words] of Object.entries(STATUS_WORDS) as [ActionStatus, string[]][]) {
    if (words.includes(folded)) return status;
  }
  return null;
}

// Excel counts days from 1899-12-30 (the 1900 leap-year bug is absorbed by that origin for every date after March 1900).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * A date as dd/mm/yyyy (also "-" or "."), yyyy-mm-dd (time ignored), an Excel
 * serial number or a bare year. A bare year between 1900 and 2100 is read as a
 * year (Jan 1 for a start, Dec 31 for an end), never as an Excel serial: those
 * serials fall in 1905, a date no plan uses.
 */
export function readDate(text: string, edge: 'start' | 'end'): string | null {
  const t = text.trim();
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (match) return isoDate(Number(match[3]), Number(match[2]), Number(match[1]));
  match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  if (/^(?:19|20)\d{2}$/.test(t) || t === '2100') return edge === 'start' ? `${t}-01-01` : `${t}-12-31`;
  if (/^\d{1,6}(?:\.\d+)?$/.test(t)) {
    const serial = Math.floor(Number(t));
    if (serial < 61 || serial > 2_958_465) return null;
    return new Date(EXCEL_EPOCH_MS + serial * DAY_MS).toISOString().slice(0, 10);
  }
  return null;
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** "0,5", "0.5", "0,5 ETP" -> 500; "10 %" of a full-time post -> 100. */
export function readFteMilli(text: string): number | null {
  const t = text.trim().replace(/\s*(?:etp|fte)$/iu, '');
  const match = /^(\d+(?:[.,]\d+)?)\s*(%?)$/.exec(t);
  if (!match) return null;
  const value = Number(match[1].replace(',', '.'));
  return Math.round(match[2] ? value * 10 : value * 1000);
}

/**
 * "12 000 €", "12000,50", "12,000.50", "1,5 k€" -> euro cents. With both "," and
 * "." the last one is the decimal mark; with only one kind, a mark followed by
 * exactly three digits groups thousands ("12.000", "12,000") — money is never
 * written with three decimals — and any other is the decimal mark.
 */
export function readBudgetCents(text: string): number | null {
  let t = text.replace(/[\s\u00a0\u202f']/g, '').toLowerCase();
  let factor = 1;
  const scale = /(k|m)(?:€|eur|euros?)?$/.exec(t);
  if (scale && /\d/.test(t.slice(0, scale.index).slice(-1))) {
    factor = scale[1] === 'k' ? 1_000 : 1_000_000;
    t = t.slice(0, scale.index);
  }
  t = t.replace(/^€|€$|eur(?:os?)?$/g, '');
  if (!/^\d[\d.,]*$/.test(t) || /[.,]$/.test(t)) return null;
  const lastComma = t.lastIndexOf(',');
  const lastDot = t.lastIndexOf('.');
  let decimal: ',' | '.' | null = null;
  if (lastComma >= 0 && lastDot >= 0) decimal = lastComma > lastDot ? ',' : '.';
  else if (lastComma >= 0 || lastDot >= 0) {
    const mark = lastComma >= 0 ? ',' : '.';
    const groups = t.split(mark);
    const thousands = groups.length > 2 || groups[groups.length - 1].length === 3;
    decimal = thousands ? null : mark;
  }
  const thousandsMark = decimal === ',' ? '.' : decimal === '.' ? ',' : /[.,]/.exec(t)?.[0];
  if (thousandsMark) t = t.split(thousandsMark).join('');
  if (decimal) t = t.replace(decimal, '.');
  if (!/^\d+(?:\.\d+)?$/.test(t)) return null;
  return Math.round(Number(t) * factor * 100);
}
