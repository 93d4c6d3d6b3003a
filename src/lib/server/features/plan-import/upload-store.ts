import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';

/**
 * Files waiting between preview and commit, in `import_upload` (so preview and
 * commit may run on different server processes). Plans, indicator values and
 * trips each keep their own `source_kind`; only the user who uploaded a file
 * may see or commit it. Imported directly by the other importing features
 * (through this file, not the plan-import index, which would make a cycle).
 */
export async function storeUpload(
  db: Kysely<DB>,
  user: SessionUser,
  input: { sourceKind: string; filename: string; bytes: Uint8Array; mappingJson?: string | null },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('import_upload')
    .values({
      id,
      institution_id: user.institutionId,
      user_id: user.id,
      filename: input.filename,
      byte_size: input.bytes.byteLength,
      content_base64: Buffer.from(input.bytes).toString('base64'),
      source_kind: input.sourceKind,
      mapping_json: input.mappingJson ?? null,
      status: 'preview',
      plan_id: null,
      report_json: null,
      created_at: nowIso(),
      committed_at: null,
    })
    .execute();
  return id;
}

/** The user's own upload of that kind; undefined for anyone else's or another kind. */
export function findOwnUpload(db: Kysely<DB>, user: SessionUser, uploadId: string, sourceKind: string) {
  return db
    .selectFrom('import_upload')
    .selectAll()
    .where('id', '=', uploadId)
    .where('institution_id', '=', user.institutionId)
    .where('user_id', '=', user.id)
    .where('source_kind', '=', sourceKind)
    .executeTakeFirst();
}

export type StoredUpload = NonNullable<Awaited<ReturnType<typeof findOwnUpload>>>;

/** The bytes and name of a stored upload, as the readers take them. */
export function storedFile(row: Pick<StoredUpload, 'content_base64' | 'filename'>): {
  bytes: Uint8Array;
  filename: string;
} {
  return { bytes: new Uint8Array(Buffer.from(row.content_base64, 'base64')), filename: row.filename };
}
