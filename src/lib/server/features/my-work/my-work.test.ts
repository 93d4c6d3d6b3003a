import { beforeAll, describe, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { recordValue, returnValue, submitValue } from '../indicators';
import { entryYearOf, isPastEnd } from './my-work';
import { getMyWork } from './my-work.service';

describe('my work rules', () => {
  test('the bulk form takes the last period ending in its year; other periods go to the indicator page', () => {
    const today = '2026-03-15';
    expect(entryYearOf('year', '2025', today)).toBe(2025);
    expect(entryYearOf('academic_year', '2024-2025', today)).toBe(2025);
    expect(entryYearOf('quarter', '2025-Q4', today)).toBe(2025);
    expect(entryYearOf('quarter', '2025-Q2', today)).toBeNull();
    // The form offers the current year and the four before.
    expect(entryYearOf('year', '2019', today)).toBeNull();
  });

  test('an action is past its end only while it is still open', () => {
    expect(isPastEnd({ status: 'in_progress', endDate: '2025-12-31' }, '2026-01-01')).toBe(true);
    expect(isPastEnd({ status: 'done', endDate: '2025-12-31' }, '2026-01-01')).toBe(false);
    expect(isPastEnd({ status: 'not_started', endDate: '2026-01-01' }, '2026-01-01')).toBe(false);
    expect(isPastEnd({ status: 'in_progress', endDate: null }, '2026-01-01')).toBe(false);
  });
});

const linked = <T extends { linked: boolean }>(work: T) => {
  if (!work.linked) throw new Error('expected a linked person');
  return work as Extract<T, { linked: true }>;
};

describeEachDialect('my work', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  let waste: string;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    // Robert L. pilots "Rationalisation du gaspillage au restaurant"; no demo value has been entered for it.
    const indicator = await db
      .selectFrom('indicator')
      .select('id')
      .where('name', '=', '% de baisse/an')
      .executeTakeFirstOrThrow();
    waste = indicator.id;
  });

  test('the demo pilot sees the actions he pilots, with their plan', async () => {
    const work = linked(await getMyWork(get().db, pilot, '2026-03-15'));
    expect(work.person.displayName).toBe('Robert L.');
    expect(work.entersValues).toBe(true);
    expect(work.actions.map((a) => a.title)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Compostage des déchets/),
        'Rationalisation du gaspillage au restaurant',
      ]),
    );
    expect(work.actions.every((a) => a.planTitle === "Plan d'action RES 2023/2027")).toBe(true);
    expect(work.indicatorCount).toBeGreaterThan(0);
    const counted = Object.values(work.statusCounts).reduce((sum, n) => sum + n, 0);
    expect(counted).toBe(work.indicatorCount);
  });

  test('a value the officer returns shows with its reason, who returned it and when', async () => {
    const { db } = get();
    expect(
      await recordValue(db, pilot, { indicatorId: waste, period: '2024', value: '4', expectedVersion: null }),
    ).toMatchObject({ ok: true });
    expect(await submitValue(db, pilot, { indicatorId: waste, period: '2024' })).toMatchObject({ ok: true });
    const reason = 'Préciser la méthode de pesée des déchets alimentaires.';
    expect(await returnValue(db, admin, { indicatorId: waste, period: '2024', reason })).toMatchObject({ ok: true });

    const work = linked(await getMyWork(db, pilot, '2026-03-15'));
    const returned = work.returned.find((v) => v.indicatorId === waste);
    expect(returned).toMatchObject({
      indicatorName: '% de baisse/an',
      period: '2024',
      valueMilli: 4000,
      reason,
      returnedBy: admin.displayName,
    });
    expect(returned?.returnedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The demo's own returned value (compost weighing) is listed too.
    expect(work.returned.map((v) => v.indicatorName)).toContain('Kg de compost produit/an');
  });

  test('a submitted value waits for validation until the officer decides', async () => {
    const { db } = get();
    expect(
      await recordValue(db, pilot, { indicatorId: waste, period: '2023', value: '2', expectedVersion: null }),
    ).toMatchObject({ ok: true });
    expect(await submitValue(db, pilot, { indicatorId: waste, period: '2023' })).toMatchObject({ ok: true });
    const work = linked(await getMyWork(db, pilot, '2026-03-15'));
    expect(work.submitted.filter((v) => v.indicatorId === waste).map((v) => v.period)).toEqual(['2023']);
    expect(work.returned.some((v) => v.indicatorId === waste && v.period === '2023')).toBe(false);
    // The pilot has no validation queue; the officer finds the value in theirs, with who submitted it.
    expect(work.toValidate).toBeNull();
    const officer = linked(await getMyWork(db, admin, '2026-03-15'));
    expect(officer.toValidate?.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          indicatorId: waste,
          period: '2023',
          enteredBy: expect.stringMatching(/^Robert L\./),
        }),
      ]),
    );
    expect(officer.toValidate?.total).toBe(officer.toValidate?.rows.length);
  });

  test('an update past its grace days is overdue, the last one within them is due', async () => {
    const { db } = get();
    // Default grace: 30 days after the period ends.
    const march = linked(await getMyWork(db, pilot, '2026-03-15'));
    expect(march.updates.find((u) => u.indicatorId === waste)).toMatchObject({
      period: '2025',
      status: 'overdue',
      dueDate: '2026-01-30',
      days: 44,
      pendingState: null,
      entryYear: 2025,
      actionTitle: 'Rationalisation du gaspillage au restaurant',
    });
    expect(march.updates[0].status).toBe('overdue');

    // Mid-January: 2025 is still due; 2024, returned, is overdue.
    const january = linked(await getMyWork(db, pilot, '2026-01-15'));
    const mine = january.updates.filter((u) => u.indicatorId === waste);
    expect(mine.map((u) => [u.period, u.status, u.days, u.pendingState])).toEqual([
      ['2024', 'overdue', 350, 'returned'],
      ['2025', 'due', 15, null],
    ]);
  });

  test('a committee member with a person reads their actions but is not asked to enter values', async () => {
    const committee = await sessionUserByEmail(get().db, 'referent.dde@demo.trajectoire.test');
    const work = linked(await getMyWork(get().db, committee, '2026-03-15'));
    expect(work.entersValues).toBe(false);
    expect(work.actions.length).toBeGreaterThan(0);
  });

  test('an account linked to no person gets the empty state, not an error', async () => {
    const { db } = get();
    for (const email of ['lecteur@demo.trajectoire.test', 'contributeur@demo.trajectoire.test']) {
      expect(await getMyWork(db, await sessionUserByEmail(db, email), '2026-03-15')).toEqual({
        linked: false,
        toValidate: null,
      });
    }
    // A person of another institution is no one here.
    expect(await getMyWork(db, { ...pilot, institutionId: 'another-institution' }, '2026-03-15')).toEqual({
      linked: false,
      toValidate: null,
    });
  });
});
