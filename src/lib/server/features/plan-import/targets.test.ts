import { describe, expect, test } from 'vitest';
import { parseTargets } from './targets';

const labels = (cell: string) => parseTargets(cell, 2027).map((t) => t.label);
const values = (cell: string) => parseTargets(cell, 2027).map((t) => [t.targetValue, t.unit, t.qualitative]);

describe('splitting glued targets', () => {
  test('a second "Diminution" after a complete clause starts a second target', () => {
    expect(labels("Diminution de 20% de la consommation d'origine fossile Diminution de 5% par an de nos GES")).toEqual(
      ["Diminution de 20% de la consommation d'origine fossile", 'Diminution de 5% par an de nos GES'],
    );
  });

  test('"Maintien" after a clause starts a second target', () => {
    expect(labels('Communication auprès de 100% des parties prenantes identifiées Maintien des classements')).toEqual([
      'Communication auprès de 100% des parties prenantes identifiées',
      'Maintien des classements',
    ]);
  });

  test('a count target and a qualitative target glued together are split', () => {
    expect(
      labels("3 ODD minimum pour chaque projet de recherche Diminution de l'impact carbone des activités de recherche"),
    ).toEqual([
      '3 ODD minimum pour chaque projet de recherche',
      "Diminution de l'impact carbone des activités de recherche",
    ]);
  });

  test('a percentage right after another percentage starts a new target', () => {
    expect(labels("Diminution des surfaces étanches de 50% 100% d'essences locales (végétation)")).toEqual([
      'Diminution des surfaces étanches de 50%',
      "100% d'essences locales (végétation)",
    ]);
  });

  test('a percentage after a noun starts a new target', () => {
    expect(
      labels("Baisse de 50% de la consommation d'eau 20% des fournitures sont réutilisées/ recyclées/ réparées"),
    ).toEqual(["Baisse de 50% de la consommation d'eau", '20% des fournitures sont réutilisées/ recyclées/ réparées']);
  });

  test('a single target stays whole', () => {
    for (const cell of [
      '100% du personnel formé',
      '>75 % de satisfaction personnel et élèves',
      'Zéro signalement de discrimination',
      'Moyens en adéquation avec les objectifs visés',
      'X ODD pris en compte dans la programmation',
      '100% des travaux réglementaires ADAP fait',
      'Faire de IMT Mines Alès un campus exemplaire',
    ]) {
      expect(labels(cell)).toEqual([cell]);
    }
  });

  test('a line break always separates targets', () => {
    expect(labels('100% du personnel formé\nMaintien des classements')).toHaveLength(2);
  });

  test('an empty cell has no target', () => {
    expect(parseTargets('', 2027)).toEqual([]);
    expect(parseTargets('  \n ', 2027)).toEqual([]);
  });
});

describe('reading values', () => {
  test('a decrease of a percentage is a negative target in %', () => {
    expect(values("Diminution de 20% de la consommation d'origine fossile Diminution de 5% par an de nos GES")).toEqual(
      [
        [-20, '%', false],
        [-5, '%/an', false],
      ],
    );
    expect(values("Baisse de 50% de la consommation d'eau")).toEqual([[-50, '%', false]]);
  });

  test('plain percentages, thresholds and counts are read with their unit', () => {
    expect(values('100% du personnel formé')).toEqual([[100, '%', false]]);
    expect(values('>75 % de satisfaction personnel et élèves')).toEqual([[75, '%', false]]);
    expect(values('3 ODD minimum pour chaque projet de recherche')).toEqual([[3, 'ODD', false]]);
  });

  test('"Zéro" is a quantified target of 0', () => {
    expect(values('Zéro signalement de discrimination')).toEqual([[0, null, false]]);
    expect(values('zero accident')).toEqual([[0, null, false]]);
  });

  test('a sentence without a number, or with an unknown "X", is qualitative', () => {
    expect(values('Moyens en adéquation avec les objectifs visés')).toEqual([[null, null, true]]);
    expect(values('X ODD pris en compte dans la programmation')).toEqual([[null, null, true]]);
  });

  test('the deadline is the end of the plan year, or the year the target names', () => {
    expect(parseTargets('100% du personnel formé', 2027)[0].deadline).toBe('2027-12-31');
    expect(parseTargets('100% du personnel formé', null)[0].deadline).toBeNull();
    expect(parseTargets("100% du personnel formé d'ici 2025", 2027)[0].deadline).toBe('2025-12-31');
  });

  test('a baseline is read only when written as "de X à Y"', () => {
    expect(parseTargets('Passer de 40 % à 20 % de trajets en avion', 2027)[0]).toMatchObject({
      baselineValue: 40,
      targetValue: 20,
      unit: '%',
    });
    expect(parseTargets('100% du personnel formé', 2027)[0].baselineValue).toBeNull();
  });
});
