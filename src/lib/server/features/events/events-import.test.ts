import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import { toXlsx } from '../api';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { getRecordImport, importRecords } from '../record-import';
import { loadEventsDemo } from './events-demo';
import { eventsTable, exportEvents } from './events-export';
import { EVENTS_IMPORT } from './events-import';
import { getEventsListPage } from './events-pages.service';

const csv = (text: string) => new TextEncoder().encode(text);

describeEachDialect('events import, export and demo', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  let viewer: SessionUser;
  const countEvents = async () =>
    Number(
      (
        await get()
          .db.selectFrom('event')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('institution_id', '=', admin.institutionId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
  });

  test('the demo loads the report events once, with the invented ones marked', async () => {
    const { db } = get();
    await loadEventsDemo(db, admin.institutionId);
    await loadEventsDemo(db, admin.institutionId);
    const { events, totals } = await getEventsListPage(db, viewer, { accessible: false });
    expect(events).toHaveLength(6);
    const bourg = events.find((e) => e.title.includes('Dominique Bourg'));
    expect(bourg).toMatchObject({
      kind: 'lecture_series',
      seriesName: 'Les Culturelles',
      startDate: '2022-02-25',
      attendance: 500,
      accessibility: ['french_sign_language'],
      isDemo: true,
    });
    expect(events.find((e) => e.title.includes('économie circulaire'))?.organisers.map((o) => o.name)).toEqual([
      'Cerceau J.',
    ]);
    // 2022: Fête de la science (800), two Pint of Science evenings (unknown), Les Culturelles (500).
    expect(totals.find((t) => t.year === '2022')).toMatchObject({ events: 4, attendance: 1300, unknownAttendance: 2 });
  });

  test('a file of events is imported after its preview, every row a new event', async () => {
    const { db } = get();
    const before = await countEvents();
    const file = csv(
      'Titre;Type;Début;Fin;Lieu;Participants;ODD;Accessibilité\n' +
        'Fête de la science 2025;Fête de la science;2025-10-06;2025-10-10;IMT Mines Alès;640;4;13;lsf;captioning\n'.replace(
          '4;13;lsf;captioning',
          '"4;13";"lsf;captioning"',
        ) +
        'Intervention au lycée JBD;intervention scolaire;14/01/2025;;Lycée Jean-Baptiste Dumas;30;4;\n',
    );
    const result = await importRecords(db, pilot, EVENTS_IMPORT, {
      filename: 'evenements.csv',
      bytes: file,
      params: {},
    });
    expect(result).toMatchObject({ ok: true, value: { created: 2, updated: 0 } });
    expect(await countEvents()).toBe(before + 2);
    const { events } = await getEventsListPage(db, viewer, { accessible: true, year: 2025 });
    expect(events.map((e) => [e.title, e.sdgs, e.accessibility, e.attendance])).toEqual([
      ['Fête de la science 2025', [4, 13], ['captioning', 'french_sign_language'], 640],
    ]);
  });

  test('a file with one wrong row writes nothing, and says which row and why', async () => {
    const { db } = get();
    const before = await countEvents();
    const file = csv('Title;Kind;Start;Attendance\nGood one;conference;2025-03-01;10\nBad one;kermesse;2025-03-02;\n');
    const result = await importRecords(db, admin, EVENTS_IMPORT, { filename: 'bad.csv', bytes: file, params: {} });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'import.records.error.rejectedRows', params: { count: 1 } },
    });
    if (result.ok) return;
    expect(result.rows?.map((r) => [r.row, r.status, r.note?.code ?? null])).toEqual([
      [2, 'valid', null],
      [3, 'rejected', 'events.import.error.kind'],
    ]);
    expect(await countEvents()).toBe(before);
  });

  test('a viewer cannot import; duplicates inside a file are refused', async () => {
    const { db } = get();
    const file = csv('Titre;Type;Début\nA;autre;2025-01-01\na;autre;2025-01-01\n');
    expect(
      await importRecords(db, viewer, EVENTS_IMPORT, { filename: 'x.csv', bytes: file, params: {} }),
    ).toMatchObject({
      ok: false,
      error: { code: 'errors.forbidden' },
    });
    const result = await importRecords(db, admin, EVENTS_IMPORT, { filename: 'x.csv', bytes: file, params: {} });
    expect(!result.ok && result.rows?.[1]?.note?.code).toBe('events.import.error.duplicate');
  });

  test('an XLSX export reads back through the import as the same events', async () => {
    const { db } = get();
    const exported = await exportEvents(db, viewer, 'csv', { locale: 'en', filter: { accessible: false, year: 2022 } });
    expect(exported.count).toBe(4);
    expect(exported.filename).toMatch(/^events-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = new TextDecoder().decode(exported.bytes);
    expect(text).toContain('Title;Kind;Series;Start');
    expect(text).toContain('french_sign_language');

    // The same table as a workbook, as the XLSX export writes it.
    const { events } = await getEventsListPage(db, viewer, { accessible: false, year: 2022 });
    const workbook = toXlsx('Events', eventsTable(events, 'en'), 'Events');
    const { createRecordImport } = await import('../record-import');
    const created = await createRecordImport(db, admin, EVENTS_IMPORT, {
      filename: 'e.xlsx',
      bytes: workbook,
      params: {},
    });
    if (!created.ok) throw new Error(created.error.code);
    const view = await getRecordImport(db, admin, EVENTS_IMPORT, created.value.id);
    expect(view?.preview?.rows.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(view?.preview?.counts).toMatchObject({ valid: 4, rejected: 0 });
  });
});
