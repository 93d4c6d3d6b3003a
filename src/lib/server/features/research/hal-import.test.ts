import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { commitRecordImport, createRecordImport, getRecordImport, importRecords } from '../record-import';
import { HAL_IMPORT_SPEC } from './hal-import';
import { openAccessRows } from './research-export';
import { getOpenAccessPage } from './research-pages.service';

const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join('\n')}\n`);
const HAL_HEADINGS = 'halId_s,title_s,docType_s,publicationDateY_i,submitType_s,openAccess_bool,licence_s';

/** 2021: 5 publications, 2 full texts, 1 open licence; a notice flagged open access. */
const FIRST_EXPORT = csv([
  HAL_HEADINGS,
  'hal-01,Un,ART,2021,file,true,http://creativecommons.org/licenses/by/4.0/',
  'hal-02,Deux,ART,2021,file,true,',
  'hal-03,Trois,COMM,2021,notice,true,',
  'hal-04,Quatre,ART,2021,notice,false,',
  'hal-05,Cinq,ART,2021,notice,false,',
  'hal-06,Six,ART,2020,notice,false,',
]);

describeEachDialect('HAL import and open-access rates', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
  });

  test('only the officer imports a HAL export', async () => {
    const { db } = get();
    const input = { filename: 'hal.csv', bytes: FIRST_EXPORT, params: {} };
    expect(await createRecordImport(db, pilot, HAL_IMPORT_SPEC, input)).toEqual({
      ok: false,
      error: { code: 'errors.forbidden' },
    });
  });

  test('the officer imports the export: rates by year from the stored publications', async () => {
    const { db } = get();
    const result = await importRecords(db, admin, HAL_IMPORT_SPEC, {
      filename: 'hal.csv',
      bytes: FIRST_EXPORT,
      params: {},
    });
    expect(result).toMatchObject({ ok: true, value: { created: 6, updated: 0 } });
    const page = await getOpenAccessPage(db, pilot);
    expect(page.total).toBe(6);
    expect(page.canImport).toBe(false);
    const y2021 = page.years.find((y) => y.year === 2021);
    // 2 full texts of 5; 3 with the full text or the open-access flag; 1 Creative Commons.
    expect(y2021).toMatchObject({ publications: 5, fullText: 2, openAccess: 3, openLicence: 1 });
    expect(y2021?.fullTextRate).toBeCloseTo(0.4, 6);
    expect(openAccessRows(page.years, 'fr')[2]).toEqual(['2021', '5', '2', '40', '3', '60', '1', '20']);
  });

  test('a new export updates the publications already stored, the preview saying so row by row', async () => {
    const { db } = get();
    const bytes = csv([
      HAL_HEADINGS,
      'hal-04,Quatre,ART,2021,file,true,CC BY-NC 4.0',
      'hal-07,Sept,ART,2022,file,true,',
    ]);
    const created = await createRecordImport(db, admin, HAL_IMPORT_SPEC, { filename: 'hal-2.csv', bytes, params: {} });
    if (!created.ok) throw new Error(created.error.code);
    const view = await getRecordImport(db, admin, HAL_IMPORT_SPEC, created.value.id);
    expect(view?.preview?.counts).toEqual({ valid: 1, warning: 1, rejected: 0, skipped: 0 });
    expect(view?.preview?.rows[0]).toMatchObject({ row: 2, status: 'warning', label: 'hal-04' });
    expect(await commitRecordImport(db, admin, HAL_IMPORT_SPEC, created.value.id)).toMatchObject({
      ok: true,
      value: { created: 1, updated: 1 },
    });
    const y2021 = (await getOpenAccessPage(db, admin)).years.find((y) => y.year === 2021);
    expect(y2021).toMatchObject({ publications: 5, fullText: 3, openLicence: 2 });
    const stored = await db
      .selectFrom('research_publication')
      .select('hal_id')
      .where('hal_id', '=', 'hal-04')
      .execute();
    expect(stored).toHaveLength(1);
  });

  test('a file with one bad row writes nothing; French headings of a hand-made table are read', async () => {
    const { db } = get();
    const before = (await getOpenAccessPage(db, admin)).total;
    const bytes = csv([
      'Identifiant HAL;Année;Texte intégral;Licence',
      'hal-10;2023;oui;CC BY',
      'hal-11;vingt-trois;non;',
    ]);
    const result = await importRecords(db, admin, HAL_IMPORT_SPEC, { filename: 'fait-main.csv', bytes, params: {} });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'import.records.error.rejectedRows', params: { count: 1 } },
    });
    expect((await getOpenAccessPage(db, admin)).total).toBe(before);

    const fixed = csv(['Identifiant HAL;Année;Texte intégral;Licence', 'hal-10;2023;oui;CC BY', 'hal-11;2023;non;']);
    expect(
      await importRecords(db, admin, HAL_IMPORT_SPEC, { filename: 'fait-main.csv', bytes: fixed, params: {} }),
    ).toMatchObject({
      ok: true,
      value: { created: 2, updated: 0 },
    });
    expect((await getOpenAccessPage(db, admin)).years.find((y) => y.year === 2023)).toMatchObject({
      publications: 2,
      fullText: 1,
      openLicence: 1,
    });
  });

  test('a file without a HAL id column is refused before it is stored', async () => {
    const { db } = get();
    const bytes = csv(['Titre;Année', 'Sans identifiant;2021']);
    expect(
      await createRecordImport(db, admin, HAL_IMPORT_SPEC, { filename: 'x.csv', bytes, params: {} }),
    ).toMatchObject({
      ok: false,
      error: { code: 'import.records.error.missingColumns' },
    });
  });
});
