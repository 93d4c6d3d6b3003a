import type { Kysely } from 'kysely';
import { z } from 'zod';
import { numberFormat } from '../lib/intl';
import type { DB } from '../lib/server/db/schema';
import { type RecomputeOptions, type RecomputeRun, recomputeOutdatedTrips } from '../lib/server/features/travel';
import { type Cli, EXIT, type ExitCode, parseCommand } from './cli';
import { withDatabase } from './database';
import { CLI_ACTOR, chooseInstitution } from './institutions';

const schema = z.object({
  positionals: z.tuple([]),
  institution: z.string().min(1).optional(),
  json: z.boolean().default(false),
});

const GRAMS_PER_KG = 1000;

function runJson(run: RecomputeRun) {
  return {
    id: run.id,
    reason: run.reason,
    from: run.from,
    to: run.to,
    legsExamined: run.legsExamined,
    legsChanged: run.legsChanged,
    verdictsChanged: run.verdictsChanged,
    emissionsBeforeGrams: run.emissionsBeforeG,
    emissionsAfterGrams: run.emissionsAfterG,
    contributionBeforeCents: run.contributionBeforeCents,
    contributionAfterCents: run.contributionAfterCents,
    durationMs: run.durationMs,
    factors: run.details.factors,
  };
}

/**
 * Recomputes the institution's trips still computed with another version of its method's factor set (what
 * the daily job does), as `cli`; the database is the caller's. `options` lets tests inject a factor set.
 */
export async function recomputeTripsIn(
  cli: Cli,
  db: Kysely<DB>,
  input: { institution?: string; json: boolean },
  options: RecomputeOptions = {},
): Promise<ExitCode> {
  const target = await chooseInstitution(db, input.institution);
  const run = await recomputeOutdatedTrips(db, target.id, { ...options, actor: CLI_ACTOR });
  if (input.json) {
    cli.out(JSON.stringify({ ok: true, institution: target.slug, recomputed: run !== null, run: run && runJson(run) }));
    return EXIT.ok;
  }
  if (!run) {
    cli.out(cli.t('cli.recomputeTrips.upToDate', { institution: target.slug }));
    return EXIT.ok;
  }
  const kg = (grams: number) => numberFormat(cli.locale, { maximumFractionDigits: 1 }).format(grams / GRAMS_PER_KG);
  cli.out(
    cli.t('cli.recomputeTrips.done', {
      changed: run.legsChanged,
      examined: run.legsExamined,
      method: run.to.methodKey,
      from: run.from.methodVersion,
      to: run.to.methodVersion,
    }),
  );
  cli.out(cli.t('cli.recomputeTrips.emissions', { before: kg(run.emissionsBeforeG), after: kg(run.emissionsAfterG) }));
  return EXIT.ok;
}

/** `recompute-trips [--institution SLUG] [--json]`. */
export async function recomputeTrips(cli: Cli, args: string[]): Promise<ExitCode> {
  const values = parseCommand(args, { institution: { type: 'string' }, json: { type: 'boolean' } }, schema);
  return withDatabase(({ db }) => recomputeTripsIn(cli, db, values));
}
