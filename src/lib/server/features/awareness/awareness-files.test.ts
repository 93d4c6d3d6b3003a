import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { importRecords } from '../record-import';
import { loadAwarenessDemo } from './awareness-demo';
import { exportAwareness } from './awareness-export';
import { ATTENDANCE_IMPORT_SPEC, HEADCOUNT_IMPORT_SPEC, populationOfCell } from './awareness-import';
import { getSessionDetail, getSessionsList } from './awareness-pages.service';
import { getCoverage } from './coverage.service';
import { recordSession } from './sessions.service';

const csv = (text: string) => new TextEncoder().encode(text);

test('a population is read from its key or its French or English label', () => {
  expect(populationOfCell('Étudiants')).toBe('student');
  expect(populationOfCell('enseignants chercheurs')).toBe('teacher_researcher');
  expect(populationOfCell('Administrative and technical staff')).toBe('administrative_technical');
  expect(populationOfCell('apprentice')).toBe('apprentice');
  expect(populationOfCell('martians')).toBeUndefined();
});

describeEachDialect('awareness files and demo', (get) => {
  let admin: SessionUser;
  let contributor: SessionUser;
  let pilot: SessionUser;
  const db = () => get().db;

  beforeAll(async () => {
    await loadDemoIfEmpty(db(), { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db(), 'responsable.ddrs@demo.trajectoire.test');
    contributor = await sessionUserByEmail(db(), 'contributeur@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db(), 'pilote@demo.trajectoire.test');
  });

  test('the demo holds the rentrée climat of September 2022: 4000 participants, 35 facilitators over two days', async () => {
    await loadAwarenessDemo(db(), admin.institutionId);
    await loadAwarenessDemo(db(), admin.institutionId);
    const list = await getSessionsList(db(), admin, {});
    const rentree = list.sessions.filter((s) => s.title.startsWith('Rentrée climat 2022'));
    expect(rentree).toHaveLength(1);
    expect(rentree[0]).toMatchObject({
      typeKey: 'climate_fresk',
      startDate: '2022-09-05',
      endDate: '2022-09-06',
      participations: 4000,
      unnamedFacilitators: 34,
    });
    expect(rentree[0]?.facilitators.map((f) => f.name)).toEqual(['Bazin I.']);
    const coverage = await getCoverage(db(), admin, { academicYear: '2023-2024' });
    expect(coverage.find((r) => r.level === 'population' && r.key === 'teacher_researcher')?.headcount).toBe(90);
  });

  test('an attendance list is previewed row by row and written all at once; a bad row writes nothing', async () => {
    const recorded = await recordSession(db(), contributor, {
      typeKey: 'waste',
      title: 'Déchets — import',
      startDate: '2034-01-10',
      online: false,
    });
    if (!recorded.ok) throw new Error(recorded.error.code);
    const sessionId = recorded.value.id;
    const bad = await importRecords(db(), contributor, ATTENDANCE_IMPORT_SPEC, {
      filename: 'presence.csv',
      bytes: csv(
        'Nom;Email;Population;Programme;Année\nAna Lopez;ana@example.org;Étudiants;Généraliste;2\nBob;;Martians;;\n',
      ),
      params: { sessionId },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'import.records.error.rejectedRows' } });
    expect((await getSessionDetail(db(), contributor, sessionId))?.session.named).toBe(0);

    const good = await importRecords(db(), contributor, ATTENDANCE_IMPORT_SPEC, {
      filename: 'presence.csv',
      bytes: csv(
        'Nom;Email;Population;Programme;Année\nAna Lopez;ana@example.org;Étudiants;Généraliste;2\nAna L.;ANA@example.org;Étudiants;;\nBob Stone;;Public extérieur;;\n',
      ),
      params: { sessionId },
    });
    expect(good).toMatchObject({ ok: true, value: { created: 2 } });
    const detail = await getSessionDetail(db(), contributor, sessionId);
    expect(detail?.participants.map((p) => [p.name, p.population, p.programme, p.studyYear])).toEqual([
      ['Ana Lopez', 'student', 'Généraliste', 2],
      ['Bob Stone', 'external', '', null],
    ]);
    // Importing the same list again skips who is already there, and adds the newcomer only.
    const again = await importRecords(db(), contributor, ATTENDANCE_IMPORT_SPEC, {
      filename: 'presence.csv',
      bytes: csv('Nom;Population\nBob Stone;external\nCléo Vidal;apprentice\n'),
      params: { sessionId },
    });
    expect(again).toMatchObject({ ok: true, value: { created: 1 } });
    expect((await getSessionDetail(db(), contributor, sessionId))?.session.named).toBe(3);
    // Another pilot's session is not theirs to import into.
    expect(
      await importRecords(db(), pilot, ATTENDANCE_IMPORT_SPEC, {
        filename: 'presence.csv',
        bytes: csv('Nom;Population\nX;external\n'),
        params: { sessionId },
      }),
    ).toMatchObject({ ok: false, error: { code: 'awareness.import.error.session' } });
  });

  test('headcounts are imported by the officer only, a repeated row refusing the file', async () => {
    const file = (text: string) => ({ filename: 'effectifs.csv', bytes: csv(text), params: {} });
    expect(
      await importRecords(
        db(),
        pilot,
        HEADCOUNT_IMPORT_SPEC,
        file('Année;Population;Effectif\n2034-2035;Étudiants;900\n'),
      ),
    ).toMatchObject({ ok: false });
    expect(
      await importRecords(
        db(),
        admin,
        HEADCOUNT_IMPORT_SPEC,
        file('Année;Population;Effectif\n2034-2035;Étudiants;900\n2034/2035;student;950\n'),
      ),
    ).toMatchObject({ ok: false, error: { code: 'import.records.error.rejectedRows' } });
    expect(
      await importRecords(
        db(),
        admin,
        HEADCOUNT_IMPORT_SPEC,
        file(
          'Année;Population;Programme;Effectif\n2034-2035;Étudiants;Généraliste;900\n2034/2035;Personnels administratifs et techniques;;1 200\n',
        ),
      ),
    ).toMatchObject({ ok: true, value: { created: 2, updated: 0 } });
    const coverage = await getCoverage(db(), admin, { academicYear: '2034-2035' });
    expect(coverage.find((r) => r.level === 'population' && r.key === 'administrative_technical')?.headcount).toBe(
      1200,
    );
  });

  test('the export lists sessions with counts for everyone; named participants for the officer only', async () => {
    const sessions = await exportAwareness(db(), pilot, 'csv', { locale: 'fr', now: new Date('2034-02-01T00:00:00Z') });
    expect(sessions?.filename).toBe('sessions-sensibilisation-2034-02-01.csv');
    const text = new TextDecoder().decode(sessions?.bytes);
    expect(text).toContain('Participations');
    expect(text).toContain('Déchets — import');
    expect(text).toContain('Rentrée climat 2022');
    expect(text).not.toContain('Ana Lopez');
    expect(await exportAwareness(db(), pilot, 'csv', { content: 'participants' })).toBeUndefined();
    const names = await exportAwareness(db(), admin, 'csv', { content: 'participants', locale: 'en' });
    const namesText = new TextDecoder().decode(names?.bytes);
    expect(namesText).toContain('Ana Lopez');
    expect(namesText).toContain('Students');
    const xlsx = await exportAwareness(db(), admin, 'xlsx', { locale: 'en' });
    expect(xlsx?.contentType).toContain('spreadsheetml');
  });
});
