import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { checkInParticipant, removeParticipant, setAnonymousCount } from './attendance.service';
import type { SessionInput } from './awareness';
import { getSessionDetail, getSessionsList } from './awareness-pages.service';
import { addFacilitator, getFacilitatorsPage, removeFacilitator } from './facilitators.service';
import { addCustomType } from './session-types.service';
import { deleteSession, recordSession, updateSession } from './sessions.service';

/** A Fresque du climat on 12 March 2031, on site. */
function aSession(overrides: Partial<SessionInput> = {}): SessionInput {
  return {
    typeKey: 'climate_fresk',
    title: 'Fresque du climat — test',
    startDate: '2031-03-12',
    online: false,
    place: 'Amphi A',
    ...overrides,
  };
}

describeEachDialect('awareness sessions', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  let contributor: SessionUser;
  let committee: SessionUser;
  let viewer: SessionUser;
  let facilitatorId: string;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    contributor = await sessionUserByEmail(db, 'contributeur@demo.trajectoire.test');
    committee = await sessionUserByEmail(db, 'referent.dde@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    facilitatorId = pilot.personId ?? '';
    expect(await addFacilitator(db, admin, facilitatorId)).toEqual({ ok: true });
  });

  test('a pilot records a session with a facilitator; it is audited and listed with its counts', async () => {
    const { db } = get();
    const recorded = await recordSession(db, pilot, aSession({ facilitatorIds: [facilitatorId] }));
    if (!recorded.ok) throw new Error(recorded.error.code);
    const row = await db
      .selectFrom('awareness_session')
      .selectAll()
      .where('id', '=', recorded.value.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      institution_id: pilot.institutionId,
      type_key: 'climate_fresk',
      academic_year: '2030-2031',
      online: 0,
      place: 'Amphi A',
      recorded_by: pilot.id,
      unnamed_facilitators: 0,
    });
    const audit = await db
      .selectFrom('audit_event')
      .select(['field', 'after_value', 'actor_user_id'])
      .where('entity_type', '=', 'awareness_session')
      .where('entity_id', '=', recorded.value.id)
      .execute();
    expect(audit.find((a) => a.field === 'facilitators')).toEqual({
      field: 'facilitators',
      after_value: facilitatorId,
      actor_user_id: pilot.id,
    });

    const list = await getSessionsList(db, viewer, { academicYear: '2030-2031' });
    const listed = list.sessions.find((s) => s.id === recorded.value.id);
    expect(listed?.facilitators.map((f) => f.id)).toEqual([facilitatorId]);
    expect(list.canRecord).toBe(false);
    const page = await getFacilitatorsPage(db, viewer);
    expect(page.facilitators.find((f) => f.id === facilitatorId)?.sessions).toBeGreaterThanOrEqual(1);
    expect(page.others).toEqual([]);
  });

  test('the committee and viewers record nothing', async () => {
    const { db } = get();
    for (const user of [committee, viewer]) {
      expect(await recordSession(db, user, aSession())).toEqual({
        ok: false,
        error: { code: 'awareness.error.forbidden' },
      });
    }
  });

  test('invalid fields are refused with the code of the field', async () => {
    const { db } = get();
    const code = async (overrides: Partial<SessionInput>) => {
      const result = await recordSession(db, contributor, aSession(overrides));
      return result.ok ? 'ok' : result.error.code;
    };
    expect(await code({ typeKey: 'custom_unknown' })).toBe('awareness.session.error.type');
    expect(await code({ title: ' ' })).toBe('awareness.session.error.title');
    expect(await code({ endDate: '2031-03-11' })).toBe('awareness.session.error.endDate');
    expect(await code({ facilitatorIds: [admin.personId ?? 'x'] })).toBe('awareness.session.error.facilitators');
    expect(await code({ unnamedFacilitators: -1 })).toBe('awareness.session.error.unnamedFacilitators');
  });

  test('a large event is one submit: two days, facilitators and anonymous counts of several populations', async () => {
    const { db } = get();
    const recorded = await recordSession(
      db,
      admin,
      aSession({
        title: 'Rentrée climat 2031',
        startDate: '2031-09-04',
        endDate: '2031-09-05',
        facilitatorIds: [facilitatorId],
        unnamedFacilitators: 34,
      }),
      [
        { population: 'student', programme: 'Première année', participants: 4000 },
        { population: 'administrative_technical', programme: '', participants: 120 },
        { population: 'external', programme: '', participants: 0 },
      ],
    );
    if (!recorded.ok) throw new Error(recorded.error.code);
    const detail = await getSessionDetail(db, committee, recorded.value.id);
    expect(detail?.session).toMatchObject({ named: 0, anonymous: 4120, participations: 4120, unnamedFacilitators: 34 });
    expect(detail?.anonymous).toHaveLength(2);
    expect(detail?.canEdit).toBe(false);
  });

  test('check-in: two participants, the same person twice refused, names only for the recorder and the officer', async () => {
    const { db } = get();
    const recorded = await recordSession(db, contributor, aSession({ startDate: '2031-04-01' }));
    if (!recorded.ok) throw new Error(recorded.error.code);
    const id = recorded.value.id;
    const first = await checkInParticipant(db, contributor, id, {
      name: 'Élodie Martin',
      email: 'Elodie.Martin@example.org',
      population: 'student',
      programme: 'Ingénieur généraliste',
      studyYear: '1',
    });
    expect(first.ok).toBe(true);
    expect(
      await checkInParticipant(db, contributor, id, {
        name: 'E. Martin',
        email: 'elodie.martin@example.org',
        population: 'student',
      }),
    ).toEqual({ ok: false, error: { code: 'awareness.participant.error.duplicate' } });
    const second = await checkInParticipant(db, contributor, id, { personId: facilitatorId, population: 'teacher' });
    if (!second.ok) throw new Error(second.error.code);
    expect(
      await checkInParticipant(db, contributor, id, { name: 'X', email: 'not-an-email', population: 'student' }),
    ).toEqual({ ok: false, error: { code: 'awareness.participant.error.email' } });

    const own = await getSessionDetail(db, contributor, id);
    expect(own?.participants.map((p) => [p.name, p.programme, p.studyYear])).toEqual([
      ['Élodie Martin', 'Ingénieur généraliste', 1],
      ['Robert L.', '', null],
    ]);
    expect((await getSessionDetail(db, admin, id))?.participants).toHaveLength(2);
    for (const user of [pilot, committee, viewer]) {
      const seen = await getSessionDetail(db, user, id);
      expect(seen?.session.named).toBe(2);
      expect(seen?.participants).toEqual([]);
      expect(seen?.canSeeNames).toBe(false);
    }

    // Another pilot cannot check in or remove; the recorder removes.
    expect(await checkInParticipant(db, pilot, id, { name: 'Y', population: 'external' })).toEqual({
      ok: false,
      error: { code: 'awareness.error.notFound' },
    });
    expect(await removeParticipant(db, pilot, id, second.value.id)).toEqual({
      ok: false,
      error: { code: 'awareness.error.notFound' },
    });
    expect(await removeParticipant(db, contributor, id, second.value.id)).toEqual({ ok: true });
    expect((await getSessionDetail(db, contributor, id))?.participants).toHaveLength(1);
  });

  test('anonymous counts are set per population, 0 removing one', async () => {
    const { db } = get();
    const recorded = await recordSession(db, pilot, aSession({ startDate: '2031-05-01' }));
    if (!recorded.ok) throw new Error(recorded.error.code);
    const id = recorded.value.id;
    expect(await setAnonymousCount(db, pilot, id, { population: 'external', programme: '', participants: 30 })).toEqual(
      {
        ok: true,
      },
    );
    await setAnonymousCount(db, pilot, id, { population: 'teacher', programme: 'ignored', participants: 5 });
    await setAnonymousCount(db, pilot, id, { population: 'external', programme: '', participants: 25 });
    expect((await getSessionDetail(db, pilot, id))?.anonymous).toEqual([
      { population: 'external', programme: '', participants: 25 },
      { population: 'teacher', programme: '', participants: 5 },
    ]);
    await setAnonymousCount(db, pilot, id, { population: 'external', programme: '', participants: 0 });
    expect((await getSessionDetail(db, pilot, id))?.session.anonymous).toBe(5);
    expect(await setAnonymousCount(db, pilot, id, { population: 'external', programme: '', participants: -3 })).toEqual(
      {
        ok: false,
        error: { code: 'awareness.anonymous.error.count' },
      },
    );
    expect(await setAnonymousCount(db, viewer, id, { population: 'external', programme: '', participants: 3 })).toEqual(
      {
        ok: false,
        error: { code: 'awareness.error.notFound' },
      },
    );
  });

  test('a session is edited and deleted by its recorder or the officer, each change audited', async () => {
    const { db } = get();
    const recorded = await recordSession(db, pilot, aSession({ startDate: '2031-06-01' }));
    if (!recorded.ok) throw new Error(recorded.error.code);
    const id = recorded.value.id;
    expect(await updateSession(db, contributor, id, aSession({ title: 'Autre' }))).toEqual({
      ok: false,
      error: { code: 'awareness.error.notFound' },
    });
    expect(
      await updateSession(db, pilot, id, aSession({ startDate: '2031-06-01', title: 'Fresque revue', online: true })),
    ).toEqual({
      ok: true,
      value: { id },
    });
    const changes = await db
      .selectFrom('audit_event')
      .select(['field', 'before_value', 'after_value'])
      .where('entity_id', '=', id)
      .where('operation', '=', 'update')
      .orderBy('field')
      .execute();
    expect(changes).toEqual([
      { field: 'online', before_value: '0', after_value: '1' },
      { field: 'title', before_value: 'Fresque du climat — test', after_value: 'Fresque revue' },
    ]);
    expect(await deleteSession(db, contributor, id)).toEqual({
      ok: false,
      error: { code: 'awareness.error.notFound' },
    });
    expect(await deleteSession(db, admin, id)).toEqual({ ok: true });
    expect(await getSessionDetail(db, admin, id)).toBeUndefined();
    const deleted = await db
      .selectFrom('audit_event')
      .select('before_value')
      .where('entity_id', '=', id)
      .where('operation', '=', 'delete')
      .where('field', '=', 'title')
      .executeTakeFirstOrThrow();
    expect(deleted.before_value).toBe('Fresque revue');
  });

  test('the officer adds a custom type, usable by everyone recording sessions', async () => {
    const { db } = get();
    expect(await addCustomType(db, pilot, 'Atelier 2 tonnes')).toEqual({
      ok: false,
      error: { code: 'awareness.error.forbidden' },
    });
    expect(await addCustomType(db, admin, 'Atelier « 2 tonnes »')).toEqual({
      ok: true,
      value: { key: 'custom_atelier_2_tonnes' },
    });
    expect(await addCustomType(db, admin, 'atelier 2 TONNES')).toEqual({
      ok: false,
      error: { code: 'awareness.type.error.duplicate' },
    });
    const recorded = await recordSession(db, contributor, aSession({ typeKey: 'custom_atelier_2_tonnes' }));
    if (!recorded.ok) throw new Error(recorded.error.code);
    const list = await getSessionsList(db, viewer, { typeKey: 'custom_atelier_2_tonnes' });
    expect(list.sessions.map((s) => s.typeName)).toEqual(['Atelier « 2 tonnes »']);
  });

  test('only the officer gives or takes back the facilitator skill', async () => {
    const { db } = get();
    const other = admin.personId ?? '';
    expect(await addFacilitator(db, pilot, other)).toEqual({ ok: false, error: { code: 'awareness.error.forbidden' } });
    expect(await addFacilitator(db, admin, 'no-such-person')).toEqual({
      ok: false,
      error: { code: 'awareness.error.notFound' },
    });
    expect(await addFacilitator(db, admin, other)).toEqual({ ok: true });
    expect(await addFacilitator(db, admin, other)).toEqual({ ok: true });
    expect((await getFacilitatorsPage(db, admin)).facilitators.map((f) => f.id)).toContain(other);
    expect(await removeFacilitator(db, admin, other)).toEqual({ ok: true });
    expect((await getFacilitatorsPage(db, admin)).facilitators.map((f) => f.id)).not.toContain(other);
  });

  test('the list filters by population present', async () => {
    const { db } = get();
    const list = await getSessionsList(db, viewer, {
      population: 'administrative_technical',
      academicYear: '2031-2032',
    });
    expect(list.sessions.map((s) => s.title)).toEqual(['Rentrée climat 2031']);
    expect(list.totals).toMatchObject({ sessions: 1, participations: 4120 });
  });
});
