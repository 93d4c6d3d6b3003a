import * as XLSX from '@e965/xlsx';
import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { importRecords } from '../record-import';
import { getTeachingOverview } from './programmes.service';
import { exportTeaching } from './teaching-export';
import { TEACHING_IMPORT_SPEC } from './teaching-import';

const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
const HEADINGS =
  'Formation;Niveau;Département de la formation;Formation RES;Justification formation;Enseignement;Heures;Enseignement RES;Justification enseignement';

describeEachDialect('teaching files', (get) => {
  let pilot: SessionUser;
  let viewer: SessionUser;
  const countCourses = async () =>
    Number(
      (
        await get()
          .db.selectFrom('teaching_course')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('institution_id', '=', pilot.institutionId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    await db.deleteFrom('teaching_programme').where('institution_id', '=', pilot.institutionId).execute();
  });

  test('one rejected row and nothing is written', async () => {
    const { db } = get();
    const result = await importRecords(db, pilot, TEACHING_IMPORT_SPEC, {
      filename: 'formations.csv',
      bytes: csv([
        HEADINGS,
        'Master DAMAGE;Master;2ER;oui;Rapport 2022, B.3;Risk assessment methods;30;oui;B.3',
        'Master DAMAGE;;;;;Humanitarian emergencies;douze;non;',
      ]),
      params: {},
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'import.records.error.rejectedRows' } });
    expect(await countCourses()).toBe(0);
  });

  test('programmes created from the row giving their level, courses added, a known course updated', async () => {
    const { db } = get();
    const first = await importRecords(db, pilot, TEACHING_IMPORT_SPEC, {
      filename: 'formations.csv',
      bytes: csv([
        HEADINGS,
        'Master DAMAGE;Master;2ER;oui;Rapport 2022, B.3;Risk assessment methods;30;oui;B.3',
        'Master DAMAGE;;;;;Humanitarian emergencies;12,5;non;',
        'Cursus ingénieur;Ingénieur;;non;;;;;',
      ]),
      params: {},
    });
    // Two programmes and two courses.
    expect(first).toMatchObject({ ok: true, value: { created: 4, updated: 0 } });
    const master = await db
      .selectFrom('teaching_programme')
      .innerJoin('org_unit', 'org_unit.id', 'teaching_programme.department_id')
      .select([
        'teaching_programme.id',
        'teaching_programme.level',
        'teaching_programme.addresses_res',
        'org_unit.short_name',
      ])
      .where('teaching_programme.name', '=', 'Master DAMAGE')
      .executeTakeFirstOrThrow();
    expect(master).toMatchObject({ level: 'master', addresses_res: 1, short_name: '2ER' });

    // Again, in English headings: the programme is matched (any case), one course changes, one is new.
    const second = await importRecords(db, pilot, TEACHING_IMPORT_SPEC, {
      filename: 'programmes.csv',
      bytes: csv([
        'Programme;Course;Hours;Course RES;Course evidence',
        'master damage;Risk assessment methods;30;yes;B.3',
        'master damage;Humanitarian emergencies;14;yes;B.3, humanitarian assistance',
        'MASTER DAMAGE;Emergency Medicine and public health;;yes;B.3',
      ]),
      params: {},
    });
    expect(second).toMatchObject({ ok: true, value: { created: 1, updated: 1 } });
    const courses = await db
      .selectFrom('teaching_course')
      .select(['name', 'hours_minutes', 'addresses_res'])
      .where('programme_id', '=', master.id)
      .orderBy('name')
      .execute();
    expect(courses).toEqual([
      { name: 'Emergency Medicine and public health', hours_minutes: null, addresses_res: 1 },
      { name: 'Humanitarian emergencies', hours_minutes: 840, addresses_res: 1 },
      { name: 'Risk assessment methods', hours_minutes: 1800, addresses_res: 1 },
    ]);
  });

  test('a new programme without its level, a course twice, and a viewer are refused', async () => {
    const { db } = get();
    const noLevel = await importRecords(db, pilot, TEACHING_IMPORT_SPEC, {
      filename: 'f.csv',
      bytes: csv(['Formation;Enseignement', 'Nouvelle formation;Un cours']),
      params: {},
    });
    expect(noLevel).toMatchObject({ ok: false });
    const twice = await importRecords(db, pilot, TEACHING_IMPORT_SPEC, {
      filename: 'f.csv',
      bytes: csv(['Formation;Enseignement', 'Master DAMAGE;Nouveau', 'Master DAMAGE;nouveau']),
      params: {},
    });
    expect(twice).toMatchObject({ ok: false });
    const byViewer = await importRecords(db, viewer, TEACHING_IMPORT_SPEC, {
      filename: 'f.csv',
      bytes: csv(['Formation;Enseignement', 'Master DAMAGE;Autre']),
      params: {},
    });
    expect(byViewer.ok).toBe(false);
    expect(await countCourses()).toBe(3);
  });

  test('the export writes one row per course in the reader language, and imports back unchanged', async () => {
    const { db } = get();
    const file = await exportTeaching(db, viewer, 'csv', { locale: 'en', now: new Date('2026-01-15T10:00:00Z') });
    expect(file.filename).toBe('programmes-2026-01-15.csv');
    const text = new TextDecoder().decode(file.bytes);
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]?.split(';').slice(0, 3)).toEqual(['Programme', 'Level', 'Programme department']);
    // Three courses of the master and the engineering programme without course.
    expect(lines).toHaveLength(5);
    expect(lines.find((l) => l.includes('Humanitarian emergencies'))).toContain(';14;');
    expect(lines.find((l) => l.startsWith('Cursus ingénieur'))).toContain('Engineering degree');

    const before = await getTeachingOverview(db, viewer, {}, '2025-10-01');
    const again = await importRecords(db, pilot, TEACHING_IMPORT_SPEC, {
      filename: file.filename,
      bytes: file.bytes,
      params: {},
    });
    expect(again).toMatchObject({ ok: true, value: { created: 0, updated: 0 } });
    expect((await getTeachingOverview(db, viewer, {}, '2025-10-01')).programmes).toEqual(before.programmes);

    const xlsx = await exportTeaching(db, viewer, 'xlsx', { locale: 'fr' });
    const sheet = XLSX.read(xlsx.bytes, { type: 'array' }).Sheets.Formations;
    expect(sheet?.A1?.v).toBe('Formation');
    expect(sheet?.B2?.v).toBe('Ingénieur');
  });
});
