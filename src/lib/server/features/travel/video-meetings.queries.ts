import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema';
import type { VideoMeetingTable } from './mobility.table';

export type VideoMeetingRow = Selectable<VideoMeetingTable>;

export async function insertVideoMeeting(db: Kysely<DB>, row: Insertable<VideoMeetingTable>): Promise<void> {
  await db.insertInto('video_meeting').values(row).execute();
}

/** A meeting of the institution the reader may see: any for `everyone`, else one they recorded. */
export function findVisibleVideoMeeting(
  db: Kysely<DB>,
  scope: { institutionId: string; userId: string; everyone: boolean },
  id: string,
): Promise<VideoMeetingRow | undefined> {
  return db
    .selectFrom('video_meeting')
    .selectAll()
    .where('institution_id', '=', scope.institutionId)
    .where('id', '=', id)
    .$if(!scope.everyone, (q) => q.where('created_by', '=', scope.userId))
    .executeTakeFirst();
}

export async function deleteVideoMeetingRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('video_meeting').where('id', '=', id).execute();
}

/** The visible meetings, newest first. */
export function listVisibleVideoMeetings(
  db: Kysely<DB>,
  scope: { institutionId: string; userId: string; everyone: boolean },
): Promise<VideoMeetingRow[]> {
  return db
    .selectFrom('video_meeting')
    .selectAll()
    .where('institution_id', '=', scope.institutionId)
    .$if(!scope.everyone, (q) => q.where('created_by', '=', scope.userId))
    .orderBy('meeting_date', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export interface MeetingCounts {
  meetings: number;
  byVideo: number;
  avoidedGrams: number;
}

/** Meetings of the institution held between two ISO dates (both included), optionally of one kind and reach. */
export async function countVideoMeetings(
  db: Kysely<DB>,
  institutionId: string,
  range: { start: string; end: string },
  filter: { kind?: string; international?: boolean } = {},
): Promise<MeetingCounts> {
  const row = await db
    .selectFrom('video_meeting')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('meetings'),
      eb.fn.sum<number | string | null>('held_by_video').as('by_video'),
      eb.fn.sum<number | string | null>('avoided_emissions_g').as('avoided_g'),
    ])
    .where('institution_id', '=', institutionId)
    .where('meeting_date', '>=', range.start)
    .where('meeting_date', '<=', range.end)
    .$if(filter.kind !== undefined, (q) => q.where('kind', '=', filter.kind ?? ''))
    .$if(filter.international !== undefined, (q) => q.where('international', '=', filter.international ? 1 : 0))
    .executeTakeFirstOrThrow();
  // PostgreSQL returns counts and sums of integers as bigint text; a sum over no rows is null.
  return {
    meetings: Number(row.meetings),
    byVideo: Number(row.by_video ?? 0),
    avoidedGrams: Number(row.avoided_g ?? 0),
  };
}
