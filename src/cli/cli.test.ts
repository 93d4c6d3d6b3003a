import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { openDatabase } from '../lib/server/db/connect';

const ROOT = process.cwd();
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const DEMO_PLAN = 'data/demo/imt-mines-ales-plan-res-2023-2027.tsv';
const DEMO_COUNTS = { workstreams: 4, objectives: 17, targets: 22, actions: 49, indicators: 51, people: 25 };
/** Each run starts a process that loads the database drivers and SheetJS: seconds, not milliseconds. */
const SLOW = 120_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(databaseUrl: string, args: string[], env: Record<string, string> = {}): Run {
  const result = spawnSync(TSX, ['src/cli/index.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LANG: 'fr_FR.UTF-8',
      LC_ALL: '',
      TRAJECTOIRE_ADMIN_PASSWORD: 'cli-test-password-123',
      ...env,
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function countRows(databaseUrl: string, table: 'plan' | 'action' | 'app_user'): Promise<number> {
  const database = openDatabase(databaseUrl);
  try {
    const row = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await database.close();
  }
}

function createAdmin(databaseUrl: string): void {
  const created = runCli(databaseUrl, [
    'create-admin',
    '--email',
    'admin@example.org',
    '--name',
    'Admin',
    '--institution-name',
    'École test',
  ]);
  expect(created.stderr).toBe('');
  expect(created.code).toBe(0);
}

describe('the command line on SQLite', () => {
  let dir = '';
  let url = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trajectoire-cli-'));
    url = `file:${join(dir, 'cli.db')}`;
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test(
    'every command has a --help, and an unknown command is a usage error',
    () => {
      for (const command of ['serve', 'migrate', 'import-plan', 'export-plan', 'create-admin', 'backup', 'restore']) {
        const run = runCli(url, [command, '--help']);
        expect(run.code, command).toBe(0);
        expect(run.stdout).toContain(`npm run cli -- ${command}`);
      }
      const unknown = runCli(url, ['frobnicate']);
      expect(unknown.code).toBe(64);
      expect(unknown.stderr).toContain('Commande inconnue : frobnicate.');
      expect(existsSync(join(dir, 'cli.db'))).toBe(false);
    },
    SLOW,
  );

  test(
    'import-plan refuses to store a plan before any institution exists, and says how to create one',
    () => {
      const run = runCli(url, ['import-plan', DEMO_PLAN]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('create-admin');
    },
    SLOW,
  );

  test(
    'import-plan --json --dry-run reports the plan in one JSON object and stores nothing',
    async () => {
      createAdmin(url);
      const run = runCli(url, ['import-plan', DEMO_PLAN, '--json', '--dry-run']);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report).toMatchObject({
        ok: true,
        dryRun: true,
        source: 'seed-plan',
        counts: DEMO_COUNTS,
        rowErrors: [],
        reviews: [],
      });
      expect(report.planId).toBeUndefined();
      expect(report.warnings[0]).toMatchObject({ code: 'import.plan.workstreamTitleDiffers', row: 31 });
      expect(report.warnings[0].message).toContain('chantier 2');
      expect(await countRows(url, 'plan')).toBe(0);
    },
    SLOW,
  );

  test(
    'import-plan stores the plan and prints a readable summary',
    async () => {
      const run = runCli(url, ['import-plan', DEMO_PLAN]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('4 chantiers, 17 objectifs, 22 cibles, 49 actions');
      expect(run.stdout).toContain('Plan importé');
      expect(await countRows(url, 'plan')).toBe(1);
      expect(await countRows(url, 'action')).toBe(49);
    },
    SLOW,
  );

  test(
    'a file that is not a plan exits with 2 and explains why on stderr, in the language of LANG',
    async () => {
      const png = join(dir, 'logo.png');
      writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
      const french = runCli(url, ['import-plan', png]);
      expect(french.code).toBe(2);
      expect(french.stderr).toContain('Ce type de fichier (PNG) ne peut pas être importé');

      const english = runCli(url, ['import-plan', png, '--json'], { LANG: 'en_GB.UTF-8' });
      expect(english.code).toBe(2);
      expect(english.stderr).toContain('This type of file (PNG)');
      expect(JSON.parse(english.stdout)).toMatchObject({
        ok: false,
        dryRun: false,
        counts: null,
        error: { code: 'import.file.unsupportedType', params: { detected: 'PNG' } },
      });
      expect(await countRows(url, 'plan')).toBe(1);
    },
    SLOW,
  );

  test(
    'a plan exported by export-plan imports back with the same counts',
    async () => {
      for (const format of ['xlsx', 'csv']) {
        const out = join(dir, `export.${format}`);
        const exported = runCli(url, ['export-plan', '--out', out]);
        expect(exported.code).toBe(0);
        expect(exported.stdout).toContain('49 actions');
        const imported = runCli(url, ['import-plan', out, '--json']);
        expect(imported.code).toBe(0);
        expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, source: 'seed-plan', counts: DEMO_COUNTS });
      }
      expect(await countRows(url, 'plan')).toBe(3);
    },
    SLOW,
  );

  test(
    'backup then restore brings back the database as it was at the backup',
    async () => {
      const copy = join(dir, 'backup.db');
      const saved = runCli(url, ['backup', copy]);
      expect(saved.code).toBe(0);
      expect(runCli(url, ['backup', copy]).code).toBe(1);

      expect(runCli(url, ['import-plan', DEMO_PLAN]).code).toBe(0);
      expect(await countRows(url, 'plan')).toBe(4);

      const notOurs = join(dir, 'export.xlsx');
      const refused = runCli(url, ['restore', notOurs]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("n'est pas une base de données SQLite");

      const restored = runCli(url, ['restore', copy]);
      expect(restored.stderr).toBe('');
      expect(restored.code).toBe(0);
      expect(await countRows(url, 'plan')).toBe(3);
      expect(await countRows(url, 'app_user')).toBe(1);
    },
    SLOW,
  );

  test(
    'migrate on an up-to-date database changes nothing',
    () => {
      const first = runCli(url, ['migrate']);
      const second = runCli(url, ['migrate']);
      expect([first.code, second.code]).toEqual([0, 0]);
      expect(second.stdout.trim()).toBe('La base de données est déjà à jour.');
    },
    SLOW,
  );
});

describe.skipIf(!inject('pgAdminUrl'))('the command line on PostgreSQL', () => {
  const name = `trj_cli_${randomBytes(6).toString('hex')}`;
  let url = '';

  async function admin(query: string): Promise<void> {
    const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await client.connect();
    await client.query(query);
    await client.end();
  }

  beforeAll(async () => {
    await admin(`create database ${name}`);
    const parsed = new URL(inject('pgAdminUrl'));
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  });
  afterAll(async () => {
    await admin(`drop database if exists ${name} with (force)`);
  });

  test(
    'import-plan --json --dry-run, then the import, work the same as on SQLite',
    async () => {
      createAdmin(url);
      const dry = runCli(url, ['import-plan', DEMO_PLAN, '--json', '--dry-run']);
      expect(dry.code).toBe(0);
      expect(JSON.parse(dry.stdout)).toMatchObject({ ok: true, dryRun: true, counts: DEMO_COUNTS });
      expect(await countRows(url, 'plan')).toBe(0);

      const stored = runCli(url, ['import-plan', DEMO_PLAN, '--json']);
      expect(stored.code).toBe(0);
      expect(JSON.parse(stored.stdout).planId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await countRows(url, 'action')).toBe(49);

      const backup = runCli(url, ['backup', '/tmp/trajectoire.dump']);
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain(`pg_dump --format=custom --file=/tmp/trajectoire.dump`);
      expect(backup.stdout).not.toMatch(/:[^@/]*@/);
    },
    SLOW,
  );
});
