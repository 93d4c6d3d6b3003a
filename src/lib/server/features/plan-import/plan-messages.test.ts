import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const fr: Record<string, string> = JSON.parse(read('../../../../../messages/fr/import-plan.json'));
const en: Record<string, string> = JSON.parse(read('../../../../../messages/en/import-plan.json'));

/** The readers whose codes must all be translated. */
const READERS = [
  'tabular-plan.ts',
  'seed-plan.ts',
  'cell-text.ts',
  'cell-values.ts',
  'pilots.ts',
  'targets.ts',
  'indicator-text.ts',
];
/** Codes built from a template literal in tabular-plan.ts (`import.plan.${kind}Merged`). */
const BUILT = ['workstream', 'objective'].flatMap((kind) => [
  `import.plan.${kind}Merged`,
  `import.plan.${kind}TitleDiffers`,
]);

const placeholders = (message: string) => [...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]).sort();

describe('plan import messages', () => {
  test('French and English have the same keys, all under import.plan.', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const key of Object.keys(fr)) expect(key.startsWith('import.plan.')).toBe(true);
  });

  test('both languages use the same placeholders', () => {
    for (const key of Object.keys(fr)) expect([key, placeholders(en[key])]).toEqual([key, placeholders(fr[key])]);
  });

  test('every code the readers emit has a message', () => {
    const emitted = READERS.flatMap((file) =>
      [...read(`./${file}`).matchAll(/'(import\.plan\.[\w.]+)'/g)].map((m) => m[1]),
    );
    expect(emitted.length).toBeGreaterThan(10);
    for (const code of [...emitted, ...BUILT]) expect(Object.keys(fr)).toContain(code);
  });
});
