import { foldText } from '../plan/plan';
import { type ParsedPilot, personKey } from '../plan-import/parsed-plan';

export const UNIT_KINDS = [
  'directorate',
  'service',
  'research_centre',
  'teaching_department',
  'research_unit',
  'research_team',
  'platform',
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export function isUnitKind(v: unknown): v is UnitKind {
  return typeof v === 'string' && (UNIT_KINDS as readonly string[]).includes(v);
}

export interface UnitRef {
  id: string;
  name: string;
  shortName: string | null;
  aliases: string[];
}

export interface PersonRef {
  id: string;
  familyName: string | null;
  initials: string | null;
  displayName: string;
}

/** Folds a label for matching: accents, case, punctuation and spacing ignored ("SG / Div. Immob" = "sg div immob"). */
export function matchKey(label: string): string {
  return foldText(label)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Finds the unit a pilot label names, by name, short name or alias; undefined when none or several match. */
export function matchUnit(label: string, units: readonly UnitRef[]): UnitRef | undefined {
  const key = matchKey(label);
  const hits = units.filter((u) => [u.name, u.shortName ?? '', ...u.aliases].some((n) => n && matchKey(n) === key));
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * Finds the person a pilot names: same family name (accents and case folded)
 * and, when both carry them, compatible initials. Two candidates: no match
 * (the import warns rather than picking one).
 */
export function matchPerson(pilot: ParsedPilot, people: readonly PersonRef[]): PersonRef | undefined {
  const wanted = personKey(pilot);
  const [family, initial] = wanted.split('|');
  const hits = people.filter((p) => {
    const [f, i] = personKey({
      familyName: p.familyName ?? p.displayName,
      initials: p.initials ?? '',
      label: p.displayName,
    }).split('|');
    return f === family && (!initial || !i || initial === i);
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/** How a person is shown when created from a pilot cell: "Bazin I.". */
export function displayNameOf(pilot: ParsedPilot): string {
  if (pilot.kind !== 'person' || !pilot.familyName) return pilot.label;
  const initials = (pilot.initials ?? '')
    .split('')
    .map((c) => `${c}.`)
    .join(' ');
  return initials ? `${pilot.familyName} ${initials}` : pilot.familyName;
}

/** Working groups: the steering committee (one per institution) and thematic groups. */
export const WORKING_GROUP_KINDS = ['steering_committee', 'working_group'] as const;
export type WorkingGroupKind = (typeof WORKING_GROUP_KINDS)[number];

/** A member's place in a group: the committee has one chair and one referent per directorate. */
export const GROUP_ROLES = ['chair', 'referent', 'member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

export type TreeNode<T> = T & { children: TreeNode<T>[] };

/**
 * Nests units under their parents, keeping the given order among siblings.
 * A unit whose parent is unknown, or caught in a parent loop, is shown at the
 * top rather than hidden: every unit stays visible.
 */
export function buildUnitTree<T extends { id: string; parentId: string | null }>(units: readonly T[]): TreeNode<T>[] {
  const nodes = new Map(units.map((u) => [u.id, { ...u, children: [] as TreeNode<T>[] }]));
  const childrenOf = new Map<string, T[]>();
  for (const u of units) {
    if (u.parentId !== null) childrenOf.set(u.parentId, [...(childrenOf.get(u.parentId) ?? []), u]);
  }
  const placed = new Set<string>();
  const attach = (node: TreeNode<T>) => {
    placed.add(node.id);
    for (const child of childrenOf.get(node.id) ?? []) {
      if (placed.has(child.id)) continue;
      const c = nodes.get(child.id)!;
      node.children.push(c);
      attach(c);
    }
  };
  const roots: TreeNode<T>[] = [];
  for (const u of units) {
    if (u.parentId === null || !nodes.has(u.parentId)) {
      const root = nodes.get(u.id)!;
      roots.push(root);
      attach(root);
    }
  }
  for (const u of units) {
    if (!placed.has(u.id)) {
      const orphan = nodes.get(u.id)!;
      roots.push(orphan);
      attach(orphan);
    }
  }
  return roots;
}
