/**
 * Indicator definitions: what the officer may change, and how an imported
 * "Indicateurs de suivi" text becomes a definition. Pure: no I/O.
 *
 * inferDefinition, rules in order (the first that matches decides the kind):
 * 1. yes/no: compliance wording ("Respect du décret", "Conformité ...").
 * 2. milestone: something done once ("Mission FIA démarrée", "Culturelle
 *    réalisée", "Autoévaluation 2023 / candidature ...") unless the text starts
 *    with a quantity ("Nb m2 ... créé" counts). Deadline: the year the text
 *    names, else the end of the plan.
 * 3. percentage: a ratio "x / y" of two quantities ("Nb de visio/total",
 *    "Surface non coupée / surface coupée"), or a "%" unit.
 * 4. number: a unit the import read ("nombre", "€", "kWhef", "kg/an"...), or a
 *    count named inside the text ("Diminution du nombre de trajets ..."), or a
 *    carbon footprint ("Evolution de BC des labo" -> tCO2e).
 * 5. text otherwise ("Positionnement de l'école", survey results).
 *
 * Direction: milestones and yes/no are "milestone", text is "reach". A number
 * that names a saving or a reduction ("Kwhef économisés", "% de baisse/an",
 * "trajets évités") measures the good thing itself: it increases. A stock that
 * should fall (reports, carbon footprint, consumption, waste) decreases, as
 * does any indicator whose target is zero. Everything else increases.
 *
 * Periodicity: academic year (Sept-Aug) when the indicator counts students,
 * pupils, teachers, teaching or graduates — courses, grants and teacher
 * training run on the school year, and the school counts them that way; the
 * calendar year otherwise.
 *
 * Target: taken from the objective's quantified targets when (a) the units
 * agree ("%" with "%", a count with a target without physical unit such as
 * "Zéro signalement"), (b) the target is not a relative change (a "Diminution
 * de 20 %" of a consumption is not the level of a share), and (c) the target
 * and the indicator share a significant word (stem of 5 letters, or an acronym
 * such as RES) — "100 % d'essences locales" is not the target of a parking
 * ratio. When several targets qualify, the one sharing the most words wins; a
 * tie gives none. A wrong target is worse than none: the officer sets it.
 */
import { z } from 'zod';
import { UNIT_WORDS } from '../plan-import/targets';
import { INDICATOR_DIRECTIONS, INDICATOR_KINDS, type IndicatorDirection, type IndicatorKind } from './indicators';
import { PERIODICITIES, type Periodicity } from './periods';

export interface TargetInput {
  label: string;
  baselineValueMilli: number | null;
  targetValueMilli: number | null;
  unit: string | null;
  deadline: string | null;
}

export interface InferredDefinition {
  kind: IndicatorKind;
  unit: string | null;
  direction: IndicatorDirection;
  periodicity: Periodicity;
  baselineValueMilli: number | null;
  targetValueMilli: number | null;
  targetDate: string | null;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’]/g, "'");

const YES_NO = /^(?:respect|conformite|conforme|compliance|compliant)\b|\((?:oui\/non|yes\/no)\)/;
const MILESTONE =
  /\b(?:demarree?s?|realisee?s?|faite?s?|fixee?s?|creee?s?|creation|transmise?s?|mise? en place|lancee?s?|signee?s?|adoptee?s?|publiee?s?|obtenue?s?|autoevaluation|candidature|started|done|completed|launched|signed|adopted|published)\b/;
const QUANTITY_START =
  /^(?:nb|nbre|nombre|number|taux|rate|share|part|pourcentage|%|kg|kwh|kwhef|mwh|t ?co2|montant|budget|surface)\b|^%/;
/** "x / y" where y is a quantity, not "/an" (per year) nor a year ("diplômés 2022 / 2021"). */
const RATIO = /\S\s*\/\s*(?!an\b|year\b|mois\b|month\b)(?:nb|nombre|total|surface|[\p{L}]{3,})/u;
const COUNT_INSIDE = /\b(?:nb|nbre|nombre|number) (?:de |d'|of )/;
const CARBON = /\b(?:bc|bilan carbone|bilans carbone|ges|ghg|emissions?|empreinte carbone|carbon footprint)\b/;
const SAVING =
  /\b(?:economise(?:e|s|es)?|evite(?:e|s|es)?|baisse|diminution|reduction|compense(?:e|s|es)?|saved|avoided)\b/;
const FALLING_STOCK =
  /\b(?:signalements?|bc|bilan carbone|ges|emissions?|consommations?|dechets|gaspillage|accidents?|reports?)\b/;
const SCHOOL_YEAR =
  /\b(?:eleves?|etudiante?s?|enseignants?|enseignements?|diplomee?s?|pupils?|students?|teachers?|teaching|graduates?)\b/;
const PHYSICAL_TARGET_UNITS = new Set([...UNIT_WORDS, '%', '%/an']);
const STOPWORDS = new Set(
  [
    'ayant',
    'dans',
    'avec',
    'pour',
    'cette',
    'notre',
    'nos',
    'nombre',
    'taux',
    'total',
    'chaque',
    'tous',
    'toutes',
    'tout',
    'leur',
    'leurs',
    'sont',
    'plus',
    'moins',
    'minimum',
    'maximum',
    'annee',
    'annuel',
    'annuelle',
    'entre',
    'depuis',
    'apres',
    'avant',
    'number',
    'rate',
    'share',
    'with',
    'from',
    'that',
    'their',
    'each',
    'every',
    'than',
    'ecole',
    'diminution',
    'baisse',
    'augmentation',
    'evolution',
    'cible',
  ].map(fold),
);

/** Significant words: 5-letter stems of words of 4 letters or more, and acronyms (RES, GES, ODD). */
function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.split(/[^\p{L}\p{N}]+/u)) {
    if (/^\p{Lu}{2,}$/u.test(word)) out.add(word);
    const folded = fold(word);
    if (folded.length >= 4 && !STOPWORDS.has(folded) && !/^\d+$/.test(folded)) out.add(folded.slice(0, 5));
  }
  return out;
}

function sharedWords(a: string, b: string): number {
  const left = stems(a);
  let n = 0;
  for (const s of stems(b)) if (left.has(s)) n++;
  return n;
}

function unitsAgree(indicatorUnit: string | null, targetUnit: string | null): boolean {
  const i = fold(indicatorUnit ?? '');
  const t = fold(targetUnit ?? '');
  if (i === 'nombre') return t === '' || !PHYSICAL_TARGET_UNITS.has(t);
  return i !== '' && i === t;
}

function pickTarget(name: string, unit: string | null, targets: readonly TargetInput[]): TargetInput | undefined {
  const scored = targets
    .filter((t) => t.targetValueMilli !== null && t.targetValueMilli >= 0 && unitsAgree(unit, t.unit))
    .map((t) => ({ t, score: sharedWords(name, t.label) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score);
  if (scored.length === 0) return undefined;
  if (scored.length > 1 && scored[0].score === scored[1].score) return undefined;
  return scored[0].t;
}

function kindAndUnit(name: string, unit: string | null): { kind: IndicatorKind; unit: string | null } {
  const text = fold(name);
  const quantity = QUANTITY_START.test(text);
  if (YES_NO.test(text)) return { kind: 'yes_no', unit: null };
  if (!quantity && MILESTONE.test(text)) return { kind: 'milestone', unit: null };
  if (quantity && RATIO.test(text)) return { kind: 'percentage', unit: '%' };
  if (unit === '%' || unit === '%/an') return { kind: 'percentage', unit };
  if (unit) return { kind: 'number', unit };
  if (COUNT_INSIDE.test(text)) return { kind: 'number', unit: 'nombre' };
  if (CARBON.test(text)) return { kind: 'number', unit: 'tCO2e' };
  return { kind: 'text', unit: null };
}

/** A year the text names ("Autoévaluation 2023"), the latest if several. */
function namedYear(name: string): number | null {
  const years = [...name.matchAll(/\b((?:19|20)\d{2})\b/g)].map((m) => Number(m[1]));
  return years.length ? Math.max(...years) : null;
}

/**
 * A definition for an imported indicator text (rules in the file comment).
 * `planEndYear` gives milestones without a year their deadline.
 */
export function inferDefinition(
  name: string,
  unit: string | null,
  targets: readonly TargetInput[],
  planEndYear: number | null = null,
): InferredDefinition {
  const text = fold(name);
  const shape = kindAndUnit(name, unit);
  const periodicity: Periodicity = SCHOOL_YEAR.test(text) ? 'academic_year' : 'year';
  const base = { ...shape, periodicity, baselineValueMilli: null, targetValueMilli: null, targetDate: null };
  if (shape.kind === 'yes_no' || shape.kind === 'milestone') {
    const year = namedYear(name) ?? planEndYear;
    return { ...base, direction: 'milestone', targetDate: year === null ? null : `${year}-12-31` };
  }
  if (shape.kind === 'text') return { ...base, direction: 'reach' };
  const target = pickTarget(name, shape.unit, targets);
  const direction: IndicatorDirection = SAVING.test(text)
    ? 'increase'
    : FALLING_STOCK.test(text) || target?.targetValueMilli === 0
      ? 'decrease'
      : 'increase';
  return {
    ...base,
    direction,
    baselineValueMilli: target?.baselineValueMilli ?? null,
    targetValueMilli: target?.targetValueMilli ?? null,
    targetDate: target?.deadline ?? null,
  };
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable();
const milli = z.number().int().min(-1e15).max(1e15).nullable();

/** What the officer may change in a definition. Parsed once at the edge (form, CLI). */
export const definitionEditSchema = z.object({
  expectedVersion: z.coerce.number().int().min(1),
  name: z.string().trim().min(1).max(2000),
  unit: z.string().trim().max(40).nullable(),
  direction: z.enum(INDICATOR_DIRECTIONS),
  kind: z.enum(INDICATOR_KINDS),
  periodicity: z.enum(PERIODICITIES),
  baselineValueMilli: milli,
  baselineDate: isoDate,
  targetValueMilli: milli,
  targetDate: isoDate,
  responsiblePersonId: z.string().min(1).max(64).nullable(),
  source: z.string().min(1).max(64),
  sourceKey: z.string().trim().max(200).nullable(),
});
export type DefinitionEdit = z.infer<typeof definitionEditSchema>;
