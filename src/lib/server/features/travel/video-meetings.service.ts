import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { type EstimateErrorCode, estimateTrip } from './estimate.service';
import type { CalculationStep } from './footprint';
import type { PlaceResolution } from './places';
import type { PlaceLanguage } from './places-countries';
import { getTravelSettings } from './travel-settings.service';
import { parseSteps, toMetres, toMicro } from './trips';
import {
  canRecordVideoMeeting,
  type MeetingKind,
  participantsStep,
  type RecordVideoMeetingInput,
  readsEveryMeeting,
  recordVideoMeetingSchema,
} from './video-meetings';
import {
  countVideoMeetings,
  deleteVideoMeetingRow,
  findVisibleVideoMeeting,
  insertVideoMeeting,
  listVisibleVideoMeetings,
  type MeetingCounts,
  type VideoMeetingRow,
} from './video-meetings.queries';

export type VideoMeetingErrorCode =
  | 'travel.video.error.forbidden'
  | 'travel.video.error.kind'
  | 'travel.video.error.date'
  | 'travel.video.error.participants'
  | 'travel.video.error.from'
  | 'travel.video.error.to'
  | 'travel.video.error.mode';

/** A place that is not resolved comes back with both resolutions and their candidates, as on the footprint page. */
export type RecordVideoMeetingResult =
  | { ok: true; value: { id: string; avoidedGrams: number } }
  | { ok: false; error: { code: VideoMeetingErrorCode } }
  | { ok: false; error: { code: EstimateErrorCode }; from: PlaceResolution; to: PlaceResolution };

const FIELD_CODES: Record<string, VideoMeetingErrorCode> = {
  kind: 'travel.video.error.kind',
  date: 'travel.video.error.date',
  participants: 'travel.video.error.participants',
  from: 'travel.video.error.from',
  to: 'travel.video.error.to',
  mode: 'travel.video.error.mode',
};

const scopeOf = (user: SessionUser) => ({
  institutionId: user.institutionId,
  userId: user.id,
  everyone: readsEveryMeeting(user),
});

/**
 * Records a meeting held by videoconference or in person (admin, pilot,
 * contributor). Held by video, the trip that did not happen is estimated as
 * the footprint page does (institution's method, one person per seat) and the
 * emissions avoided are that figure times the participants; the estimate's
 * method, factor and steps are stored with it. Held in person, it avoids nothing.
 */
export async function recordVideoMeeting(
  db: Kysely<DB>,
  user: SessionUser,
  input: RecordVideoMeetingInput,
  options: { language?: PlaceLanguage } = {},
): Promise<RecordVideoMeetingResult> {
  if (!canRecordVideoMeeting(user)) return { ok: false, error: { code: 'travel.video.error.forbidden' } };
  const parsed = recordVideoMeetingSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'kind');
    return { ok: false, error: { code: FIELD_CODES[field] ?? 'travel.video.error.kind' } };
  }
  const m = parsed.data;
  const id = newId();
  const base = {
    id,
    institution_id: user.institutionId,
    kind: m.kind satisfies MeetingKind,
    international: m.international ? 1 : 0,
    meeting_date: m.date,
    participants: m.participants,
    created_by: user.id,
    created_at: nowIso(),
  };
  let row: Parameters<typeof insertVideoMeeting>[1];
  if (!m.heldByVideo || !m.from || !m.to || !m.mode) {
    row = {
      ...base,
      held_by_video: 0,
      from_text: null,
      from_name: null,
      from_country: null,
      from_lat_micro: null,
      from_lon_micro: null,
      to_text: null,
      to_name: null,
      to_country: null,
      to_lat_micro: null,
      to_lon_micro: null,
      mode: null,
      round_trip: 0,
      distance_m: null,
      avoided_emissions_g: 0,
      method_key: null,
      method_version: null,
      factor_key: null,
      steps_json: null,
    };
  } else {
    // The institution's method, as for its trips (defaults when it saved no settings).
    const method = await getTravelSettings(db, user.institutionId);
    const estimate = await estimateTrip({
      from: m.from,
      to: m.to,
      mode: m.mode,
      roundTrip: m.roundTrip,
      passengers: 1,
      methodKey: method.methodKey,
      contrails: method.contrails,
      date: m.date,
      language: options.language ?? 'fr',
    });
    if (!estimate.ok) return { ok: false, error: estimate.error, from: estimate.from, to: estimate.to };
    const { leg, from, to } = estimate.value;
    // estimateTrip only succeeds with both places resolved.
    if (!from.place || !to.place) throw new Error('estimate without resolved places');
    const steps: CalculationStep[] = [...leg.steps, participantsStep(leg.emissionsGrams, m.participants)];
    row = {
      ...base,
      held_by_video: 1,
      from_text: m.from,
      from_name: from.place.name,
      from_country: from.place.country,
      from_lat_micro: toMicro(from.place.lat),
      from_lon_micro: toMicro(from.place.lon),
      to_text: m.to,
      to_name: to.place.name,
      to_country: to.place.country,
      to_lat_micro: toMicro(to.place.lat),
      to_lon_micro: toMicro(to.place.lon),
      mode: m.mode,
      round_trip: m.roundTrip ? 1 : 0,
      distance_m: toMetres(leg.distanceKm),
      avoided_emissions_g: leg.emissionsGrams * m.participants,
      method_key: leg.methodKey,
      method_version: leg.methodVersion,
      factor_key: leg.factor.key,
      steps_json: JSON.stringify(steps),
    };
  }
  await db.transaction().execute(async (trx) => {
    await insertVideoMeeting(trx, row);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'video_meeting',
      entityId: id,
      operation: 'create',
      changes: [
        { field: 'kind', before: null, after: row.kind },
        { field: 'meeting_date', before: null, after: row.meeting_date },
        { field: 'held_by_video', before: null, after: String(row.held_by_video) },
        { field: 'international', before: null, after: String(row.international) },
        { field: 'avoided_emissions_g', before: null, after: String(row.avoided_emissions_g) },
        {
          field: 'method_version',
          before: null,
          after: row.method_key ? `${row.method_key} ${row.method_version} ${row.factor_key}` : null,
        },
      ],
    });
  });
  return { ok: true, value: { id, avoidedGrams: row.avoided_emissions_g } };
}

/** Deletes a meeting: the officer any of the institution's, a pilot or contributor their own. */
export async function deleteVideoMeeting(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
): Promise<
  { ok: true } | { ok: false; error: { code: 'travel.video.error.forbidden' | 'travel.video.error.notFound' } }
> {
  if (!canRecordVideoMeeting(user)) return { ok: false, error: { code: 'travel.video.error.forbidden' } };
  return db.transaction().execute(async (trx) => {
    const row = await findVisibleVideoMeeting(trx, scopeOf(user), id);
    if (!row) return { ok: false, error: { code: 'travel.video.error.notFound' } } as const;
    await deleteVideoMeetingRow(trx, id);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'video_meeting',
      entityId: id,
      operation: 'delete',
      changes: [
        { field: 'kind', before: row.kind, after: null },
        { field: 'meeting_date', before: row.meeting_date, after: null },
        { field: 'avoided_emissions_g', before: String(row.avoided_emissions_g), after: null },
      ],
    });
    return { ok: true } as const;
  });
}

export interface VideoMeetingView {
  id: string;
  kind: string;
  international: boolean;
  heldByVideo: boolean;
  date: string;
  participants: number;
  fromName: string | null;
  toName: string | null;
  mode: string | null;
  roundTrip: boolean;
  distanceKm: number | null;
  avoidedGrams: number;
  methodKey: string | null;
  methodVersion: string | null;
  factorKey: string | null;
  steps: CalculationStep[];
}

function meetingView(row: VideoMeetingRow): VideoMeetingView {
  return {
    id: row.id,
    kind: row.kind,
    international: row.international === 1,
    heldByVideo: row.held_by_video === 1,
    date: row.meeting_date,
    participants: row.participants,
    fromName: row.from_name,
    toName: row.to_name,
    mode: row.mode,
    roundTrip: row.round_trip === 1,
    distanceKm: row.distance_m === null ? null : row.distance_m / 1000,
    avoidedGrams: row.avoided_emissions_g,
    methodKey: row.method_key,
    methodVersion: row.method_version,
    factorKey: row.factor_key,
    steps: row.steps_json ? parseSteps(row.steps_json) : [],
  };
}

export interface VideoPage {
  canRecord: boolean;
  /** Whether `meetings` lists every meeting of the institution (the officer) or the user's own. */
  everyone: boolean;
  /** The calendar year containing today, as text ("2 026" otherwise). */
  year: string;
  /** Every meeting of the year, and the international recruitment interviews among them (every role reads them). */
  totals: MeetingCounts;
  interviews: MeetingCounts;
  meetings: VideoMeetingView[];
}

/** Totals of the current year for everyone; the meetings the user may see (none for committee and viewers). */
export async function getVideoPage(db: Kysely<DB>, user: SessionUser, today: string): Promise<VideoPage> {
  const year = today.slice(0, 4);
  const range = { start: `${year}-01-01`, end: `${year}-12-31` };
  const canRecord = canRecordVideoMeeting(user);
  const [totals, interviews, rows] = await Promise.all([
    countVideoMeetings(db, user.institutionId, range),
    countVideoMeetings(db, user.institutionId, range, { kind: 'recruitment_interview', international: true }),
    canRecord ? listVisibleVideoMeetings(db, scopeOf(user)) : Promise.resolve([]),
  ]);
  return { canRecord, everyone: readsEveryMeeting(user), year, totals, interviews, meetings: rows.map(meetingView) };
}
