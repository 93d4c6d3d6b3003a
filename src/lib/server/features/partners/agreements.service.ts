/** A partner's agreements (with an optional signed file) and contacts: recorded, deleted, audited. */
import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { checkEvidenceFile } from '../indicators';
import { attachmentHeader, cleanFilename, downloadName, sha256Hex } from '../indicators/evidence';
import {
  deleteAgreementRow,
  deleteContactRow,
  findAgreement,
  findAgreementFile,
  findContact,
  insertAgreement,
  insertContact,
} from './agreements.queries';
import {
  AGREEMENT_FILE_TYPES,
  type AgreementInput,
  agreementInputSchema,
  type ContactInput,
  canEditPartners,
  canSeeContacts,
  contactInputSchema,
} from './partners';
import { findPartner } from './partners.queries';

export type AgreementErrorCode =
  | 'partners.error.forbidden'
  | 'partners.error.notFound'
  | 'partners.agreement.error.title'
  | 'partners.agreement.error.kind'
  | 'partners.agreement.error.signedOn'
  | 'partners.agreement.error.startsOn'
  | 'partners.agreement.error.endsOn'
  | 'partners.agreement.error.renewalNoticeDays'
  | 'partners.agreement.error.file'
  | 'partners.contact.error.name'
  | 'partners.contact.error.role'
  | 'partners.contact.error.email'
  | 'partners.contact.error.phone';

export type AgreementResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: AgreementErrorCode | string; params?: Record<string, string | number> } };

const fail = (code: AgreementErrorCode, params?: Record<string, string | number>) =>
  ({ ok: false, error: params ? { code, params } : { code } }) as const;

const actorOf = (user: Pick<SessionUser, 'id' | 'displayName'>, label?: string) => ({
  userId: user.id || null,
  label: label ?? user.displayName,
});

export interface AgreementFileUpload {
  filename: string;
  bytes: Uint8Array;
}

/** Checks a signed agreement file by its bytes: PDF, DOCX or ODT under the size limit, else the refusal. */
export function checkAgreementFile(bytes: Uint8Array, maxMb: number) {
  const checked = checkEvidenceFile(bytes, maxMb);
  if (!checked.ok) return checked;
  if (!AGREEMENT_FILE_TYPES.includes(checked.value.contentType)) {
    return { ok: false, error: { code: 'partners.agreement.error.file' } } as const;
  }
  return checked;
}

/** Records an agreement with a partner (officer, pilot), its file checked and kept in the database. */
export async function addAgreement(
  db: Kysely<DB>,
  user: Pick<SessionUser, 'id' | 'institutionId' | 'displayName' | 'role'>,
  partnerId: string,
  input: AgreementInput,
  options: { file?: AgreementFileUpload; maxMb: number; isDemo?: boolean; actorLabel?: string },
): Promise<AgreementResult<{ id: string }>> {
  if (!canEditPartners(user as SessionUser)) return fail('partners.error.forbidden');
  if (!(await findPartner(db, user.institutionId, partnerId))) return fail('partners.error.notFound');
  const parsed = agreementInputSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'title');
    return fail(`partners.agreement.error.${field}` as AgreementErrorCode);
  }
  const a = parsed.data;
  let file = null;
  if (options.file) {
    const checked = checkAgreementFile(options.file.bytes, options.maxMb);
    if (!checked.ok) return { ok: false, error: checked.error };
    file = {
      file_name: downloadName(cleanFilename(options.file.filename), checked.value.extension),
      file_content_type: checked.value.contentType,
      file_byte_size: options.file.bytes.byteLength,
      file_sha256: sha256Hex(options.file.bytes),
      file_content_base64: Buffer.from(options.file.bytes).toString('base64'),
    };
  }
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await insertAgreement(trx, {
      id,
      partner_id: partnerId,
      title: a.title,
      kind: a.kind,
      signed_on: a.signedOn,
      starts_on: a.startsOn,
      ends_on: a.endsOn,
      renewal_notice_days: a.renewalNoticeDays,
      ...(file ?? {}),
      is_demo: options.isDemo ? 1 : 0,
      created_by: user.id || null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user, options.actorLabel),
      entityType: 'partner_agreement',
      entityId: id,
      operation: 'create',
      changes: [
        { field: 'partner_id', before: null, after: partnerId },
        { field: 'title', before: null, after: a.title },
        { field: 'kind', before: null, after: a.kind },
        { field: 'signed_on', before: null, after: a.signedOn },
        { field: 'starts_on', before: null, after: a.startsOn },
        { field: 'ends_on', before: null, after: a.endsOn },
        { field: 'renewal_notice_days', before: null, after: String(a.renewalNoticeDays) },
        { field: 'file', before: null, after: file ? `${file.file_name} (${file.file_sha256})` : null },
      ].filter((c) => c.after !== null),
    });
  });
  return { ok: true, value: { id } };
}

/** Deletes an agreement (officer, pilot), its values kept in the history. */
export async function deleteAgreement(db: Kysely<DB>, user: SessionUser, id: string): Promise<AgreementResult<null>> {
  if (!canEditPartners(user)) return fail('partners.error.forbidden');
  return db.transaction().execute(async (trx): Promise<AgreementResult<null>> => {
    const row = await findAgreement(trx, user.institutionId, id);
    if (!row) return fail('partners.error.notFound');
    await deleteAgreementRow(trx, id);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'partner_agreement',
      entityId: id,
      operation: 'delete',
      changes: [
        { field: 'title', before: row.title, after: null },
        { field: 'ends_on', before: row.ends_on, after: null },
        { field: 'file', before: row.file_name, after: null },
      ].filter((c) => c.before !== null),
    });
    return { ok: true, value: null };
  });
}

/** The signed file of an agreement the user may read (every signed-in role), ready to send; undefined otherwise. */
export async function getAgreementFile(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; contentType: string; disposition: string } | undefined> {
  const row = await findAgreementFile(db, user.institutionId, id);
  if (!row?.file_content_base64 || !row.file_name || !row.file_content_type) return undefined;
  const buffer = Buffer.from(row.file_content_base64, 'base64');
  const bytes = new Uint8Array(new ArrayBuffer(buffer.byteLength));
  bytes.set(buffer);
  return { bytes, contentType: row.file_content_type, disposition: attachmentHeader(row.file_name) };
}

/** Adds a contact at a partner (officer, pilot). */
export async function addContact(
  db: Kysely<DB>,
  user: Pick<SessionUser, 'id' | 'institutionId' | 'displayName' | 'role'>,
  partnerId: string,
  input: ContactInput,
): Promise<AgreementResult<{ id: string }>> {
  if (!canEditPartners(user as SessionUser)) return fail('partners.error.forbidden');
  if (!(await findPartner(db, user.institutionId, partnerId))) return fail('partners.error.notFound');
  const parsed = contactInputSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'name');
    return fail(`partners.contact.error.${field}` as AgreementErrorCode);
  }
  const c = parsed.data;
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await insertContact(trx, { id, partner_id: partnerId, ...c, created_at: nowIso() });
    // The history names the contact, not their details: personal data stays in one place.
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'partner_contact',
      entityId: id,
      operation: 'create',
      changes: [
        { field: 'partner_id', before: null, after: partnerId },
        { field: 'name', before: null, after: c.name },
      ],
    });
  });
  return { ok: true, value: { id } };
}

/** Deletes a contact (officer, pilot); only someone who may see contacts can reach one. */
export async function deleteContact(db: Kysely<DB>, user: SessionUser, id: string): Promise<AgreementResult<null>> {
  if (!canEditPartners(user) || !canSeeContacts(user)) return fail('partners.error.forbidden');
  return db.transaction().execute(async (trx): Promise<AgreementResult<null>> => {
    const row = await findContact(trx, user.institutionId, id);
    if (!row) return fail('partners.error.notFound');
    await deleteContactRow(trx, id);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'partner_contact',
      entityId: id,
      operation: 'delete',
      changes: [{ field: 'name', before: row.name, after: null }],
    });
    return { ok: true, value: null };
  });
}
