import { describe, expect, test } from 'vitest';
import { parseIndicators } from './indicator-text';

const unitOf = (cell: string) => parseIndicators(cell)[0]?.unit;

describe('indicator cells', () => {
  test('semicolons separate indicators and "\\$" is unescaped', () => {
    const cell =
      "Nombre d'enseignants formés par an ; nombre d'enseignants qui ont intégré la dimension E & S dans leurs enseignements ; montant \\$ pour le montage de la formation";
    expect(parseIndicators(cell)).toEqual([
      { name: "Nombre d'enseignants formés par an", unit: 'nombre' },
      { name: "nombre d'enseignants qui ont intégré la dimension E & S dans leurs enseignements", unit: 'nombre' },
      { name: 'montant $ pour le montage de la formation', unit: '€' },
    ]);
  });

  test('an empty cell has no indicator', () => {
    expect(parseIndicators('')).toEqual([]);
    expect(parseIndicators(' ; ')).toEqual([]);
  });

  test('counts are in "nombre"', () => {
    expect(unitOf('Nb de politiques rédigées')).toBe('nombre');
    expect(unitOf('Nombre de vecteurs possibles')).toBe('nombre');
    expect(unitOf("nb d'étudiants bénéficiaires")).toBe('nombre');
  });

  test('rates are in %, even after "Nb" when "(taux)" is written', () => {
    expect(unitOf('Nb de personnes ayant participées (taux)')).toBe('%');
    expect(unitOf('Nb de personnes ayant participées (Taux)')).toBe('%');
    expect(unitOf('Taux satisfaction')).toBe('%');
    expect(unitOf('% élèves ayant eu cet aide')).toBe('%');
    expect(unitOf('% de baisse/an')).toBe('%/an');
  });

  test('energy, mass and area units are read from the first word', () => {
    expect(unitOf("Kwhef d'origine fossile économisés")).toBe('kWhef');
    expect(unitOf('Kg de compost produit/an')).toBe('kg/an');
    expect(unitOf('Nb m2 de parking non étanche créé/nb m2 de parking')).toBe('m²');
  });

  test('money indicators are in euros', () => {
    expect(unitOf('Budget levé')).toBe('€');
    expect(unitOf("montant employé pour l'accompagnement")).toBe('€');
  });

  test('an indicator without a recognisable unit has none', () => {
    expect(unitOf('Evolution de BC des labo')).toBeNull();
    expect(unitOf('Respect du décret')).toBeNull();
  });
});
