import { expect, test } from 'vitest';
import { newId } from './ids';

test('ids are UUIDv7 with the RFC variant', () => {
  expect(newId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('ids made in the same millisecond sort in creation order', () => {
  const at = Date.UTC(2026, 0, 1);
  const ids = Array.from({ length: 500 }, () => newId(at));
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
});

test('a later millisecond sorts after an earlier one; an explicit past time keeps its own place', () => {
  const first = newId(Date.UTC(2026, 0, 1));
  const later = newId(Date.UTC(2026, 0, 2));
  const past = newId(Date.UTC(2020, 0, 1));
  expect([past, first, later].sort()).toEqual([past, first, later]);
});
