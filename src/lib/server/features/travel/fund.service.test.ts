import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { contributionCents, suggestedCarbonPrice } from './compensation';
import { addFundEntry, getCarbonPrice, getFundLedger, getPublicFundReport, setCarbonPrice } from './fund.service';
import type { DeclareTripInput } from './trips';
import { declareTrip } from './trips.service';

/** Alès → Montpellier by train, one way: no train-first rule, a small contribution. */
function aTrainTrip(date: string): DeclareTripInput {
  return {
    from: 'Alès',
    to: 'Montpellier',
    mode: 'train_regional',
    roundTrip: false,
    passengers: 1,
    method: 'ges1point5',
    contrails: true,
    date,
    purpose: 'Réunion',
    category: 'staff',
  };
}

/** Alès → Paris-CDG by plane and back, justified: a contribution of several euros. */
function aFlight(date: string): DeclareTripInput {
  return {
    ...aTrainTrip(date),
    to: 'CDG',
    mode: 'plane',
    roundTrip: true,
    justification: 'Correspondance vers un vol international',
  };
}

describeEachDialect('the compensation fund', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  let institutionSlug: string;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    institutionSlug = (
      await db.selectFrom('institution').select('slug').where('id', '=', admin.institutionId).executeTakeFirstOrThrow()
    ).slug;
  });

  test('without a price of its own the institution sees the suggested French value, flagged', async () => {
    const price = await getCarbonPrice(get().db, admin.institutionId, 2031);
    expect(price).toMatchObject({
      year: 2031,
      pricePerTonneEuros: suggestedCarbonPrice(2031).pricePerTonneEuros,
      suggested: true,
      updatedAt: null,
    });
    expect(price.source).toBe(suggestedCarbonPrice(2031).source);
  });

  test('a trip declared without a price for its year contributes at the suggested value', async () => {
    const { db } = get();
    const declared = await declareTrip(db, pilot, aFlight('2029-02-10'));
    if (!declared.ok) throw new Error(declared.error.code);
    const leg = await db
      .selectFrom('trip_leg')
      .select(['emissions_g', 'price_cents_per_tonne', 'contribution_cents'])
      .where('trip_id', '=', declared.value.tripId)
      .executeTakeFirstOrThrow();
    const suggested = suggestedCarbonPrice(2029).pricePerTonneEuros;
    expect(leg.price_cents_per_tonne).toBe(suggested * 100);
    expect(leg.contribution_cents).toBe(contributionCents(leg.emissions_g, suggested));
  });

  test('a price set for 2026 is used by a trip declared in 2026, and audited', async () => {
    const { db } = get();
    const set = await setCarbonPrice(db, admin, 2026, 87.5);
    expect(set).toEqual({ ok: true, value: { changed: true } });
    expect(await getCarbonPrice(db, admin.institutionId, 2026)).toMatchObject({
      pricePerTonneEuros: 87.5,
      suggested: false,
      source: null,
    });
    const declared = await declareTrip(db, pilot, aFlight('2026-05-04'));
    if (!declared.ok) throw new Error(declared.error.code);
    const leg = await db
      .selectFrom('trip_leg')
      .select(['emissions_g', 'price_cents_per_tonne', 'contribution_cents'])
      .where('trip_id', '=', declared.value.tripId)
      .executeTakeFirstOrThrow();
    expect(leg.price_cents_per_tonne).toBe(8750);
    // grams / 1e6 x 87.5 EUR/t x 100, rounded half-up once.
    expect(leg.contribution_cents).toBe(contributionCents(leg.emissions_g, 87.5));
    const audit = await db
      .selectFrom('audit_event')
      .select(['field', 'before_value', 'after_value'])
      .where('entity_type', '=', 'carbon_price')
      .where('entity_id', '=', admin.institutionId)
      .execute();
    expect(audit).toContainEqual({ field: '2026', before_value: null, after_value: '8750' });
  });

  test('a price outside 0–10 000 EUR/t or with fractions of a cent is refused', async () => {
    const { db } = get();
    for (const euros of [-1, 10_000.01, 12.345, Number.NaN]) {
      expect(await setCarbonPrice(db, admin, 2027, euros)).toEqual({ ok: false, error: { code: 'fund.error.price' } });
    }
    expect(await setCarbonPrice(db, admin, 2027, 10_000)).toMatchObject({ ok: true });
    expect(await setCarbonPrice(db, admin, 2027, 0)).toMatchObject({ ok: true });
  });

  test('a non-admin can neither set the price nor add an entry', async () => {
    const { db } = get();
    expect(await setCarbonPrice(db, pilot, 2026, 10)).toEqual({ ok: false, error: { code: 'fund.error.forbidden' } });
    expect(
      await addFundEntry(db, pilot, { kind: 'income', date: '2026-01-01', amountEuros: 10, label: 'Don', sdgs: [] }),
    ).toEqual({ ok: false, error: { code: 'fund.error.forbidden' } });
    expect((await getCarbonPrice(db, admin.institutionId, 2026)).pricePerTonneEuros).toBe(87.5);
  });

  test('an invalid entry is refused with the code of its field', async () => {
    const { db } = get();
    const base = { kind: 'disbursement' as const, date: '2026-06-01', amountEuros: 10, label: 'Projet', sdgs: [7] };
    expect(await addFundEntry(db, admin, { ...base, amountEuros: 0 })).toMatchObject({
      error: { code: 'fund.error.amount' },
    });
    expect(await addFundEntry(db, admin, { ...base, date: '2026-02-30' })).toMatchObject({
      error: { code: 'fund.error.date' },
    });
    expect(await addFundEntry(db, admin, { ...base, label: '  ' })).toMatchObject({
      error: { code: 'fund.error.label' },
    });
    expect(await addFundEntry(db, admin, { ...base, sdgs: [18] })).toMatchObject({
      error: { code: 'fund.error.sdgs' },
    });
  });

  test('the ledger balances over two years: contributions + income − disbursements, carried forward', async () => {
    const { db } = get();
    const train = await declareTrip(db, pilot, aTrainTrip('2027-03-01'));
    if (!train.ok) throw new Error(train.error.code);
    const entries = [
      { kind: 'income', date: '2026-02-01', amountEuros: 1000, label: 'Dotation de la direction', sdgs: [] },
      {
        kind: 'disbursement',
        date: '2026-09-15',
        amountEuros: 450.5,
        label: 'Panneaux solaires du gymnase',
        description: 'Autoconsommation du gymnase',
        sdgs: [13, 7, 7],
      },
      { kind: 'disbursement', date: '2027-04-01', amountEuros: 120, label: 'Abris vélos', sdgs: [11] },
    ] as const;
    for (const entry of entries) {
      const added = await addFundEntry(db, admin, { ...entry, sdgs: [...entry.sdgs] });
      if (!added.ok) throw new Error(added.error.code);
    }

    const ledger = await getFundLedger(db, admin);
    const y2026 = ledger.find((y) => y.year === 2026);
    const y2027 = ledger.find((y) => y.year === 2027);
    if (!y2026 || !y2027) throw new Error('missing year');
    const tripsOf = async (year: string) =>
      db
        .selectFrom('trip')
        .innerJoin('trip_leg', 'trip_leg.trip_id', 'trip.id')
        .select(['trip.id', 'trip_leg.contribution_cents'])
        .where('trip.institution_id', '=', admin.institutionId)
        .where('trip.trip_date', '>=', `${year}-01-01`)
        .where('trip.trip_date', '<=', `${year}-12-31`)
        .execute();
    for (const [row, year] of [
      [y2026, '2026'],
      [y2027, '2027'],
    ] as const) {
      const legs = await tripsOf(year);
      expect(row.contributions.cents).toBe(legs.reduce((sum, l) => sum + l.contribution_cents, 0));
      expect(row.contributions.tripCount).toBe(new Set(legs.map((l) => l.id)).size);
      expect([...row.contributions.tripIds].sort()).toEqual([...new Set(legs.map((l) => l.id))].sort());
      expect(row.balanceCents).toBe(row.contributions.cents + row.incomeCents - row.disbursementCents);
    }
    expect(y2026.incomeCents).toBe(100_000);
    expect(y2026.disbursementCents).toBe(45_050);
    expect(y2026.disbursements[0]).toMatchObject({
      label: 'Panneaux solaires du gymnase',
      sdgs: [7, 13],
      description: 'Autoconsommation du gymnase',
    });
    expect(y2027.disbursementCents).toBe(12_000);
    expect(y2027.contributions.tripIds).toContain(train.value.tripId);
    const index = ledger.indexOf(y2027);
    const before = index > 0 ? ledger[index - 1].runningBalanceCents : 0;
    expect(y2027.runningBalanceCents).toBe(before + y2027.balanceCents);
    expect(ledger.at(-1)?.runningBalanceCents).toBe(ledger.reduce((sum, y) => sum + y.balanceCents, 0));

    // Everyone reads the ledger; only the admin gets the trips behind it.
    const seenByPilot = await getFundLedger(db, pilot, 2026);
    expect(seenByPilot).toHaveLength(1);
    expect(seenByPilot[0]).toMatchObject({ balanceCents: y2026.balanceCents, contributions: { tripIds: [] } });
  });

  test('the public report lists what the fund financed without any traveller or trip detail', async () => {
    const { db } = get();
    const report = await getPublicFundReport(db, institutionSlug);
    if (!report) throw new Error('no report');
    const y2026 = report.years.find((y) => y.year === 2026);
    expect(y2026?.disbursements.map((d) => d.label)).toContain('Panneaux solaires du gymnase');
    expect(report.totalDisbursedCents).toBe(45_050 + 12_000);
    const text = JSON.stringify(report);
    const tripIds = (await db.selectFrom('trip').select(['id', 'traveller_key']).execute()).flatMap((t) => [
      t.id,
      t.traveller_key,
    ]);
    for (const secret of [
      ...tripIds,
      pilot.id,
      pilot.displayName,
      admin.id,
      admin.displayName,
      'Montpellier',
      'CDG',
      'Réunion',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/trip|traveller|declared/i);
    expect(await getPublicFundReport(db, 'no-such-institution')).toBeUndefined();
  });
});
