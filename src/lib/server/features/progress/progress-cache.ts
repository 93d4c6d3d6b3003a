import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * Progress reports computed for a plan or an institution, reused while
 * nothing has changed. A dashboard on a large institution reads thousands of
 * values and assesses every indicator; the result only changes when someone
 * writes, and every write leaves an audit event (values, definitions, plan
 * edits, imports, settings). The stamp is the institution's latest audit event
 * plus the newest value id (time-ordered ids), two index lookups: a second
 * server process's write is seen too. `today` is part of the key, so the
 * statuses move with the calendar.
 */
interface Entry {
  stamp: string;
  value: unknown;
}

/** Plan and institution reports, dashboards and the indicator pages being read (each small). */
const MAX_ENTRIES = 256;
const caches = new WeakMap<object, Map<string, Entry>>();

export async function dataStamp(db: Kysely<DB>, institutionId: string): Promise<string> {
  const [audit, value] = await Promise.all([
    db
      .selectFrom('audit_event')
      .select(['at', 'id'])
      .where('institution_id', '=', institutionId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db.selectFrom('indicator_value').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst(),
  ]);
  return `${audit?.at ?? ''}|${audit?.id ?? ''}|${value?.id ?? ''}`;
}

/** The cached result for `key` when its stamp still holds, else computes and keeps it (least recently used out). */
export async function cachedProgress<T>(
  db: Kysely<DB>,
  institutionId: string,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  const stamp = await dataStamp(db, institutionId);
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const fullKey = `${institutionId}|${key}`;
  const hit = cache.get(fullKey);
  if (hit && hit.stamp === stamp) {
    cache.delete(fullKey);
    cache.set(fullKey, hit);
    return hit.value as T;
  }
  const value = await compute();
  cache.set(fullKey, { stamp, value });
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return value;
}
