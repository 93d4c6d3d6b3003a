import { describe, expect, test } from 'vitest';
import { eventFilterSchema, isSelected, parseAttendance, selectionOf } from './events';
import { anEvent } from './events.fixtures';
import { parseEvent } from './events.service';
import { eventsTable } from './events-export';
import { dateOfCell, parseEventRow } from './events-import';
import { percentMilli } from './events-indicators';

describe('an event as typed', () => {
  test('lists come back sorted without duplicates and blank boxes become null', () => {
    const parsed = parseEvent(anEvent({ sdgs: [15, 13, 15], place: '  ', url: '' }));
    expect(parsed.ok && parsed.value).toMatchObject({ sdgs: [13, 15], place: null, url: null, endDate: null });
  });

  test('each wrong field is refused with its own message', () => {
    const code = (o: Parameters<typeof anEvent>[0]) => {
      const r = parseEvent(anEvent(o));
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code({ title: ' ' })).toBe('events.error.title');
    expect(code({ startDate: '2022-02-30' })).toBe('events.error.startDate');
    expect(code({ endDate: '2022-02-24' })).toBe('events.error.endDate');
    expect(code({ attendance: -1 })).toBe('events.error.attendance');
    expect(code({ attendance: Number.NaN })).toBe('events.error.attendance');
    expect(code({ sdgs: [18] })).toBe('events.error.sdgs');
    expect(code({ url: 'javascript:alert(1)' })).toBe('events.error.url');
    expect(code({ kind: 'party' as never })).toBe('events.error.kind');
    expect(code({ accessibility: ['telepathy' as never] })).toBe('events.error.accessibility');
    expect(code({ attendance: null })).toBe('ok');
  });

  test('an attendance is a whole number, empty or "unknown" meaning unknown', () => {
    expect(parseAttendance('1 200')).toBe(1200);
    expect(parseAttendance('')).toBeNull();
    expect(parseAttendance('inconnu')).toBeNull();
    expect(parseAttendance('?')).toBeNull();
    expect(parseAttendance('12.5')).toBeUndefined();
    expect(parseAttendance('beaucoup')).toBeUndefined();
  });

  test('the list filters drop what they cannot read', () => {
    expect(eventFilterSchema.parse({ kind: 'pint_of_science', year: '2022', sdg: '13', accessible: 'yes' })).toEqual({
      kind: 'pint_of_science',
      year: 2022,
      sdg: 13,
      accessible: true,
    });
    expect(eventFilterSchema.parse({ kind: 'rave', year: 'x', sdg: '42' })).toEqual({
      kind: undefined,
      year: undefined,
      sdg: undefined,
      accessible: false,
    });
  });
});

describe("an indicator's source_key", () => {
  const culturelles = { kind: 'lecture_series', series_name: 'Les Culturelles' };
  test('selects every event, one kind, or one series whatever its case and accents', () => {
    expect(isSelected(selectionOf(null), culturelles)).toBe(true);
    expect(isSelected(selectionOf(' lecture_series '), culturelles)).toBe(true);
    expect(isSelected(selectionOf('pint_of_science'), culturelles)).toBe(false);
    expect(isSelected(selectionOf('series:les culturelles'), culturelles)).toBe(true);
    expect(isSelected(selectionOf('series:Fête de la science'), culturelles)).toBe(false);
  });

  test('anything else is an error, so that a typo is not read as "all events"', () => {
    expect(() => selectionOf('fête')).toThrow(/not an event kind/);
    expect(() => selectionOf('series:')).toThrow();
  });

  test('a share is a number of percent x 1000, none without a total', () => {
    expect(percentMilli(1, 3)).toBe(33333);
    expect(percentMilli(0, 0)).toBeNull();
  });
});

describe('a row of an events file', () => {
  const row = (cells: Record<string, string>) =>
    parseEventRow({
      title: 'Pint of Science',
      kind: 'Pint of Science',
      start: '09/05/2022',
      end: '',
      series: '',
      place: 'Bar du Coin',
      attendance: '',
      sdgs: '',
      accessibility: '',
      ...cells,
    });

  test('reads kinds and features by key or by name, SDGs and dates in French or ISO', () => {
    const outcome = row({
      kind: 'Fête de la Science',
      sdgs: '4;13',
      accessibility: 'lsf; Sous-titrage',
      attendance: '120',
    });
    expect(outcome.status).toBe('valid');
    if (outcome.status !== 'valid') return;
    expect(outcome.record).toMatchObject({
      kind: 'fete_de_la_science',
      startDate: '2022-05-09',
      sdgs: [4, 13],
      accessibility: ['captioning', 'french_sign_language'],
      attendance: 120,
    });
    expect(dateOfCell('2022-02-25')).toBe('2022-02-25');
  });

  test('an online event and an unknown attendance', () => {
    const outcome = row({ place: 'En ligne', attendance: 'inconnue' });
    expect(outcome.status === 'valid' && outcome.record).toMatchObject({ online: true, place: null, attendance: null });
  });

  test('an unreadable cell refuses the row, naming what was read', () => {
    expect(row({ kind: 'Kermesse' })).toMatchObject({
      status: 'rejected',
      error: { code: 'events.import.error.kind', params: { value: 'Kermesse' } },
    });
    expect(row({ sdgs: '4;19' })).toMatchObject({ error: { code: 'events.import.error.sdgs' } });
    expect(row({ accessibility: 'lsf;braille' })).toMatchObject({
      error: { code: 'events.import.error.accessibility', params: { value: 'braille' } },
    });
    expect(row({ attendance: 'beaucoup' })).toMatchObject({ error: { code: 'events.import.error.attendance' } });
    expect(row({ start: '31/02/2022' })).toMatchObject({ error: { code: 'events.error.startDate' } });
  });
});

test('the export neutralises formulas and writes SDGs and features as the import reads them', () => {
  const table = eventsTable(
    [
      {
        id: 'e1',
        title: '=HYPERLINK("x")',
        kind: 'lecture_series',
        seriesName: 'Les Culturelles',
        startDate: '2022-02-25',
        endDate: null,
        place: null,
        online: false,
        audiences: ['students'],
        attendance: null,
        organisers: [{ id: 'p', name: 'Robert L.' }],
        partners: null,
        sdgs: [13, 15],
        accessibility: ['captioning', 'french_sign_language'],
        accessibilityNote: null,
        description: null,
        url: null,
        isDemo: false,
        version: 1,
      },
    ],
    'fr',
  );
  expect(table[0]?.slice(0, 4)).toEqual(['Identifiant', 'Titre', 'Type', 'Série']);
  const cells = table[1] ?? [];
  expect(cells[1]).not.toMatch(/^=/);
  expect(cells).toContain('13;15');
  expect(cells).toContain('captioning;french_sign_language');
  expect(cells).toContain('Cycle de conférences');
});
