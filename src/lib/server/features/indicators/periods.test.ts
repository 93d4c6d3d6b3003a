import { describe, expect, test } from 'vitest';
import { dueDate, lastEndedPeriod, parsePeriod, periodContaining, periodsBetween, previousPeriod } from './periods';

describe('periods', () => {
  test('an academic year runs from September to August', () => {
    expect(periodContaining('academic_year', '2024-08-31')).toMatchObject({
      label: '2023-2024',
      start: '2023-09-01',
      end: '2024-08-31',
    });
    expect(periodContaining('academic_year', '2024-09-01')).toMatchObject({ label: '2024-2025', end: '2025-08-31' });
  });

  test('quarters and months end on their last day, leap years included', () => {
    expect(periodContaining('quarter', '2024-02-10')).toMatchObject({
      label: '2024-Q1',
      start: '2024-01-01',
      end: '2024-03-31',
    });
    expect(periodContaining('month', '2024-02-10')).toMatchObject({ label: '2024-02', end: '2024-02-29' });
  });

  test('labels parse back to their period, and nonsense is refused', () => {
    expect(parsePeriod('year', '2025')?.end).toBe('2025-12-31');
    expect(parsePeriod('academic_year', '2023-2024')?.start).toBe('2023-09-01');
    expect(parsePeriod('academic_year', '2023-2025')).toBeUndefined();
    expect(parsePeriod('quarter', '2024-T3')?.label).toBe('2024-Q3');
    expect(parsePeriod('month', '2024-13')).toBeUndefined();
  });

  test('the update due today is for the last period that has ended, overdue after the grace period', () => {
    const p = lastEndedPeriod('year', '2026-01-15');
    expect(p.label).toBe('2025');
    expect(dueDate(p, 30)).toBe('2026-01-30');
    expect(previousPeriod(periodContaining('quarter', '2024-01-05')).label).toBe('2023-Q4');
  });

  test('periods between two dates are listed in order', () => {
    expect(periodsBetween('year', '2023-03-01', '2025-12-31').map((p) => p.label)).toEqual(['2023', '2024', '2025']);
  });
});
