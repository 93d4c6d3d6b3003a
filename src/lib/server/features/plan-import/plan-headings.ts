/**
 * Reads workstream and objective headings such as "Chantier 2 (suite) –
 * Métiers : ...", "Objectif 1 - Climat-Energie : ..." or "Objectif
 * 4-Contribuer ...": the number identifies the heading (so that a "(suite)"
 * whose wording drifted still lands in the right place), the text after the
 * prefix is the title.
 */
import { oneLine } from './cell-text';

export interface Heading {
  /** "1", "2"... when numbered; null otherwise. */
  code: string | null;
  /** Title without the "Chantier N :" prefix; the whole cell when there is no prefix. */
  title: string;
  /** True when the heading says it continues an earlier one: "(suite)", "(cont.)", "bis". */
  continued: boolean;
}

export type HeadingKind = 'workstream' | 'objective';

const PREFIXES: Record<HeadingKind, string> = {
  workstream: String.raw`(?:chantier|workstream|work\s+stream|axe\s+strat[ée]gique|axe|axis|th[èe]me|theme|pilier|pillar)`,
  objective: String.raw`(?:objectif|objective|obj\.?|goal)`,
};

// Number (not a year: "Objectif 2027" has no number), optional continuation mark, optional separator.
const AFTER_PREFIX = String.raw`\s*(?:n[°o]\.?\s*)?(\d{1,3})(?!\d)\s*(\(\s*(?:suite|cont(?:inued|\.)?|bis)\s*\)|suite\b|bis\b)?\s*[:.\-–—]?\s*`;

const PATTERNS: Record<HeadingKind, RegExp> = {
  workstream: new RegExp(`^${PREFIXES.workstream}${AFTER_PREFIX}`, 'iu'),
  objective: new RegExp(`^${PREFIXES.objective}${AFTER_PREFIX}`, 'iu'),
};
/** "2. Formation", "3 - Recherche", "4)": a bare number works as a code too. */
const NUMBERED = /^(\d{1,3})(?!\d)(?:\s*[.):\-–—]\s*|\s*$)/u;

export function readHeading(cell: string, kind: HeadingKind): Heading {
  const text = oneLine(cell);
  const match = PATTERNS[kind].exec(text) ?? NUMBERED.exec(text);
  if (!match) return { code: null, title: text, continued: false };
  const title = text.slice(match[0].length).trim();
  return { code: String(Number(match[1])), title: title === '' ? text : title, continued: Boolean(match[2]) };
}
