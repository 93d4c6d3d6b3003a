import { expect, test } from 'vitest';
import {
  academicYearOfDate,
  academicYearsStartingBetween,
  addressesResIn,
  parseAcademicYear,
  parseHoursText,
  type ResProgrammeFacts,
  resShareIn,
  suggestsResMarking,
} from './teaching';
import { flagOfCell, levelOfCell } from './teaching-file';
import { courseInputSchema, feedbackInputSchema, programmeInputSchema } from './teaching-forms';

/** A programme marked RES, running every year, unless told otherwise. */
function aProgramme(overrides: Partial<ResProgrammeFacts> = {}): ResProgrammeFacts {
  return { addressesRes: true, resSinceYear: null, activeFromYear: null, activeToYear: null, ...overrides };
}

test('academic years are read as typed and stored by their first calendar year', () => {
  expect(parseAcademicYear('2022-2023')).toBe(2022);
  expect(parseAcademicYear(' 2022/2023 ')).toBe(2022);
  expect(parseAcademicYear('2022')).toBe(2022);
  expect(parseAcademicYear('2022-2024')).toBeUndefined();
  expect(parseAcademicYear('22-23')).toBeUndefined();
  expect(parseAcademicYear('1800')).toBeUndefined();
  expect(academicYearOfDate('2025-09-01')).toBe(2025);
  expect(academicYearOfDate('2026-08-31')).toBe(2025);
});

test('a period holds the academic years that start within it', () => {
  expect(academicYearsStartingBetween('2024-09-01', '2025-08-31')).toEqual([2024]);
  expect(academicYearsStartingBetween('2024-01-01', '2024-12-31')).toEqual([2024]);
  expect(academicYearsStartingBetween('2024-01-01', '2024-03-31')).toEqual([]);
});

test('hours typed with a comma or a point become whole minutes; nonsense is refused', () => {
  expect(parseHoursText('16')).toBe(960);
  expect(parseHoursText('1,5')).toBe(90);
  expect(parseHoursText('40.25 h')).toBe(2415);
  expect(parseHoursText('')).toBeNull();
  expect(parseHoursText('seize')).toBeNaN();
  expect(parseHoursText('-3')).toBeNaN();
  expect(parseHoursText('2001')).toBeNaN();
});

test('a programme counts for RES in a year when marked, running that year, and not before its starting year', () => {
  expect(addressesResIn(aProgramme(), 2023)).toBe(true);
  expect(addressesResIn(aProgramme({ addressesRes: false }), 2023)).toBe(false);
  expect(addressesResIn(aProgramme({ resSinceYear: 2024 }), 2023)).toBe(false);
  expect(addressesResIn(aProgramme({ resSinceYear: 2024 }), 2024)).toBe(true);
  expect(addressesResIn(aProgramme({ activeToYear: 2022 }), 2023)).toBe(false);
});

test('the share counts only the programmes running that year', () => {
  const programmes = [
    aProgramme(),
    aProgramme({ addressesRes: false }),
    aProgramme({ resSinceYear: 2024 }),
    // Closed before 2023 and opened after: neither runs in 2023.
    aProgramme({ activeToYear: 2021 }),
    aProgramme({ activeFromYear: 2025, addressesRes: false }),
  ];
  // 2023: 3 running, 1 addresses RES.
  expect(resShareIn(programmes, 2023)).toMatchObject({ year: 2023, active: 3, addressingRes: 1 });
  expect(Math.round(resShareIn(programmes, 2023).percent ?? 0)).toBe(33);
  // 2024: the one marked since 2024 joins: 2 of 3.
  expect(resShareIn(programmes, 2024)).toMatchObject({ active: 3, addressingRes: 2 });
  expect(resShareIn([], 2024).percent).toBeNull();
});

test('a RES course suggests marking its programme, and does not make it count', () => {
  expect(suggestsResMarking({ addressesRes: false }, [{ addressesRes: true }])).toBe(true);
  expect(suggestsResMarking({ addressesRes: true }, [{ addressesRes: true }])).toBe(false);
  expect(suggestsResMarking({ addressesRes: false }, [{ addressesRes: false }])).toBe(false);
});

test('marking RES needs evidence; a link must be a web address', () => {
  const base = { name: 'Master', level: 'master', addressesRes: true, resEvidence: '' } as const;
  const issue = (input: object) => {
    const r = programmeInputSchema.safeParse({ ...base, ...input });
    return r.success ? 'ok' : String(r.error.issues[0]?.path[0]);
  };
  expect(issue({})).toBe('resEvidence');
  expect(issue({ resEvidence: 'Rapport 2022, B.3' })).toBe('ok');
  expect(issue({ addressesRes: false })).toBe('ok');
  expect(issue({ resEvidence: 'x', resEvidenceUrl: 'javascript:alert(1)' })).toBe('resEvidenceUrl');
  expect(issue({ resEvidence: 'x', activeFrom: '2024-2025', activeTo: '2022-2023' })).toBe('activeTo');
  expect(issue({ resEvidence: 'x', studentCount: '1 200' })).toBe('ok');
  expect(issue({ resEvidence: 'x', studentCount: '12.5' })).toBe('studentCount');
  const course = courseInputSchema.parse({ name: 'Eau', hours: '40', addressesRes: 'yes', resEvidence: 'B.1' });
  expect(course).toMatchObject({ hoursMinutes: 2400, addressesRes: true, activeFromYear: null });
});

test('feedback: respondents within the enrolled, RES links within the respondents', () => {
  const issue = (input: object) => {
    const r = feedbackInputSchema.safeParse({ academicYear: '2022-2023', enrolled: '20', respondents: '10', ...input });
    return r.success ? 'ok' : String(r.error.issues[0]?.path[0]);
  };
  expect(issue({})).toBe('ok');
  expect(issue({ respondents: '21' })).toBe('respondents');
  expect(issue({ resLinkCount: '11' })).toBe('resLinkCount');
  expect(issue({ enrolled: '0', respondents: '0' })).toBe('enrolled');
  expect(issue({ academicYear: '' })).toBe('academicYear');
});

test('file cells: yes/no and levels in French or English, any case or accents', () => {
  expect(flagOfCell('Oui')).toBe(true);
  expect(flagOfCell('yes')).toBe(true);
  expect(flagOfCell('')).toBe(false);
  expect(flagOfCell('peut-être')).toBeUndefined();
  expect(levelOfCell('Ingénieur')).toBe('engineer');
  expect(levelOfCell('ingenieur')).toBe('engineer');
  expect(levelOfCell('Continuing education')).toBe('continuing');
  expect(levelOfCell('master')).toBe('master');
  expect(levelOfCell('licence pro')).toBeUndefined();
});
