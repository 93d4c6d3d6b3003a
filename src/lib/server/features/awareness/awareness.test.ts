import { expect, test } from 'vitest';
import type { SessionUser } from '../auth';
import {
  academicYearOf,
  canEditSession,
  canManageAwareness,
  canRecordSessions,
  canSeeParticipants,
  customTypeKeyOf,
  identityKeyOf,
  normaliseText,
  parseCount,
  populationsOf,
  sessionInputSchema,
} from './awareness';

const user = (role: SessionUser['role'], id = `u-${role}`): SessionUser => ({
  id,
  email: `${role}@example.org`,
  displayName: role,
  locale: 'fr',
  personId: null,
  institutionId: 'i1',
  role,
});

test('the officer, pilots and contributors record sessions; the committee and viewers do not', () => {
  expect(
    ['admin', 'pilot', 'contributor', 'committee', 'viewer'].map((r) =>
      canRecordSessions(user(r as SessionUser['role'])),
    ),
  ).toEqual([true, true, true, false, false]);
});

test('a session is edited by its recorder or the officer, and only they see the names', () => {
  const pilot = user('pilot');
  expect(canEditSession(pilot, { recordedBy: pilot.id })).toBe(true);
  expect(canEditSession(pilot, { recordedBy: 'someone-else' })).toBe(false);
  expect(canEditSession(user('admin'), { recordedBy: 'someone-else' })).toBe(true);
  expect(canSeeParticipants(user('committee'), { recordedBy: 'someone-else' })).toBe(false);
  // A viewer who somehow recorded a session (role changed since) no longer edits it.
  const viewer = user('viewer');
  expect(canEditSession(viewer, { recordedBy: viewer.id })).toBe(false);
  expect(canManageAwareness(user('pilot'))).toBe(false);
  expect(canManageAwareness(user('admin'))).toBe(true);
});

test('names are compared without case, accents or punctuation', () => {
  expect(normaliseText('  Élodie  MARTIN-Roux ')).toBe('elodie martin roux');
  expect(identityKeyOf({ name: 'Élodie Martin', population: 'student' })).toBe(
    identityKeyOf({ name: 'elodie  martin', population: 'student' }),
  );
  expect(identityKeyOf({ name: 'Élodie Martin', population: 'student' })).not.toBe(
    identityKeyOf({ name: 'Élodie Martin', population: 'teacher' }),
  );
  expect(identityKeyOf({ name: 'X', personId: 'p1', population: 'teacher' })).toBe('person:p1');
});

test('custom type keys never collide with the catalogue', () => {
  expect(customTypeKeyOf('Atelier « 2 tonnes »')).toBe('custom_atelier_2_tonnes');
  expect(customTypeKeyOf(' !! ')).toBe('');
});

test('a coverage key names a group or one category', () => {
  expect(populationsOf('staff')).toEqual([
    'teacher_researcher',
    'teacher',
    'researcher',
    'administrative_technical',
    'other_staff',
  ]);
  expect(populationsOf('teacher')).toEqual(['teacher']);
  expect(populationsOf('nobody')).toEqual([]);
});

test('the academic year runs from September to August', () => {
  expect(academicYearOf('2022-09-05')).toBe('2022-2023');
  expect(academicYearOf('2023-08-31')).toBe('2022-2023');
});

test('counts are typed with or without thousands separators', () => {
  expect(parseCount('4 000')).toBe(4000);
  expect(parseCount('')).toBe(0);
  expect(parseCount('12,5')).toBeNaN();
});

test('a two-day event ends on or after its first day', () => {
  const base = { typeKey: 'climate_fresk', title: 'Rentrée climat', startDate: '2022-09-05', online: false };
  expect(sessionInputSchema.safeParse({ ...base, endDate: '2022-09-06' }).success).toBe(true);
  expect(sessionInputSchema.safeParse({ ...base, endDate: '2022-09-04' }).success).toBe(false);
  expect(sessionInputSchema.safeParse({ ...base, startDate: '2022-02-30' }).success).toBe(false);
});
