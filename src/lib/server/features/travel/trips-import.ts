/**
 * Imports the trips of a GES 1point5 travel file, all or nothing, with a
 * row-by-row report. Each leg is estimated as the declaration form does
 * (places resolved offline, the institution's default method), legs are
 * grouped into trips by mission number, and the commit writes every trip in
 * one transaction, or nothing when a row is rejected.
 *
 * Decisions:
 * - Only the admin imports (`canImportTrips`): the file holds other people's
 *   trips, as a plan file holds everyone's actions.
 * - The file names no traveller, so every trip's traveller is the importing
 *   user's pseudonym (`travellerKeyOf`); reports then count one traveller.
 * - The train-first verdict of each flight is stored, but an import never
 *   requires a justification: the trips already happened and the file has no
 *   column for one; `justification` stays null.
 * - "Statut de l'agent" picks the traveller category (doctoral student,
 *   student, guest, else staff); the purpose is the first leg's purpose.
 * - No resolver memory yet: a place not resolved with confidence rejects its
 *   row, with the candidates in the message.
 */
import type { Kysely, Transaction } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import { findSessionUserById, type SessionUser } from '../auth';
import { fold } from '../plan-import/cell-text';
import { estimateTrip, type TripEstimate } from './estimate.service';
import { getCarbonPrice } from './fund.service';
import { type Ges1point5Leg, readGes1point5File } from './ges1point5-file';
import { DEFAULT_METHOD_KEY } from './methods';
import type { PlaceResolution } from './places';
import { TRIP_STATUS_DECLARED, type TravellerCategory, toMetres, toMicro, travellerKeyOf } from './trips';
import { insertTrip } from './trips.queries';

export type TripImportRowStatus = 'valid' | 'warning' | 'rejected';

export interface TripImportMessage {
  code: string;
  params: Record<string, string | number>;
}

export interface TripImportRow {
  line: number;
  status: TripImportRowStatus;
  messages: TripImportMessage[];
}

export interface TripImportCounts {
  valid: number;
  warning: number;
  rejected: number;
  missions: number;
  legs: number;
  emissionsGrams: number;
}

export interface TripImportPreview {
  filename: string;
  rows: TripImportRow[];
  counts: TripImportCounts;
}

export type TripImportError = { code: string; params?: Record<string, string | number> };
export type TripImportPreviewResult = { ok: true; value: TripImportPreview } | { ok: false; error: TripImportError };
export type TripImportCommitResult =
  | { ok: true; value: TripImportPreview & { tripIds: string[] } }
  | { ok: false; error: TripImportError; preview?: TripImportPreview };

export interface TripImportInput {
  bytes: Uint8Array;
  filename: string;
}

/** Importing a travel file writes other people's trips: the officer's call, as a plan import. */
export function canImportTrips(user: SessionUser): boolean {
  return user.role === 'admin';
}

/**
 * The user a command-line import acts as: an active user of the institution,
 * found by email; undefined otherwise (the caller then checks the role).
 */
export async function findTripImporter(
  db: Kysely<DB>,
  institutionId: string,
  email: string,
): Promise<SessionUser | undefined> {
  const row = await db
    .selectFrom('app_user')
    .innerJoin('membership', 'membership.user_id', 'app_user.id')
    .select('app_user.id')
    .where('app_user.email', '=', email.trim().toLowerCase())
    .where('membership.institution_id', '=', institutionId)
    .executeTakeFirst();
  const user = row ? await findSessionUserById(db, row.id) : null;
  return user && user.institutionId === institutionId ? user : undefined;
}

const FORBIDDEN: TripImportError = { code: 'errors.forbidden' };

interface EstimatedLeg {
  line: number;
  leg: Ges1point5Leg;
  estimate: TripEstimate;
}

/** Category from "Statut de l'agent", folded; anything unknown is staff (the file's usual case). */
export function categoryOfAgentStatus(status: string | null): TravellerCategory {
  const folded = fold(status ?? '');
  if (folded.startsWith('doctorant') || folded.startsWith('phd')) return 'phd';
  if (folded.startsWith('etudiant') || folded.startsWith('student') || folded.startsWith('stagiaire')) return 'student';
  if (folded.startsWith('invite') || folded.startsWith('guest')) return 'guest';
  return 'staff';
}

/** The institution's internal price of each year (its own, else the suggestion), read once per year. */
function institutionPrices(db: Kysely<DB>, institutionId: string): (year: number) => Promise<number> {
  const known = new Map<number, Promise<number>>();
  return (year) => {
    let price = known.get(year);
    if (!price) {
      price = getCarbonPrice(db, institutionId, year).then((p) => p.pricePerTonneEuros);
      known.set(year, price);
    }
    return price;
  };
}

function candidatesOf(resolution: PlaceResolution): string {
  return resolution.candidates.map((p) => `${p.name} (${p.country})`).join(', ') || '—';
}

/** The file read and every leg estimated; no database. Used by the service and by a CLI dry run. */
export async function previewTripFile(
  input: TripImportInput,
  /** The internal carbon price of a year (EUR/t); without it, the suggested French value (a CLI dry run). */
  priceOfYear?: (year: number) => Promise<number>,
): Promise<{ ok: true; value: TripImportPreview; legs: EstimatedLeg[] } | { ok: false; error: TripImportError }> {
  const read = readGes1point5File(input.bytes, input.filename);
  if (!read.ok) return { ok: false, error: read.error };
  const rows: TripImportRow[] = [];
  const legs: EstimatedLeg[] = [];
  for (const row of read.rows) {
    const messages: TripImportMessage[] = row.messages.map((m) => ({ code: m.code, params: m.params }));
    if (!row.leg) {
      rows.push({ line: row.line, status: 'rejected', messages });
      continue;
    }
    const leg = row.leg;
    const estimate = await estimateTrip({
      from: leg.fromCity,
      fromCountry: leg.fromCountry,
      to: leg.toCity,
      toCountry: leg.toCountry,
      mode: leg.mode,
      roundTrip: leg.roundTrip,
      passengers: leg.passengers,
      methodKey: DEFAULT_METHOD_KEY,
      date: leg.date,
      pricePerTonneEuros: priceOfYear ? await priceOfYear(Number(leg.date.slice(0, 4))) : undefined,
    });
    if (!estimate.ok) {
      if (estimate.error.code === 'travel.estimate.placeNotResolved') {
        for (const [resolution, text] of [
          [estimate.from, leg.fromCity],
          [estimate.to, leg.toCity],
        ] as const) {
          if (resolution.status !== 'resolved')
            messages.push({
              code: 'travel.import.row.placeNotResolved',
              params: { place: text, candidates: candidatesOf(resolution) },
            });
        }
      } else messages.push({ code: estimate.error.code, params: {} });
      rows.push({ line: row.line, status: 'rejected', messages });
      continue;
    }
    legs.push({ line: row.line, leg, estimate: estimate.value });
    rows.push({ line: row.line, status: row.status, messages });
  }
  const counts: TripImportCounts = {
    valid: rows.filter((r) => r.status === 'valid').length,
    warning: rows.filter((r) => r.status === 'warning').length,
    rejected: rows.filter((r) => r.status === 'rejected').length,
    missions: new Set(legs.map((l) => l.leg.mission)).size,
    legs: legs.length,
    emissionsGrams: legs.reduce((sum, l) => sum + l.estimate.leg.emissionsGrams, 0),
  };
  return { ok: true, value: { filename: read.filename, rows, counts }, legs };
}

/** What importing the file would do, row by row; nothing is written. Admin only. */
export async function previewTripImport(
  db: Kysely<DB>,
  user: SessionUser,
  input: TripImportInput,
): Promise<TripImportPreviewResult> {
  if (!canImportTrips(user)) return { ok: false, error: FORBIDDEN };
  const previewed = await previewTripFile(input, institutionPrices(db, user.institutionId));
  return previewed.ok ? { ok: true, value: previewed.value } : previewed;
}

function legRow(tripId: string, position: number, { leg, estimate }: EstimatedLeg) {
  const from = estimate.from.place;
  const to = estimate.to.place;
  // estimateTrip only succeeds with both places resolved.
  if (!from || !to) throw new Error('estimate without resolved places');
  const computed = estimate.leg;
  return {
    id: newId(),
    trip_id: tripId,
    position,
    from_text: leg.fromCity,
    from_name: from.name,
    from_country: from.country,
    from_lat_micro: toMicro(from.lat),
    from_lon_micro: toMicro(from.lon),
    to_text: leg.toCity,
    to_name: to.name,
    to_country: to.country,
    to_lat_micro: toMicro(to.lat),
    to_lon_micro: toMicro(to.lon),
    mode: leg.mode,
    cabin_class: computed.cabinClass ?? null,
    round_trip: leg.roundTrip ? 1 : 0,
    passengers: leg.passengers,
    contrails: 1,
    method_key: computed.methodKey,
    method_version: computed.methodVersion,
    factor_key: computed.factor.key,
    factor_value_milli: Math.round(computed.factor.value * 1000),
    factor_unit: computed.factor.unit,
    factor_source: computed.factor.source,
    great_circle_m: toMetres(computed.greatCircleKm),
    distance_m: toMetres(computed.distanceKm),
    emissions_g: computed.emissionsGrams,
    train_hours_milli:
      estimate.trainFirst.verdict === 'not_applicable' ? null : Math.round(estimate.trainFirst.trainHours * 1000),
    train_verdict: estimate.trainFirst.verdict,
    price_cents_per_tonne: Math.round(estimate.price.pricePerTonneEuros * 100),
    contribution_cents: estimate.contributionCents,
    steps_json: JSON.stringify(computed.steps),
  };
}

/**
 * Re-reads the file and, only when no row is rejected, writes one trip per
 * mission with its legs in file order, in one transaction, with one audit
 * event for the import. Admin only.
 */
export async function commitTripImport(
  db: Kysely<DB>,
  user: SessionUser,
  input: TripImportInput,
  options: { claim?: (trx: Transaction<DB>, tripCount: number) => Promise<boolean> } = {},
): Promise<TripImportCommitResult> {
  if (!canImportTrips(user)) return { ok: false, error: FORBIDDEN };
  const previewed = await previewTripFile(input, institutionPrices(db, user.institutionId));
  if (!previewed.ok) return previewed;
  const preview = previewed.value;
  if (preview.counts.rejected > 0) {
    return {
      ok: false,
      error: { code: 'travel.import.hasRejectedRows', params: { count: preview.counts.rejected } },
      preview,
    };
  }
  const missions = new Map<number, EstimatedLeg[]>();
  for (const leg of previewed.legs) {
    const legs = missions.get(leg.leg.mission) ?? [];
    legs.push(leg);
    missions.set(leg.leg.mission, legs);
  }
  const tripIds: string[] = [];
  const createdAt = nowIso();
  const travellerKey = travellerKeyOf(user.institutionId, user.id);
  const claimed = await db.transaction().execute(async (trx) => {
    // A stored upload is claimed first: of two concurrent commits one wins, the other writes nothing.
    if (options.claim && !(await options.claim(trx, missions.size))) return false;
    const person = user.personId
      ? await trx.selectFrom('person').select('unit_id').where('id', '=', user.personId).executeTakeFirst()
      : undefined;
    for (const [mission, legs] of missions) {
      const first = legs[0].leg;
      const tripId = newId();
      tripIds.push(tripId);
      await insertTrip(
        trx,
        {
          id: tripId,
          institution_id: user.institutionId,
          mission_ref: String(mission),
          purpose: first.purpose,
          traveller_category: categoryOfAgentStatus(first.status),
          unit_id: person?.unit_id ?? null,
          traveller_key: travellerKey,
          declared_by: user.id,
          trip_date: first.date,
          created_at: createdAt,
          status: TRIP_STATUS_DECLARED,
          justification: null,
        },
        legs.map((leg, position) => legRow(tripId, position, leg)),
      );
    }
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'trip_import',
      entityId: newId(),
      operation: 'import',
      changes: [
        { field: 'filename', before: null, after: preview.filename },
        { field: 'trips', before: null, after: String(tripIds.length) },
        { field: 'legs', before: null, after: String(preview.counts.legs) },
        { field: 'emissions_g', before: null, after: String(preview.counts.emissionsGrams) },
      ],
    });
    return true;
  });
  if (!claimed) return { ok: false, error: { code: 'travel.import.alreadyCommitted' } };
  return { ok: true, value: { ...preview, tripIds } };
}
