import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Locale, translate } from '../lib/i18n';
import { openDatabase } from '../lib/server/db/connect';
import { migrateToLatest } from '../lib/server/db/migrate';
import { loadDemoIfEmpty } from '../lib/server/features/demo';
import { syncReferenceData } from '../lib/server/features/sdg';
import { GES1POINT5_HEADER, proposeAccountingFileMapping, saveTripImportProfile } from '../lib/server/features/travel';
import { sessionUserByEmail } from '../lib/server/testing/accounts';
import { type Cli, CliError, type ExitCode } from './cli';
import { importTrips } from './import-trips';

interface Run {
  code: ExitCode;
  stdout: string;
  stderr: string;
}

/** Runs the command in this process, answering a CliError as index.ts does (stderr, exit code). */
async function run(args: string[], locale: Locale = 'fr'): Promise<Run> {
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
    code = await importTrips(cli, args);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    err.push(cli.t(e.code, e.params));
    code = e.exitCode;
  }
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'import-trips-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function aFile(name: string, rows: string[][]): string {
  const path = join(dir, name);
  writeFileSync(path, `${[GES1POINT5_HEADER.join('\t'), ...rows.map((r) => r.join('\t'))].join('\n')}\n`);
  return path;
}

const GOOD = [
  ['1', '12/03/2026', 'Alès', 'France', 'Paris', 'France', 'train', '', 'NON', 'Colloque', ''],
  ['2', '02/04/2026', 'Montpellier', 'France', 'Lyon', 'France', 'voiture', '2', 'OUI', '', ''],
];
const BAD = [...GOOD, ['3', '31/02/2026', 'Alès', 'France', 'Nîmes', 'France', 'bus', '', 'NON', '', '']];

describe('import-trips', () => {
  test('a dry run counts the rows, stores nothing and exits with 0', async () => {
    const { code, stdout } = await run([aFile('good.tsv', GOOD), '--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toContain('2 lignes valides, 0 ligne à vérifier, 0 ligne refusée');
    expect(stdout).toContain('2 missions, 2 trajets');
    expect(stdout).toContain('Essai à blanc');
  });

  test('a rejected row is listed with its line and reason in English, and the exit code is 2', async () => {
    const { code, stdout, stderr } = await run([aFile('bad.tsv', BAD), '--dry-run'], 'en');
    expect(code).toBe(2);
    expect(stdout).toContain('1 rejected row');
    expect(stdout).toMatch(/row 4: .+/);
    expect(stderr).toContain('nothing was imported');
  });

  test('--json writes one object with the counts and the rejected rows', async () => {
    const { code, stdout } = await run([aFile('bad.tsv', BAD), '--dry-run', '--json']);
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ ok: false, dryRun: true, counts: { valid: 2, rejected: 1, legs: 2 } });
    expect(report.rejected[0]).toMatchObject({ line: 4, messages: [{ code: 'travel.import.row.dateInvalid' }] });
  });

  test('an unknown format is a usage error naming the supported ones', async () => {
    const { code, stderr } = await run([aFile('good.tsv', GOOD), '--format', 'csv', '--dry-run'], 'en');
    expect(code).toBe(64);
    expect(stderr).toBe('Unknown format “csv”. Supported formats: ges1point5, accounting, iata.');
  });

  test('a file that is not a GES 1point5 file is refused with exit code 2', async () => {
    const path = join(dir, 'other.tsv');
    writeFileSync(path, 'a\tb\n1\t2\n');
    const { code, stderr } = await run([path, '--dry-run']);
    expect(code).toBe(2);
    expect(stderr).toContain("n'est pas un fichier de déplacements GES 1point5");
  });

  test('a commit needs the administrator to act as', async () => {
    const { code, stderr } = await run([aFile('good.tsv', GOOD)]);
    expect(code).toBe(64);
    expect(stderr).toContain('--user');
  });
});

const ACCOUNTING_FIXTURE = join(process.cwd(), 'src/lib/server/features/travel/fixtures/notes-de-frais-1252.csv');

describe('import-trips --format accounting and iata', () => {
  test('an accounting export is read with the proposed mapping, printed, and non-trip lines are counted by kind', async () => {
    const { code, stdout } = await run([ACCOUNTING_FIXTURE, '--format', 'accounting', '--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toContain('Correspondance proposée');
    expect(stdout).toContain('category ← « Nature de la dépense »');
    // Fixture: 4 trip lines (valid), 4 others (hotel, meal, registration fee, tourist tax).
    expect(stdout).toContain('4 lignes valides, 0 ligne à vérifier, 0 ligne refusée');
    expect(stdout).toContain('4 lignes ignorées (hors déplacement)');
    expect(stdout).toContain('3 missions, 4 trajets');
    expect(stdout).toContain('  Hôtel: 1');
    expect(stdout).toContain('  Taxe de séjour: 1');
  });

  test('--json carries the mapping and every skipped line with its reason', async () => {
    const { code, stdout } = await run([ACCOUNTING_FIXTURE, '--format', 'accounting', '--dry-run', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      ok: true,
      format: 'accounting',
      mapping: { date: 'Date', category: 'Nature de la dépense' },
      counts: { valid: 4, skipped: 4, rejected: 0 },
    });
    expect(report.skipped[0]).toMatchObject({
      line: 4,
      messages: [{ code: 'travel.import.accounting.skippedNotTripAmount', params: { category: 'Hôtel', amount: 189 } }],
    });
  });

  test('an IATA file with an unknown airport is rejected with its line and exit code 2', async () => {
    const path = join(dir, 'vols.csv');
    writeFileSync(path, 'date,from,to,class\n2026-05-04,CDG,JFK,business\n2026-05-05,JFK,QQQ,economy\n');
    const { code, stdout } = await run([path, '--format', 'iata', '--dry-run'], 'en');
    expect(code).toBe(2);
    expect(stdout).toContain('1 valid row, 0 rows to check, 1 rejected row');
    expect(stdout).toMatch(/row 3: .*QQQ/);
  });

  test('--profile only goes with the accounting format', async () => {
    const { code, stderr } = await run([aFile('good.tsv', GOOD), '--profile', 'Sifac', '--dry-run'], 'en');
    expect(code).toBe(64);
    expect(stderr).toContain('--profile');
  });
});

describe('import-trips --profile (a database)', () => {
  const SLOW = 180_000;
  const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const ADMIN = 'responsable.ddrs@demo.trajectoire.test';
  let url = '';

  const cli = (args: string[]) => {
    const result = spawnSync(TSX, ['src/cli/index.ts', 'import-trips', ...args], {
      cwd: process.cwd(),
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: url, LANG: 'fr_FR.UTF-8', LC_ALL: '' },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const countTrips = async () => {
    const database = openDatabase(url);
    try {
      const row = await database.db
        .selectFrom('trip')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    } finally {
      await database.close();
    }
  };

  beforeAll(async () => {
    url = `file:${join(dir, 'profiles.db')}`;
    const database = openDatabase(url);
    try {
      await migrateToLatest(database.db);
      await syncReferenceData(database.db);
      await loadDemoIfEmpty(database.db, { password: 'demo-password-123' });
      const admin = await sessionUserByEmail(database.db, ADMIN);
      const proposed = proposeAccountingFileMapping(readFileSync(ACCOUNTING_FIXTURE));
      if (!proposed.ok) throw new Error(proposed.error.code);
      const saved = await saveTripImportProfile(database.db, admin, {
        name: 'Export notes de frais',
        format: 'accounting',
        mapping: proposed.value.mapping,
      });
      if (!saved.ok) throw new Error(saved.error.code);
    } finally {
      await database.close();
    }
  }, SLOW);

  test(
    'a dry run with a saved profile reads the database but stores nothing; the commit stores one trip per mission',
    async () => {
      const before = await countTrips();
      const dry = cli([
        ACCOUNTING_FIXTURE,
        '--format',
        'accounting',
        '--profile',
        'Export notes de frais',
        '--dry-run',
      ]);
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      // The profile's mapping is not "proposed": it is not printed again.
      expect(dry.stdout).not.toContain('Correspondance proposée');
      expect(dry.stdout).toContain('4 lignes valides');
      expect(await countTrips()).toBe(before);

      const commit = cli([
        ACCOUNTING_FIXTURE,
        '--format',
        'accounting',
        '--profile',
        'Export notes de frais',
        '--user',
        ADMIN,
      ]);
      expect(commit.stderr).toBe('');
      expect(commit.code).toBe(0);
      expect(commit.stdout).toContain('3 déplacements importés.');
      expect(await countTrips()).toBe(before + 3);
    },
    SLOW,
  );

  test(
    'an unknown profile is refused by name',
    () => {
      const run = cli([ACCOUNTING_FIXTURE, '--format', 'accounting', '--profile', 'Inconnu', '--dry-run']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('« Inconnu »');
    },
    SLOW,
  );
});
