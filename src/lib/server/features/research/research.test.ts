import { expect, test } from 'vitest';
import type { SessionUser } from '../auth';
import {
  canDeleteProjects,
  canEditProjects,
  canImportPublications,
  centsOfEurosText,
  filterProjects,
  freePartnersOfText,
  isActiveDuring,
  MIN_SDGS_PER_PROJECT,
  meetsSdgRule,
  missingSdgs,
  type ProjectSummary,
  projectFiltersSchema,
  projectInputSchema,
  projectStatus,
  projectsBreakingSdgRule,
} from './research';

const userWith = (role: SessionUser['role']): SessionUser => ({
  id: 'u',
  email: 'u@example.test',
  displayName: 'U',
  locale: 'fr',
  personId: null,
  institutionId: 'i',
  role,
});

/** A project summary with defaults: active from 2024, three SDGs. */
function aProject(overrides: Partial<ProjectSummary> = {}): ProjectSummary {
  return {
    id: 'p',
    title: 'Projet',
    acronym: null,
    teamUnitId: 'team-a',
    teamName: 'A',
    startDate: '2024-01-01',
    endDate: null,
    sdgs: [6, 12, 13],
    ...overrides,
  };
}

test('the plan asks for at least 3 distinct SDGs per research project', () => {
  expect(MIN_SDGS_PER_PROJECT).toBe(3);
  expect(meetsSdgRule([3, 6, 15])).toBe(true);
  expect(meetsSdgRule([3, 6])).toBe(false);
  expect(meetsSdgRule([3, 3, 6])).toBe(false);
  expect(meetsSdgRule([])).toBe(false);
  expect(missingSdgs([9])).toBe(2);
  expect(missingSdgs([1, 2, 3, 4])).toBe(0);
});

test('the projects breaking the rule come fewest SDGs first, then by title', () => {
  const list = [
    aProject({ id: 'ok', title: 'A' }),
    aProject({ id: 'two', title: 'B', sdgs: [3, 11] }),
    aProject({ id: 'none', title: 'C', sdgs: [] }),
    aProject({ id: 'one', title: 'A bis', sdgs: [3] }),
  ];
  expect(projectsBreakingSdgRule(list).map((p) => p.id)).toEqual(['none', 'one', 'two']);
});

test('a project is planned before its start, ended after its end, active otherwise (missing dates open-ended)', () => {
  expect(projectStatus('2027-01-01', '2029-12-31', '2026-11-26')).toBe('planned');
  expect(projectStatus('2020-01-01', '2023-12-31', '2026-11-26')).toBe('ended');
  expect(projectStatus('2024-01-01', '2026-11-26', '2026-11-26')).toBe('active');
  expect(projectStatus(null, null, '2026-11-26')).toBe('active');
  expect(isActiveDuring('2024-06-01', '2025-03-31', { start: '2025-01-01', end: '2025-12-31' })).toBe(true);
  expect(isActiveDuring('2026-01-01', null, { start: '2025-01-01', end: '2025-12-31' })).toBe(false);
  expect(isActiveDuring(null, '2024-12-31', { start: '2025-01-01', end: '2025-12-31' })).toBe(false);
});

test('officers, pilots and contributors edit projects; only the officer deletes and imports HAL files', () => {
  for (const role of ['admin', 'pilot', 'contributor'] as const) expect(canEditProjects(userWith(role))).toBe(true);
  for (const role of ['committee', 'viewer'] as const) expect(canEditProjects(userWith(role))).toBe(false);
  expect(canDeleteProjects(userWith('admin'))).toBe(true);
  expect(canDeleteProjects(userWith('pilot'))).toBe(false);
  expect(canImportPublications(userWith('admin'))).toBe(true);
  expect(canImportPublications(userWith('contributor'))).toBe(false);
});

test('funding typed in euros becomes integer cents; an empty box is none', () => {
  expect(centsOfEurosText('120 000,50')).toBe(12_000_050);
  expect(centsOfEurosText('1\u202f500')).toBe(150_000);
  expect(centsOfEurosText('0.1')).toBe(10);
  expect(centsOfEurosText('')).toBeNull();
  expect(centsOfEurosText('12,345')).toBeNaN();
  expect(centsOfEurosText('-5')).toBeNaN();
});

test('free-text partners are read one a line or separated by semicolons, repeats dropped', () => {
  expect(freePartnersOfText('UMR LMGC\n\n  Université de Montpellier ; umr lmgc\n')).toEqual([
    'UMR LMGC',
    'Université de Montpellier',
  ]);
});

test('the form is refused on the field at fault: end before start, team chosen and typed, bad amount', () => {
  const base = { title: 'P', sdgs: [], partnerIds: [], freePartners: [], amountCents: null };
  const field = (input: object) => {
    const r = projectInputSchema.safeParse({ ...base, ...input });
    return r.success ? 'ok' : String(r.error.issues[0]?.path[0]);
  };
  expect(field({ startDate: '2025-01-01', endDate: '2024-12-31' })).toBe('endDate');
  expect(field({ startDate: '2025-02-30' })).toBe('startDate');
  expect(field({ teamUnitId: 'u1', teamText: 'Équipe X' })).toBe('teamText');
  expect(field({ amountCents: Number.NaN })).toBe('amountCents');
  expect(field({ title: '  ' })).toBe('title');
  expect(field({ acronym: '', startDate: '', teamText: ' ' })).toBe('ok');
});

test('the list filters by team, SDG, status and broken rule, and ignores bad filter values', () => {
  const list = [
    aProject({ id: 'a' }),
    aProject({ id: 'b', teamUnitId: 'team-b', sdgs: [3] }),
    aProject({ id: 'c', startDate: '2030-01-01', sdgs: [6, 7] }),
  ];
  const ids = (query: Record<string, string>) =>
    filterProjects(list, projectFiltersSchema.parse(query), '2026-11-26').map((p) => p.id);
  expect(ids({})).toEqual(['a', 'b', 'c']);
  expect(ids({ team: 'team-b' })).toEqual(['b']);
  expect(ids({ sdg: '6' })).toEqual(['a', 'c']);
  expect(ids({ status: 'planned' })).toEqual(['c']);
  expect(ids({ ruleBroken: '1' })).toEqual(['b', 'c']);
  expect(ids({ sdg: '42', status: 'nonsense' })).toEqual(['a', 'b', 'c']);
});
