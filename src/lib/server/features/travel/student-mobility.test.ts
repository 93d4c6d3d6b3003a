import { expect, test } from 'vitest';
import {
  academicYearChoices,
  academicYearOf,
  academicYearsStartingBetween,
  eurosToCents,
  parseEurosText,
  recordMobilitySchema,
  studentKeyOf,
} from './student-mobility';

test('an amount of aid is read with a French or English separator, an empty box meaning none', () => {
  expect(parseEurosText('120,50')).toBe(120.5);
  expect(parseEurosText(' 1 250.5 ')).toBe(1250.5);
  expect(parseEurosText('1\u202f250,00')).toBe(1250);
  expect(parseEurosText('')).toBe(0);
  expect(parseEurosText('12,3,4')).toBeNaN();
  expect(parseEurosText('-5')).toBeNaN();
  expect(parseEurosText('abc')).toBeNaN();
});

test('euros become exact cents, and a third decimal or an amount out of range is refused', () => {
  expect(eurosToCents(120.5, 10_000)).toBe(12050);
  expect(eurosToCents(0.1 + 0.2, 10_000)).toBe(30);
  expect(eurosToCents(1.005, 10_000)).toBeUndefined();
  expect(eurosToCents(10_000.01, 10_000)).toBeUndefined();
  expect(eurosToCents(Number.NaN, 10_000)).toBeUndefined();
});

test('the academic year runs from 1 September to 31 August', () => {
  expect(academicYearOf('2025-08-31')).toBe('2024-2025');
  expect(academicYearOf('2025-09-01')).toBe('2025-2026');
  expect(academicYearsStartingBetween('2025-01-01', '2025-12-31')).toEqual(['2025-2026']);
  expect(academicYearsStartingBetween('2025-09-01', '2026-08-31')).toEqual(['2025-2026']);
  expect(academicYearsStartingBetween('2025-10-01', '2025-12-31')).toEqual([]);
  expect(academicYearChoices('2026-11-26')).toEqual([
    '2027-2028',
    '2026-2027',
    '2025-2026',
    '2024-2025',
    '2023-2024',
    '2022-2023',
  ]);
});

test('the same student reference gives the same pseudonym, never the reference, and differs by institution', () => {
  const key = studentKeyOf('inst-a', 'e123456');
  expect(key).toMatch(/^[0-9a-f]{64}$/);
  expect(key).not.toContain('123456');
  expect(studentKeyOf('inst-a', ' E123456 ')).toBe(key);
  expect(studentKeyOf('inst-b', 'e123456')).not.toBe(key);
});

test('a departure date outside the chosen academic year is refused', () => {
  const base = {
    academicYear: '2025-2026',
    destination: 'Berlin',
    mode: 'train_high_speed',
    railAidEuros: 0,
    studentRef: 'E1',
  };
  expect(recordMobilitySchema.safeParse({ ...base, departureDate: '2026-08-31' }).success).toBe(true);
  expect(recordMobilitySchema.safeParse({ ...base, departureDate: '' }).success).toBe(true);
  const outside = recordMobilitySchema.safeParse({ ...base, departureDate: '2026-09-01' });
  expect(outside.success ? [] : outside.error.issues.map((i) => i.path[0])).toEqual(['departureDate']);
  expect(recordMobilitySchema.safeParse({ ...base, academicYear: '2025-2027' }).success).toBe(false);
});
