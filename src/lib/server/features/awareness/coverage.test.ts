import { expect, test } from 'vitest';
import { identityKeyOf } from './awareness';
import { type Attendance, type CoverageRow, computeCoverage, type Headcount, ratioPercentMilli } from './coverage';

const Y = '2022-2023';

function attended(name: string, population: string, programme = '', academicYear = Y): Attendance {
  return { identityKey: identityKeyOf({ name, population }), population, programme, academicYear };
}

function headcount(population: string, value: number, programme = '', academicYear = Y): Headcount {
  return { academicYear, population, programme, headcount: value };
}

const find = (rows: CoverageRow[], level: CoverageRow['level'], key: string, programme: string | null = null) =>
  rows.find((r) => r.level === level && r.key === key && r.programme === programme);

test('a person who attended twice in the year counts once', () => {
  const rows = computeCoverage({
    attendances: [
      attended('Marie Martin', 'administrative_technical'),
      attended('  marie MARTIN ', 'administrative_technical'),
      attended('Paul Durand', 'administrative_technical'),
    ],
    anonymous: [],
    headcounts: [headcount('administrative_technical', 8)],
  });
  expect(find(rows, 'population', 'administrative_technical')).toMatchObject({
    named: 2,
    anonymous: 0,
    reached: 2,
    headcount: 8,
    ratio: 0.25,
  });
});

test('the same person counts once in each academic year they attended', () => {
  const rows = computeCoverage({
    attendances: [attended('Marie Martin', 'teacher'), attended('Marie Martin', 'teacher', '', '2023-2024')],
    anonymous: [],
    headcounts: [],
  });
  expect(rows.filter((r) => r.level === 'population').map((r) => [r.academicYear, r.named])).toEqual([
    ['2023-2024', 1],
    ['2022-2023', 1],
  ]);
});

test('without a headcount the coverage is unknown, not 0 nor 100 %', () => {
  const rows = computeCoverage({ attendances: [attended('Marie Martin', 'teacher')], anonymous: [], headcounts: [] });
  expect(find(rows, 'population', 'teacher')).toMatchObject({ reached: 1, headcount: null, ratio: null });
  expect(find(rows, 'group', 'staff')).toMatchObject({ reached: 1, headcount: null, ratio: null });
  expect(ratioPercentMilli(null)).toBeNull();
});

test('a headcount without anyone reached gives a coverage of 0 %', () => {
  const rows = computeCoverage({ attendances: [], anonymous: [], headcounts: [headcount('external', 50)] });
  expect(find(rows, 'population', 'external')).toMatchObject({ reached: 0, headcount: 50, ratio: 0 });
});

test('anonymous counts are added as they are, on top of distinct named people', () => {
  const rows = computeCoverage({
    attendances: [attended('Marie Martin', 'student', 'Ingénieur généraliste')],
    anonymous: [
      { population: 'student', programme: 'Ingénieur généraliste', academicYear: Y, participants: 3999 },
      { population: 'student', programme: 'ingenieur generaliste', academicYear: Y, participants: 1 },
    ],
    headcounts: [headcount('student', 4000, 'Ingénieur généraliste'), headcount('student', 1000, 'Apprentissage')],
  });
  expect(find(rows, 'programme', 'student', 'Ingénieur généraliste')).toMatchObject({
    named: 1,
    anonymous: 4000,
    reached: 4001,
    headcount: 4000,
  });
  // The population's headcount is the sum of its programmes' when no whole figure is given.
  expect(find(rows, 'population', 'student')).toMatchObject({ reached: 4001, headcount: 5000 });
  expect(ratioPercentMilli(find(rows, 'population', 'student')?.ratio ?? null)).toBe(80020);
  expect(find(rows, 'programme', 'student', 'Apprentissage')).toMatchObject({ reached: 0, headcount: 1000, ratio: 0 });
});

test('the staff coverage sums its categories, and is unknown when a reached category has no headcount', () => {
  const known = computeCoverage({
    attendances: [attended('A', 'teacher_researcher'), attended('B', 'administrative_technical')],
    anonymous: [],
    headcounts: [headcount('teacher_researcher', 100), headcount('administrative_technical', 100)],
  });
  expect(find(known, 'group', 'staff')).toMatchObject({ reached: 2, headcount: 200, ratio: 0.01 });

  const missing = computeCoverage({
    attendances: [attended('A', 'teacher_researcher'), attended('B', 'other_staff')],
    anonymous: [],
    headcounts: [headcount('teacher_researcher', 100)],
  });
  expect(find(missing, 'group', 'staff')).toMatchObject({ reached: 2, headcount: null, ratio: null });
  expect(find(missing, 'population', 'teacher_researcher')).toMatchObject({ ratio: 0.01 });
});

test('an email identifies a person whatever the name they typed', () => {
  const a = identityKeyOf({ name: 'Marie Martin', email: 'Marie.Martin@Example.org ', population: 'teacher' });
  const b = identityKeyOf({ name: 'M. Martin', email: 'marie.martin@example.org', population: 'teacher' });
  expect(a).toBe(b);
  const rows = computeCoverage({
    attendances: [
      { identityKey: a, population: 'teacher', programme: '', academicYear: Y },
      { identityKey: b, population: 'teacher', programme: '', academicYear: Y },
    ],
    anonymous: [],
    headcounts: [],
  });
  expect(find(rows, 'population', 'teacher')?.named).toBe(1);
});
