import { expect, test } from 'vitest';
import {
  applyPick,
  emptyTripForm,
  nextLeg,
  parseTripForm,
  pickValue,
  readLegacyQuery,
  readTripForm,
} from './trip-form';

function aForm(entries: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(entries)) form.append(key, value);
  return form;
}

const MISSION = { date: '2026-05-04', category: 'staff', method: 'ges1point5', contrails: 'on', unitId: '' };

test('legs are read in the order of their index, every typed value kept as text', () => {
  const values = readTripForm(
    aForm({
      ...MISSION,
      'legs.1.from': 'Nîmes',
      'legs.1.to': 'Paris',
      'legs.1.mode': 'train_high_speed',
      'legs.0.from': 'Alès',
      'legs.0.to': 'Nîmes',
      'legs.0.mode': 'car_thermal',
      'legs.0.passengers': '2',
      'legs.0.roundTrip': 'on',
    }),
  );
  expect(values.contrails).toBe(true);
  expect(values.legs.map((l) => [l.from, l.to, l.mode, l.passengers, l.roundTrip])).toEqual([
    ['Alès', 'Nîmes', 'car_thermal', '2', true],
    ['Nîmes', 'Paris', 'train_high_speed', '', false],
  ]);
});

test('a form without legs gets one empty leg; a new leg starts where the previous one ended', () => {
  expect(readTripForm(aForm(MISSION)).legs).toEqual([nextLeg()]);
  const previous = { ...nextLeg(), from: 'Alès', to: 'Nîmes', mode: 'car_thermal', passengers: '2' };
  expect(nextLeg(previous)).toMatchObject({ from: 'Nîmes', to: '', mode: 'car_thermal', passengers: '1' });
});

test('valid values parse into a mission: an empty box means one person, the class only counts for a flight', () => {
  const values = readTripForm(
    aForm({
      ...MISSION,
      'legs.0.from': 'Alès',
      'legs.0.to': 'Nîmes',
      'legs.0.mode': 'train_regional',
      'legs.0.cabinClass': 'business',
      'legs.0.passengers': '',
      'legs.1.from': 'Nîmes',
      'legs.1.to': 'Bruxelles',
      'legs.1.mode': 'plane',
      'legs.1.cabinClass': 'business',
      'legs.1.date': '2026-05-05',
    }),
  );
  const parsed = parseTripForm(values);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  expect(parsed.input).toMatchObject({ date: '2026-05-04', category: 'staff', contrails: true });
  expect(parsed.input.unitId).toBeUndefined();
  expect(parsed.input.legs[0]).toMatchObject({ passengers: 1, cabinClass: undefined, date: undefined });
  expect(parsed.input.legs[1]).toMatchObject({ cabinClass: 'business', date: '2026-05-05' });
});

test('each invalid field gets its message, mission-level or in its own leg', () => {
  const parsed = parseTripForm(
    readTripForm(
      aForm({
        ...MISSION,
        date: '2026-02-30',
        'legs.0.from': 'Alès',
        'legs.0.to': 'Nîmes',
        'legs.0.mode': 'train_regional',
        'legs.1.from': '',
        'legs.1.to': 'Paris',
        'legs.1.mode': 'rocket',
        'legs.1.passengers': '12',
      }),
    ),
  );
  if (parsed.ok) throw new Error('invalid values were accepted');
  expect(parsed.errors).toEqual({
    mission: { date: 'travel.trips.error.date' },
    legs: [
      {},
      {
        from: 'travel.footprint.error.from',
        mode: 'travel.footprint.error.mode',
        passengers: 'travel.footprint.error.passengers',
      },
    ],
  });
});

test('a chosen candidate replaces only its place; an unknown leg or a malformed choice changes nothing', () => {
  const values = { ...emptyTripForm('2026-05-04', null), legs: [{ ...nextLeg(), from: 'Valencia', to: 'CDG' }] };
  expect(applyPick(values, pickValue(0, 'from', 'Valencia, Espagne')).legs[0]).toMatchObject({
    from: 'Valencia, Espagne',
    to: 'CDG',
  });
  expect(applyPick(values, pickValue(3, 'to', 'Paris'))).toBe(values);
  expect(applyPick(values, 'garbage')).toBe(values);
  expect(applyPick(values, null)).toBe(values);
});

test('the first form’s query opens as a mission of one leg', () => {
  const base = emptyTripForm('2026-05-04', 'unit-1');
  expect(readLegacyQuery(new URLSearchParams(''), base)).toBeUndefined();
  const values = readLegacyQuery(
    new URLSearchParams('from=Al%C3%A8s&to=CDG&mode=plane&roundTrip=on&passengers=1&method=ges1point5'),
    base,
  );
  expect(values).toMatchObject({ unitId: 'unit-1', method: 'ges1point5', contrails: false });
  expect(values?.legs).toEqual([
    { ...nextLeg(), from: 'Alès', to: 'CDG', mode: 'plane', roundTrip: true, passengers: '1' },
  ]);
});
