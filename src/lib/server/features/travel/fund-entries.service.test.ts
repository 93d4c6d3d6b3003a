import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import { listAuditForEntity } from '../audit';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { addFundEntry, getFundLedger } from './fund.service';
import { deleteFundEntry, getFundEntry, updateFundEntry } from './fund-entries.service';

describeEachDialect('corrections of the fund ledger', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
  });

  const ledgerOf2033 = async () => (await getFundLedger(get().db, admin, 2033))[0];

  test('an entry is corrected with its history, then deleted with its values kept in the audit trail', async () => {
    const { db } = get();
    const added = await addFundEntry(db, admin, {
      kind: 'disbursement',
      date: '2033-03-01',
      amountEuros: 1200,
      label: 'Abris vélos',
      sdgs: [11],
    });
    if (!added.ok) throw new Error(added.error.code);
    expect((await ledgerOf2033())?.balanceCents).toBe(-120_000);

    // A typo in the amount: 1 200 € was 2 100 €, and the project also serves SDG 13.
    const corrected = await updateFundEntry(db, admin, added.value.id, {
      kind: 'disbursement',
      date: '2033-03-01',
      amountEuros: 2100,
      label: 'Abris vélos',
      sdgs: [13, 11],
    });
    expect(corrected).toEqual({ ok: true, value: { changed: 2 } });
    expect(await getFundEntry(db, admin, added.value.id)).toMatchObject({ amountCents: 210_000, sdgs: [11, 13] });
    expect((await ledgerOf2033())?.balanceCents).toBe(-210_000);
    const history = await listAuditForEntity(db, 'fund_entry', added.value.id);
    expect(history.filter((h) => h.operation === 'update').map((h) => [h.field, h.before, h.after])).toEqual(
      expect.arrayContaining([
        ['amount_cents', '120000', '210000'],
        ['project_sdgs', '[11]', '[11,13]'],
      ]),
    );

    // The same values again change nothing and write no event.
    const again = await updateFundEntry(db, admin, added.value.id, {
      kind: 'disbursement',
      date: '2033-03-01',
      amountEuros: 2100,
      label: 'Abris vélos',
      sdgs: [11, 13],
    });
    expect(again).toEqual({ ok: true, value: { changed: 0 } });

    // A bad amount is refused with the field's code and writes nothing.
    expect(
      await updateFundEntry(db, admin, added.value.id, {
        kind: 'income',
        date: '2033-03-01',
        amountEuros: -5,
        label: 'x',
      }),
    ).toEqual({ ok: false, error: { code: 'fund.error.amount' } });
    expect(await getFundEntry(db, admin, added.value.id)).toMatchObject({ kind: 'disbursement', amountCents: 210_000 });

    expect(await deleteFundEntry(db, admin, added.value.id)).toEqual({ ok: true, value: null });
    expect(await getFundEntry(db, admin, added.value.id)).toBeUndefined();
    expect(await ledgerOf2033()).toBeUndefined();
    const deleted = (await listAuditForEntity(db, 'fund_entry', added.value.id)).filter(
      (h) => h.operation === 'delete',
    );
    expect(deleted.find((h) => h.field === 'amount_cents')).toMatchObject({ before: '210000', after: null });
    expect(await deleteFundEntry(db, admin, added.value.id)).toEqual({
      ok: false,
      error: { code: 'fund.error.notFound' },
    });
  });

  test('only the officer corrects the ledger, and only within the institution', async () => {
    const { db } = get();
    const added = await addFundEntry(db, admin, { kind: 'income', date: '2033-05-01', amountEuros: 50, label: 'Don' });
    if (!added.ok) throw new Error(added.error.code);
    const input = { kind: 'income' as const, date: '2033-05-01', amountEuros: 5000, label: 'Don' };
    expect(await updateFundEntry(db, pilot, added.value.id, input)).toEqual({
      ok: false,
      error: { code: 'fund.error.forbidden' },
    });
    expect(await deleteFundEntry(db, pilot, added.value.id)).toEqual({
      ok: false,
      error: { code: 'fund.error.forbidden' },
    });
    expect(await getFundEntry(db, pilot, added.value.id)).toBeUndefined();
    const stranger = { ...admin, institutionId: 'another-institution' };
    expect(await updateFundEntry(db, stranger, added.value.id, input)).toEqual({
      ok: false,
      error: { code: 'fund.error.notFound' },
    });
    expect(await getFundEntry(db, admin, added.value.id)).toMatchObject({ amountCents: 5000 });
  });
});
