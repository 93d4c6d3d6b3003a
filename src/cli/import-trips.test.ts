import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { type Locale, translate } from '../lib/i18n';
import { GES1POINT5_HEADER } from '../lib/server/features/travel';
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

  test('another format is not supported yet, and the supported one is named', async () => {
    const { code, stderr } = await run([aFile('good.tsv', GOOD), '--format', 'csv', '--dry-run'], 'en');
    expect(code).toBe(64);
    expect(stderr).toBe('Format “csv” is not supported yet. Supported format: ges1point5.');
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
