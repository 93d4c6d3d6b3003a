import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { translate } from '../lib/i18n';
import type { Database } from '../lib/server/db/connect';
import { loadDemoIfEmpty } from '../lib/server/features/demo';
import { createTestDatabase } from '../lib/server/testing/databases';
import { buildReport, writeReport } from './build-report';
import { type Cli, CliError } from './cli';

const cli: Cli = { locale: 'fr', t: (key, params) => translate('fr', key, params), out: () => {}, err: () => {} };

async function codeOf(work: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await work;
    return { code: 0, message: '' };
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    return { code: e.exitCode, message: translate('fr', e.code, e.params) };
  }
}

describe('build-report', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let dir = '';
  let institutionId = '';

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase('sqlite'));
    dir = mkdtempSync(join(tmpdir(), 'trajectoire-build-report-'));
    await loadDemoIfEmpty(database.db, { password: 'demo-password-123' });
    institutionId = (await database.db.selectFrom('institution').select('id').executeTakeFirstOrThrow()).id;
  });

  afterAll(async () => {
    await dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('writes the annual report of a year in the format asked for', async () => {
    const out = join(dir, 'annual.html');
    await writeReport(database.db, institutionId, { kind: 'annual', year: 2025, format: 'html', out, lang: 'en' });
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Sustainability and social responsibility report 2025');
    const docx = join(dir, 'annual.docx');
    await writeReport(database.db, institutionId, {
      kind: 'annual',
      year: 2025,
      format: 'docx',
      out: docx,
      lang: 'fr',
    });
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
  });

  test('refuses a year with nothing to build, and bad options as usage errors', async () => {
    const impact = await codeOf(
      writeReport(database.db, institutionId, {
        kind: 'the-impact',
        year: 2025,
        format: 'pdf',
        out: join(dir, 'x.pdf'),
        lang: 'fr',
      }),
    );
    // THE's builder is found in its feature; the demo has no 2025 edition.
    expect(impact).toEqual({ code: 1, message: 'Aucun rapport the-impact ne peut être construit pour 2025.' });
    expect(
      (await codeOf(buildReport(cli, ['--kind', 'annual', '--year', '2025', '--format', 'odt', '--out', 'x']))).code,
    ).toBe(64);
    expect(
      (await codeOf(buildReport(cli, ['--kind', 'yearly', '--year', '2025', '--format', 'pdf', '--out', 'x']))).code,
    ).toBe(64);
  });
});
