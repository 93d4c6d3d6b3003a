/**
 * Corrections of the fund's ledger: an income or a disbursement entered by
 * mistake is edited or deleted by the officer, and every change stays in the
 * audit trail (who, when, the value before and after), so the ledger's
 * history can always be told. Trip contributions are not entries: they follow
 * their trips.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { deleteFundEntryRow, findFundEntry, updateFundEntryRow } from './fund.queries';
import {
  canManageFund,
  entryView,
  type FundEntryErrorCode,
  type FundEntryInput,
  type FundEntryView,
  type FundResult,
  parseFundEntryInput,
} from './fund.service';

const CENTS_PER_EURO = 100;

/** One income or disbursement, for its edit page (admin only); undefined when it is not the institution's. */
export async function getFundEntry(
  db: Kysely<DB>,
  user: SessionUser,
  entryId: string,
): Promise<FundEntryView | undefined> {
  if (!canManageFund(user)) return undefined;
  const row = await findFundEntry(db, user.institutionId, entryId);
  return row ? entryView(row) : undefined;
}

/** Corrects an entry (admin only); the audit event lists each field that changed, before and after. */
export async function updateFundEntry(
  db: Kysely<DB>,
  user: SessionUser,
  entryId: string,
  input: FundEntryInput,
): Promise<FundResult<{ changed: number }, FundEntryErrorCode | 'fund.error.notFound'>> {
  if (!canManageFund(user)) return { ok: false, error: { code: 'fund.error.forbidden' } };
  const parsed = parseFundEntryInput(input);
  if (!parsed.ok) return parsed;
  const entry = parsed.value;
  const after = {
    kind: entry.kind,
    entry_date: entry.date,
    amount_cents: Math.round(entry.amountEuros * CENTS_PER_EURO),
    label: entry.label,
    description: entry.description,
    project_sdgs: entry.sdgs.length ? JSON.stringify(entry.sdgs) : null,
  };
  return db.transaction().execute(async (trx) => {
    const before = await findFundEntry(trx, user.institutionId, entryId);
    if (!before) return { ok: false, error: { code: 'fund.error.notFound' } } as const;
    const changes = (Object.keys(after) as (keyof typeof after)[])
      .filter((field) => String(before[field] ?? '') !== String(after[field] ?? ''))
      .map((field) => ({
        field,
        before: before[field] === null ? null : String(before[field]),
        after: after[field] === null ? null : String(after[field]),
      }));
    if (changes.length === 0) return { ok: true, value: { changed: 0 } } as const;
    await updateFundEntryRow(trx, user.institutionId, entryId, after);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'fund_entry',
      entityId: entryId,
      operation: 'update',
      changes,
    });
    return { ok: true, value: { changed: changes.length } } as const;
  });
}

/** Deletes an entry (admin only); the audit event keeps every value it had. */
export async function deleteFundEntry(
  db: Kysely<DB>,
  user: SessionUser,
  entryId: string,
): Promise<FundResult<null, 'fund.error.forbidden' | 'fund.error.notFound'>> {
  if (!canManageFund(user)) return { ok: false, error: { code: 'fund.error.forbidden' } };
  return db.transaction().execute(async (trx) => {
    const before = await findFundEntry(trx, user.institutionId, entryId);
    if (!before) return { ok: false, error: { code: 'fund.error.notFound' } } as const;
    await deleteFundEntryRow(trx, user.institutionId, entryId);
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'fund_entry',
      entityId: entryId,
      operation: 'delete',
      changes: (['kind', 'entry_date', 'amount_cents', 'label', 'description', 'project_sdgs'] as const).map(
        (field) => ({ field, before: before[field] === null ? null : String(before[field]), after: null }),
      ),
    });
    return { ok: true, value: null } as const;
  });
}
