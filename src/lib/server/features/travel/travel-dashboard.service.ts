/**
 * The business-travel dashboard of one year: emissions, legs and trips by
 * mode, unit, purpose, month and traveller category, the year's totals, the
 * flights the train-first rule flagged and the fund's balance.
 *
 * Decisions:
 * - Scope: the admin and the committee read the whole institution's figures,
 *   everyone else the trips they declared. trips.service lets only the admin
 *   open other people's trips; the dashboard shows sums, never a trip or a
 *   traveller, and the committee steers the travel policy, so it reads the
 *   institution's sums too (it still cannot open a trip or the flags list).
 * - Every figure is a GROUP BY in the database: an institution may hold a
 *   million legs, the page receives a few dozen rows.
 * - A leg counts under the year its trip left; a round trip is one leg.
 * - Purposes are free text: grouped by trimmed, case-folded text (spaces
 *   collapsed), the ten heaviest named, the rest summed as "other", and trips
 *   without a purpose apart.
 * - The fund balance is the institution's, whatever the scope: the fund's
 *   ledger is read by every role (fund.service).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { getFundLedger } from './fund.service';
import {
  findTripDateRange,
  type LegGroupRow,
  listUnitNames,
  sumLegsBy,
  sumLegsOfYear,
  type TripFigureScope,
} from './travel-dashboard.queries';
import { TRAVELLER_CATEGORIES } from './trips';
import { TRAIN_FIRST_FLAG_VERDICTS } from './trips.service';

/** Roles that read the whole institution's travel figures; others read their own trips'. */
export const TRAVEL_DASHBOARD_INSTITUTION_ROLES = ['admin', 'committee'] as const;
/** Named purposes shown before the rest is summed as "other". */
export const TOP_PURPOSES = 10;

export interface TravelFigures {
  emissionsGrams: number;
  legs: number;
  /** Trips with at least one leg in the group (a trip by train then plane counts under both modes). */
  trips: number;
}

export type PurposeGroup =
  | { kind: 'purpose'; text: string }
  /** Every purpose past the top ten; `purposes` counts them. */
  | { kind: 'other'; purposes: number }
  | { kind: 'none' };

export interface TravelDashboard {
  year: number;
  /** Years the selector offers, newest first: from the first to the last year with trips, and the shown year. */
  years: number[];
  /** true when the figures cover the whole institution, false for the user's own trips. */
  institution: boolean;
  totals: TravelFigures & { distanceKm: number; contributionCents: number; flaggedLegs: number };
  byMode: (TravelFigures & { mode: string })[];
  byUnit: (TravelFigures & { unitId: string | null; unitName: string | null })[];
  byPurpose: (TravelFigures & { purpose: PurposeGroup })[];
  /** Twelve rows, January first. */
  byMonth: (TravelFigures & { month: number })[];
  /** The four traveller categories in their usual order, then any other stored value. */
  byCategory: (TravelFigures & { category: string })[];
  /** The institution's fund in that year: the year's balance and the balance carried to its end. */
  fund: { balanceCents: number; runningBalanceCents: number };
  /** Whether the page may link to the flags list (admin only, as listTrainFirstFlags). */
  canReadFlags: boolean;
}

function scopeOf(user: SessionUser): TripFigureScope {
  const institution = (TRAVEL_DASHBOARD_INSTITUTION_ROLES as readonly string[]).includes(user.role);
  return { institutionId: user.institutionId, userId: user.id, everyone: institution };
}

const figures = (row: LegGroupRow | undefined): TravelFigures => ({
  emissionsGrams: row?.emissionsGrams ?? 0,
  legs: row?.legs ?? 0,
  trips: row?.trips ?? 0,
});

/** Heaviest first; ties by legs, then by name, so the order never depends on the database. */
function byWeight<T extends TravelFigures>(name: (row: T) => string) {
  return (a: T, b: T) => b.emissionsGrams - a.emissionsGrams || b.legs - a.legs || name(a).localeCompare(name(b), 'fr');
}

/** The text purposes are grouped by: trimmed, spaces collapsed, case-folded. */
export function foldPurpose(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('fr');
}

/**
 * Purpose groups from rows grouped by trimmed text: spellings that fold alike
 * merge (named after their most used spelling), the `top` heaviest are named,
 * the rest summed as "other", then the trips without a purpose.
 */
export function groupPurposes(rows: LegGroupRow[], top = TOP_PURPOSES): (TravelFigures & { purpose: PurposeGroup })[] {
  const none: TravelFigures = { emissionsGrams: 0, legs: 0, trips: 0 };
  const groups = new Map<string, TravelFigures & { spellings: Map<string, number> }>();
  const add = (sums: TravelFigures, row: LegGroupRow) => {
    sums.emissionsGrams += row.emissionsGrams;
    sums.legs += row.legs;
    // A trip has one purpose: the groups are disjoint, so their trip counts add up.
    sums.trips += row.trips;
  };
  for (const row of rows) {
    const text = row.key?.trim().replace(/\s+/g, ' ') ?? '';
    if (!text) {
      add(none, row);
      continue;
    }
    const folded = foldPurpose(text);
    const group = groups.get(folded) ?? { emissionsGrams: 0, legs: 0, trips: 0, spellings: new Map() };
    add(group, row);
    group.spellings.set(text, (group.spellings.get(text) ?? 0) + row.legs);
    groups.set(folded, group);
  }
  const named = [...groups.values()].map(({ spellings, ...sums }) => {
    const [text] = [...spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fr'))[0];
    return { ...sums, purpose: { kind: 'purpose', text } as PurposeGroup };
  });
  named.sort(byWeight((r) => (r.purpose.kind === 'purpose' ? r.purpose.text : '')));
  const out = named.slice(0, top);
  const rest = named.slice(top);
  if (rest.length) {
    out.push({
      emissionsGrams: rest.reduce((sum, r) => sum + r.emissionsGrams, 0),
      legs: rest.reduce((sum, r) => sum + r.legs, 0),
      trips: rest.reduce((sum, r) => sum + r.trips, 0),
      purpose: { kind: 'other', purposes: rest.length },
    });
  }
  if (none.legs) out.push({ ...none, purpose: { kind: 'none' } });
  return out;
}

function monthsOf(rows: LegGroupRow[]): (TravelFigures & { month: number })[] {
  const byMonth = new Map(rows.map((r) => [Number(r.key), r]));
  return Array.from({ length: 12 }, (_, i) => ({ month: i + 1, ...figures(byMonth.get(i + 1)) }));
}

function categoriesOf(rows: LegGroupRow[]): (TravelFigures & { category: string })[] {
  const byKey = new Map(rows.map((r) => [r.key ?? '', r]));
  const known: readonly string[] = TRAVELLER_CATEGORIES;
  return [
    ...known.map((category) => ({ category, ...figures(byKey.get(category)) })),
    ...rows.filter((r) => !known.includes(r.key ?? '')).map((r) => ({ category: r.key ?? '', ...figures(r) })),
  ];
}

const yearOf = (isoDate: string) => Number(isoDate.slice(0, 4));

/**
 * The dashboard of `year` (by default the last year with trips in the user's
 * scope, else the current year) for the user's scope: the whole institution
 * for the admin and the committee, their own trips for everyone else.
 */
export async function getTravelDashboard(
  db: Kysely<DB>,
  user: SessionUser,
  options: { year?: number; currentYear?: number } = {},
): Promise<TravelDashboard> {
  const scope = scopeOf(user);
  const range = await findTripDateRange(db, scope);
  const currentYear = options.currentYear ?? new Date().getUTCFullYear();
  const year = options.year ?? (range ? yearOf(range.last) : currentYear);
  const years = new Set<number>([year]);
  if (range) for (let y = yearOf(range.first); y <= yearOf(range.last); y++) years.add(y);

  const [totals, modes, units, purposes, months, categories, unitNames, ledger] = await Promise.all([
    sumLegsOfYear(db, scope, year, TRAIN_FIRST_FLAG_VERDICTS),
    sumLegsBy(db, scope, year, 'mode'),
    sumLegsBy(db, scope, year, 'unit'),
    sumLegsBy(db, scope, year, 'purpose'),
    sumLegsBy(db, scope, year, 'month'),
    sumLegsBy(db, scope, year, 'category'),
    listUnitNames(db, user.institutionId),
    getFundLedger(db, user),
  ]);
  const fundYear = ledger.find((y) => y.year === year);
  const before = ledger.filter((y) => y.year < year).at(-1);

  return {
    year,
    years: [...years].sort((a, b) => b - a),
    institution: scope.everyone,
    totals: {
      emissionsGrams: totals.emissionsGrams,
      legs: totals.legs,
      trips: totals.trips,
      distanceKm: totals.distanceMetres / 1000,
      contributionCents: totals.contributionCents,
      flaggedLegs: totals.flaggedLegs,
    },
    byMode: modes.map((r) => ({ mode: r.key ?? '', ...figures(r) })).sort(byWeight((r) => r.mode)),
    byUnit: units
      .map((r) => ({ unitId: r.key, unitName: r.key ? (unitNames.get(r.key) ?? null) : null, ...figures(r) }))
      .sort(byWeight((r) => r.unitName ?? '')),
    byPurpose: groupPurposes(purposes),
    byMonth: monthsOf(months),
    byCategory: categoriesOf(categories),
    fund: {
      balanceCents: fundYear?.balanceCents ?? 0,
      runningBalanceCents: fundYear?.runningBalanceCents ?? before?.runningBalanceCents ?? 0,
    },
    canReadFlags: user.role === 'admin',
  };
}
