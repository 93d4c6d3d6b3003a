import { beforeAll, expect, test } from 'vitest';
import { newId, nowIso } from '../../db/ids';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { anEvent } from './events.fixtures';
import { createEvent, deleteEvent, editEvent } from './events.service';
import { getEventPage, getEventsListPage } from './events-pages.service';

describeEachDialect('events', (get) => {
  let admin: SessionUser;
  let committee: SessionUser;
  let pilot: SessionUser;
  let contributor: SessionUser;
  let viewer: SessionUser;
  let robert: string;
  let otherPerson: string;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    committee = await sessionUserByEmail(db, 'referent.dde@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    contributor = await sessionUserByEmail(db, 'contributeur@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    robert = (
      await db.selectFrom('person').select('id').where('display_name', '=', 'Robert L.').executeTakeFirstOrThrow()
    ).id;
    // A person of another institution, who cannot organise this institution's events.
    const other = newId();
    await db
      .insertInto('institution')
      .values({ id: other, slug: 'other', name: 'Other', created_at: nowIso() })
      .execute();
    otherPerson = newId();
    await db
      .insertInto('person')
      .values({
        id: otherPerson,
        institution_id: other,
        display_name: 'Outsider',
        family_name: null,
        initials: null,
        email: null,
        job_title: null,
        unit_id: null,
        created_at: nowIso(),
      })
      .execute();
  });

  test('a contributor records an event with its SDGs, organisers and accessibility, audited', async () => {
    const { db } = get();
    const created = await createEvent(db, contributor, anEvent({ organiserIds: [robert, robert] }));
    if (!created.ok) throw new Error(created.error.code);
    const page = await getEventPage(db, viewer, created.value.id);
    expect(page?.event).toMatchObject({
      title: 'Les Culturelles : Dominique Bourg',
      kind: 'lecture_series',
      attendance: 500,
      sdgs: [13, 15],
      accessibility: ['french_sign_language'],
      audiences: ['general_public', 'students'],
      organisers: [{ id: robert, name: 'Robert L.' }],
      isDemo: false,
      version: 1,
    });
    expect(page).toMatchObject({ canEdit: false, canDelete: false });
    expect(page?.history.find((h) => h.field === 'sdgs')).toMatchObject({
      operation: 'create',
      actorLabel: contributor.displayName,
      after: '13, 15',
    });
  });

  test('the committee and a viewer read events but record none; an organiser of another institution is refused', async () => {
    const { db } = get();
    for (const user of [committee, viewer]) {
      expect(await createEvent(db, user, anEvent())).toEqual({ ok: false, error: { code: 'events.error.forbidden' } });
    }
    expect(await createEvent(db, pilot, anEvent({ organiserIds: [otherPerson] }))).toEqual({
      ok: false,
      error: { code: 'events.error.organisers' },
    });
    expect((await createEvent(db, pilot, anEvent({ title: 'Pilot event' }))).ok).toBe(true);
  });

  test('an edit from an old version is refused; a saved one writes each changed field to the history', async () => {
    const { db } = get();
    const created = await createEvent(db, pilot, anEvent({ title: 'To edit', attendance: null }));
    if (!created.ok) throw new Error(created.error.code);
    const id = created.value.id;
    const edited = await editEvent(db, pilot, id, 1, anEvent({ title: 'To edit', attendance: 320, sdgs: [4] }));
    expect(edited).toEqual({ ok: true, value: { version: 2, changed: 2 } });
    expect(await editEvent(db, admin, id, 1, anEvent({ title: 'Late' }))).toEqual({
      ok: false,
      error: { code: 'events.error.stale' },
    });
    expect(await editEvent(db, viewer, id, 2, anEvent())).toEqual({
      ok: false,
      error: { code: 'events.error.forbidden' },
    });
    const page = await getEventPage(db, admin, id);
    expect(page?.event).toMatchObject({ title: 'To edit', attendance: 320, sdgs: [4], version: 2 });
    const updates = page?.history.filter((h) => h.operation === 'update').map((h) => [h.field, h.before, h.after]);
    expect(updates).toEqual(
      expect.arrayContaining([
        ['attendance', null, '320'],
        ['sdgs', '13, 15', '4'],
      ]),
    );
  });

  test('only the officer deletes an event; its values stay in the history', async () => {
    const { db } = get();
    const created = await createEvent(db, pilot, anEvent({ title: 'To delete' }));
    if (!created.ok) throw new Error(created.error.code);
    const id = created.value.id;
    expect(await deleteEvent(db, pilot, id)).toEqual({ ok: false, error: { code: 'events.error.forbidden' } });
    expect(await deleteEvent(db, admin, id)).toEqual({ ok: true, value: null });
    expect(await deleteEvent(db, admin, id)).toEqual({ ok: false, error: { code: 'events.error.notFound' } });
    expect(await getEventPage(db, admin, id)).toBeUndefined();
    const audit = await db
      .selectFrom('audit_event')
      .select(['field', 'before_value'])
      .where('entity_id', '=', id)
      .where('operation', '=', 'delete')
      .execute();
    expect(audit).toContainEqual({ field: 'accessibility', before_value: 'french_sign_language' });
  });

  test('an event of another institution is not found, as if it did not exist', async () => {
    const { db } = get();
    const created = await createEvent(db, admin, anEvent({ title: 'Ours' }));
    if (!created.ok) throw new Error(created.error.code);
    const stranger = { ...viewer, institutionId: 'another-institution' };
    expect(await getEventPage(db, stranger, created.value.id)).toBeUndefined();
    expect(
      await editEvent(db, { ...admin, institutionId: 'another-institution' }, created.value.id, 1, anEvent()),
    ).toEqual({
      ok: false,
      error: { code: 'events.error.notFound' },
    });
  });

  test('the list filters by kind, year, SDG and accessibility, and totals each year', async () => {
    const { db } = get();
    await createEvent(
      db,
      admin,
      anEvent({
        title: 'Pint 2023',
        kind: 'pint_of_science',
        startDate: '2023-05-10',
        sdgs: [12],
        accessibility: [],
        attendance: 60,
      }),
    );
    await createEvent(
      db,
      admin,
      anEvent({ title: 'Open day 2023', kind: 'open_day', startDate: '2023-02-01', sdgs: [4, 12], attendance: null }),
    );
    const titles = async (filter: Parameters<typeof getEventsListPage>[2]) =>
      (await getEventsListPage(db, viewer, filter)).events.map((e) => e.title);
    expect(await titles({ accessible: false, kind: 'pint_of_science' })).toEqual(['Pint 2023']);
    expect(await titles({ accessible: false, year: 2023 })).toEqual(['Pint 2023', 'Open day 2023']);
    expect(await titles({ accessible: false, sdg: 12 })).toEqual(['Pint 2023', 'Open day 2023']);
    expect(await titles({ accessible: true, year: 2023 })).toEqual(['Open day 2023']);

    const { totals, canEdit } = await getEventsListPage(db, viewer, { accessible: false });
    expect(canEdit).toBe(false);
    // 2023: 2 events, 60 known attendees and one unknown, SDGs 4 and 12.
    expect(totals.find((t) => t.year === '2023')).toEqual({
      year: '2023',
      events: 2,
      attendance: 60,
      unknownAttendance: 1,
      sdgsCovered: 2,
    });
    expect(totals[0]?.year).toBe('2023');
  });
});
