import { fail, redirect } from '@sveltejs/kit';
import {
  candidateTextOf,
  canRecordVideoMeeting,
  deleteVideoMeeting,
  getVideoPage,
  MAX_MEETING_PARTICIPANTS,
  MAX_MEETING_PLACE_LENGTH,
  MEETING_KINDS,
  type PlaceResolution,
  type RecordVideoMeetingInput,
  recordVideoMeeting,
  TRAVEL_MODES,
} from '$lib/server/features/travel';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

const today = () => new Date().toISOString().slice(0, 10);

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const page = await getVideoPage(getDatabase().db, user, today());
  return {
    ...page,
    kinds: MEETING_KINDS,
    modes: TRAVEL_MODES,
    today: today(),
    limits: { place: MAX_MEETING_PLACE_LENGTH, participants: MAX_MEETING_PARTICIPANTS },
    saved: url.searchParams.get('saved'),
  };
};

const TEXT_FIELDS = ['kind', 'heldByVideo', 'date', 'participants', 'from', 'to', 'mode'] as const;

/** A place of the avoided trip as the page shows it after a refusal: resolved, or its candidates. */
function placeView(resolution: PlaceResolution) {
  return {
    resolved: resolution.status === 'resolved',
    reason: resolution.reason,
    candidates: [...new Set(resolution.candidates.map(candidateTextOf))],
  };
}

export const actions: Actions = {
  add: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canRecordVideoMeeting(user));
    const form = await request.formData();
    const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, String(form.get(f) ?? '')])) as Record<
      (typeof TEXT_FIELDS)[number],
      string
    >;
    const values = { ...text, international: form.has('international'), roundTrip: form.has('roundTrip') };
    const result = await recordVideoMeeting(
      getDatabase().db,
      user,
      {
        kind: values.kind as RecordVideoMeetingInput['kind'],
        international: values.international,
        heldByVideo: values.heldByVideo === 'yes',
        date: values.date,
        participants: values.participants,
        from: values.from,
        to: values.to,
        mode: values.mode as RecordVideoMeetingInput['mode'],
        roundTrip: values.roundTrip,
      },
      { language: locals.locale },
    );
    if (!result.ok) {
      requireThat(result.error.code !== 'travel.video.error.forbidden');
      const places = 'from' in result ? { from: placeView(result.from), to: placeView(result.to) } : null;
      return fail(422, { error: result.error.code, values, places });
    }
    redirect(303, `/travel/video?saved=${result.value.avoidedGrams > 0 ? 'video' : 'added'}#meetings`);
  },
  delete: async ({ locals, url, request }) => {
    const user = requireUser(locals, url);
    requireThat(canRecordVideoMeeting(user));
    const form = await request.formData();
    const result = await deleteVideoMeeting(getDatabase().db, user, String(form.get('id') ?? ''));
    if (!result.ok) notFound();
    redirect(303, '/travel/video?saved=deleted#meetings');
  },
};
