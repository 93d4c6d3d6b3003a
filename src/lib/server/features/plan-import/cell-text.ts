/**
 * Text hygiene shared by every plan reader. Imported cells come from files we
 * do not control: they are kept as inert text (a leading "=" is never a
 * formula here, HTML is escaped by the renderer), stripped of invisible
 * control characters and capped in length.
 */

/** Longest cell we keep; a plan title or an action wording never needs more. */
export const MAX_CELL_CHARS = 2000;

/** Longest cell excerpt quoted back to the user inside a message. */
const MAX_PARAM_CHARS = 120;

// Control characters (Cc: C0/C1, the line break excepted) and format characters
// (Cf: zero-width spaces, bidi overrides, byte-order marks) can hide or reorder text on screen.
const INVISIBLE = /(?!\n)[\p{Cc}\p{Cf}]/gu;

export interface CleanCell {
  text: string;
  truncated: boolean;
}

/** Normalises one raw cell: line breaks kept as "\n", tabs as spaces, controls removed, capped. */
export function cleanCell(raw: string | null | undefined): CleanCell {
  const text = String(raw ?? '')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(INVISIBLE, '')
    .trim();
  const chars = Array.from(text);
  if (chars.length <= MAX_CELL_CHARS) return { text, truncated: false };
  // Slice by code points so that an emoji or accented letter is never cut in half.
  return { text: chars.slice(0, MAX_CELL_CHARS).join('').trim(), truncated: true };
}

/** Collapses every run of white space (line breaks included) into one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Accent-, case- and punctuation-insensitive form used for comparisons: "Pilote/équipe" -> "pilote equipe". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Shortens a cell quoted in a message so that a 2,000-character cell does not flood the report. */
export function quote(text: string): string {
  const flat = oneLine(text);
  const chars = Array.from(flat);
  return chars.length <= MAX_PARAM_CHARS ? flat : `${chars.slice(0, MAX_PARAM_CHARS - 1).join('')}…`;
}

/**
 * Exports (and spreadsheet users) write "'-20 % de GES" so that no spreadsheet
 * runs the cell as a formula (OWASP CSV injection); the apostrophe is not
 * part of the text, so it goes, and an exported file reads back as it was.
 */
export function unneutralise(text: string): string {
  return text.replace(/^'(?=[=+\-@])/, '');
}
