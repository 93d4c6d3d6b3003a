/**
 * Reads a "Cible" cell into one or more targets.
 *
 * Spreadsheet exports lose the line breaks of merged cells, so two targets
 * often arrive glued: "Diminution de 20% de la consommation d'origine fossile
 * Diminution de 5% par an de nos GES". Splitting rule, applied to each line:
 * a new target starts at word W when the text before W is a complete clause —
 * at least three words, not ending on a linking word ("de", "à", "par",
 * "et"...) — and either
 *   (a) the previous word ends with a sentence mark ("." ";" "!" "?")
 *       and W starts with a capital or a digit, or
 *   (b) W is a number with "%" ("50% 100% d'essences", "d'eau 20% des
 *       fournitures"), or
 *   (c) W is a capitalised word ("Diminution", "Maintien", "Zéro") that is
 *       not part of a proper noun (previous word neither capitalised nor an
 *       acronym, unless W is a known opening word such as "Baisse") and is
 *       followed by at least two more words.
 * Acronyms ("ADAP", "RES", "ODD") never start a target.
 */
import { fold, oneLine } from './cell-text';
import type { ParsedTarget } from './parsed-plan';

const LINKING = new Set(
  [
    'de',
    'd',
    'des',
    'du',
    'a',
    'au',
    'aux',
    'par',
    'sur',
    'en',
    'pour',
    'avec',
    'et',
    'ou',
    'le',
    'la',
    'les',
    'l',
    'un',
    'une',
    'dans',
    'entre',
    'vers',
    'que',
    'qu',
    'soit',
    'environ',
    'moins',
    'plus',
    'of',
    'by',
    'to',
    'at',
    'than',
    'and',
    'or',
    'the',
    'in',
    'on',
    'for',
    'from',
  ].map(fold),
);
/** Words that open a target sentence in French or English plans, even right after an acronym ("nos GES Baisse ..."). */
const OPENING_WORDS = new Set(
  [
    'diminution',
    'baisse',
    'reduction',
    'reduire',
    'diminuer',
    'augmentation',
    'augmenter',
    'hausse',
    'maintien',
    'maintenir',
    'zero',
    'atteindre',
    'obtenir',
    'passer',
    'decrease',
    'reduce',
    'increase',
    'maintain',
    'reach',
  ].map(fold),
);
/** Words meaning "less": a "Diminution de 20%" is a target of -20 %. */
const DECREASE =
  /\b(diminution|diminuer|baisse|baisser|reduction|reduire|reduit|reduits|moins|decrease|reduce|cut|lower)\b/;

const PERCENT_TOKEN = /^[<>≥≤]?\d+(?:[.,]\d+)?%$/u;
const NUMBER_TOKEN = /^[<>≥≤]?\d+(?:[.,]\d+)?$/u;

export function parseTargets(cell: string, deadlineYear: number | null): ParsedTarget[] {
  const targets: ParsedTarget[] = [];
  for (const line of String(cell ?? '').split(/\n+/)) {
    for (const label of splitClauses(oneLine(line))) targets.push(readTarget(label, deadlineYear));
  }
  return targets;
}

/** Splits one line where a new target starts (rule in the file comment). */
export function splitClauses(line: string): string[] {
  const words = line.split(' ').filter((w) => w !== '');
  const clauses: string[] = [];
  let start = 0;
  for (let i = 1; i < words.length; i++) {
    if (i - start >= 3 && startsClause(words, i)) {
      clauses.push(words.slice(start, i).join(' '));
      start = i;
    }
  }
  if (start < words.length) clauses.push(words.slice(start).join(' '));
  return clauses;
}

function startsClause(words: string[], i: number): boolean {
  const word = words[i];
  const previous = words[i - 1];
  if (LINKING.has(fold(previous)) || /[:'’]$/u.test(previous)) return false;
  const isPercent = PERCENT_TOKEN.test(word) || (NUMBER_TOKEN.test(word) && words[i + 1] === '%');
  if (/[.;!?]$/u.test(previous)) return isPercent || /^[\p{Lu}\d]/u.test(word);
  if (isPercent) return true;
  if (!/^\p{Lu}\p{Ll}/u.test(word) || words.length - i < 3) return false;
  const properNoun = /^\p{Lu}/u.test(previous);
  return !properNoun || OPENING_WORDS.has(fold(word));
}

function readTarget(label: string, deadlineYear: number | null): ParsedTarget {
  const value = readValue(label);
  const year = explicitYear(label) ?? deadlineYear;
  return {
    label,
    baselineValue: value.baseline,
    targetValue: value.target,
    unit: value.unit,
    deadline: year === null ? null : `${year}-12-31`,
    qualitative: value.target === null,
  };
}

interface TargetValue {
  baseline: number | null;
  target: number | null;
  unit: string | null;
}

const NUM = String.raw`(\d+(?:[.,]\d+)?)`;
/** Physical units a target or an indicator text may carry (indicators reuse the list). */
export const UNIT_WORDS: ReadonlySet<string> = new Set([
  'kg',
  't',
  'tco2e',
  'teqco2',
  'kwh',
  'kwhef',
  'mwh',
  'gwh',
  'km',
  'm2',
  'm²',
  'ha',
  '€',
  'k€',
  'h',
]);

function readValue(label: string): TargetValue {
  // Folded but keeping "%" and separators so that numbers and units stay readable.
  const text = label.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’]/g, "'");
  const fromTo = new RegExp(String.raw`\b(?:de|from)\s+${NUM}\s*(%?)\s+(?:a|to)\s+${NUM}\s*(%?)`).exec(text);
  if (fromTo) {
    return { baseline: toNumber(fromTo[1]), target: toNumber(fromTo[3]), unit: fromTo[2] || fromTo[4] ? '%' : null };
  }
  const percent = new RegExp(String.raw`${NUM}\s*%`).exec(text);
  if (percent) {
    const perYear = /^\s*(?:par an|\/\s*an\b|annuel|per year|a year|\/\s*year)/.test(
      text.slice(percent.index + percent[0].length),
    );
    return { baseline: null, target: signed(text, percent.index, toNumber(percent[1])), unit: perYear ? '%/an' : '%' };
  }
  // Only as the first word: "établir le point zéro" is not a target of zero.
  if (/^(?:zero|aucun|aucune|no|none)\b/.test(text)) return { baseline: null, target: 0, unit: null };
  // A leading count: "3 ODD minimum", "10 tCO2e évitées". Numbers inside a sentence (decree numbers, years) are not targets.
  const leading = new RegExp(String.raw`^[<>≥≤]?\s*${NUM}\s*(\S+)?`).exec(text);
  if (leading && !/^(?:19|20)\d{2}$/.test(leading[1])) {
    const word = label.replace(/^[<>≥≤]?\s*\d+(?:[.,]\d+)?\s*/u, '').split(/\s+/)[0] ?? '';
    const unit = /^[\p{Lu}\d]{2,}$/u.test(word) || UNIT_WORDS.has(word.toLowerCase()) ? word : null;
    return { baseline: null, target: signed(text, 0, toNumber(leading[1])), unit };
  }
  return { baseline: null, target: null, unit: null };
}

function toNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

/** Negative when a "decrease" word comes before the number ("Baisse de 50%" -> -50). */
function signed(text: string, index: number, value: number): number {
  return DECREASE.test(text.slice(0, index)) && value !== 0 ? -value : value;
}

/** "d'ici 2030", "en 2025", "by 2030": a year written in the target overrides the plan's end year. */
function explicitYear(label: string): number | null {
  const match = /\b(?:d['’]ici|avant|en|by|in|fin)\s+(?:fin\s+)?((?:19|20)\d{2})\b/iu.exec(label);
  return match ? Number(match[1]) : null;
}
