import { expect, test } from 'vitest';
import { describeEachDialect } from '../../testing/databases';
import { isPostgres, skipLockedRows } from './job-dialect';
import {
  claimNextJob,
  enqueueJob,
  failJob,
  type Job,
  MAX_ATTEMPTS,
  recoverStaleJobs,
  retryDelayMs,
  runDueJobs,
  startJobWorker,
} from './jobs';

const at = (iso: string) => new Date(iso);
let sequence = 0;
const uniqueKey = (prefix: string) => `${prefix}:${++sequence}:${Math.random().toString(36).slice(2)}`;

test('retries wait longer each time, at most an hour', () => {
  expect([1, 2, 3, 4, 10].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 60]);
});

describeEachDialect('job queue', (get) => {
  test('the claim subquery skips locked rows on PostgreSQL only', () => {
    const { db, dialect } = get();
    const sqlText = skipLockedRows(db, db.selectFrom('job').select('id')).compile().sql;
    expect(isPostgres(db)).toBe(dialect === 'postgres');
    if (dialect === 'postgres') expect(sqlText).toMatch(/for update skip locked$/);
    else expect(sqlText).not.toMatch(/for update/);
  });

  test('a job with a dedupe key already queued is not queued twice', async () => {
    const { db } = get();
    const key = uniqueKey('dedupe');
    const job = { kind: 'test.noop', dedupeKey: key, payload: { n: 1 }, runAt: at('2000-01-01T00:00:00Z') };
    expect(await enqueueJob(db, job)).toBe(true);
    expect(await enqueueJob(db, { ...job, payload: { n: 2 } })).toBe(false);
    const rows = await db.selectFrom('job').select('payload_json').where('dedupe_key', '=', key).execute();
    expect(rows).toEqual([{ payload_json: '{"n":1}' }]);
    await db.deleteFrom('job').execute();
  });

  test('only due jobs are claimed, oldest first, and a claim counts an attempt', async () => {
    const { db } = get();
    await enqueueJob(db, {
      kind: 'k',
      dedupeKey: uniqueKey('late'),
      payload: 'late',
      runAt: at('2030-01-02T00:00:00Z'),
    });
    await enqueueJob(db, {
      kind: 'k',
      dedupeKey: uniqueKey('b'),
      payload: 'second',
      runAt: at('2030-01-01T10:00:00Z'),
    });
    await enqueueJob(db, { kind: 'k', dedupeKey: uniqueKey('a'), payload: 'first', runAt: at('2030-01-01T09:00:00Z') });
    const now = at('2030-01-01T12:00:00Z');
    const first = await claimNextJob(db, 'w1', now);
    const second = await claimNextJob(db, 'w1', now);
    expect([first?.payload, second?.payload]).toEqual(['first', 'second']);
    expect(first?.status).toBe('running');
    expect(first?.attempts).toBe(1);
    expect(first?.lockedBy).toBe('w1');
    expect(await claimNextJob(db, 'w1', now)).toBeUndefined();
    await db.deleteFrom('job').execute();
  });

  test('two workers claiming concurrently run each of 20 jobs exactly once', async () => {
    const { db } = get();
    for (let i = 0; i < 20; i++) {
      await enqueueJob(db, { kind: 'count', dedupeKey: uniqueKey('c'), payload: i, runAt: at('2000-01-01T00:00:00Z') });
    }
    const runs: { worker: string; n: number }[] = [];
    const handlersOf = (worker: string) => ({
      count: async (job: Job) => {
        await new Promise((r) => setTimeout(r, 2));
        runs.push({ worker, n: job.payload as number });
      },
    });
    const ran = await Promise.all([runDueJobs(db, handlersOf('w1'), 'w1'), runDueJobs(db, handlersOf('w2'), 'w2')]);
    expect(ran[0] + ran[1]).toBe(20);
    expect(runs.map((r) => r.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const done = await db.selectFrom('job').select('status').where('kind', '=', 'count').execute();
    expect(done.every((j) => j.status === 'done')).toBe(true);
    await db.deleteFrom('job').execute();
  });

  test('on PostgreSQL a claim skips a job another transaction holds instead of waiting for it', async () => {
    const { db, dialect } = get();
    if (dialect !== 'postgres') return;
    await enqueueJob(db, {
      kind: 'k',
      dedupeKey: uniqueKey('held'),
      payload: 'held',
      runAt: at('2000-01-01T00:00:00Z'),
    });
    await enqueueJob(db, {
      kind: 'k',
      dedupeKey: uniqueKey('free'),
      payload: 'free',
      runAt: at('2000-01-02T00:00:00Z'),
    });
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom('job').select('id').where('payload_json', '=', '"held"').forUpdate().execute();
      const claimed = await claimNextJob(db, 'w2', at('2030-01-01T00:00:00Z'));
      expect(claimed?.payload).toBe('free');
    });
    await db.deleteFrom('job').execute();
  });

  test('a failed job is retried later, then marked failed with its last error', async () => {
    const { db } = get();
    const key = uniqueKey('fail');
    await enqueueJob(db, { kind: 'boom', dedupeKey: key, payload: null, runAt: at('2030-01-01T00:00:00Z') });
    let now = at('2030-01-01T00:00:00Z');
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const job = await claimNextJob(db, 'w1', now);
      expect(job?.attempts).toBe(attempt);
      if (!job) return;
      const status = await failJob(db, job, 'w1', `failure ${attempt}`, now);
      expect(status).toBe(attempt < MAX_ATTEMPTS ? 'queued' : 'failed');
      if (attempt < MAX_ATTEMPTS) {
        expect(await claimNextJob(db, 'w1', now)).toBeUndefined();
        now = new Date(now.getTime() + retryDelayMs(attempt));
      }
    }
    const row = await db.selectFrom('job').selectAll().where('dedupe_key', '=', key).executeTakeFirstOrThrow();
    expect([row.status, row.last_error, row.locked_by]).toEqual(['failed', `failure ${MAX_ATTEMPTS}`, null]);
    await db.deleteFrom('job').execute();
  });

  test('a job left running for more than 10 minutes goes back to the queue', async () => {
    const { db } = get();
    await enqueueJob(db, {
      kind: 'k',
      dedupeKey: uniqueKey('stale'),
      payload: null,
      runAt: at('2030-01-01T00:00:00Z'),
    });
    const job = await claimNextJob(db, 'dead-worker', at('2030-01-01T00:00:00Z'));
    expect(job).toBeDefined();
    expect(await recoverStaleJobs(db, at('2030-01-01T00:09:00Z'))).toBe(0);
    expect(await recoverStaleJobs(db, at('2030-01-01T00:11:00Z'))).toBe(1);
    const again = await claimNextJob(db, 'w2', at('2030-01-01T00:11:00Z'));
    expect([again?.id, again?.attempts, again?.lockedBy]).toEqual([job?.id, 2, 'w2']);
    // The worker that lost its lock cannot overwrite the new owner's outcome.
    if (job) await failJob(db, job, 'dead-worker', 'late failure', at('2030-01-01T00:12:00Z'));
    const row = await db
      .selectFrom('job')
      .select(['status', 'locked_by'])
      .where('id', '=', job?.id ?? '')
      .executeTakeFirst();
    expect(row).toEqual({ status: 'running', locked_by: 'w2' });
    await db.deleteFrom('job').execute();
  });

  test('the worker loop runs due jobs, records an unknown kind as an error, and stops', async () => {
    const { db } = get();
    const keyOk = uniqueKey('ok');
    const keyUnknown = uniqueKey('unknown');
    await enqueueJob(db, { kind: 'ok', dedupeKey: keyOk, payload: null, runAt: at('2000-01-01T00:00:00Z') });
    await enqueueJob(db, { kind: 'nobody', dedupeKey: keyUnknown, payload: null, runAt: at('2000-01-01T00:00:00Z') });
    let polls = 0;
    const stop = startJobWorker({
      db,
      handlers: { ok: async () => {} },
      pollSeconds: 3600,
      workerId: 'loop',
      beforeEachPoll: async () => {
        polls++;
      },
    });
    await stop();
    expect(polls).toBe(1);
    const rows = await db
      .selectFrom('job')
      .select(['dedupe_key', 'status', 'last_error'])
      .orderBy('dedupe_key')
      .execute();
    const byKey = new Map(rows.map((r) => [r.dedupe_key, r]));
    expect(byKey.get(keyOk)?.status).toBe('done');
    expect(byKey.get(keyUnknown)?.status).toBe('queued');
    expect(byKey.get(keyUnknown)?.last_error).toContain('no handler');
    await db.deleteFrom('job').execute();
  });
});
