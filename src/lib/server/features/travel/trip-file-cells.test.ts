import { expect, test } from 'vitest';
import { missionNumbering, parseAmountCents, parseRoundTrip, parseTripDate } from './trip-file-cells';

test.each([
  ['1 234,56', 123456],
  ['1\u202f234,56 €', 123456],
  ['1234.56', 123456],
  ['1.234,56', 123456],
  ['1,234.56', 123456],
  ['12,5', 1250],
  ['-12,50', -1250],
  ['EUR 30', 3000],
  ['0,005', 1],
  ['1 000 000', 100000000],
])('amount "%s" is %i cents', (text, cents) => {
  expect(parseAmountCents(text)).toBe(cents);
});

test.each(['', 'abc', '12,34,5x', '1,2.3.4'])('"%s" is not an amount', (text) => {
  expect(parseAmountCents(text)).toBeUndefined();
});

test.each([
  ['24/01/2019', '2019-01-24'],
  ['4/1/2019', '2019-01-04'],
  ['24/01/19', '2019-01-24'],
  ['24.01.2019', '2019-01-24'],
  ['2019-01-24', '2019-01-24'],
  ['2019-01-24T00:00:00Z', '2019-01-24'],
  ['29/02/2024', '2024-02-29'],
])('date "%s" is %s', (text, iso) => {
  expect(parseTripDate(text)).toBe(iso);
});

test.each(['29/02/2023', '01/13/2026', '2026/01/24', '24 janvier 2019', ''])('"%s" is not a date', (text) => {
  expect(parseTripDate(text)).toBeUndefined();
});

test('a workbook short date is month first, as the workbook reader writes it; a text file is day first', () => {
  expect(parseTripDate('3/12/26', { fromWorkbook: true })).toBe('2026-03-12');
  expect(parseTripDate('3/12/26')).toBe('2026-12-03');
  expect(parseTripDate('12/03/2026', { fromWorkbook: true })).toBe('2026-03-12');
});

test('round-trip words', () => {
  expect(['OUI', 'A/R', 'Aller-Retour', 'AR', 'o', 'Yes'].map(parseRoundTrip)).toEqual([
    true,
    true,
    true,
    true,
    true,
    true,
  ]);
  expect(['NON', 'Aller simple', 'n', 'one way'].map(parseRoundTrip)).toEqual([false, false, false, false]);
  expect(parseRoundTrip('peut-être')).toBeUndefined();
});

test('missions are numbered in order of first appearance; a row without reference is its own mission', () => {
  const next = missionNumbering();
  expect([next('B'), next(''), next('A'), next('B'), next('')]).toEqual([
    { mission: 1, missionRef: 'B' },
    { mission: 2 },
    { mission: 3, missionRef: 'A' },
    { mission: 1, missionRef: 'B' },
    { mission: 4 },
  ]);
});
