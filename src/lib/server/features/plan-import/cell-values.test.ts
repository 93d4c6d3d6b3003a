import { describe, expect, test } from 'vitest';
import { readAxes, readBudgetCents, readDate, readFteMilli, readSdgs, readStatus } from './cell-values';
import { readHeading } from './plan-headings';

describe('SDG cells', () => {
  test('numbers, "ODD n" and "SDG n" name SDGs 1 to 17', () => {
    expect(readSdgs('4, 13')).toEqual({ sdgs: [4, 13], invalid: [] });
    expect(readSdgs('ODD 4; ODD13')).toEqual({ sdgs: [4, 13], invalid: [] });
    expect(readSdgs('SDG 4')).toEqual({ sdgs: [4], invalid: [] });
    expect(readSdgs('4.1 et 4.3, 12')).toEqual({ sdgs: [4, 12], invalid: [] });
  });

  test('anything else is listed as invalid', () => {
    expect(readSdgs('0, 18, climat')).toEqual({ sdgs: [], invalid: ['0', '18', 'climat'] });
  });
});

describe('axes', () => {
  test('an axis is read by code, number or French or English name', () => {
    expect(readAxes('teaching')).toEqual(['teaching']);
    expect(readAxes('Axe 1')).toEqual(['strategy_governance']);
    expect(readAxes('Recherche et innovation')).toEqual(['research_innovation']);
    expect(readAxes('Social policy and local integration; Environment')).toEqual([
      'social_territorial',
      'campus_environment',
    ]);
  });

  test('an unknown axis makes the whole cell unreadable', () => {
    expect(readAxes('Recherche, Cuisine')).toBeNull();
  });
});

describe('statuses', () => {
  test.each([
    ['À faire', 'not_started'],
    ['Non démarrée', 'not_started'],
    ['not started', 'not_started'],
    ['EN COURS', 'in_progress'],
    ['in progress', 'in_progress'],
    ['Terminée', 'done'],
    ['réalisée', 'done'],
    ['Done', 'done'],
    ['Suspendue', 'suspended'],
    ['suspended', 'suspended'],
    ['Abandonnée', 'cancelled'],
    ['Annulée', 'cancelled'],
    ['cancelled', 'cancelled'],
  ])('"%s" is %s', (text, status) => {
    expect(readStatus(text)).toBe(status);
  });

  test('an unknown word is no status', () => {
    expect(readStatus('bientôt')).toBeNull();
  });
});

describe('dates', () => {
  test('French, ISO and Excel serial dates become ISO dates', () => {
    expect(readDate('05/03/2025', 'start')).toBe('2025-03-05');
    expect(readDate('2025-03-05', 'start')).toBe('2025-03-05');
    expect(readDate('2025-03-05T00:00:00Z', 'start')).toBe('2025-03-05');
    expect(readDate('45658', 'start')).toBe('2025-01-01');
    expect(readDate('45658.5', 'start')).toBe('2025-01-01');
  });

  test('a bare year is the first day of a start and the last day of an end', () => {
    expect(readDate('2026', 'start')).toBe('2026-01-01');
    expect(readDate('2026', 'end')).toBe('2026-12-31');
  });

  test('impossible dates are unreadable', () => {
    expect(readDate('31/02/2025', 'start')).toBeNull();
    expect(readDate('2025-13-01', 'start')).toBeNull();
    expect(readDate('demain', 'start')).toBeNull();
  });
});

describe('FTE and budget', () => {
  test('FTE with a comma, a dot or as a percentage is stored x1000', () => {
    expect(readFteMilli('0,5')).toBe(500);
    expect(readFteMilli('0.5')).toBe(500);
    expect(readFteMilli('1,25 ETP')).toBe(1250);
    expect(readFteMilli('10 %')).toBe(100);
    expect(readFteMilli('-1')).toBeNull();
    expect(readFteMilli('un demi')).toBeNull();
  });

  test('budgets in French or English notation become cents', () => {
    expect(readBudgetCents('12 000 €')).toBe(1_200_000);
    expect(readBudgetCents('12000,50')).toBe(1_200_050);
    expect(readBudgetCents('12\u202f000,50\u00a0€')).toBe(1_200_050);
    expect(readBudgetCents('12,000.50')).toBe(1_200_050);
    expect(readBudgetCents('1.234.567')).toBe(123_456_700);
    expect(readBudgetCents('1,5 k€')).toBe(150_000);
    expect(readBudgetCents('0,29')).toBe(29);
    expect(readBudgetCents('300 euros')).toBe(30_000);
  });

  test('a negative or wordy budget is unreadable', () => {
    expect(readBudgetCents('-500')).toBeNull();
    expect(readBudgetCents('environ mille')).toBeNull();
    expect(readBudgetCents('12,')).toBeNull();
  });
});

describe('headings', () => {
  test('the "Chantier N" or "Objectif N" prefix gives the code and is removed from the title', () => {
    expect(readHeading('Chantier 1 : Des politiques partagées', 'workstream')).toEqual({
      code: '1',
      title: 'Des politiques partagées',
      continued: false,
    });
    expect(readHeading('Chantier 2 (suite) – Métiers : Faire', 'workstream')).toEqual({
      code: '2',
      title: 'Métiers : Faire',
      continued: true,
    });
    expect(readHeading('Objectif 1 - Climat-Energie : réduire', 'objective')).toEqual({
      code: '1',
      title: 'Climat-Energie : réduire',
      continued: false,
    });
    expect(readHeading('Objectif 4 – Déchets Faire du campus', 'objective')).toMatchObject({
      code: '4',
      title: 'Déchets Faire du campus',
    });
    expect(readHeading("Objectif 4-Contribuer à l'accès", 'objective')).toMatchObject({
      code: '4',
      title: "Contribuer à l'accès",
    });
  });

  test('a year is not a heading number and an unnumbered heading keeps its whole text', () => {
    expect(readHeading('Objectif 2027 : neutralité', 'objective')).toEqual({
      code: null,
      title: 'Objectif 2027 : neutralité',
      continued: false,
    });
    expect(readHeading('Sobriété', 'objective')).toEqual({ code: null, title: 'Sobriété', continued: false });
  });
});
