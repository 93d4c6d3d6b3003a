import { expect, test } from 'vitest';
import { isHttpUrl, parseDecimalMilli, periodOfYear, readValue, recentPeriods } from './indicators';

test('decimals typed the French or the English way become thousandths, exactly', () => {
  expect(parseDecimalMilli('12,5')).toBe(12_500);
  expect(parseDecimalMilli('12.5 %')).toBe(12_500);
  expect(parseDecimalMilli('1\u202f234,5')).toBe(1_234_500);
  expect(parseDecimalMilli('-0,0015')).toBe(-2);
  expect(parseDecimalMilli('0.1')).toBe(100);
  expect(parseDecimalMilli('1,234.5')).toBeUndefined();
  expect(parseDecimalMilli('douze')).toBeUndefined();
  expect(parseDecimalMilli('1e3')).toBeUndefined();
});

test('each kind of indicator keeps its value in its own column', () => {
  expect(readValue('percentage', '45')).toEqual({ ok: true, value: { valueMilli: 45_000, valueText: null } });
  expect(readValue('yes_no', 'Oui')).toEqual({ ok: true, value: { valueMilli: null, valueText: 'yes' } });
  expect(readValue('milestone', 'no')).toEqual({ ok: true, value: { valueMilli: null, valueText: 'no' } });
  expect(readValue('text', ' 3e sur 40 ')).toEqual({ ok: true, value: { valueMilli: null, valueText: '3e sur 40' } });
  expect(readValue('number', ' ')).toMatchObject({ ok: false, error: { code: 'indicators.value.required' } });
  expect(readValue('yes_no', 'peut-être')).toMatchObject({
    ok: false,
    error: { code: 'indicators.value.invalidChoice' },
  });
});

test('a collection year gives each periodicity the period that ends in it', () => {
  expect(periodOfYear('year', 2025).label).toBe('2025');
  expect(periodOfYear('academic_year', 2025).label).toBe('2024-2025');
  expect(periodOfYear('quarter', 2025).label).toBe('2025-Q4');
  expect(periodOfYear('month', 2025).label).toBe('2025-12');
  expect(recentPeriods('academic_year', '2026-03-10', 2).map((p) => p.label)).toEqual([
    '2025-2026',
    '2024-2025',
    '2023-2024',
  ]);
});

test('evidence links are web addresses only', () => {
  expect(isHttpUrl('https://hal.science/hal-01')).toBe(true);
  expect(isHttpUrl('javascript:alert(1)')).toBe(false);
  expect(isHttpUrl('file:///etc/passwd')).toBe(false);
  expect(isHttpUrl('pas une adresse')).toBe(false);
});
