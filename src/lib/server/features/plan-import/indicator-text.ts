/**
 * Reads an "Indicateurs de suivi" cell: one indicator per ";" or line break,
 * with its unit when the wording gives it away.
 *
 * Units chosen (the first matching rule wins):
 * - "Nb m2 ...", "surface en m2" -> "m²": what is counted is area, not items;
 * - "Kwhef ..." -> "kWhef", "MWh ..." -> "MWh", "tCO2e ..." -> "tCO2e";
 * - "Kg ... /an" -> "kg/an", "Kg ..." -> "kg";
 * - "% ...", "Taux ...", "... (taux)", "pourcentage" -> "%" ("%/an" when it
 *   ends with "/an" or "par an");
 * - "montant ...", "budget ...", "coût ..." -> "€": the seed writes "montant \$"
 *   but the institution's money is in euros;
 * - "Nb ...", "Nombre ...", "Nbre ..." -> "nombre" (a count per year is still a count);
 * - anything else: null, the user picks the unit after the import.
 */
import { fold, oneLine } from './cell-text';
import type { ParsedIndicator } from './parsed-plan';

export function parseIndicators(cell: string): ParsedIndicator[] {
  return String(cell ?? '')
    .split(/[;\n]/)
    .map((part) => oneLine(unescapeMarkdown(part)))
    .filter((name) => /[\p{L}\p{N}]/u.test(name))
    .map((name) => ({ name, unit: unitOf(name) }));
}

/** The seed came through a Markdown export that escaped "$" as "\$". */
function unescapeMarkdown(text: string): string {
  return text.replace(/\\([$%&_#*])/g, '$1');
}

const PER_YEAR = /(?:\/\s*an|par an|per year|\/\s*year)\s*$/;

function unitOf(name: string): string | null {
  const text = fold(name.replace(/m²/g, 'm2'));
  const lower = name.toLowerCase();
  if (
    /^(?:nb|nombre|nbre|number)(?: de| d| of)? m2\b/.test(text) ||
    /\b(?:surface|superficie|area) en m2\b/.test(text)
  ) {
    return 'm²';
  }
  if (/^kwhef\b/.test(text)) return 'kWhef';
  if (/^kwh\b/.test(text)) return 'kWh';
  if (/^mwh\b/.test(text)) return 'MWh';
  if (/^(?:t ?co2e?|teq ?co2)\b/.test(text)) return 'tCO2e';
  if (/^kg\b/.test(text)) return PER_YEAR.test(lower) ? 'kg/an' : 'kg';
  if (/^%/.test(name.trim()) || /^(?:taux|pourcentage|part|rate|share)\b/.test(text) || /\((?:taux|%)\)/i.test(name)) {
    return PER_YEAR.test(lower) ? '%/an' : '%';
  }
  if (/^(?:montant|budget|cout|cost|amount)\b/.test(text)) return '€';
  if (/^(?:nb|nombre|nbre|number)\b/.test(text)) return 'nombre';
  return null;
}
