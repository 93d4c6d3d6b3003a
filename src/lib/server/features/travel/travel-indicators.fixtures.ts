/** Records for the travel indicator tests, written straight to the tables with only what the sources read. */
import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';

export interface LegSpec {
  mode: 'plane' | 'train_high_speed';
  to: 'FR' | 'ES' | 'DE';
  roundTrip: boolean;
  grams: number;
  cents: number;
}

/** A stored trip leaving from France, with only the figures the sources read; the rest is filler. */
export async function aTrip(db: Kysely<DB>, institutionId: string, date: string, traveller: string, legs: LegSpec[]) {
  const tripId = newId();
  await db
    .insertInto('trip')
    .values({
      id: tripId,
      institution_id: institutionId,
      mission_ref: null,
      purpose: null,
      traveller_category: 'staff',
      unit_id: null,
      traveller_key: traveller,
      declared_by: null,
      trip_date: date,
      created_at: nowIso(),
      status: 'declared',
      justification: null,
    })
    .execute();
  await db
    .insertInto('trip_leg')
    .values(
      legs.map((leg, position) => ({
        id: newId(),
        trip_id: tripId,
        position,
        from_text: 'Paris',
        from_name: 'Paris',
        from_country: 'FR',
        from_lat_micro: 48_856_600,
        from_lon_micro: 2_352_200,
        to_text: leg.to,
        to_name: leg.to,
        to_country: leg.to,
        to_lat_micro: 43_610_800,
        to_lon_micro: 3_876_700,
        mode: leg.mode,
        cabin_class: null,
        round_trip: leg.roundTrip ? 1 : 0,
        passengers: 1,
        contrails: 1,
        method_key: 'ges1point5',
        method_version: 'test',
        factor_key: 'test',
        factor_value_milli: 1,
        factor_unit: 'pkm',
        factor_source: 'test',
        great_circle_m: 1,
        distance_m: 1,
        emissions_g: leg.grams,
        train_hours_milli: null,
        train_verdict: 'not_applicable',
        price_cents_per_tonne: 0,
        contribution_cents: leg.cents,
        steps_json: '[]',
      })),
    )
    .execute();
}

/** A meeting as the sources read it; one held in person avoids nothing. */
export async function aMeeting(
  db: Kysely<DB>,
  institutionId: string,
  m: { date: string; kind: string; international: boolean; video: boolean },
) {
  await db
    .insertInto('video_meeting')
    .values({
      id: newId(),
      institution_id: institutionId,
      kind: m.kind,
      international: m.international ? 1 : 0,
      held_by_video: m.video ? 1 : 0,
      meeting_date: m.date,
      participants: 1,
      round_trip: 0,
      avoided_emissions_g: m.video ? 1000 : 0,
      created_at: nowIso(),
    })
    .execute();
}

export async function aMobility(
  db: Kysely<DB>,
  institutionId: string,
  m: { year: string; departure: string | null; aidCents: number },
) {
  await db
    .insertInto('student_mobility')
    .values({
      id: newId(),
      institution_id: institutionId,
      academic_year: m.year,
      departure_date: m.departure,
      destination_text: 'Berlin',
      destination_name: 'Berlin',
      destination_country: 'DE',
      destination_lat_micro: 52_524_400,
      destination_lon_micro: 13_410_500,
      student_key: newId(),
      rail_aid_cents: m.aidCents,
      outbound_mode: 'train_high_speed',
      created_at: nowIso(),
    })
    .execute();
}

export const plane = (to: LegSpec['to'], roundTrip: boolean, grams: number, cents: number): LegSpec => ({
  mode: 'plane',
  to,
  roundTrip,
  grams,
  cents,
});
export const train = (grams: number, cents: number): LegSpec => ({
  mode: 'train_high_speed',
  to: 'FR',
  roundTrip: false,
  grams,
  cents,
});
