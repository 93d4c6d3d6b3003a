import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Locale, translate } from '../lib/i18n';
import type { Database } from '../lib/server/db/connect';
import { loadDemoIfEmpty } from '../lib/server/features/demo';
import { CARBON_METHODS, declareTrip } from '../lib/server/features/travel';
import { sessionUserByEmail } from '../lib/server/testing/accounts';
import { createTestDatabase } from '../lib/server/testing/databases';
import { type Cli, CliError, type ExitCode } from './cli';
import { recomputeTripsIn } from './recompute-trips';

async function run(work: (cli: Cli) => Promise<ExitCode>, locale: Locale = 'fr') {
  const out: string[] = [];
  const err: string[] = [];
  const cli: Cli = {
    locale,
    t: (key, params) => translate(locale, key, params),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  let code: ExitCode;
  try {
    code = await work(cli);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    err.push(cli.t(e.code, e.params));
    code = e.exitCode;
  }
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** GES 1point5 as a later factor set would ship it: version 2099, same factors. */
const GES_2099 = { ...CARBON_METHODS, ges1point5: { ...CARBON_METHODS.ges1point5, version: '2099' } };

describe('recompute-trips', () => {
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase('sqlite'));
    const { db } = database;
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    const pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    const declared = await declareTrip(db, pilot, {
      from: 'Alès',
      to: 'Lyon',
      mode: 'train_high_speed',
      roundTrip: true,
      passengers: 1,
      method: 'ges1point5',
      contrails: true,
      date: '2026-02-10',
      category: 'staff',
    });
    if (!declared.ok) throw new Error(declared.error.code);
  });
  afterAll(async () => {
    await dispose();
  });

  test('says there is nothing to do when every trip is on the current factor set', async () => {
    const result = await run((cli) => recomputeTripsIn(cli, database.db, { json: false }));
    expect(result).toEqual({
      code: 0,
      stdout: expect.stringContaining('Rien à recalculer pour imt-mines-ales'),
      stderr: '',
    });
    expect(await database.db.selectFrom('travel_recompute').selectAll().execute()).toEqual([]);
  });

  test('recomputes the trips of an older factor set and reports it, in JSON too', async () => {
    const result = await run((cli) => recomputeTripsIn(cli, database.db, { json: false }, { methods: GES_2099 }));
    expect(result.code).toBe(0);
    // 190.333 km x 1.2 x 2 = 456.8 km x 3.3 g/pkm = 1,507 g = 1.5 kg, unchanged: only the version moves.
    expect(result.stdout).toBe(
      [
        'Déplacements recalculés : 1 étape modifiée sur 1 (ges1point5 2022-redistributed → 2099).',
        'Émissions : 1,5 → 1,5 kg CO2e.',
      ].join('\n'),
    );
    const again = await run((cli) => recomputeTripsIn(cli, database.db, { json: true }));
    const report = JSON.parse(again.stdout);
    expect(report).toMatchObject({
      ok: true,
      institution: 'imt-mines-ales',
      recomputed: true,
      run: { reason: 'factor_set', legsExamined: 1, legsChanged: 1, from: { methodVersion: '2099' } },
    });
    const actors = await database.db.selectFrom('travel_recompute').select('actor_label').execute();
    expect(actors).toEqual([{ actor_label: 'cli' }, { actor_label: 'cli' }]);
  });

  test('an unknown institution is refused with the known ones', async () => {
    const result = await run((cli) => recomputeTripsIn(cli, database.db, { institution: 'nope', json: false }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('imt-mines-ales');
  });
});
