import type { Kysely } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { log } from '../../log';
import { skipLockedRows } from './job-dialect';
import type { JobTable } from './notifications.table';

/**
 * A job queue in the `job` table (no Redis): several server processes may poll
 * it, and a job is claimed by exactly one of them through a single conditional
 * UPDATE. A job whose worker died is handed back after STALE_LOCK_MINUTES.
 */

export const MAX_ATTEMPTS = 5;
export const STALE_LOCK_MINUTES = 10;
/** Finished jobs are kept this long for diagnosis, then purged. */
export const KEEP_FINISHED_DAYS = 90;

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  kind: string;
  dedupeKey: string;
  payload: unknown;
  runAt: string;
  status: JobStatus;
  attempts: number;
  lockedBy: string | null;
  lockedAt: string | null;
  lastError: string | null;
}

export type JobHandler = (job: Job) => Promise<void>;
export type JobHandlers = Readonly<Record<string, JobHandler>>;

function toJob(row: JobTable): Job {
  return {
    id: row.id,
    kind: row.kind,
    dedupeKey: row.dedupe_key,
    payload: JSON.parse(row.payload_json),
    runAt: row.run_at,
    status: row.status as JobStatus,
    attempts: Number(row.attempts),
    lockedBy: row.locked_by,
    lockedAt: row.locked_at,
    lastError: row.last_error,
  };
}

/** Wait before the next attempt: 1, 2, 4, 8... minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.max(attempts - 1, 0), 60) * 60_000;
}

/** Queues a job; a job with the same dedupe key already queued or run is left alone. True when it was added. */
export async function enqueueJob(
  db: Kysely<DB>,
  input: { kind: string; dedupeKey: string; payload: unknown; runAt: Date },
): Promise<boolean> {
  const result = await db
    .insertInto('job')
    .values({
      id: newId(),
      kind: input.kind,
      dedupe_key: input.dedupeKey,
      payload_json: JSON.stringify(input.payload ?? null),
      run_at: input.runAt.toISOString(),
      status: 'queued',
      attempts: 0,
      locked_by: null,
      locked_at: null,
      finished_at: null,
      last_error: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Claims the oldest due job for this worker, or returns undefined. The update
 * re-checks `status = 'queued'`, so when two workers race for one row only one
 * gets it back; on PostgreSQL the other skips the locked row and takes the next.
 */
export async function claimNextJob(db: Kysely<DB>, workerId: string, now: Date): Promise<Job | undefined> {
  const at = now.toISOString();
  const due = db
    .selectFrom('job')
    .select('id')
    .where('status', '=', 'queued')
    .where('run_at', '<=', at)
    .orderBy('run_at')
    .orderBy('id')
    .limit(1);
  const row = await db
    .updateTable('job')
    .set((eb) => ({ status: 'running', locked_by: workerId, locked_at: at, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', skipLockedRows(db, due))
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
  return row ? toJob(row) : undefined;
}

/** Marks a claimed job done. A worker whose lock was taken back changes nothing. */
export async function finishJob(db: Kysely<DB>, job: Job, workerId: string, now: Date): Promise<void> {
  await db
    .updateTable('job')
    .set({ status: 'done', finished_at: now.toISOString(), locked_by: null, locked_at: null, last_error: null })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .execute();
}

/** Puts a failed job back in the queue with a growing delay, or marks it failed after MAX_ATTEMPTS. */
export async function failJob(
  db: Kysely<DB>,
  job: Job,
  workerId: string,
  error: string,
  now: Date,
  maxAttempts = MAX_ATTEMPTS,
): Promise<JobStatus> {
  const status: JobStatus = job.attempts >= maxAttempts ? 'failed' : 'queued';
  await db
    .updateTable('job')
    .set({
      status,
      last_error: error.slice(0, 2000),
      locked_by: null,
      locked_at: null,
      ...(status === 'failed'
        ? { finished_at: now.toISOString() }
        : { run_at: new Date(now.getTime() + retryDelayMs(job.attempts)).toISOString() }),
    })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .execute();
  return status;
}

/**
 * Hands back jobs whose worker has held them for more than STALE_LOCK_MINUTES
 * (the process died or hung); those out of attempts are marked failed instead.
 * Returns how many jobs were released.
 */
export async function recoverStaleJobs(db: Kysely<DB>, now: Date, maxAttempts = MAX_ATTEMPTS): Promise<number> {
  const cutoff = new Date(now.getTime() - STALE_LOCK_MINUTES * 60_000).toISOString();
  await db
    .updateTable('job')
    .set({
      status: 'failed',
      finished_at: now.toISOString(),
      locked_by: null,
      locked_at: null,
      last_error: 'stale lock',
    })
    .where('status', '=', 'running')
    .where('locked_at', '<', cutoff)
    .where('attempts', '>=', maxAttempts)
    .execute();
  const requeued = await db
    .updateTable('job')
    .set({ status: 'queued', locked_by: null, locked_at: null, last_error: 'stale lock' })
    .where('status', '=', 'running')
    .where('locked_at', '<', cutoff)
    .executeTakeFirst();
  return Number(requeued.numUpdatedRows);
}

/** Deletes finished jobs older than KEEP_FINISHED_DAYS (their dedupe keys are dated, never reused). */
export async function purgeFinishedJobs(db: Kysely<DB>, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - KEEP_FINISHED_DAYS * 86_400_000).toISOString();
  await db.deleteFrom('job').where('status', 'in', ['done', 'failed']).where('finished_at', '<', cutoff).execute();
}

/** Runs one claimed job with its handler and records the outcome. */
export async function executeJob(db: Kysely<DB>, job: Job, handlers: JobHandlers, workerId: string): Promise<void> {
  const handler = handlers[job.kind];
  try {
    if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
    await handler(job);
    await finishJob(db, job, workerId, new Date());
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const status = await failJob(db, job, workerId, message, new Date());
    log(status === 'failed' ? 'error' : 'warn', 'job failed', {
      job: job.dedupeKey,
      attempts: job.attempts,
      error: message,
    });
  }
}

/** Claims and runs due jobs one by one until none is left (or `limit` ran). Returns how many ran. */
export async function runDueJobs(
  db: Kysely<DB>,
  handlers: JobHandlers,
  workerId: string,
  now: () => Date = () => new Date(),
  limit = 100,
): Promise<number> {
  let ran = 0;
  while (ran < limit) {
    const job = await claimNextJob(db, workerId, now());
    if (!job) break;
    await executeJob(db, job, handlers, workerId);
    ran++;
  }
  return ran;
}

export interface JobWorkerOptions {
  db: Kysely<DB>;
  handlers: JobHandlers;
  pollSeconds: number;
  workerId: string;
  /** Runs at the start of every poll, before due jobs are claimed (e.g. to queue recurring jobs). */
  beforeEachPoll?: (now: Date) => Promise<void>;
}

/**
 * Polls the queue every `pollSeconds` in this process, starting now. Returns
 * stop(), which waits for the job in progress. Its timer does not keep the
 * process alive.
 */
export function startJobWorker(options: JobWorkerOptions): () => Promise<void> {
  const { db, handlers, pollSeconds, workerId } = options;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();

  const poll = async () => {
    try {
      const now = new Date();
      await recoverStaleJobs(db, now);
      await options.beforeEachPoll?.(now);
      await runDueJobs(db, handlers, workerId);
    } catch (e) {
      // A database hiccup must not kill the worker: the next poll tries again.
      log('error', 'job worker poll failed', { workerId, error: e instanceof Error ? e.message : String(e) });
    }
  };
  const loop = () => {
    if (stopped) return;
    current = poll().finally(() => {
      if (stopped) return;
      timer = setTimeout(loop, pollSeconds * 1000);
      timer.unref?.();
    });
  };
  loop();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await current;
  };
}
