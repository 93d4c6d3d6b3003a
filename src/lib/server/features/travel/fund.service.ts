import type { Kysely } from 'kysely';
import { z } from 'zod';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { suggestedCarbonPrice } from './compensation';
import {
  findCarbonPriceRow,
  findInstitutionBySlug,
  findInstitutionSlug,
  insertFundEntry,
  listFundEntries,
  listTripIdsOfYear,
  sumTripContributionsByYear,
  upsertCarbonPrice,
} from './fund.queries';

export type FundResult<T, C extends string> = { ok: true; value: T } | { ok: false; error: { code: C } };

/** Highest internal price accepted, EUR per tonne: far above any published value (Quinet 2050: 775). */
export const MAX_CARBON_PRICE_EUROS = 10_000;
/** Highest single fund entry accepted, in euros: catches a typing slip, not a policy. */
export const MAX_FUND_ENTRY_EUROS = 10_000_000;
export const MAX_FUND_LABEL_LENGTH = 200;
export const MAX_FUND_DESCRIPTION_LENGTH = 2000;
export const FUND_ENTRY_KINDS = ['income', 'disbursement'] as const;
export type FundEntryKind = (typeof FUND_ENTRY_KINDS)[number];

const CENTS_PER_EURO = 100;
/** Trips linked from a year of the ledger; the trips list holds the others. */
export const FUND_TRIP_LINKS = 100;

export interface CarbonPrice {
  year: number;
  pricePerTonneEuros: number;
  /** true when the institution has not set a price for the year: the French suggested value is used. */
  suggested: boolean;
  /** Name of the suggested value's source; null for the institution's own price. */
  source: string | null;
  updatedAt: string | null;
}

export function canManageFund(user: SessionUser): boolean {
  return user.role === 'admin';
}

/** The institution's internal carbon price for a year; the suggested French value, flagged, when none is set. */
export async function getCarbonPrice(db: Kysely<DB>, institutionId: string, year: number): Promise<CarbonPrice> {
  const row = await findCarbonPriceRow(db, institutionId, year);
  if (row) {
    return {
      year,
      pricePerTonneEuros: row.price_cents_per_tonne / CENTS_PER_EURO,
      suggested: false,
      source: null,
      updatedAt: row.updated_at,
    };
  }
  const suggestion = suggestedCarbonPrice(year);
  return {
    year,
    pricePerTonneEuros: suggestion.pricePerTonneEuros,
    suggested: true,
    source: suggestion.source,
    updatedAt: null,
  };
}

/** Euros with at most two decimals, so the cents are exact. */
const eurosSchema = (max: number) =>
  z
    .number()
    .finite()
    .min(0)
    .max(max)
    .refine((v) => Math.abs(Math.round(v * CENTS_PER_EURO) - v * CENTS_PER_EURO) < 1e-6);

export const carbonPriceSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  euros: eurosSchema(MAX_CARBON_PRICE_EUROS),
});

/** Sets the internal price of a year (admin only), 0 to 10 000 EUR/t; the history keeps the old and new values. */
export async function setCarbonPrice(
  db: Kysely<DB>,
  user: SessionUser,
  year: number,
  euros: number,
): Promise<FundResult<{ changed: boolean }, 'fund.error.forbidden' | 'fund.error.price'>> {
  if (!canManageFund(user)) return { ok: false, error: { code: 'fund.error.forbidden' } };
  const parsed = carbonPriceSchema.safeParse({ year, euros });
  if (!parsed.success) return { ok: false, error: { code: 'fund.error.price' } };
  const cents = Math.round(parsed.data.euros * CENTS_PER_EURO);
  return db.transaction().execute(async (trx) => {
    const row = await findCarbonPriceRow(trx, user.institutionId, year);
    if (row && row.price_cents_per_tonne === cents) return { ok: true, value: { changed: false } } as const;
    await upsertCarbonPrice(
      trx,
      {
        institution_id: user.institutionId,
        year,
        price_cents_per_tonne: cents,
        updated_at: nowIso(),
        updated_by: user.id,
      },
      row !== undefined,
    );
    // One history per institution; the field names the year, the values are cents per tonne.
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'carbon_price',
      entityId: user.institutionId,
      operation: row ? 'update' : 'create',
      changes: [{ field: String(year), before: row ? String(row.price_cents_per_tonne) : null, after: String(cents) }],
    });
    return { ok: true, value: { changed: true } } as const;
  });
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v));

/** What the add-entry form sends, parsed at the edge and again by the service. */
export const fundEntrySchema = z.object({
  kind: z.enum(FUND_ENTRY_KINDS),
  date: isoDate,
  amountEuros: eurosSchema(MAX_FUND_ENTRY_EUROS).refine((v) => v > 0),
  label: z.string().trim().min(1).max(MAX_FUND_LABEL_LENGTH),
  description: z
    .string()
    .trim()
    .max(MAX_FUND_DESCRIPTION_LENGTH)
    .nullish()
    .transform((v) => (v ? v : null)),
  sdgs: z
    .array(z.number().int().min(1).max(17))
    .default([])
    .transform((v) => [...new Set(v)].sort((a, b) => a - b)),
});
export type FundEntryInput = z.input<typeof fundEntrySchema>;

export type FundEntryErrorCode =
  | 'fund.error.forbidden'
  | 'fund.error.kind'
  | 'fund.error.date'
  | 'fund.error.amount'
  | 'fund.error.label'
  | 'fund.error.description'
  | 'fund.error.sdgs';

const ENTRY_FIELD_CODES: Record<string, FundEntryErrorCode> = {
  kind: 'fund.error.kind',
  date: 'fund.error.date',
  amountEuros: 'fund.error.amount',
  label: 'fund.error.label',
  description: 'fund.error.description',
  sdgs: 'fund.error.sdgs',
};

/** The entry as the schema reads it, or the code of the first field it refuses. */
export function parseFundEntryInput(
  input: FundEntryInput,
): { ok: true; value: z.output<typeof fundEntrySchema> } | { ok: false; error: { code: FundEntryErrorCode } } {
  const parsed = fundEntrySchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const field = String(parsed.error.issues[0]?.path[0] ?? 'amountEuros');
  return { ok: false, error: { code: ENTRY_FIELD_CODES[field] ?? 'fund.error.amount' } };
}

/** Records another income or a disbursement of the fund (admin only), with an audit event. */
export async function addFundEntry(
  db: Kysely<DB>,
  user: SessionUser,
  input: FundEntryInput,
): Promise<FundResult<{ id: string }, FundEntryErrorCode>> {
  if (!canManageFund(user)) return { ok: false, error: { code: 'fund.error.forbidden' } };
  const parsed = parseFundEntryInput(input);
  if (!parsed.ok) return parsed;
  const entry = parsed.value;
  const id = newId();
  const amountCents = Math.round(entry.amountEuros * CENTS_PER_EURO);
  const sdgs = entry.sdgs.length ? JSON.stringify(entry.sdgs) : null;
  await db.transaction().execute(async (trx) => {
    await insertFundEntry(trx, {
      id,
      institution_id: user.institutionId,
      kind: entry.kind,
      entry_date: entry.date,
      amount_cents: amountCents,
      label: entry.label,
      description: entry.description,
      project_sdgs: sdgs,
      created_at: nowIso(),
      created_by: user.id,
    });
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'fund_entry',
      entityId: id,
      operation: 'create',
      changes: [
        { field: 'kind', before: null, after: entry.kind },
        { field: 'entry_date', before: null, after: entry.date },
        { field: 'amount_cents', before: null, after: String(amountCents) },
        { field: 'label', before: null, after: entry.label },
        { field: 'project_sdgs', before: null, after: sdgs },
      ],
    });
  });
  return { ok: true, value: { id } };
}

export interface FundEntryView {
  id: string;
  kind: FundEntryKind;
  date: string;
  amountCents: number;
  label: string;
  description: string | null;
  sdgs: number[];
}

export interface FundYear {
  year: number;
  contributions: {
    cents: number;
    tripCount: number;
    /** The first trips behind the figure (at most FUND_TRIP_LINKS), as link targets; empty for roles that cannot open other people's trips. */
    tripIds: string[];
  };
  incomes: FundEntryView[];
  disbursements: FundEntryView[];
  incomeCents: number;
  disbursementCents: number;
  /** contributions + other income − disbursements of the year. */
  balanceCents: number;
  /** Balance carried from the first year up to the end of this one. */
  runningBalanceCents: number;
}

const sdgListSchema = z.array(z.number().int().min(1).max(17));

function sdgsOf(json: string | null): number[] {
  if (!json) return [];
  const parsed = sdgListSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

export function entryView(row: {
  id: string;
  kind: string;
  entry_date: string;
  amount_cents: number;
  label: string;
  description: string | null;
  project_sdgs: string | null;
}): FundEntryView {
  return {
    id: row.id,
    kind: row.kind === 'income' ? 'income' : 'disbursement',
    date: row.entry_date,
    amountCents: row.amount_cents,
    label: row.label,
    description: row.description,
    sdgs: sdgsOf(row.project_sdgs),
  };
}

const yearOf = (isoDate: string) => Number(isoDate.slice(0, 4));

/** Every year of the fund, oldest first, with the running balance (every signed-in role reads it). */
async function buildLedger(db: Kysely<DB>, institutionId: string, withTripIds: boolean): Promise<FundYear[]> {
  const [contributions, entries] = await Promise.all([
    sumTripContributionsByYear(db, institutionId),
    listFundEntries(db, institutionId),
  ]);
  const years = new Map<number, FundYear>();
  const yearRow = (year: number): FundYear => {
    let row = years.get(year);
    if (!row) {
      row = {
        year,
        contributions: { cents: 0, tripCount: 0, tripIds: [] },
        incomes: [],
        disbursements: [],
        incomeCents: 0,
        disbursementCents: 0,
        balanceCents: 0,
        runningBalanceCents: 0,
      };
      years.set(year, row);
    }
    return row;
  };
  for (const contribution of contributions) {
    const row = yearRow(contribution.year);
    row.contributions.cents = contribution.cents;
    row.contributions.tripCount = contribution.tripCount;
    if (withTripIds)
      row.contributions.tripIds = await listTripIdsOfYear(db, institutionId, contribution.year, FUND_TRIP_LINKS);
  }
  for (const entry of entries.map(entryView)) {
    const row = yearRow(yearOf(entry.date));
    if (entry.kind === 'income') {
      row.incomes.push(entry);
      row.incomeCents += entry.amountCents;
    } else {
      row.disbursements.push(entry);
      row.disbursementCents += entry.amountCents;
    }
  }
  let running = 0;
  const ordered = [...years.values()].sort((a, b) => a.year - b.year);
  for (const row of ordered) {
    row.balanceCents = row.contributions.cents + row.incomeCents - row.disbursementCents;
    running += row.balanceCents;
    row.runningBalanceCents = running;
  }
  return ordered;
}

/**
 * The fund's ledger by year: trip contributions (with the trips behind them for the admin), other income,
 * disbursements, the balance of each year and the running balance. One year when `year` is given.
 */
export async function getFundLedger(db: Kysely<DB>, user: SessionUser, year?: number): Promise<FundYear[]> {
  const ledger = await buildLedger(db, user.institutionId, canManageFund(user));
  return year === undefined ? ledger : ledger.filter((y) => y.year === year);
}

export interface PublicFundYear {
  year: number;
  collectedCents: number;
  disbursedCents: number;
  disbursements: FundEntryView[];
}

export interface PublicFundReport {
  institutionName: string;
  years: PublicFundYear[];
  totalCollectedCents: number;
  totalDisbursedCents: number;
}

/**
 * What the fund financed, for anyone without signing in: disbursements (label, date, amount, SDGs,
 * description) and totals by year. No trip, traveller or person appears; undefined for an unknown slug.
 */
export async function getPublicFundReport(
  db: Kysely<DB>,
  institutionSlug: string,
): Promise<PublicFundReport | undefined> {
  const institution = await findInstitutionBySlug(db, institutionSlug);
  if (!institution) return undefined;
  const ledger = await buildLedger(db, institution.id, false);
  const years = ledger
    .map((y) => ({
      year: y.year,
      collectedCents: y.contributions.cents + y.incomeCents,
      disbursedCents: y.disbursementCents,
      disbursements: y.disbursements,
    }))
    .reverse();
  return {
    institutionName: institution.name,
    years,
    totalCollectedCents: years.reduce((sum, y) => sum + y.collectedCents, 0),
    totalDisbursedCents: years.reduce((sum, y) => sum + y.disbursedCents, 0),
  };
}

/** Path of the institution's public fund page (`/fund/<slug>`); undefined for an unknown institution. */
export async function getPublicFundPath(db: Kysely<DB>, institutionId: string): Promise<string | undefined> {
  const slug = await findInstitutionSlug(db, institutionId);
  return slug === undefined ? undefined : `/fund/${encodeURIComponent(slug)}`;
}
