import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema';
import type { StudentMobilityTable } from './mobility.table';

export type StudentMobilityRow = Selectable<StudentMobilityTable>;

export async function insertStudentMobility(db: Kysely<DB>, row: Insertable<StudentMobilityTable>): Promise<void> {
  await db.insertInto('student_mobility').values(row).execute();
}

export function findStudentMobility(
  db: Kysely<DB>,
  institutionId: string,
  id: string,
): Promise<StudentMobilityRow | undefined> {
  return db
    .selectFrom('student_mobility')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteStudentMobilityRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('student_mobility').where('id', '=', id).execute();
}

/** Every mobility of the institution, newest academic year and departure first, with its unit's name. */
export function listStudentMobilityRows(db: Kysely<DB>, institutionId: string) {
  return (
    db
      .selectFrom('student_mobility')
      .leftJoin('org_unit', 'org_unit.id', 'student_mobility.unit_id')
      .select([
        'student_mobility.id',
        'student_mobility.academic_year',
        'student_mobility.departure_date',
        'student_mobility.destination_name',
        'student_mobility.destination_country',
        'student_mobility.programme',
        'student_mobility.rail_aid_cents',
        'student_mobility.outbound_mode',
        'student_mobility.trip_id',
        'org_unit.name as unit_name',
      ])
      .where('student_mobility.institution_id', '=', institutionId)
      .orderBy('student_mobility.academic_year', 'desc')
      // Undated last on both databases (PostgreSQL sorts nulls first in descending order, SQLite last).
      .orderBy((eb) => eb.case().when('student_mobility.departure_date', 'is', null).then(1).else(0).end())
      .orderBy('student_mobility.departure_date', 'desc')
      .orderBy('student_mobility.created_at', 'desc')
      .orderBy('student_mobility.id', 'desc')
      .execute()
  );
}

/**
 * Which mobilities a period holds: those that left between `start` and `end`
 * (both included), and those without a departure date whose academic year is
 * one of `academicYears` (the academic years that start within the period).
 */
export interface MobilityPeriod {
  start: string;
  end: string;
  academicYears: readonly string[];
}

export interface MobilityCounts {
  mobilities: number;
  withAid: number;
  aidCents: number;
}

export async function countStudentMobilities(
  db: Kysely<DB>,
  institutionId: string,
  period: MobilityPeriod,
): Promise<MobilityCounts> {
  const row = await db
    .selectFrom('student_mobility')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('mobilities'),
      eb.fn.sum<number | string | null>(eb.case().when('rail_aid_cents', '>', 0).then(1).else(0).end()).as('with_aid'),
      eb.fn.sum<number | string | null>('rail_aid_cents').as('aid_cents'),
    ])
    .where('institution_id', '=', institutionId)
    .where((eb) => {
      const dated = eb.and([eb('departure_date', '>=', period.start), eb('departure_date', '<=', period.end)]);
      if (period.academicYears.length === 0) return dated;
      return eb.or([
        dated,
        eb.and([eb('departure_date', 'is', null), eb('academic_year', 'in', [...period.academicYears])]),
      ]);
    })
    .executeTakeFirstOrThrow();
  // PostgreSQL returns counts and sums of integers as bigint text; a sum over no rows is null.
  return {
    mobilities: Number(row.mobilities),
    withAid: Number(row.with_aid ?? 0),
    aidCents: Number(row.aid_cents ?? 0),
  };
}

/** The institution's org units (id, name), for the form's unit list. */
export function listUnitOptions(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'name'])
    .where('institution_id', '=', institutionId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function isInstitutionUnit(db: Kysely<DB>, institutionId: string, unitId: string): Promise<boolean> {
  const row = await db
    .selectFrom('org_unit')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('id', '=', unitId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function isInstitutionTrip(db: Kysely<DB>, institutionId: string, tripId: string): Promise<boolean> {
  const row = await db
    .selectFrom('trip')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('id', '=', tripId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The institution's trips of students (the outbound journeys a mobility may point to), newest first. */
export function listStudentTripOptions(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('trip')
    .innerJoin('trip_leg', 'trip_leg.trip_id', 'trip.id')
    .select(['trip.id', 'trip.trip_date', 'trip_leg.from_name', 'trip_leg.to_name', 'trip_leg.mode'])
    .where('trip.institution_id', '=', institutionId)
    .where('trip.traveller_category', '=', 'student')
    .where('trip_leg.position', '=', 0)
    .orderBy('trip.trip_date', 'desc')
    .orderBy('trip.id', 'desc')
    .limit(200)
    .execute();
}
