/**
 * The shape every plan reader produces (seed format, mapped spreadsheet,
 * report SDG matrix) before anything touches the database. Pure data: the
 * import service turns it into a preview, then commits it in one transaction.
 */

/** The five axes of the French "Plan vert" (Plan vert des établissements d'enseignement supérieur, 2009; DD&RS label referential). */
export const AXIS_CODES = [
  'strategy_governance',
  'teaching',
  'research_innovation',
  'campus_environment',
  'social_territorial',
] as const;
export type AxisCode = (typeof AXIS_CODES)[number];

export const ACTION_STATUSES = ['not_started', 'in_progress', 'done', 'suspended', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** A message for the user: `code` is an i18n key (fr/en), `params` fill its placeholders. */
export interface ImportMessage {
  code: string;
  /** 1-based line (text files) or row (spreadsheets) in the source file. */
  row?: number;
  params?: Record<string, string | number>;
}

export type RowOutcome = 'imported' | 'merged' | 'skipped' | 'warning' | 'rejected';

/** One line of the row-by-row report. */
export interface RowReport {
  row: number;
  outcome: RowOutcome;
  code: string;
  params?: Record<string, string | number>;
}

export type PilotKind = 'person' | 'team' | 'unit' | 'group';

/** One pilot read from a cell such as "Bazin I. + Martinez S." or "SG/Div Immob". */
export interface ParsedPilot {
  kind: PilotKind;
  /** Text as written, trimmed ("Martinez S.", "fresqueurs", "Secrétariat Général"). */
  label: string;
  /** For people: family name as written ("Bazin", "Le Brun", "Tena-Chollet"). */
  familyName?: string;
  /** For people: initials of the given name without dots ("I", "S", "FA"), when written. */
  initials?: string;
}

export interface ParsedTarget {
  /** The target as written, one target per entry ("100% du personnel formé"). */
  label: string;
  baselineValue: number | null;
  targetValue: number | null;
  /** "%", "%/an", "ODD", ... when it can be read; null otherwise. */
  unit: string | null;
  /** ISO date (yyyy-mm-dd) when known, e.g. 2027-12-31 for a "Cible 2027". */
  deadline: string | null;
  /** True when no number can be read: the target is a sentence. */
  qualitative: boolean;
}

export interface ParsedIndicator {
  name: string;
  /** Unit when the text gives it ("nombre", "%", "kWhef", "kg/an"); null otherwise. */
  unit: string | null;
}

export interface ParsedAction {
  /** Source row of the action (1-based). */
  row: number;
  title: string;
  /** The pilot cell as written. */
  pilotText: string;
  pilots: ParsedPilot[];
  indicators: ParsedIndicator[];
  sdgs: number[];
  axes: AxisCode[];
  status: ActionStatus | null;
  startDate: string | null;
  endDate: string | null;
  /** Full-time equivalents, fixed scale x1000 (0.5 FTE = 500). */
  fteMilli: number | null;
  /** Budget in euro cents. */
  budgetCents: number | null;
  description: string | null;
}

export interface ParsedObjective {
  code: string | null;
  title: string;
  targets: ParsedTarget[];
  actions: ParsedAction[];
}

export interface ParsedWorkstream {
  code: string | null;
  title: string;
  axis: AxisCode | null;
  objectives: ParsedObjective[];
  /** Actions attached to the workstream directly (no objective), as in a yearly plan grouped by axis. */
  actions: ParsedAction[];
}

/** A cross-cutting means line, e.g. "10% x nombre de référents DRS". */
export interface ParsedMeans {
  label: string;
  /** FTE per unit of the basis, fixed scale x1000 (10 % = 100). */
  fteRatioMilli: number | null;
  /** What the ratio multiplies; today only the steering committee's referents. */
  basis: 'steering_committee_referents' | null;
}

/** A matrix row whose SDG marks cannot be aligned with certainty: shown to the user, never guessed silently. */
export interface SdgReview {
  row: number;
  actionTitle: string;
  /** The row's cells as read. */
  rawCells: string[];
  /** Cell indexes (0-based, 0 = title) that hold a mark. */
  markedCells: number[];
  /** What the user is offered as a starting point; never applied without confirmation. */
  suggestedSdgs: number[];
  /** i18n key explaining why the row is uncertain. */
  reasonCode: string;
}

export interface ParsedPlan {
  kind: 'multi_year' | 'yearly';
  title: string;
  startYear: number | null;
  endYear: number | null;
  means: ParsedMeans[];
  workstreams: ParsedWorkstream[];
  warnings: ImportMessage[];
  rows: RowReport[];
  reviews: SdgReview[];
}

/** Result of a reader: a plan, or a refusal with a reason the user can read. */
export type ParseResult = { ok: true; value: ParsedPlan } | { ok: false; error: ImportMessage };

/** Builders used by all readers so that optional fields are never forgotten. */
export function emptyAction(row: number, title: string): ParsedAction {
  return {
    row,
    title,
    pilotText: '',
    pilots: [],
    indicators: [],
    sdgs: [],
    axes: [],
    status: null,
    startDate: null,
    endDate: null,
    fteMilli: null,
    budgetCents: null,
    description: null,
  };
}

export interface PlanCounts {
  workstreams: number;
  objectives: number;
  targets: number;
  actions: number;
  indicators: number;
  /** Distinct people named as pilots. */
  people: number;
}

export function countPlan(plan: ParsedPlan): PlanCounts {
  let objectives = 0;
  let targets = 0;
  let actions = 0;
  let indicators = 0;
  const people = new Set<string>();
  const visit = (a: ParsedAction) => {
    actions += 1;
    indicators += a.indicators.length;
    for (const p of a.pilots) if (p.kind === 'person') people.add(personKey(p));
  };
  for (const w of plan.workstreams) {
    for (const o of w.objectives) {
      objectives += 1;
      targets += o.targets.length;
      o.actions.forEach(visit);
    }
    w.actions.forEach(visit);
  }
  return { workstreams: plan.workstreams.length, objectives, targets, actions, indicators, people: people.size };
}

/** Key identifying a person across cells: "bazin|i" (accents and case folded). */
export function personKey(p: Pick<ParsedPilot, 'familyName' | 'initials' | 'label'>): string {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
  const family = fold(p.familyName ?? p.label);
  const initials = fold(p.initials ?? '');
  return `${family}|${initials.slice(0, 1)}`;
}
