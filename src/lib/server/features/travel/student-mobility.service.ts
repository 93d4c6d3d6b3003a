import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { type PlaceResolution, resolvePlace } from './places';
import type { PlaceLanguage } from './places-countries';
import {
  academicYearBounds,
  academicYearChoices,
  academicYearOf,
  canRecordMobility,
  eurosToCents,
  MAX_RAIL_AID_EUROS,
  type RecordMobilityInput,
  recordMobilitySchema,
  studentKeyOf,
} from './student-mobility';
import {
  countStudentMobilities,
  deleteStudentMobilityRow,
  findStudentMobility,
  insertStudentMobility,
  isInstitutionTrip,
  isInstitutionUnit,
  listStudentMobilityRows,
  listStudentTripOptions,
  listUnitOptions,
  type MobilityCounts,
} from './student-mobility.queries';
import { toMicro } from './trips';

export type MobilityErrorCode =
  | 'travel.mobility.error.forbidden'
  | 'travel.mobility.error.academicYear'
  | 'travel.mobility.error.departureDate'
  | 'travel.mobility.error.destination'
  | 'travel.mobility.error.mode'
  | 'travel.mobility.error.railAid'
  | 'travel.mobility.error.studentRef'
  | 'travel.mobility.error.programme'
  | 'travel.mobility.error.unit'
  | 'travel.mobility.error.trip';

/** A destination that is not resolved with confidence comes back with its candidates, as on the footprint page. */
export type RecordMobilityResult =
  | { ok: true; value: { id: string } }
  | { ok: false; error: { code: MobilityErrorCode } }
  | { ok: false; error: { code: 'travel.mobility.error.placeNotResolved' }; destination: PlaceResolution };

const FIELD_CODES: Record<string, MobilityErrorCode> = {
  academicYear: 'travel.mobility.error.academicYear',
  departureDate: 'travel.mobility.error.departureDate',
  destination: 'travel.mobility.error.destination',
  mode: 'travel.mobility.error.mode',
  railAidEuros: 'travel.mobility.error.railAid',
  studentRef: 'travel.mobility.error.studentRef',
  programme: 'travel.mobility.error.programme',
  unitId: 'travel.mobility.error.unit',
  tripId: 'travel.mobility.error.trip',
};

/**
 * Records a student's international mobility (admin only): the destination
 * resolved offline, the student as a pseudonym, the rail aid in cents, and an
 * audit event. A unit or trip of another institution is refused.
 */
export async function recordStudentMobility(
  db: Kysely<DB>,
  user: SessionUser,
  input: RecordMobilityInput,
  options: { language?: PlaceLanguage } = {},
): Promise<RecordMobilityResult> {
  if (!canRecordMobility(user)) return { ok: false, error: { code: 'travel.mobility.error.forbidden' } };
  const parsed = recordMobilitySchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'destination');
    return { ok: false, error: { code: FIELD_CODES[field] ?? 'travel.mobility.error.destination' } };
  }
  const m = parsed.data;
  const destination = await resolvePlace(m.destination, { language: options.language ?? 'fr' });
  if (destination.status !== 'resolved' || !destination.place) {
    return { ok: false, error: { code: 'travel.mobility.error.placeNotResolved' }, destination };
  }
  if (m.unitId && !(await isInstitutionUnit(db, user.institutionId, m.unitId))) {
    return { ok: false, error: { code: 'travel.mobility.error.unit' } };
  }
  if (m.tripId && !(await isInstitutionTrip(db, user.institutionId, m.tripId))) {
    return { ok: false, error: { code: 'travel.mobility.error.trip' } };
  }
  // The schema only accepts amounts eurosToCents can convert.
  const railAidCents = eurosToCents(m.railAidEuros, MAX_RAIL_AID_EUROS) ?? 0;
  const place = destination.place;
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await insertStudentMobility(trx, {
      id,
      institution_id: user.institutionId,
      academic_year: m.academicYear,
      departure_date: m.departureDate ?? null,
      destination_text: m.destination,
      destination_name: place.name,
      destination_country: place.country,
      destination_lat_micro: toMicro(place.lat),
      destination_lon_micro: toMicro(place.lon),
      programme: m.programme ?? null,
      unit_id: m.unitId ?? null,
      student_key: studentKeyOf(user.institutionId, m.studentRef),
      rail_aid_cents: railAidCents,
      outbound_mode: m.mode,
      trip_id: m.tripId ?? null,
      created_by: user.id,
      created_at: nowIso(),
    });
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'student_mobility',
      entityId: id,
      operation: 'create',
      changes: [
        { field: 'academic_year', before: null, after: m.academicYear },
        { field: 'departure_date', before: null, after: m.departureDate ?? null },
        { field: 'destination', before: null, after: `${place.name} (${place.country})` },
        { field: 'rail_aid_cents', before: null, after: String(railAidCents) },
        { field: 'outbound_mode', before: null, after: m.mode },
        { field: 'trip_id', before: null, after: m.tripId ?? null },
      ],
    });
  });
  return { ok: true, value: { id } };
}

/** Deletes a mobility of the institution (admin only), its values kept in the audit event. */
export async function deleteStudentMobility(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
): Promise<
  { ok: true } | { ok: false; error: { code: 'travel.mobility.error.forbidden' | 'travel.mobility.error.notFound' } }
> {
  if (!canRecordMobility(user)) return { ok: false, error: { code: 'travel.mobility.error.forbidden' } };
  return db.transaction().execute(async (trx) => {
    const row = await findStudentMobility(trx, user.institutionId, id);
    if (!row) return { ok: false, error: { code: 'travel.mobility.error.notFound' } } as const;
    await deleteStudentMobilityRow(trx, id);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'student_mobility',
      entityId: id,
      operation: 'delete',
      changes: [
        { field: 'academic_year', before: row.academic_year, after: null },
        { field: 'destination', before: `${row.destination_name} (${row.destination_country})`, after: null },
        { field: 'rail_aid_cents', before: String(row.rail_aid_cents), after: null },
      ],
    });
    return { ok: true } as const;
  });
}

export interface StudentMobilityView {
  id: string;
  academicYear: string;
  departureDate: string | null;
  destinationName: string;
  destinationCountry: string;
  programme: string | null;
  unitName: string | null;
  railAidCents: number;
  mode: string;
  tripId: string | null;
}

export interface MobilityPage {
  canRecord: boolean;
  /** The academic year containing today and its totals (every signed-in role reads them: no student appears). */
  academicYear: string;
  totals: MobilityCounts;
  /** The mobilities themselves: the officer's only. */
  mobilities: StudentMobilityView[];
  academicYears: string[];
  units: { id: string; name: string }[];
  trips: { id: string; date: string; fromName: string; toName: string; mode: string }[];
}

/** Totals of the current academic year for everyone; the list and the form's choices for the officer. */
export async function getMobilityPage(db: Kysely<DB>, user: SessionUser, today: string): Promise<MobilityPage> {
  const academicYear = academicYearOf(today);
  const totals = await countStudentMobilities(db, user.institutionId, {
    ...academicYearBounds(academicYear),
    academicYears: [academicYear],
  });
  const canRecord = canRecordMobility(user);
  if (!canRecord) {
    return { canRecord, academicYear, totals, mobilities: [], academicYears: [], units: [], trips: [] };
  }
  const [rows, units, trips] = await Promise.all([
    listStudentMobilityRows(db, user.institutionId),
    listUnitOptions(db, user.institutionId),
    listStudentTripOptions(db, user.institutionId),
  ]);
  return {
    canRecord,
    academicYear,
    totals,
    mobilities: rows.map((r) => ({
      id: r.id,
      academicYear: r.academic_year,
      departureDate: r.departure_date,
      destinationName: r.destination_name,
      destinationCountry: r.destination_country,
      programme: r.programme,
      unitName: r.unit_name,
      railAidCents: r.rail_aid_cents,
      mode: r.outbound_mode,
      tripId: r.trip_id,
    })),
    academicYears: academicYearChoices(today),
    units,
    trips: trips.map((t) => ({ id: t.id, date: t.trip_date, fromName: t.from_name, toName: t.to_name, mode: t.mode })),
  };
}
