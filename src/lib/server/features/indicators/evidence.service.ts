import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { attachmentHeader, checkEvidenceFile, downloadName } from './evidence';

export interface EvidenceDownload {
  bytes: Uint8Array<ArrayBuffer>;
  contentType: string;
  contentDisposition: string;
}

/**
 * An evidence file for any signed-in user of its institution, as an
 * attachment with the type detected at upload (checked again here, so a row
 * altered in the database never serves anything we would refuse).
 */
export async function getEvidenceDownload(
  db: Kysely<DB>,
  user: SessionUser,
  fileId: string,
): Promise<EvidenceDownload | undefined> {
  const row = await db
    .selectFrom('evidence_file')
    .select(['filename', 'content_base64'])
    .where('id', '=', fileId)
    .where('institution_id', '=', user.institutionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const bytes = new Uint8Array(Buffer.from(row.content_base64, 'base64'));
  const detected = checkEvidenceFile(bytes, Number.POSITIVE_INFINITY);
  if (!detected.ok) return undefined;
  return {
    bytes,
    contentType: detected.value.contentType,
    contentDisposition: attachmentHeader(downloadName(row.filename, detected.value.extension)),
  };
}
