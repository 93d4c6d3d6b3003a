import * as XLSX from '@e965/xlsx';
import { parse } from 'csv-parse/sync';
import { expect, test } from 'vitest';
import { describeEachDialect } from '../../testing/databases';
import { demoContext, insertValue, otherInstitutionUser } from './test-fixtures';
import { columnsOf, exportIndicatorValues, formatMilli } from './values-export';

test('figures are written with a decimal comma, from integers', () => {
  expect(formatMilli(12_500)).toBe('12,5');
  expect(formatMilli(-5_000)).toBe('-5');
  expect(formatMilli(1)).toBe('0,001');
  expect(formatMilli(0)).toBe('0');
  expect(formatMilli(null)).toBe('');
});

test('the history adds the version, whether it is current, and the reasons', () => {
  expect(columnsOf(false)).not.toContain('version');
  expect(columnsOf(true)).toEqual(expect.arrayContaining(['version', 'current', 'changeReason', 'returnReason']));
});

function readCsv(bytes: Uint8Array): string[][] {
  // The UTF-8 byte order mark French Excel needs to read accents.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(Buffer.from(bytes), { delimiter: ';', bom: true });
}

describeEachDialect('the indicator values export', (get) => {
  async function seeded() {
    const { db } = get();
    const context = await demoContext(db);
    const indicator = await db
      .selectFrom('indicator')
      .selectAll()
      .where('plan_id', '=', context.plan.id)
      .where('action_id', 'is not', null)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    const action = await db
      .selectFrom('action')
      .select('title')
      .where('id', '=', indicator.action_id ?? '')
      .executeTakeFirstOrThrow();
    await db.deleteFrom('indicator_value').where('indicator_id', '=', indicator.id).execute();
    await insertValue(db, {
      indicatorId: indicator.id,
      period: '2023',
      version: 1,
      current: true,
      valueMilli: 12_500,
      comment: '=HYPERLINK("http://evil.example","clic")',
      evidenceUrl: 'https://example.org/preuve.pdf',
    });
    await insertValue(db, { indicatorId: indicator.id, period: '2024', version: 1, current: false, valueMilli: 3_000 });
    await insertValue(db, {
      indicatorId: indicator.id,
      period: '2024',
      version: 2,
      current: true,
      valueMilli: -5_000,
      state: 'validated',
      changeReason: '+1 erreur de saisie',
      enteredByLabel: '@admin',
      reviewedBy: context.user.id,
    });
    return { db, ...context, indicator, action };
  }

  test('one row per current value, readable back, with formulas neutralised', async () => {
    const { db, institution, plan, indicator, action, user } = await seeded();
    const file = await exportIndicatorValues(db, {
      institutionId: institution.id,
      planId: plan.id,
      format: 'csv',
      history: false,
      locale: 'fr',
      now: new Date('2026-03-01T12:00:00Z'),
    });
    if (!file) throw new Error('no file');
    expect(file.filename).toBe('valeurs-plan-d-action-res-2023-2027-2026-03-01.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = readCsv(file.bytes);
    expect(header).toEqual([
      'Plan',
      'Chantier',
      'Objectif',
      'Action',
      'Indicateur',
      'Unité',
      'Période',
      'Valeur',
      'État',
      'Saisie par',
      'Saisie le',
      'Validée ou renvoyée par',
      'Validée ou renvoyée le',
      'Commentaire',
      'Justificatif (lien)',
    ]);
    const mine = rows.filter((r) => r[4] === indicator.name && r[3] === action.title);
    expect(mine.map((r) => [r[6], r[7], r[8]])).toEqual([
      ['2023', '12,5', 'Soumise'],
      ['2024', '-5', 'Validée'],
    ]);
    expect(mine[0][0]).toBe(plan.title);
    expect(mine[0][1]).not.toBe('');
    expect(mine[0][13]).toBe('\'=HYPERLINK("http://evil.example","clic")');
    expect(mine[0][14]).toBe('https://example.org/preuve.pdf');
    expect(mine[1][9]).toBe("'@admin");
    expect(mine[1][11]).toBe(user.displayName);
    expect(file.rowCount).toBe(rows.length);
  });

  test('with the history, every version with its number and reason', async () => {
    const { db, institution, plan, indicator } = await seeded();
    const file = await exportIndicatorValues(db, {
      institutionId: institution.id,
      planId: plan.id,
      format: 'csv',
      history: true,
      locale: 'en',
    });
    if (!file) throw new Error('no file');
    expect(file.filename).toMatch(/^values-history-plan-d-action-res-2023-2027-\d{4}-\d\d-\d\d\.csv$/);
    const [header, ...rows] = readCsv(file.bytes);
    const col = (name: string) => header.indexOf(name);
    expect(col('Version')).toBeGreaterThan(0);
    const mine = rows.filter((r) => r[col('Indicator')] === indicator.name);
    expect(
      mine.map((r) => [
        r[col('Period')],
        r[col('Version')],
        r[col('Current version')],
        r[col('Value')],
        r[col('Reason for the correction')],
      ]),
    ).toEqual([
      ['2023', '1', 'yes', '12,5', ''],
      ['2024', '1', 'no', '3', ''],
      ['2024', '2', 'yes', '-5', "'+1 erreur de saisie"],
    ]);
  });

  test('the XLSX holds the same table in string cells only', async () => {
    const { db, institution, plan, indicator } = await seeded();
    const file = await exportIndicatorValues(db, {
      institutionId: institution.id,
      planId: plan.id,
      format: 'xlsx',
      history: false,
      locale: 'fr',
    });
    if (!file) throw new Error('no file');
    const workbook = XLSX.read(file.bytes, { type: 'array' });
    expect(workbook.SheetNames).toEqual(['Valeurs']);
    const sheet = workbook.Sheets.Valeurs;
    const cells = Object.entries(sheet).filter(([k]) => !k.startsWith('!'));
    expect(cells.every(([, c]) => (c as XLSX.CellObject).t === 's' && !(c as XLSX.CellObject).f)).toBe(true);
    const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, defval: '' });
    const mine = rows.filter((r) => r[4] === indicator.name);
    expect(mine.map((r) => [r[6], r[7], r[13]])).toEqual([
      ['2023', '12,5', '\'=HYPERLINK("http://evil.example","clic")'],
      ['2024', '-5', ''],
    ]);
  });

  test('another institution’s plan exports nothing', async () => {
    const { db, plan } = await seeded();
    const stranger = await otherInstitutionUser(db);
    expect(
      await exportIndicatorValues(db, {
        institutionId: stranger.institutionId,
        planId: plan.id,
        format: 'csv',
        history: false,
        locale: 'fr',
      }),
    ).toBeUndefined();
  });
});
