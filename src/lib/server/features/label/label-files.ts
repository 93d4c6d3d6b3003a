/**
 * Uploaded evidence documents of the label: names, digests and the download.
 * Types are judged by the bytes with the indicators' checker (checkEvidenceFile),
 * at upload and again at download, so a row altered in the database never
 * serves anything the upload would refuse.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { checkEvidenceFile } from '../indicators';
import { canReadLabelDetail } from './label';
import { findEvidenceRow } from './label.queries';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The name kept for display: no folders, no control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\p{Cc}\p{Cf}"]/gu, '').trim();
  return (clean || 'document').slice(0, 200);
}

/** Content-Disposition for any name: an ASCII fallback plus the UTF-8 name (RFC 6266 / 5987). */
export function attachmentHeader(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export interface LabelDocumentDownload {
  bytes: Uint8Array<ArrayBuffer>;
  contentType: string;
  contentDisposition: string;
}

/** An uploaded document of an assessment, for the officer and the committee of its institution. */
export async function getLabelDocumentDownload(
  db: Kysely<DB>,
  user: SessionUser,
  evidenceId: string,
): Promise<LabelDocumentDownload | undefined> {
  if (!canReadLabelDetail(user)) return undefined;
  const row = await findEvidenceRow(db, user.institutionId, evidenceId);
  if (row?.kind !== 'file' || !row.content_base64) return undefined;
  const bytes = new Uint8Array(Buffer.from(row.content_base64, 'base64'));
  const detected = checkEvidenceFile(bytes, Number.POSITIVE_INFINITY);
  if (!detected.ok) return undefined;
  const stem = row.label.replace(/\.[A-Za-z0-9]{1,8}$/, '') || 'document';
  return {
    bytes,
    contentType: detected.value.contentType,
    contentDisposition: attachmentHeader(`${stem}.${detected.value.extension}`),
  };
}
