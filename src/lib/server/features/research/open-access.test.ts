import { expect, test } from 'vitest';
import { publicationOfRow, skipRepeatedHalIds } from './hal-import';
import { booleanOfCell, countByYear, isOpenLicence, openAccessTable, yearOfCell } from './open-access';

const row = (cells: Record<string, string>) => publicationOfRow(cells, new Map([['hal-00000001', 'stored-id']]));

test('an open licence is Creative Commons or Etalab, however HAL writes it', () => {
  expect(isOpenLicence('http://creativecommons.org/licenses/by/4.0/')).toBe(true);
  expect(isOpenLicence('CC BY-NC-ND 4.0')).toBe(true);
  expect(isOpenLicence('cc0')).toBe(true);
  expect(isOpenLicence('Licence Ouverte / Etalab 2.0')).toBe(true);
  expect(isOpenLicence('Copyright')).toBe(false);
  expect(isOpenLicence('ACCEPTED')).toBe(false);
  expect(isOpenLicence(null)).toBe(false);
});

test('yes/no cells are read in French and English; years are four digits in range', () => {
  expect([booleanOfCell('Oui'), booleanOfCell('true'), booleanOfCell('1'), booleanOfCell('')]).toEqual([
    true,
    true,
    true,
    false,
  ]);
  expect(booleanOfCell('peut-être')).toBeUndefined();
  expect(yearOfCell('2021')).toBe(2021);
  expect(yearOfCell('2021.0')).toBe(2021);
  expect(yearOfCell('21')).toBeUndefined();
  expect(yearOfCell('1850')).toBeUndefined();
});

test('a HAL row: submitType "file" is a deposited full text, the produced year wins over the publication year', () => {
  const outcome = row({
    halId: 'hal-03123456',
    title: 'Agrobétons',
    docType: 'ART',
    producedYear: '2021',
    publicationYear: '2022',
    submitType: 'file',
    fullText: '',
    openAccess: 'true',
    licence: 'CC BY 4.0',
  });
  expect(outcome).toEqual({
    status: 'valid',
    label: 'hal-03123456',
    record: {
      halId: 'hal-03123456',
      title: 'Agrobétons',
      docType: 'ART',
      year: 2021,
      fullText: true,
      openAccess: true,
      licence: 'CC BY 4.0',
      openLicence: true,
    },
  });
});

test('a hand-made table says "texte intégral: oui"; a notice without it has no full text', () => {
  const handMade = row({ halId: 'hal-1', publicationYear: '', producedYear: '2020', fullText: 'oui' });
  expect(handMade.status === 'valid' && handMade.record.fullText).toBe(true);
  const notice = row({ halId: 'hal-2', producedYear: '2020', submitType: 'notice' });
  expect(notice.status === 'valid' && notice.record).toMatchObject({ fullText: false, openAccess: false });
});

test('a publication already imported is valid with a warning that it will be updated', () => {
  expect(row({ halId: 'hal-00000001', producedYear: '2020' })).toMatchObject({
    status: 'valid',
    warning: { code: 'research.import.warning.updates' },
  });
});

test('rows without an id or a year, or with an unknown deposit type or yes/no, are rejected with the reason', () => {
  expect(row({ halId: '', producedYear: '2020' })).toMatchObject({ error: { code: 'research.import.error.halId' } });
  expect(row({ halId: 'hal-3', producedYear: '', publicationYear: '' })).toMatchObject({
    error: { code: 'research.import.error.year' },
  });
  expect(row({ halId: 'hal-3', producedYear: '2020', submitType: 'pdf' })).toMatchObject({
    error: { code: 'research.import.error.submitType', params: { value: 'pdf' } },
  });
  expect(row({ halId: 'hal-3', producedYear: '2020', openAccess: 'maybe' })).toMatchObject({
    error: { code: 'research.import.error.openAccess' },
  });
});

test('an id met again lower in the file is skipped, the first row kept', () => {
  const outcomes = [
    row({ halId: 'hal-5', producedYear: '2020' }),
    row({ halId: 'hal-5', producedYear: '2021' }),
    row({ halId: '', producedYear: '2021' }),
  ];
  expect(skipRepeatedHalIds(outcomes).map((o) => o.status)).toEqual(['valid', 'skipped', 'rejected']);
});

test('rates by year: full text / count, full text or open-access flag / count, open licence / count', () => {
  const pub = (year: number, fullText: boolean, openAccess: boolean, openLicence: boolean) => ({
    halId: `hal-${Math.random()}`,
    title: null,
    docType: null,
    year,
    fullText,
    openAccess,
    licence: null,
    openLicence,
  });
  const table = openAccessTable(
    countByYear([
      pub(2021, true, true, true),
      pub(2021, false, true, false),
      pub(2021, false, false, false),
      pub(2021, false, false, false),
      pub(2020, true, false, false),
    ]),
  );
  expect(table.map((y) => [y.year, y.publications, y.fullTextRate, y.openAccessRate, y.openLicenceRate])).toEqual([
    [2020, 1, 1, 1, 0],
    [2021, 4, 0.25, 0.5, 0.25],
  ]);
  expect(openAccessTable([])).toEqual([]);
});
