import { beforeAll, expect, test } from 'vitest';
import { nowIso } from '../../db/ids';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { estimateTrip } from './estimate.service';
import { parseSteps } from './trips';
import type { RecordVideoMeetingInput } from './video-meetings';
import { deleteVideoMeeting, getVideoPage, recordVideoMeeting } from './video-meetings.service';

/**
 * An international recruitment interview held by video instead of a round
 * flight Montpellier - Beijing for two people. GES 1point5: great circle
 * 8 527.4 km + 95 km (air rule) = 8 622.4 km one way, x 2 = 17 244.7 km;
 * long haul 152 gCO2e/pkm (contrails counted) -> 2 621 200 g per person,
 * 5 242 400 g for two.
 */
function anInterview(overrides: Partial<RecordVideoMeetingInput> = {}): RecordVideoMeetingInput {
  return {
    kind: 'recruitment_interview',
    international: true,
    heldByVideo: true,
    date: '2026-03-12',
    participants: 2,
    from: 'Montpellier',
    to: 'PEK',
    mode: 'plane',
    roundTrip: true,
    ...overrides,
  };
}

describeEachDialect('meetings held by videoconference', (get) => {
  let admin: SessionUser;
  let committee: SessionUser;
  let pilot: SessionUser;
  let contributor: SessionUser;
  let viewer: SessionUser;
  const countMeetings = async () =>
    Number(
      (
        await get()
          .db.selectFrom('video_meeting')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    committee = await sessionUserByEmail(db, 'referent.dde@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    contributor = await sessionUserByEmail(db, 'contributeur@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
  });

  test('a meeting by video stores the avoided trip, its method and steps, and the emissions times the participants', async () => {
    const { db } = get();
    const recorded = await recordVideoMeeting(db, pilot, anInterview());
    if (!recorded.ok) throw new Error(recorded.error.code);
    expect(recorded.value.avoidedGrams).toBe(5_242_400);

    const row = await db
      .selectFrom('video_meeting')
      .selectAll()
      .where('id', '=', recorded.value.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      kind: 'recruitment_interview',
      international: 1,
      held_by_video: 1,
      meeting_date: '2026-03-12',
      participants: 2,
      from_name: 'Montpellier',
      from_country: 'FR',
      to_country: 'CN',
      mode: 'plane',
      round_trip: 1,
      avoided_emissions_g: 5_242_400,
      method_key: 'ges1point5',
      factor_key: 'plane.long',
      created_by: pilot.id,
    });
    expect(Math.round((row.distance_m ?? 0) / 100) / 10).toBe(17244.7);
    // The same figure as the footprint page gives for one person, doubled.
    const estimate = await estimateTrip({
      from: 'Montpellier',
      to: 'PEK',
      mode: 'plane',
      roundTrip: true,
      date: '2026-03-12',
    });
    if (!estimate.ok) throw new Error(estimate.error.code);
    expect(row.method_version).toBe(estimate.value.leg.methodVersion);
    const steps = parseSteps(row.steps_json ?? '[]');
    expect(steps.slice(0, -1)).toEqual(estimate.value.leg.steps);
    expect(steps.at(-1)).toEqual({
      code: 'travel.video.step.participants',
      params: { grams: 2_621_200, participants: 2, total: 5_242_400 },
    });

    const audit = await db
      .selectFrom('audit_event')
      .select(['operation', 'actor_user_id', 'after_value'])
      .where('entity_type', '=', 'video_meeting')
      .where('entity_id', '=', recorded.value.id)
      .where('field', '=', 'avoided_emissions_g')
      .execute();
    expect(audit).toEqual([{ operation: 'create', actor_user_id: pilot.id, after_value: '5242400' }]);
  });

  test('a meeting held in person avoids nothing and keeps no trip, even when places were typed', async () => {
    const { db } = get();
    const recorded = await recordVideoMeeting(db, contributor, anInterview({ heldByVideo: false, date: '2026-04-01' }));
    if (!recorded.ok) throw new Error(recorded.error.code);
    const row = await db
      .selectFrom('video_meeting')
      .selectAll()
      .where('id', '=', recorded.value.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      held_by_video: 0,
      avoided_emissions_g: 0,
      from_name: null,
      to_name: null,
      mode: null,
      method_key: null,
      steps_json: null,
    });
  });

  test('a meeting by video needs its trip, and an uncertain place comes back with candidates', async () => {
    const { db } = get();
    const before = await countMeetings();
    expect(await recordVideoMeeting(db, pilot, anInterview({ from: '' }))).toEqual({
      ok: false,
      error: { code: 'travel.video.error.from' },
    });
    expect(await recordVideoMeeting(db, pilot, anInterview({ participants: 0 }))).toEqual({
      ok: false,
      error: { code: 'travel.video.error.participants' },
    });
    const uncertain = await recordVideoMeeting(db, pilot, anInterview({ to: 'Valencia' }));
    expect(uncertain).toMatchObject({ ok: false, error: { code: 'travel.estimate.placeNotResolved' } });
    if (uncertain.ok || !('to' in uncertain)) throw new Error('expected candidates');
    expect(uncertain.to.candidates.map((c) => c.country)).toContain('ES');
    expect(await countMeetings()).toBe(before);
  });

  test("the institution's method is used when its travel settings name one", async () => {
    const { db } = get();
    await db
      .insertInto('travel_settings')
      .values({
        institution_id: admin.institutionId,
        method_key: 'ademe-base-empreinte-2025',
        contrails: 1,
        train_justify_minutes: 240,
        train_flag_minutes: 360,
        name_travellers: 0,
        updated_at: nowIso(),
        updated_by: null,
      })
      .execute();
    try {
      const recorded = await recordVideoMeeting(db, admin, anInterview({ kind: 'jury', participants: 1 }));
      if (!recorded.ok) throw new Error(recorded.error.code);
      const ademe = await estimateTrip({
        from: 'Montpellier',
        to: 'PEK',
        mode: 'plane',
        roundTrip: true,
        date: '2026-03-12',
        methodKey: 'ademe-base-empreinte-2025',
      });
      if (!ademe.ok) throw new Error(ademe.error.code);
      const row = await db
        .selectFrom('video_meeting')
        .select(['method_key', 'avoided_emissions_g'])
        .where('id', '=', recorded.value.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        method_key: 'ademe-base-empreinte-2025',
        avoided_emissions_g: ademe.value.leg.emissionsGrams,
      });
      expect(ademe.value.leg.emissionsGrams).not.toBe(2_621_200);
    } finally {
      await db.deleteFrom('travel_settings').where('institution_id', '=', admin.institutionId).execute();
    }
  });

  test('committee members and viewers read the totals only; a pilot sees their own meetings, the officer all', async () => {
    const { db } = get();
    for (const user of [committee, viewer]) {
      expect(await recordVideoMeeting(db, user, anInterview())).toEqual({
        ok: false,
        error: { code: 'travel.video.error.forbidden' },
      });
    }
    // 2026 so far: the pilot's interview by video (5 242 400 g), the contributor's in person, the officer's jury.
    const forViewer = await getVideoPage(db, viewer, '2026-06-01');
    expect(forViewer).toMatchObject({ canRecord: false, year: '2026', meetings: [] });
    expect(forViewer.totals).toMatchObject({ meetings: 3, byVideo: 2 });
    // International recruitment interviews: 1 by video of 2.
    expect(forViewer.interviews).toMatchObject({ meetings: 2, byVideo: 1, avoidedGrams: 5_242_400 });
    expect((await getVideoPage(db, viewer, '2025-06-01')).totals).toEqual({ meetings: 0, byVideo: 0, avoidedGrams: 0 });

    const forPilot = await getVideoPage(db, pilot, '2026-06-01');
    expect(forPilot.meetings.map((m) => [m.kind, m.avoidedGrams])).toEqual([['recruitment_interview', 5_242_400]]);
    const forAdmin = await getVideoPage(db, admin, '2026-06-01');
    expect(forAdmin.meetings.map((m) => m.date)).toEqual(['2026-04-01', '2026-03-12', '2026-03-12']);
  });

  test("a pilot deletes their own meetings, not another's; the officer deletes any", async () => {
    const { db } = get();
    const [mine] = (await getVideoPage(db, pilot, '2026-06-01')).meetings;
    const others = (await getVideoPage(db, admin, '2026-06-01')).meetings.filter((m) => m.id !== mine.id);
    expect(await deleteVideoMeeting(db, pilot, others[0].id)).toEqual({
      ok: false,
      error: { code: 'travel.video.error.notFound' },
    });
    expect(await deleteVideoMeeting(db, viewer, mine.id)).toEqual({
      ok: false,
      error: { code: 'travel.video.error.forbidden' },
    });
    expect(await deleteVideoMeeting(db, pilot, mine.id)).toEqual({ ok: true });
    expect(await deleteVideoMeeting(db, admin, others[0].id)).toEqual({ ok: true });
    expect(await countMeetings()).toBe(others.length - 1);
    const history = await db
      .selectFrom('audit_event')
      .select(['actor_user_id', 'field', 'before_value'])
      .where('entity_id', '=', mine.id)
      .where('operation', '=', 'delete')
      .where('field', '=', 'avoided_emissions_g')
      .execute();
    expect(history).toEqual([{ actor_user_id: pilot.id, field: 'avoided_emissions_g', before_value: '5242400' }]);
  });
});
