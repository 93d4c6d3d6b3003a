import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findFactor } from './footprint';
import { CARBON_METHODS, METHOD_KEYS, parseCarbonMethod, ROUTE_SCOPES } from './methods';
import { TRAVEL_MODES } from './modes';

const DATA_DIR = 'data/carbon';
const methodFiles = readdirSync(DATA_DIR).filter((f) => f.endsWith('.json') && f !== 'carbon-values-fr.json');

test('both method files are shipped and loaded', () => {
  expect(methodFiles.sort()).toEqual(['ademe-base-empreinte-2025.json', 'ges1point5.json']);
  expect(Object.keys(CARBON_METHODS).sort()).toEqual([...METHOD_KEYS].sort());
});

describe.each(methodFiles)('%s', (file) => {
  const raw = JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8'));

  test('every factor states its source, year and uncertainty', () => {
    for (const f of raw.factors) {
      expect(typeof f.source, f.key).toBe('string');
      expect(f.source.length, f.key).toBeGreaterThan(0);
      expect(Number.isInteger(f.year), f.key).toBe(true);
      expect(typeof f.uncertaintyPercent, f.key).toBe('number');
      expect('sourceId' in f, f.key).toBe(true);
    }
  });

  test('parses with the method schema and has unique factor keys', () => {
    const method = parseCarbonMethod(raw);
    const keys = method.factors.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('every mode has exactly one factor at every distance and route scope', () => {
    const method = parseCarbonMethod(raw);
    const distances = [
      0, 1, 199.9, 200, 200.1, 999, 1000, 1000.5, 1999, 2000, 2001, 3499, 3500, 4999, 5000, 5001, 20_000,
    ];
    for (const mode of TRAVEL_MODES) {
      for (const scope of ROUTE_SCOPES) {
        for (const km of distances) {
          expect(findFactor(method, mode, km, scope), `${mode} ${scope} ${km}`).toBeDefined();
        }
      }
    }
  });
});

test('ADEME components add up to the factor value', () => {
  for (const f of CARBON_METHODS['ademe-base-empreinte-2025'].factors) {
    if (!f.components) continue;
    const sum = (f.components.construction ?? 0) + (f.components.usage ?? 0) + (f.components.contrails ?? 0);
    expect(Math.round(sum * 1000), f.key).toBe(Math.round(f.valueGramsPerUnit * 1000));
  }
});

test('a method file missing a distance rule is refused', () => {
  const raw = JSON.parse(readFileSync(join(DATA_DIR, 'ges1point5.json'), 'utf8'));
  delete raw.distanceRules.rules.metro;
  expect(() => parseCarbonMethod(raw)).toThrow();
});
