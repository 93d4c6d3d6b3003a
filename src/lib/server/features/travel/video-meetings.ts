import { z } from 'zod';
import type { SessionUser } from '../auth';
import type { CalculationStep } from './footprint';
import { travelModeSchema } from './modes';

/** Meetings that used to mean a trip; the i18n label of each is `travel.video.kind.<key>`. */
export const MEETING_KINDS = ['recruitment_interview', 'jury', 'other'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** Longest place text accepted, as on the footprint form. */
export const MAX_MEETING_PLACE_LENGTH = 120;
/** People who would have travelled for one meeting: a large jury, not a conference. */
export const MAX_MEETING_PARTICIPANTS = 50;

/**
 * The officer records every meeting; a pilot or a contributor records the
 * meetings they held (recruitment interviews, juries) and sees and deletes
 * their own. Committee members and viewers read the totals only.
 */
export function canRecordVideoMeeting(user: SessionUser): boolean {
  return user.role === 'admin' || user.role === 'pilot' || user.role === 'contributor';
}

/** Whether the user reads every meeting of the institution (otherwise their own only, or none). */
export function readsEveryMeeting(user: SessionUser): boolean {
  return user.role === 'admin';
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

const optionalPlace = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().trim().max(MAX_MEETING_PLACE_LENGTH).optional(),
);

/**
 * A meeting as the form sends it. Held by video, it needs the trip that did
 * not happen (places and mode); held in person, the trip fields are ignored.
 */
export const recordVideoMeetingSchema = z
  .object({
    kind: z.enum(MEETING_KINDS),
    international: z.boolean(),
    heldByVideo: z.boolean(),
    date: isoDate,
    participants: z.coerce.number().int().min(1).max(MAX_MEETING_PARTICIPANTS),
    from: optionalPlace,
    to: optionalPlace,
    mode: z.preprocess((v) => (v === '' || v === null ? undefined : v), travelModeSchema.optional()),
    roundTrip: z.boolean(),
  })
  .superRefine((m, ctx) => {
    if (!m.heldByVideo) return;
    for (const field of ['from', 'to', 'mode'] as const) {
      if (!m[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'required for a meeting held by video' });
    }
  });
export type RecordVideoMeetingInput = z.input<typeof recordVideoMeetingSchema>;

/** The last line of an avoided trip's explanation: emissions per person times the people who stayed home. */
export function participantsStep(gramsPerPerson: number, participants: number): CalculationStep {
  return {
    code: 'travel.video.step.participants',
    params: { grams: gramsPerPerson, participants, total: gramsPerPerson * participants },
  };
}
