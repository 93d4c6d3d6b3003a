import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import { exportIndicatorValues } from '../api';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { getUpload } from '../plan-import';
import { PNG } from './test-files';
import { commitValueImport, previewValueImport, type ValueImportPreview } from './value-import';
import { findValueTable } from './value-import-columns';
import { commitValueImportUpload, createValueImport, getValueImport } from './value-import-upload';
import { submitValue, validateValue } from './value-review.service';
import { recordValue } from './values.service';

/**
 * Fixed so that 2027 is in the future. The tests write periods before 2012,
 * which the demo values never use, and set up the states they need themselves.
 */
const OPTIONS = { today: '2026-06-30', maxMb: 10 };
const DEMO_PLAN = 'imt-mines-ales-plan-res-2023-2027.tsv';

const csv = (...lines: string[]) => new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
const xlsx = (rows: (string | number)[][]) => {
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), 'Valeurs');
  return new Uint8Array(XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
};
const outcomes = (p: ValueImportPreview) => p.rows.map((r) => [r.line, r.status, r.code]);

describe('the values table in a file', () => {
  const sheet = (rows: string[][]) => [{ name: 'csv', rows }];

  test('is found under a title, with French or English headings, blank rows left out', () => {
    const table = findValueTable(
      sheet([
        ['Valeurs 2025'],
        ['PÉRIODE', 'Indicateur', 'valeur', 'Commentaire'],
        ['2025', 'Budget levé', '12', "'=1+1"],
        ['', '', '', ''],
        ['2024', 'Budget levé', '10', ''],
      ]),
    );
    expect(table?.columns).toEqual({ period: 0, indicator: 1, value: 2, comment: 3 });
    expect(table?.rows.map((r) => [r.line, r.period, r.value, r.comment])).toEqual([
      [3, '2025', '12', '=1+1'],
      [5, '2024', '10', ''],
    ]);
    expect(findValueTable(sheet([['Indicator id', 'Period', 'Value', 'Current version']]))?.columns).toEqual({
      indicatorId: 0,
      period: 1,
      value: 2,
      current: 3,
    });
  });

  test('needs an indicator, a period and a value column', () => {
    expect(
      findValueTable(
        sheet([
          ['Indicateur', 'Valeur'],
          ['Budget levé', '12'],
        ]),
      ),
    ).toBeUndefined();
    expect(
      findValueTable(
        sheet([
          ['Action', 'Pilote'],
          ['Tri', 'SG'],
        ]),
      ),
    ).toBeUndefined();
  });

  test('without a comment column, the comment is left as it is', () => {
    const table = findValueTable(
      sheet([
        ['Indicateur', 'Période', 'Valeur'],
        ['Budget levé', '2025', '12'],
      ]),
    );
    expect(table?.rows[0].comment).toBeNull();
  });
});

describeEachDialect('indicator values import', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  let viewer: SessionUser;
  let planId: string;
  const ids = new Map<string, string>();
  const id = (name: string) => ids.get(name) ?? '';

  const countValues = async () =>
    Number(
      (
        await get()
          .db.selectFrom('indicator_value')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const versionsOf = (name: string, period: string) =>
    get()
      .db.selectFrom('indicator_value')
      .select(['version', 'is_current', 'value_milli', 'value_text', 'state', 'change_reason', 'entered_by', 'comment'])
      .where('indicator_id', '=', id(name))
      .where('period', '=', period)
      .orderBy('version')
      .execute();
  const preview = async (user: SessionUser, bytes: Uint8Array, filename = 'valeurs.csv') => {
    const result = await previewValueImport(get().db, user, { bytes, filename }, OPTIONS);
    if (!result.ok) throw new Error(result.error.code);
    return result.value;
  };

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    const plan = await db
      .selectFrom('plan')
      .select('id')
      .where('source_name', '=', DEMO_PLAN)
      .executeTakeFirstOrThrow();
    planId = plan.id;
    for (const i of await db.selectFrom('indicator').select(['id', 'name']).where('plan_id', '=', plan.id).execute()) {
      ids.set(i.name, i.id);
    }
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    // A draft (version 1) and a validated value, as a pilot and the officer would leave them.
    const draft = { indicatorId: id('Nombre de vecteurs possibles'), period: '2011', value: '11' };
    expect(await recordValue(db, admin, draft, OPTIONS)).toMatchObject({ ok: true });
    const validated = { indicatorId: id('Budget levé'), period: '2011' };
    expect(await recordValue(db, admin, { ...validated, value: '42000' }, OPTIONS)).toMatchObject({ ok: true });
    expect(await submitValue(db, admin, validated)).toMatchObject({ ok: true });
    expect(await validateValue(db, admin, validated)).toMatchObject({ ok: true });
  });

  test('a good CSV file records every row in one go, keeping the history', async () => {
    const { db } = get();
    const bytes = csv(
      'Plan;Indicateur;Période;Valeur;Commentaire',
      "Plan d'action RES 2023/2027;Nb de personnes ayant suivi la formation;2010;42;Feuilles d'émargement",
      ';Nombre de vecteurs possibles;2011;12;Corrigé',
      ';Respect du décret;2010;oui;',
      ";% d'élèves ayant fait le lien entre cet enseignement et la RES;2010-2011;33,5;",
    );
    const checked = await preview(admin, bytes);
    expect(checked).toMatchObject({ format: 'csv', delimiter: ';', committable: true });
    expect(outcomes(checked)).toEqual([
      [2, 'ok', 'indicators.import.row.new'],
      [3, 'ok', 'indicators.import.row.corrected'],
      [4, 'ok', 'indicators.import.row.new'],
      [5, 'ok', 'indicators.import.row.new'],
    ]);
    const before = await countValues();
    const done = await commitValueImport(db, admin, { bytes, filename: 'valeurs.csv', submit: false }, OPTIONS);
    expect(done).toMatchObject({ ok: true, value: { saved: 4, submitted: 0 } });
    expect(await countValues()).toBe(before + 4);

    const formation = await versionsOf('Nb de personnes ayant suivi la formation', '2010');
    expect(formation.map((v) => [Number(v.value_milli), v.state, v.comment, v.entered_by])).toEqual([
      [42_000, 'draft', "Feuilles d'émargement", admin.id],
    ]);
    const corrected = await versionsOf('Nombre de vecteurs possibles', '2011');
    expect(corrected.map((v) => [v.version, v.is_current, Number(v.value_milli), v.change_reason])).toEqual([
      [1, 0, 11_000, null],
      [2, 1, 12_000, 'Import valeurs.csv'],
    ]);
    expect((await versionsOf('Respect du décret', '2010'))[0].value_text).toBe('yes');
    expect(
      Number(
        (await versionsOf("% d'élèves ayant fait le lien entre cet enseignement et la RES", '2010-2011'))[0]
          .value_milli,
      ),
    ).toBe(33_500);
    const audit = await db
      .selectFrom('audit_event')
      .select(['field', 'after_value'])
      .where('entity_type', '=', 'indicator_value_import')
      .where('field', '=', 'filename')
      .execute();
    expect(audit).toContainEqual({ field: 'filename', after_value: 'valeurs.csv' });
  });

  test('an XLSX file is read too, numbers and all, and its values can be submitted at once', async () => {
    const { db } = get();
    const bytes = xlsx([
      ['Indicator', 'Period', 'Value', 'Comment'],
      ['Kwhef économisés', 2009, 1500.5, 'Relevé GRDF'],
      ['Taux satisfaction', '2009', '64 %', ''],
    ]);
    const checked = await preview(admin, bytes, 'valeurs.xlsx');
    expect(checked).toMatchObject({ format: 'xlsx', sheet: 'Valeurs', counts: { ok: 2, error: 0 } });
    const done = await commitValueImport(db, admin, { bytes, filename: 'valeurs.xlsx', submit: true }, OPTIONS);
    expect(done).toMatchObject({ ok: true, value: { saved: 2, submitted: 2 } });
    expect(
      (await versionsOf('Kwhef économisés', '2009')).map((v) => [Number(v.value_milli), v.state, v.comment]),
    ).toEqual([[1_500_500, 'submitted', 'Relevé GRDF']]);
    expect(Number((await versionsOf('Taux satisfaction', '2009'))[0].value_milli)).toBe(64_000);
  });

  test('one bad row writes nothing, and the report names it by its line', async () => {
    const { db } = get();
    const bytes = csv(
      'Indicateur;Période;Valeur',
      'Budget levé;2008;12000',
      'Budget levé;2007;douze mille',
      'Budget levé;2006;9000',
    );
    const checked = await preview(admin, bytes);
    expect(checked.committable).toBe(false);
    expect(checked.rows.filter((r) => r.status === 'error')).toEqual([
      expect.objectContaining({
        line: 3,
        period: '2007',
        value: 'douze mille',
        code: 'indicators.value.invalidNumber',
      }),
    ]);
    const before = await countValues();
    const done = await commitValueImport(db, admin, { bytes, filename: 'valeurs.csv', submit: true }, OPTIONS);
    expect(done).toMatchObject({ ok: false, error: { code: 'indicators.import.hasErrors', params: { count: 1 } } });
    expect(await countValues()).toBe(before);
  });

  test('every kind of wrong row is reported with its reason', async () => {
    const bytes = csv(
      'Identifiant;Plan;Indicateur;Période;Valeur;Commentaire',
      '00000000-0000-7000-8000-000000000000;;;2005;1;',
      ';;Indicateur inventé;2005;1;',
      ';Autre plan;Budget levé;2005;1;',
      ';;Budget levé;2005-Q1;1;',
      ';;Budget levé;;1;',
      ';;Budget levé;2005;1;',
      ';;Budget levé;2005;2;',
      ';;Budget levé;2027;1;',
      ';;Respect du décret;2005;peut-être;',
      ';;Budget levé;2004;=1+1;',
      `;;Budget levé;2003;1;${'x'.repeat(5000)}`,
      ';;Budget levé;2011;43000;',
      ';;Budget levé;2002;;',
      ';;;;;',
    );
    const checked = await preview(admin, bytes);
    expect(outcomes(checked)).toEqual([
      [2, 'error', 'indicators.import.row.unknownId'],
      [3, 'error', 'indicators.import.row.unknownIndicator'],
      [4, 'error', 'indicators.import.row.unknownInPlan'],
      [5, 'error', 'indicators.import.row.invalidPeriod'],
      [6, 'error', 'indicators.import.row.noPeriod'],
      [7, 'ok', 'indicators.import.row.new'],
      [8, 'error', 'indicators.import.row.duplicate'],
      [9, 'error', 'indicators.value.futurePeriod'],
      [10, 'error', 'indicators.value.invalidChoice'],
      [11, 'error', 'indicators.value.invalidNumber'],
      [12, 'error', 'indicators.value.tooLong'],
      [13, 'error', 'indicators.import.row.already.validated'],
      [14, 'skipped', 'indicators.import.row.noValue'],
    ]);
    expect(checked.rows[3].params).toEqual({ period: '2005-Q1', example: '2025' });
    expect(checked.rows[6].params).toEqual({ line: 7 });
  });

  test('the values export read back changes nothing, and a changed draft is the only row to record', async () => {
    const { db } = get();
    for (const [format, locale] of [
      ['csv', 'fr'],
      ['xlsx', 'en'],
    ] as const) {
      const file = await exportIndicatorValues(db, {
        institutionId: admin.institutionId,
        planId,
        format,
        history: false,
        locale,
      });
      if (!file) throw new Error('no export');
      const checked = await preview(admin, file.bytes, file.filename);
      expect(checked.counts).toEqual({ ok: 0, unchanged: file.rowCount, skipped: 0, error: 0 });
    }
    const exported = await exportIndicatorValues(db, {
      institutionId: admin.institutionId,
      planId,
      format: 'csv',
      history: false,
      locale: 'fr',
    });
    if (!exported) throw new Error('no export');
    const text = new TextDecoder().decode(exported.bytes);
    const edited = text
      .replace(/(;Nombre de vecteurs possibles;[^;]*;2011;)12;/, '$113;')
      .replace(/(;Budget levé;[^;]*;2011;)42000;/, '$11;');
    const checked = await preview(admin, new TextEncoder().encode(edited));
    const changed = checked.rows.filter((r) => r.status !== 'unchanged');
    expect(changed.map((r) => [r.indicator, r.period, r.status, r.code]).sort()).toEqual([
      ['Budget levé', '2011', 'error', 'indicators.import.row.already.validated'],
      ['Nombre de vecteurs possibles', '2011', 'ok', 'indicators.import.row.corrected'],
    ]);
  });

  test('the history export reads back its current versions only', async () => {
    const file = await exportIndicatorValues(get().db, {
      institutionId: admin.institutionId,
      planId,
      format: 'csv',
      history: true,
      locale: 'fr',
    });
    if (!file) throw new Error('no export');
    const checked = await preview(admin, file.bytes, file.filename);
    expect(checked.counts.error).toBe(0);
    expect(checked.counts.skipped).toBeGreaterThan(0);
    expect(checked.rows.filter((r) => r.status === 'skipped').map((r) => r.code)).toEqual(
      Array(checked.counts.skipped).fill('indicators.import.row.notCurrent'),
    );
  });

  test('a pilot cannot import a value of an indicator they do not fill, and a reader cannot import at all', async () => {
    const { db } = get();
    const bytes = csv(
      'Indicateur;Période;Valeur',
      "Nombre d'ODD;2001;5",
      'Nb de personnes ayant suivi la formation;2001;10',
    );
    const checked = await preview(pilot, bytes);
    expect(outcomes(checked)).toEqual([
      [2, 'ok', 'indicators.import.row.new'],
      [3, 'error', 'indicators.value.forbidden'],
    ]);
    const before = await countValues();
    expect(await commitValueImport(db, pilot, { bytes, filename: 'v.csv', submit: false }, OPTIONS)).toMatchObject({
      ok: false,
      error: { code: 'indicators.import.hasErrors' },
    });
    expect(await countValues()).toBe(before);
    expect(await previewValueImport(db, viewer, { bytes, filename: 'v.csv' }, OPTIONS)).toEqual({
      ok: false,
      error: { code: 'errors.forbidden' },
    });
    const own = csv('Indicateur;Période;Valeur', "Nombre d'ODD;2001;5");
    expect(await commitValueImport(db, pilot, { bytes: own, filename: 'v.csv', submit: true }, OPTIONS)).toMatchObject({
      ok: true,
      value: { saved: 1, submitted: 1 },
    });
  });

  test('a file that is not a table of values is refused before any row is read', async () => {
    const refusal = async (bytes: Uint8Array, options = OPTIONS) =>
      previewValueImport(get().db, admin, { bytes, filename: 'valeurs.csv' }, options);
    expect(await refusal(PNG)).toEqual({
      ok: false,
      error: { code: 'indicators.import.file.unsupportedType', params: { detected: 'PNG' } },
    });
    expect(await refusal(csv('Bonjour.', 'Rien à importer ici.'))).toMatchObject({
      error: { code: 'indicators.import.file.notValues' },
    });
    expect(await refusal(csv('Action;Pilote', 'Tri;SG'))).toMatchObject({
      error: { code: 'indicators.import.file.notValues' },
    });
    expect(await refusal(csv('Indicateur;Période;Valeur'))).toMatchObject({
      error: { code: 'indicators.import.file.noRows' },
    });
    const big = csv(
      'Indicateur;Période;Valeur',
      ...Array(30_000).fill('Budget levé;1990;1234567890123456789012345678'),
    );
    expect(await refusal(big, { ...OPTIONS, maxMb: 1 })).toMatchObject({
      error: { code: 'import.file.tooLarge', params: { maxMb: 1 } },
    });
  });

  test('a UTF-8 file with a byte order mark and a Windows-1252 file with semicolons are both read', async () => {
    const text = 'Indicateur;Période;Valeur;Commentaire\r\nKwhef économisés;2000;1 250,5;Relevé d’été\r\n';
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(await preview(admin, withBom)).toMatchObject({ encoding: 'utf-8-bom', counts: { ok: 1, error: 0 } });
    // Windows-1252 writes "’" as 0x92, which Latin-1 has not: encode the rest as Latin-1 and put it by hand.
    const cp1252 = new Uint8Array([...text].map((c) => (c === '’' ? 0x92 : c.charCodeAt(0))).filter((b) => b <= 0xff));
    const checked = await preview(admin, cp1252);
    expect(checked).toMatchObject({ encoding: 'windows-1252', delimiter: ';', counts: { ok: 1, error: 0 } });
    expect(checked.rows[0]).toMatchObject({ indicator: 'Kwhef économisés', period: '2000', value: '1 250,5' });
    await commitValueImport(get().db, admin, { bytes: cp1252, filename: 'été.csv', submit: false }, OPTIONS);
    expect((await versionsOf('Kwhef économisés', '2000'))[0]).toMatchObject({ comment: 'Relevé d’été' });
  });

  test('a formula in a cell is kept as text, never run', async () => {
    const bytes = csv(
      'Indicateur;Période;Valeur;Commentaire',
      'Budget levé;1999;5;"=HYPERLINK(""http://evil.example"")"',
    );
    await commitValueImport(get().db, admin, { bytes, filename: 'v.csv', submit: false }, OPTIONS);
    expect((await versionsOf('Budget levé', '1999'))[0].comment).toBe('=HYPERLINK("http://evil.example")');
  });

  test('the web flow keeps the file between preview and confirmation, for its owner only, and commits it once', async () => {
    const { db } = get();
    const bytes = csv('Indicateur;Période;Valeur', 'Taux satisfaction;1998;50');
    const created = await createValueImport(db, admin, { filename: 'c:\\temp\\v.csv', bytes, submit: true }, OPTIONS);
    if (!created.ok) throw new Error(created.error.code);
    const view = await getValueImport(db, admin, created.value.id, OPTIONS);
    expect(view).toMatchObject({ filename: 'v.csv', committed: false, submit: true, preview: { ok: true } });
    expect(await getValueImport(db, pilot, created.value.id, OPTIONS)).toBeUndefined();
    // The plan import shares the upload table and must never take a values file for a plan.
    expect(await getUpload(db, admin, created.value.id)).toBeUndefined();

    const done = await commitValueImportUpload(db, admin, created.value.id, { submit: true }, OPTIONS);
    expect(done).toMatchObject({ ok: true, value: { saved: 1, submitted: 1 } });
    expect(await commitValueImportUpload(db, admin, created.value.id, { submit: true }, OPTIONS)).toMatchObject({
      ok: false,
      error: { code: 'indicators.import.alreadyCommitted' },
    });
    expect(await getValueImport(db, admin, created.value.id, OPTIONS)).toMatchObject({
      committed: true,
      preview: null,
      report: { saved: 1, submitted: 1, preview: { counts: { ok: 1 } } },
    });
    expect(await createValueImport(db, admin, { filename: 'x.png', bytes: PNG, submit: false }, OPTIONS)).toMatchObject(
      { ok: false, error: { code: 'indicators.import.file.unsupportedType' } },
    );
  });
});
