/**
 * Reads a "Pilote/équipe" cell into people, teams, units and groups.
 *
 * Cells are typed by hand and rarely consistent: "Bazin I. + Martinez S.",
 * "Roma, O.", "Azema N. Aurelie T." (no separator at all), "La DIR COM
 * Gossiaux K Jaquemin H". The reader therefore works in two passes:
 * 1. split on unambiguous separators ("+", ";", parentheses, line breaks, the
 *    words "et"/"and"/"avec"/"with" and a spaced "&" — "R&D" stays whole);
 * 2. scan each piece word by word for people — a capitalised family name
 *    (several words allowed) followed by one or two initials ("Le Brun H.",
 *    "Amaglio F. A"), or initials first ("S Martinez") — commas separate
 *    pilots except in "Roma, O." where the comma sits inside a name. Words
 *    left over between people form the non-person pilots, classified by
 *    their first word.
 * A name without initials ("Robert") is not read as a person: it cannot be
 * told from a service name ("Incubateur"), so it becomes a unit.
 */
import { fold, oneLine } from './cell-text';
import type { ParsedPilot } from './parsed-plan';

/** One capital letter with optional dot ("I", "I."), dotted pairs ("F.A."), compound ("J.-P."). */
const INITIAL = /^(?:\p{Lu}\.?(?:-\p{Lu}\.?)?|(?:\p{Lu}\.){2})$/u;
/** Capitalised word with at least one lowercase letter: "Bazin", "Tena-Chollet", "Azéma", "D'Arc". */
const NAME = /^\p{Lu}[\p{L}'’-]*\p{Ll}[\p{L}'’-]*$/u;
/** Upper-case acronym of two letters or more: "SG", "DRED", "RES", "DIR". */
const ACRONYM = /^[\p{Lu}\d&]{2,}$/u;

const TEAM_WORDS = new Set(['equipe', 'team']);
/** Collective words naming a group of people rather than an organisational unit. */
const GROUP_STARTS = [
  'referent',
  'referents',
  'fresqueur',
  'fresqueurs',
  'copil',
  'comite',
  'groupe',
  'collectif',
  'reseau',
  'ambassadeur',
  'ambassadeurs',
  'service civique',
  'volontaires',
  'benevoles',
  'membres',
  'tous',
  'toutes',
  'etudiants',
  'eleves',
  'doctorants',
  'committee',
  'group',
  'volunteers',
  'students',
];
/** Words that name an organisational unit when capitalised (lower case they are ordinary words). */
const UNIT_WORDS = new Set([
  'secretariat',
  'direction',
  'dir',
  'service',
  'services',
  'division',
  'div',
  'departement',
  'pole',
  'cellule',
  'bureau',
  'agence',
  'mission',
  'laboratoire',
  'labo',
  'scolarite',
  'presidence',
  'cabinet',
  'centre',
  'plateforme',
  'unite',
  'department',
  'office',
]);
/** Articles that may start a family name ("Le Brun") but are dropped before a unit ("La DIR COM"). */
const ARTICLES = new Set(['la', 'le', 'les', 'l', 'un', 'une', 'des', 'the']);
const PARTICLES = new Set(['de', 'du', 'des', 'd', 'van', 'von', 'der', 'da', 'di', 'del']);

const SEPARATORS = /\s*[+;()\n]\s*|\s+(?:et|and|avec|with|&)\s+/iu;

export function parsePilots(cell: string): ParsedPilot[] {
  const pilots: ParsedPilot[] = [];
  for (const rawPiece of String(cell ?? '').split(SEPARATORS)) {
    const piece = oneLine(rawPiece).replace(/^(?:et|and|avec|with)\s+/iu, '');
    if (piece === '') continue;
    const tokens = piece
      .replace(/,/g, ' , ')
      .split(/\s+/)
      .filter((t) => t !== '');
    pilots.push(...scanPiece(tokens));
  }
  return pilots;
}

function scanPiece(tokens: string[]): ParsedPilot[] {
  const out: ParsedPilot[] = [];
  let rest: string[] = [];
  const flush = () => {
    const pilot = classifyWords(rest.join(' '));
    if (pilot) out.push(pilot);
    rest = [];
  };
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i] === ',') {
      flush();
      i += 1;
      continue;
    }
    const match = matchFamilyFirst(tokens, i) ?? matchInitialsFirst(tokens, i);
    if (match) {
      flush();
      out.push(match.pilot);
      i = match.next;
    } else {
      rest.push(tokens[i]);
      i += 1;
    }
  }
  flush();
  return out;
}

interface PersonMatch {
  pilot: ParsedPilot;
  next: number;
}

const isName = (t: string | undefined): t is string => t !== undefined && NAME.test(t);
const isInitial = (t: string | undefined): t is string => t !== undefined && INITIAL.test(t);
const letters = (t: string) => t.replace(/[^\p{Lu}]/gu, '');
/** Unit, team and group words never start a family name: "Equipe A" is a team, not Mr Equipe. */
const isKeyword = (t: string) => {
  const f = fold(t);
  return UNIT_WORDS.has(f) || TEAM_WORDS.has(f) || GROUP_STARTS.includes(f);
};

/** "Bazin I.", "Le Brun H.", "Frealle Cerceau J.", "Amaglio F. A", "Roma, O.". */
function matchFamilyFirst(tokens: string[], start: number): PersonMatch | null {
  const first = tokens[start];
  if (!isName(first) || isKeyword(first)) return null;
  if (ARTICLES.has(fold(first)) && !isName(tokens[start + 1])) return null;
  let j = start;
  while (isName(tokens[j]) || (PARTICLES.has(fold(tokens[j] ?? '')) && j > start && isName(tokens[j + 1]))) j += 1;
  const familyEnd = j;
  const comma = tokens[j] === ',' && isInitial(tokens[j + 1]);
  if (comma) j += 1;
  const initials = takeInitials(tokens, j);
  if (initials.count === 0) return null;
  const next = j + initials.count;
  // "Roma, O." only when the initials close the pilot; in "Dupont, S Martinez" the S belongs to Martinez.
  if (comma && next < tokens.length && tokens[next] !== ',') return null;
  return {
    pilot: person(tokens.slice(start, next), tokens.slice(start, familyEnd).join(' '), initials.letters),
    next,
  };
}

/** "S Martinez", "J.-P. Dupont". */
function matchInitialsFirst(tokens: string[], start: number): PersonMatch | null {
  const initials = takeInitials(tokens, start);
  const j = start + initials.count;
  if (initials.count === 0 || !isName(tokens[j]) || isKeyword(tokens[j])) return null;
  let end = j + 1;
  // Several names follow only when no initial comes next ("S Martinez Dupont J" is two people).
  while (isName(tokens[end]) && !isInitial(tokens[end + 1])) end += 1;
  return { pilot: person(tokens.slice(start, end), tokens.slice(j, end).join(' '), initials.letters), next: end };
}

function takeInitials(tokens: string[], start: number): { count: number; letters: string } {
  let count = 0;
  let found = '';
  while (isInitial(tokens[start + count])) {
    const more = letters(tokens[start + count]);
    // A second initial followed by a name starts the next person ("Bazin I S Martinez").
    if (count > 0 && (found.length + more.length > 2 || isName(tokens[start + count + 1]))) break;
    found += more;
    count += 1;
  }
  return { count, letters: found };
}

function person(words: string[], familyName: string, initials: string): ParsedPilot {
  const label = words.join(' ').replace(/ , /g, ', ');
  return { kind: 'person', label, familyName, initials };
}

/** Classifies the words left between people; returns null when nothing readable is left. */
function classifyWords(text: string): ParsedPilot | null {
  let label = text.replace(/^[\s,.;:/–—-]+|[\s,;:/–—-]+$/g, '');
  const words = label.split(/\s+/);
  if (words.length > 1 && ARTICLES.has(fold(words[0]))) label = words.slice(1).join(' ');
  label = label.replace(/^l['’]/iu, '');
  if (!/\p{L}/u.test(label)) return null;
  const folded = fold(label);
  const firstWord = label.split(/\s+/)[0];
  if (TEAM_WORDS.has(folded.split(' ')[0])) return { kind: 'team', label };
  if (label.includes('/')) return { kind: 'unit', label };
  if (GROUP_STARTS.some((g) => folded === g || folded.startsWith(`${g} `))) return { kind: 'group', label };
  if (/^\p{Lu}/u.test(firstWord) && UNIT_WORDS.has(fold(firstWord))) return { kind: 'unit', label };
  if (ACRONYM.test(firstWord)) return { kind: 'unit', label };
  if (/^\p{Ll}/u.test(firstWord)) return { kind: 'group', label };
  return { kind: 'unit', label };
}
