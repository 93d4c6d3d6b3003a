import { expect, test } from 'vitest';
import { catalogues, negotiateLocale, placeholdersOf, translate } from './i18n';

test('every French key exists in English and the other way round', () => {
  const fr = Object.keys(catalogues.fr).sort();
  const en = Object.keys(catalogues.en).sort();
  expect(en.filter((k) => !fr.includes(k))).toEqual([]);
  expect(fr.filter((k) => !en.includes(k))).toEqual([]);
});

test('both languages use the same placeholders in each message', () => {
  const mismatches = Object.keys(catalogues.fr).filter(
    (k) => placeholdersOf(catalogues.fr[k]).join() !== placeholdersOf(catalogues.en[k] ?? '').join(),
  );
  expect(mismatches).toEqual([]);
});

test('no message is empty', () => {
  for (const locale of ['fr', 'en'] as const) {
    expect(Object.entries(catalogues[locale]).filter(([, v]) => !v.trim())).toEqual([]);
  }
});

test('plurals follow each language rules', () => {
  expect(translate('fr', 'plan.filter.count', { shown: 1, total: 3 })).toBe('1 action affichée sur 3');
  expect(translate('fr', 'plan.filter.count', { shown: 0, total: 3 })).toBe('0 action affichée sur 3');
  expect(translate('en', 'plan.filter.count', { shown: 0, total: 3 })).toBe('0 actions shown out of 3');
  expect(translate('en', 'plan.filter.count', { shown: 1, total: 3 })).toBe('1 action shown out of 3');
});

test('the browser language decides when no choice was made, French otherwise', () => {
  expect(negotiateLocale('en-GB,en;q=0.9,fr;q=0.8')).toBe('en');
  expect(negotiateLocale('de-DE,fr;q=0.5')).toBe('fr');
  expect(negotiateLocale(null)).toBe('fr');
});

test('every key used in the code exists in the catalogue', async () => {
  const { readdirSync, readFileSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts')) files.push(p);
    }
  };
  walk('src');
  const missing = new Set<string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\bt\('([a-zA-Z][\w.]*)'/g))
      if (!(m[1] in catalogues.fr)) missing.add(`${f}: ${m[1]}`);
    for (const m of text.matchAll(/code: '([a-z][\w]*\.[\w.]+)'/g))
      if (!(m[1] in catalogues.fr)) missing.add(`${f}: ${m[1]}`);
  }
  expect([...missing]).toEqual([]);
});
