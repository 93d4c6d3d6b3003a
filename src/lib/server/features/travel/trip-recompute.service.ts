import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { log } from '../../log';
import { type Actor, recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { CARBON_METHODS, type CarbonMethod, type MethodKey } from './methods';
import type { TrainFirstRule } from './train-first';
import { settingsOfRow } from './travel-settings';
import {
  findRecompute,
  findTravelSettingsRow,
  insertRecompute,
  listInstitutionIds,
  listRecomputes,
  type TravelRecomputeRow,
} from './travel-settings.queries';
import {
  type LegUpdate,
  modesWithContrails,
  type RecomputeReason,
  type RecomputeTarget,
  recomputeLeg,
} from './trip-recompute';
import {
  findPageEndTrip,
  hasOutdatedLegs,
  listLegsPage,
  type OutdatedFilter,
  updateLegs,
} from './trip-recompute.queries';
import { detailsOf, newTally, type RecomputeDetails, recomputeDetailsSchema, tallyLeg } from './trip-recompute-tally';

/** The carbon methods a recomputation may use; tests pass their own to simulate a new factor set. */
export type CarbonMethods = Readonly<Record<MethodKey, CarbonMethod>>;

/**
 * Trips read and computed per page (about 5,000 legs at two legs a trip); the
 * changed legs of a page are written in one statement.
 */
export const RECOMPUTE_PAGE_SIZE = 2500;

/** Audit label of the daily job (the changelog itself stores no actor for it). */
const SYSTEM_ACTOR: Actor = { userId: null, label: 'system' };

/** One recomputation, as the changelog shows it. */
export interface RecomputeRun {
  id: string;
  createdAt: string;
  /** Null for the daily system job. */
  actorLabel: string | null;
  reason: RecomputeReason;
  from: { methodKey: string; methodVersion: string; contrails: boolean };
  to: { methodKey: string; methodVersion: string; contrails: boolean };
  legsExamined: number;
  legsChanged: number;
  verdictsChanged: number;
  emissionsBeforeG: number;
  emissionsAfterG: number;
  contributionBeforeCents: number;
  contributionAfterCents: number;
  durationMs: number;
  details: RecomputeDetails;
}

export interface RecomputeOptions {
  methods?: CarbonMethods;
  /** Trips per page (RECOMPUTE_PAGE_SIZE); tests make it small to reach a later page. */
  pageSize?: number;
}

/** What a run inside an open transaction needs; the settings service passes the settings before and after. */
export interface RecomputeWithinInput extends RecomputeOptions {
  institutionId: string;
  actor: Actor | null;
  reason: RecomputeReason;
  target: RecomputeTarget;
  /** The settings in force before the change (the same as the target for a new factor set). */
  from: { methodKey: string; contrails: boolean; trainFirstRule: TrainFirstRule };
  outdated?: OutdatedFilter;
}

function runOf(row: TravelRecomputeRow): RecomputeRun {
  return {
    id: row.id,
    createdAt: row.created_at,
    actorLabel: row.actor_label,
    reason: row.reason === 'factor_set' ? 'factor_set' : 'settings',
    from: {
      methodKey: row.from_method_key,
      methodVersion: row.from_method_version,
      contrails: row.from_contrails === 1,
    },
    to: { methodKey: row.to_method_key, methodVersion: row.to_method_version, contrails: row.to_contrails === 1 },
    legsExamined: row.legs_examined,
    legsChanged: row.legs_changed,
    verdictsChanged: row.verdicts_changed,
    // bigint columns: numbers on both dialects (connect.ts parses int8); Number() keeps the type honest.
    emissionsBeforeG: Number(row.emissions_before_g),
    emissionsAfterG: Number(row.emissions_after_g),
    contributionBeforeCents: Number(row.contribution_before_cents),
    contributionAfterCents: Number(row.contribution_after_cents),
    durationMs: row.duration_ms,
    details: recomputeDetailsSchema.parse(JSON.parse(row.details_json)),
  };
}

/**
 * Recomputes the institution's stored legs inside the caller's transaction:
 * pages of trips by id, their legs computed in memory, the changed ones
 * written in batches, then one changelog row and one audit event. Throws
 * RecomputeLegError when a leg cannot be computed, which rolls everything back.
 */
export async function recomputeWithin(trx: Kysely<DB>, input: RecomputeWithinInput): Promise<RecomputeRun> {
  const started = performance.now();
  const pageSize = input.pageSize ?? RECOMPUTE_PAGE_SIZE;
  const { target } = input;
  const contrailModes = modesWithContrails(target.method);
  const tally = newTally();
  const readPage = async (afterTripId: string | null) => {
    const { institutionId, outdated } = input;
    const lastTripId = await findPageEndTrip(trx, { institutionId, afterTripId, size: pageSize });
    return { lastTripId, legs: await listLegsPage(trx, { institutionId, afterTripId, lastTripId, outdated }) };
  };
  // While PostgreSQL writes one page, this process computes the next (queries on the transaction's connection
  // run in order, so the next page is read before the write is sent). SQLite runs each query synchronously
  // when awaited: the same code is then simply sequential.
  let page = await readPage(null);
  let pendingWrite: Promise<void> | undefined;
  for (;;) {
    const updates: LegUpdate[] = [];
    for (const leg of page.legs) {
      const outcome = recomputeLeg(leg, target, contrailModes);
      tallyLeg(tally, leg, outcome);
      if (outcome.update) updates.push(outcome.update);
    }
    await pendingWrite;
    const next = page.lastTripId === undefined ? undefined : await readPage(page.lastTripId);
    const write = updateLegs(trx, updates);
    // Awaited below or on the next turn; this only keeps a failure during the next computation from being
    // reported as unhandled (the computation's own error then wins and rolls everything back).
    write.catch(() => {});
    pendingWrite = write;
    if (!next) break;
    page = next;
  }
  await pendingWrite;

  const details = detailsOf(
    tally,
    target.trainFirstRule ? { before: input.from.trainFirstRule, after: target.trainFirstRule } : null,
  );
  // "Before" names the version most legs of the former method carried; the details list every combination.
  const fromVersion =
    details.before.find((b) => b.methodKey === input.from.methodKey)?.methodVersion ??
    (input.methods ?? CARBON_METHODS)[input.from.methodKey as MethodKey]?.version ??
    '';
  const row = {
    id: newId(),
    institution_id: input.institutionId,
    created_at: nowIso(),
    actor_user_id: input.actor?.userId ?? null,
    actor_label: input.actor?.label ?? null,
    reason: input.reason,
    from_method_key: input.from.methodKey,
    from_method_version: fromVersion,
    to_method_key: target.method.key,
    to_method_version: target.method.version,
    from_contrails: input.from.contrails ? 1 : 0,
    to_contrails: target.contrails ? 1 : 0,
    legs_examined: tally.legsExamined,
    legs_changed: tally.legsChanged,
    verdicts_changed: tally.verdictsChanged,
    emissions_before_g: tally.emissionsBeforeG,
    emissions_after_g: tally.emissionsAfterG,
    contribution_before_cents: tally.contributionBeforeCents,
    contribution_after_cents: tally.contributionAfterCents,
    duration_ms: Math.round(performance.now() - started),
    details_json: JSON.stringify(details),
  };
  await insertRecompute(trx, row);
  await recordAudit(trx, {
    institutionId: input.institutionId,
    actor: input.actor ?? SYSTEM_ACTOR,
    entityType: 'travel_recompute',
    entityId: row.id,
    operation: 'update',
    changes: [
      { field: 'legs_changed', before: null, after: String(row.legs_changed) },
      { field: 'emissions_g', before: String(row.emissions_before_g), after: String(row.emissions_after_g) },
      {
        field: 'contribution_cents',
        before: String(row.contribution_before_cents),
        after: String(row.contribution_after_cents),
      },
    ],
  });
  return runOf(row);
}

/**
 * Recomputes every stored leg of the institution with its current travel
 * settings (method and its current factor set, contrails), all or nothing, and
 * records the run in the changelog. Legs already up to date are left as they are.
 */
export async function recomputeInstitutionTrips(
  db: Kysely<DB>,
  input: { institutionId: string; actor: Actor | null; reason: RecomputeReason } & RecomputeOptions,
): Promise<RecomputeRun> {
  const methods = input.methods ?? CARBON_METHODS;
  return db.transaction().execute(async (trx) => {
    const settings = settingsOfRow(await findTravelSettingsRow(trx, input.institutionId));
    return recomputeWithin(trx, {
      ...input,
      methods,
      target: { method: methods[settings.methodKey], contrails: settings.contrails, figures: true },
      from: settings,
    });
  });
}

/**
 * When a new factor set of the institution's method is published (its version
 * in data/carbon changes), recomputes the legs still carrying another version,
 * as the system (reason factor_set). Null when no leg is outdated: nothing is
 * written, not even a changelog row.
 */
export async function recomputeOutdatedTrips(
  db: Kysely<DB>,
  institutionId: string,
  options: RecomputeOptions & { actor?: Actor | null } = {},
): Promise<RecomputeRun | null> {
  const methods = options.methods ?? CARBON_METHODS;
  const settings = settingsOfRow(await findTravelSettingsRow(db, institutionId));
  const method = methods[settings.methodKey];
  const outdated = { methodKey: method.key, version: method.version };
  if (!(await hasOutdatedLegs(db, institutionId, outdated))) return null;
  return db.transaction().execute((trx) =>
    recomputeWithin(trx, {
      ...options,
      institutionId,
      actor: options.actor ?? null,
      reason: 'factor_set',
      methods,
      target: { method, contrails: settings.contrails, figures: true },
      from: settings,
      outdated,
    }),
  );
}

export interface OutdatedTripsReport {
  institutions: number;
  runs: number;
  legsChanged: number;
  failed: { institutionId: string; error: string }[];
}

/** The daily job: recomputeOutdatedTrips for every institution; one failing institution does not stop the others. */
export async function recomputeAllOutdatedTrips(db: Kysely<DB>): Promise<OutdatedTripsReport> {
  const ids = await listInstitutionIds(db);
  const report: OutdatedTripsReport = { institutions: ids.length, runs: 0, legsChanged: 0, failed: [] };
  for (const institutionId of ids) {
    try {
      const run = await recomputeOutdatedTrips(db, institutionId);
      if (!run) continue;
      report.runs++;
      report.legsChanged += run.legsChanged;
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      report.failed.push({ institutionId, error });
      log('warn', 'trips recomputation failed', { institutionId, error });
    }
  }
  return report;
}

/** Most changelog entries the page lists. */
export const MAX_LISTED_RECOMPUTES = 100;

export type ListRecomputesResult =
  | { ok: true; value: RecomputeRun[] }
  | { ok: false; error: { code: 'travel.settings.error.forbidden' } };

/** The institution's recomputations, newest first (admin only, as the settings). */
export async function listTravelRecomputes(db: Kysely<DB>, user: SessionUser): Promise<ListRecomputesResult> {
  if (user.role !== 'admin') return { ok: false, error: { code: 'travel.settings.error.forbidden' } };
  const rows = await listRecomputes(db, user.institutionId, MAX_LISTED_RECOMPUTES);
  return { ok: true, value: rows.map(runOf) };
}

/** One recomputation of the user's institution (admin only); undefined when missing, elsewhere or not allowed. */
export async function findTravelRecompute(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
): Promise<RecomputeRun | undefined> {
  if (user.role !== 'admin') return undefined;
  const row = await findRecompute(db, user.institutionId, id);
  return row && runOf(row);
}
