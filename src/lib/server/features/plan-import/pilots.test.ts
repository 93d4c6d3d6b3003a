import { describe, expect, test } from 'vitest';
import { personKey } from './parsed-plan';
import { parsePilots } from './pilots';

/** Compact view of a cell: "person:Bazin|I", "group:fresqueurs". */
function read(cell: string): string[] {
  return parsePilots(cell).map((p) =>
    p.kind === 'person' ? `person:${p.familyName}|${p.initials}` : `${p.kind}:${p.label}`,
  );
}

describe('people', () => {
  test('a pilot cell with a plus sign names two people', () => {
    expect(read('Bazin I. + Martinez S.')).toEqual(['person:Bazin|I', 'person:Martinez|S']);
  });

  test('a plus sign glued to the initial still separates people', () => {
    expect(read('Bazin I+ Martinez S+ Copil RES')).toEqual(['person:Bazin|I', 'person:Martinez|S', 'group:Copil RES']);
  });

  test('two people written without any separator are told apart by their initials', () => {
    expect(read('Azema N. Aurelie T.')).toEqual(['person:Azema|N', 'person:Aurelie|T']);
  });

  test('family names may hold several words or a hyphen', () => {
    expect(read('Ferlut M. Tena-Chollet F. Frealle Cerceau J.')).toEqual([
      'person:Ferlut|M',
      'person:Tena-Chollet|F',
      'person:Frealle Cerceau|J',
    ]);
  });

  test('commas and a final "et" separate four people, "Le Brun" staying one name', () => {
    expect(read('Enrech C., Ferlut M., Le Brun H. et Allier S.')).toEqual([
      'person:Enrech|C',
      'person:Ferlut|M',
      'person:Le Brun|H',
      'person:Allier|S',
    ]);
  });

  test('a comma between a family name and its initial names one person', () => {
    const [roma] = parsePilots('Roma, O.');
    expect(parsePilots('Roma, O.')).toHaveLength(1);
    expect(roma).toEqual({ kind: 'person', label: 'Roma, O.', familyName: 'Roma', initials: 'O' });
  });

  test('comma-separated lists of people are read whole', () => {
    expect(read('Durand M., Lichtenberger A.')).toEqual(['person:Durand|M', 'person:Lichtenberger|A']);
    expect(read('Taguet A., Azema N., Ranwez S., Bayle S.')).toEqual([
      'person:Taguet|A',
      'person:Azema|N',
      'person:Ranwez|S',
      'person:Bayle|S',
    ]);
    expect(read('Bony R., Paradis J.')).toEqual(['person:Bony|R', 'person:Paradis|J']);
    expect(read('Silvain H., Paradis J.')).toEqual(['person:Silvain|H', 'person:Paradis|J']);
    expect(read('Paradis J.')).toEqual(['person:Paradis|J']);
  });

  test('a trailing comma adds no pilot', () => {
    expect(read('Bazin I, Cerceau J.,')).toEqual(['person:Bazin|I', 'person:Cerceau|J']);
  });

  test('two initials after a name are kept together and a unit after "et" is read as a unit', () => {
    expect(read('Bazin I, Cerceau J., Amaglio F. A et SG')).toEqual([
      'person:Bazin|I',
      'person:Cerceau|J',
      'person:Amaglio|FA',
      'unit:SG',
    ]);
  });

  test('the initial may come before the family name', () => {
    expect(parsePilots('S Martinez')).toEqual([
      { kind: 'person', label: 'S Martinez', familyName: 'Martinez', initials: 'S' },
    ]);
  });

  test('the same person written three ways has one key', () => {
    const keys = ['Robert L', 'Robert, L.', 'Robert L.'].map((cell) => personKey(parsePilots(cell)[0]));
    expect(new Set(keys)).toEqual(new Set(['robert|l']));
    expect(personKey(parsePilots('Azéma N.')[0])).toBe(personKey(parsePilots('Azema N.')[0]));
  });

  test('accented names and undotted initials are people', () => {
    expect(read('André F')).toEqual(['person:André|F']);
  });

  test('labels keep the text as written', () => {
    expect(parsePilots('Bazin I. + Martinez S.').map((p) => p.label)).toEqual(['Bazin I.', 'Martinez S.']);
  });
});

describe('teams, units and groups', () => {
  test('collective words after a person are a group', () => {
    expect(read('Bazin I. + référents RES')).toEqual(['person:Bazin|I', 'group:référents RES']);
    expect(read('Bazin I + fresqueurs')).toEqual(['person:Bazin|I', 'group:fresqueurs']);
    expect(read('Référents RES Recherche')).toEqual(['group:Référents RES Recherche']);
  });

  test('a parenthesis adds a group, without its leading "et un"', () => {
    expect(read('Enrech C., Azéma N. (et un service civique)')).toEqual([
      'person:Enrech|C',
      'person:Azéma|N',
      'group:service civique',
    ]);
  });

  test('"Equipe X" is a team', () => {
    expect(read('Equipe Incubateur')).toEqual(['team:Equipe Incubateur']);
    expect(read('Équipe projet')).toEqual(['team:Équipe projet']);
  });

  test('acronyms, unit words and slashed paths are units', () => {
    for (const cell of [
      'Secrétariat Général',
      'SG/Div Immob',
      'SG/SFI/et autres services',
      'DRED',
      'RH',
      'SG vie du campus',
      'Secrétariat SFI',
      'SG',
    ]) {
      expect(read(cell)).toEqual([`unit:${cell}`]);
    }
  });

  test('a unit and two people in one run of words are told apart', () => {
    expect(read('La DIR COM Gossiaux K Jaquemin H')).toEqual([
      'unit:DIR COM',
      'person:Gossiaux|K',
      'person:Jaquemin|H',
    ]);
  });

  test('a name without initials is not guessed to be a person', () => {
    expect(read('Incubateur')).toEqual(['unit:Incubateur']);
  });
});

describe('robustness', () => {
  test('an empty or punctuation-only cell gives no pilot', () => {
    expect(parsePilots('')).toEqual([]);
    expect(parsePilots(' , + ; ')).toEqual([]);
  });

  test('formulas and markup stay plain text', () => {
    const [pilot] = parsePilots('=HYPERLINK("http://x";"y")');
    expect(pilot.label.length).toBeGreaterThan(0);
    expect(
      parsePilots('<b>SG</b>')
        .map((p) => p.label)
        .join(' '),
    ).toContain('<b>SG</b>');
  });

  test('no pilot ever has an empty label', () => {
    const cells = ['-', '( )', 'et', '+ +', 'A', 'Bazin I. +', '&&', '/ /', 'la', '.', 'Le'];
    for (const cell of cells) for (const p of parsePilots(cell)) expect(p.label.trim()).not.toBe('');
  });
});
