import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';
import { log } from '../../log';
import { recomputeAllOutdatedTrips } from '../travel';
import { enqueueJob, type JobHandlers } from './jobs';

/**
 * Recomputes stored trips whose factor set is no longer their method's current
 * one (a new data/carbon version shipped): features/travel/trip-recompute*.
 * Kept apart from the reminders' schedule so each recurring job stays one line
 * of startBackgroundJobs.
 */
export const RECOMPUTE_TRIPS_JOB = 'travel.recompute-outdated';

/** One recomputation job per calendar day. */
export const recomputeTripsJobKey = (date: string) => `${RECOMPUTE_TRIPS_JOB}:${date}`;

/** Queues today's recomputation, due at midnight UTC; every process may call it on every poll (dedupe key). */
export async function scheduleTripsRecompute(db: Kysely<DB>, now: Date): Promise<void> {
  const today = now.toISOString().slice(0, 10);
  await enqueueJob(db, {
    kind: RECOMPUTE_TRIPS_JOB,
    dedupeKey: recomputeTripsJobKey(today),
    payload: { date: today },
    runAt: new Date(`${today}T00:00:00Z`),
  });
}

const datePayload = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

export function tripsJobHandlers(db: Kysely<DB>): JobHandlers {
  return {
    [RECOMPUTE_TRIPS_JOB]: async (job) => {
      const { date } = datePayload.parse(job.payload);
      const report = await recomputeAllOutdatedTrips(db);
      // Like the refresh of computed values, a failing institution waits for tomorrow's run, not a retry.
      log(report.failed.length > 0 ? 'warn' : 'info', 'outdated trips recomputed', { date, ...report });
    },
  };
}
