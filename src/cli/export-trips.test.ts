import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Locale, translate } from '../lib/i18n';
import type { Database } from '../lib/server/db/connect';
import { findSessionUserById } from '../lib/server/features/auth';
import { loadDemoIfEmpty } from '../lib/server/features/demo';
import { declareTrip, readGes1point5File } from '../lib/server/features/travel';
import { createTestDatabase } from '../lib/server/testing/databases';
import { type Cli, CliError, type ExitCode } from './cli';
import { exportTrips, writeTripsExport } from './export-trips';

interface Run {
  code: ExitCode;
  stdout: string;
  stderr: string;
}

/** Runs `work` with an in-memory Cli, answering a CliError as index.ts does (stderr, exit code). */
async function run(work: (cli: Cli) => Promise<ExitCode>, locale: Locale = 'fr'): Promise<Run> {
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

describe('export-trips', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let dir = '';

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase('sqlite'));
    dir = mkdtempSync(join(tmpdir(), 'trajectoire-export-trips-'));
    const { db } = database;
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    const pilotRow = await db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'pilote@demo.trajectoire.test')
      .executeTakeFirstOrThrow();
    const pilot = await findSessionUserById(db, pilotRow.id);
    if (!pilot) throw new Error('no pilot');
    const declared = await declareTrip(db, pilot, {
      from: 'Alès',
      to: 'Lyon',
      mode: 'train_high_speed',
      roundTrip: true,
      passengers: 1,
      method: 'ges1point5',
      contrails: true,
      date: '2026-02-10',
      purpose: 'Jury',
      category: 'staff',
    });
    if (!declared.ok) throw new Error(declared.error.code);
  });
  afterAll(async () => {
    await dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('writes the GES 1point5 file of every trip of the institution, which reads back', async () => {
    const out = join(dir, 'trips.tsv');
    const { code, stdout, stderr } = await run((cli) =>
      writeTripsExport(cli, database.db, { format: 'ges1point5', out }),
    );
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toBe(`1 étape exportée dans ${out}.`);
    const read = readGes1point5File(readFileSync(out), 'trips.tsv');
    if (!read.ok) throw new Error(read.error.code);
    expect(read.rows.map((r) => [r.leg?.fromCity, r.leg?.toCity, r.leg?.roundTrip])).toEqual([['Alès', 'Lyon', true]]);
  });

  test('writes the CSV with English headings under an English locale', async () => {
    const out = join(dir, 'trips.csv');
    const { code } = await run((cli) => writeTripsExport(cli, database.db, { format: 'csv', out }), 'en');
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Emissions (g CO2e)');
  });

  test('an unknown institution is refused and names the known ones', async () => {
    const { code, stderr } = await run((cli) =>
      writeTripsExport(cli, database.db, { format: 'csv', out: join(dir, 'x.csv'), institution: 'nope' }),
    );
    expect(code).toBe(1);
    expect(stderr).toContain('nope');
  });

  test('a file name that implies no format, with no --format, is a usage error before any database work', async () => {
    const { code, stderr } = await run((cli) => exportTrips(cli, ['--out', join(dir, 'trips.txt')]));
    expect(code).toBe(64);
    expect(stderr).toContain('--format');
    expect((await run((cli) => exportTrips(cli, ['--format', 'pdf', '--out', 'x']))).code).toBe(64);
  });
});
