import { expect, test } from 'vitest';
import { describeEachDialect } from '../testing/databases';
import { chunk, isUniqueViolation } from './dialect';
import { newId, nowIso } from './ids';

test('chunk splits a long list into bounded slices', () => {
  const parts = chunk(
    Array.from({ length: 1201 }, (_, i) => i),
    500,
  );
  expect(parts.map((p) => p.length)).toEqual([500, 500, 201]);
});

test('ids are time-ordered UUIDv7', () => {
  const a = newId(1_700_000_000_000);
  const b = newId(1_700_000_000_001);
  expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(a < b).toBe(true);
});

describeEachDialect('dialect helpers', (get) => {
  test('a duplicate key is recognised by its error code', async () => {
    const { db } = get();
    const row = {
      id: newId(),
      slug: `dup-${newId()}`,
      name: 'A',
      purpose_statement: null,
      ambition: null,
      values_text: null,
      created_at: nowIso(),
    };
    await db.insertInto('institution').values(row).execute();
    const error = await db
      .insertInto('institution')
      .values({ ...row, id: newId() })
      .execute()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(error)).toBe(true);
  });

  test('bigint columns come back as numbers on both dialects', async () => {
    const { db } = get();
    const n = await db
      .selectFrom('sdg')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(17);
  });
});
