import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { type RecordMobilityInput, studentKeyOf } from './student-mobility';
import { deleteStudentMobility, getMobilityPage, recordStudentMobility } from './student-mobility.service';

/** A student leaving for Berlin by train in the 2025-2026 academic year, with 120.50 EUR of rail aid. */
function aMobility(overrides: Partial<RecordMobilityInput> = {}): RecordMobilityInput {
  return {
    academicYear: '2025-2026',
    departureDate: '2025-09-15',
    destination: 'Berlin',
    mode: 'train_high_speed',
    railAidEuros: 120.5,
    studentRef: 'E2025-0042',
    programme: 'Erasmus+',
    ...overrides,
  };
}

describeEachDialect('student mobilities', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  let viewer: SessionUser;
  const countMobilities = async () =>
    Number(
      (
        await get()
          .db.selectFrom('student_mobility')
          .select((eb) => eb.fn.countAll<number>().as('n'))
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

  test('the officer records a mobility: destination resolved, aid in cents, the student as a pseudonym, audited', async () => {
    const { db } = get();
    const recorded = await recordStudentMobility(db, admin, aMobility());
    if (!recorded.ok) throw new Error(recorded.error.code);

    const row = await db
      .selectFrom('student_mobility')
      .selectAll()
      .where('id', '=', recorded.value.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      institution_id: admin.institutionId,
      academic_year: '2025-2026',
      departure_date: '2025-09-15',
      destination_text: 'Berlin',
      destination_name: 'Berlin',
      destination_country: 'DE',
      programme: 'Erasmus+',
      // 120.50 EUR = 12 050 cents.
      rail_aid_cents: 12050,
      outbound_mode: 'train_high_speed',
      trip_id: null,
      created_by: admin.id,
      student_key: studentKeyOf(admin.institutionId, 'E2025-0042'),
    });
    // Berlin is about 52.52 N, 13.41 E: stored in integer microdegrees.
    expect(Math.round(row.destination_lat_micro / 10_000) / 100).toBeCloseTo(52.52, 1);
    expect(Math.round(row.destination_lon_micro / 10_000) / 100).toBeCloseTo(13.41, 1);
    expect(JSON.stringify(row)).not.toContain('E2025-0042');

    const audit = await db
      .selectFrom('audit_event')
      .select(['operation', 'actor_user_id', 'field', 'after_value'])
      .where('entity_type', '=', 'student_mobility')
      .where('entity_id', '=', recorded.value.id)
      .execute();
    expect(audit.find((a) => a.field === 'rail_aid_cents')).toEqual({
      operation: 'create',
      actor_user_id: admin.id,
      field: 'rail_aid_cents',
      after_value: '12050',
    });
    expect(JSON.stringify(audit)).not.toContain('E2025-0042');
  });

  test('an uncertain destination comes back with its candidates, and nothing is stored', async () => {
    const { db } = get();
    const before = await countMobilities();
    const result = await recordStudentMobility(db, admin, aMobility({ destination: 'Valencia' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'travel.mobility.error.placeNotResolved' } });
    if (result.ok || !('destination' in result)) throw new Error('expected candidates');
    expect(result.destination.candidates.map((c) => `${c.name}, ${c.country}`)).toContain('Valencia, ES');
    expect(await countMobilities()).toBe(before);
  });

  test('invalid fields are refused with the code of the field', async () => {
    const { db } = get();
    const code = async (overrides: Partial<RecordMobilityInput>) => {
      const result = await recordStudentMobility(db, admin, aMobility(overrides));
      return result.ok ? 'ok' : result.error.code;
    };
    expect(await code({ departureDate: '2026-09-01' })).toBe('travel.mobility.error.departureDate');
    expect(await code({ railAidEuros: Number.NaN })).toBe('travel.mobility.error.railAid');
    expect(await code({ railAidEuros: 12.345 })).toBe('travel.mobility.error.railAid');
    expect(await code({ studentRef: ' ' })).toBe('travel.mobility.error.studentRef');
    expect(await code({ mode: 'rocket' as RecordMobilityInput['mode'] })).toBe('travel.mobility.error.mode');
    expect(await code({ tripId: 'no-such-trip' })).toBe('travel.mobility.error.trip');
    expect(await code({ unitId: 'no-such-unit' })).toBe('travel.mobility.error.unit');
  });

  test('only the officer records mobilities; the others read the totals, not the list', async () => {
    const { db } = get();
    const before = await countMobilities();
    for (const user of [pilot, viewer]) {
      expect(await recordStudentMobility(db, user, aMobility())).toEqual({
        ok: false,
        error: { code: 'travel.mobility.error.forbidden' },
      });
    }
    expect(await countMobilities()).toBe(before);

    // 2025-2026 so far: Berlin with 120.50 EUR. One more without aid, and one of 2024-2025 that does not count.
    expect((await recordStudentMobility(db, admin, aMobility({ railAidEuros: 0, departureDate: '' }))).ok).toBe(true);
    const older = aMobility({ academicYear: '2024-2025', departureDate: '2025-02-01', railAidEuros: 50 });
    expect((await recordStudentMobility(db, admin, older)).ok).toBe(true);

    const forViewer = await getMobilityPage(db, viewer, '2025-11-01');
    // 2 mobilities in 2025-2026, 1 with aid, 12 050 cents granted.
    expect(forViewer).toMatchObject({
      canRecord: false,
      academicYear: '2025-2026',
      totals: { mobilities: 2, withAid: 1, aidCents: 12050 },
      mobilities: [],
    });
    const forAdmin = await getMobilityPage(db, admin, '2025-11-01');
    expect(forAdmin.totals).toEqual(forViewer.totals);
    expect(forAdmin.mobilities.map((m) => [m.academicYear, m.destinationName, m.railAidCents])).toEqual([
      ['2025-2026', 'Berlin', 12050],
      ['2025-2026', 'Berlin', 0],
      ['2024-2025', 'Berlin', 5000],
    ]);
    expect(forAdmin.academicYears[1]).toBe('2025-2026');
  });

  test('the officer deletes a mobility, its values kept in the history; others cannot', async () => {
    const { db } = get();
    const recorded = await recordStudentMobility(db, admin, aMobility({ destination: 'Madrid' }));
    if (!recorded.ok) throw new Error(recorded.error.code);
    const id = recorded.value.id;
    expect(await deleteStudentMobility(db, pilot, id)).toEqual({
      ok: false,
      error: { code: 'travel.mobility.error.forbidden' },
    });
    expect(await deleteStudentMobility(db, admin, id)).toEqual({ ok: true });
    expect(await deleteStudentMobility(db, admin, id)).toEqual({
      ok: false,
      error: { code: 'travel.mobility.error.notFound' },
    });
    const deleted = await db
      .selectFrom('audit_event')
      .select(['field', 'before_value'])
      .where('entity_id', '=', id)
      .where('operation', '=', 'delete')
      .execute();
    expect(deleted).toContainEqual({ field: 'destination', before_value: 'Madrid (ES)' });
  });
});
