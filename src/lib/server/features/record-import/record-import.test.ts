import { beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { newId, nowIso } from '../../db/ids';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import type { TabularFile } from '../plan-import/file-reader';
import { findHeadingRow, parseRecordRows, type RecordImportSpec } from './record-import';
import { commitRecordImport, createRecordImport, getRecordImport, importRecords } from './record-import.service';

interface PersonRecord {
  name: string;
  email: string | null;
}

/** A small real module: people added to the directory, the e-mail checked, duplicates inside the file refused. */
const peopleSpec: RecordImportSpec<PersonRecord, { known: Set<string> }, { unit: string | null }> = {
  sourceKind: 'test-people',
  columns: [
    { key: 'name', headings: ['Nom', 'Name'], required: true },
    { key: 'email', headings: ['Courriel', 'E-mail'] },
  ],
  paramsSchema: z.object({ unit: z.string().nullable() }),
  canImport: (user) => user.role === 'admin',
  prepare: async (db, user) => {
    const rows = await db
      .selectFrom('person')
      .select('display_name')
      .where('institution_id', '=', user.institutionId)
      .execute();
    return { ok: true, value: { known: new Set(rows.map((r) => r.display_name)) } };
  },
  parseRow: (cells, context) => {
    if (cells.name === '') return { status: 'rejected', error: { code: 'test.nameMissing' } };
    if (cells.name.startsWith('#')) return { status: 'skipped', reason: { code: 'test.comment' }, label: cells.name };
    if (cells.email !== '' && !cells.email.includes('@'))
      return {
        status: 'rejected',
        error: { code: 'test.badEmail', params: { email: cells.email } },
        label: cells.name,
      };
    const record = { name: cells.name, email: cells.email || null };
    return context.known.has(cells.name)
      ? { status: 'valid', record, label: cells.name, warning: { code: 'test.homonym' } }
      : { status: 'valid', record, label: cells.name };
  },
  checkRows: (outcomes) => {
    const seen = new Set<string>();
    return outcomes.map((o) => {
      if (o.status !== 'valid') return o;
      if (seen.has(o.record.name))
        return { status: 'rejected', error: { code: 'test.duplicate' }, label: o.record.name };
      seen.add(o.record.name);
      return o;
    });
  },
  commit: async (trx, user, records) => {
    for (const r of records) {
      await trx
        .insertInto('person')
        .values({
          id: newId(),
          institution_id: user.institutionId,
          display_name: r.name,
          family_name: null,
          initials: null,
          email: r.email,
          job_title: null,
          unit_id: null,
          created_at: nowIso(),
        })
        .execute();
    }
    return { created: records.length, updated: 0 };
  },
};

const csv = (text: string) => new TextEncoder().encode(text);
const sheet = (rows: string[][]): TabularFile => ({
  format: 'csv',
  encoding: 'utf-8',
  delimiter: ';',
  sheets: [{ name: 'Feuil1', rows }],
  text: null,
});

describe('reading the rows of a file', () => {
  test('headings are found in French or English, in any case and without accents, under a title row', () => {
    const match = findHeadingRow(sheet([['Liste de présence'], [''], ['E-MAIL', 'nom']]), peopleSpec.columns);
    expect(match.ok && match.value.headingRow).toBe(2);
    expect(match.ok && Object.fromEntries(match.value.columnIndex)).toEqual({ name: 1, email: 0 });
  });

  test('a file without a required column is refused, naming the column', () => {
    expect(findHeadingRow(sheet([['Courriel'], ['a@b.fr']]), peopleSpec.columns)).toEqual({
      ok: false,
      error: { code: 'import.records.error.missingColumns', params: { columns: 'Nom' } },
    });
  });

  test('every row gets an outcome with its row number; blank rows are passed over', () => {
    const parsed = parseRecordRows(
      peopleSpec,
      sheet([
        ['Nom', 'Courriel'],
        ['Ada', 'ada@x.fr'],
        ['', ''],
        ['# note', ''],
        ['Bob', 'bob'],
        ['Ada', ''],
      ]),
      { known: new Set(['Bob']) },
    );
    expect(parsed.ok && parsed.value.rows.map((r) => [r.row, r.status, r.note?.code ?? null])).toEqual([
      [2, 'valid', null],
      [4, 'skipped', 'test.comment'],
      [5, 'rejected', 'test.badEmail'],
      [6, 'rejected', 'test.duplicate'],
    ]);
    expect(parsed.ok && parsed.value.records).toEqual([{ name: 'Ada', email: 'ada@x.fr' }]);
  });
});

describeEachDialect('record imports', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  const people = async () =>
    (await get().db.selectFrom('person').select('display_name').execute()).map((p) => p.display_name);

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
  });

  test('a file with one rejected row writes nothing and says which row', async () => {
    const before = await people();
    const result = await importRecords(get().db, admin, peopleSpec, {
      filename: 'people.csv',
      bytes: csv('Nom;Courriel\nZoé Import;zoe@x.fr\nYann Import;pas-un-courriel\n'),
      params: { unit: null },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toEqual({ code: 'import.records.error.rejectedRows', params: { count: 1 } });
    expect(!result.ok && result.rows?.find((r) => r.status === 'rejected')?.row).toBe(3);
    expect(await people()).toEqual(before);
  });

  test('a valid file is previewed, then committed once, with an audit event', async () => {
    const { db } = get();
    const created = await createRecordImport(db, admin, peopleSpec, {
      filename: 'people.csv',
      bytes: csv('Name;E-mail\nUne Personne Importée;une@x.fr\n'),
      params: { unit: null },
    });
    if (!created.ok) throw new Error(created.error.code);
    const preview = await getRecordImport(db, admin, peopleSpec, created.value.id);
    expect(preview?.preview?.counts).toEqual({ valid: 1, warning: 0, rejected: 0, skipped: 0 });
    expect(await people()).not.toContain('Une Personne Importée');

    const committed = await commitRecordImport(db, admin, peopleSpec, created.value.id);
    expect(committed).toEqual({
      ok: true,
      value: { created: 1, updated: 0, counts: { valid: 1, warning: 0, rejected: 0, skipped: 0 } },
    });
    expect(await people()).toContain('Une Personne Importée');
    expect(await commitRecordImport(db, admin, peopleSpec, created.value.id)).toEqual({
      ok: false,
      error: { code: 'import.records.error.alreadyCommitted' },
    });
    const view = await getRecordImport(db, admin, peopleSpec, created.value.id);
    expect(view?.committed && view.report?.created).toBe(1);
    const audit = await db
      .selectFrom('audit_event')
      .select('after_value')
      .where('entity_id', '=', created.value.id)
      .where('field', '=', 'created')
      .executeTakeFirst();
    expect(audit?.after_value).toBe('1');
  });

  test('only the importer sees an upload, and a role that may not import is refused', async () => {
    const { db } = get();
    const created = await createRecordImport(db, admin, peopleSpec, {
      filename: 'p.csv',
      bytes: csv('Nom\nQuelqu’un\n'),
      params: { unit: null },
    });
    if (!created.ok) throw new Error(created.error.code);
    expect(await getRecordImport(db, pilot, peopleSpec, created.value.id)).toBeUndefined();
    expect(await commitRecordImport(db, pilot, peopleSpec, created.value.id)).toEqual({
      ok: false,
      error: { code: 'errors.forbidden' },
    });
  });

  test('a program renamed .csv, a file without the columns and bad choices are refused and not stored', async () => {
    const { db } = get();
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('import_upload')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('source_kind', '=', 'test-people')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
    const refused = await createRecordImport(db, admin, peopleSpec, {
      filename: 'x.csv',
      bytes: exe,
      params: { unit: null },
    });
    expect(!refused.ok && refused.error.code).toBe('import.file.unsupportedType');
    const noColumns = await createRecordImport(db, admin, peopleSpec, {
      filename: 'x.csv',
      bytes: csv('Courriel\na@b.fr\n'),
      params: { unit: null },
    });
    expect(!noColumns.ok && noColumns.error.code).toBe('import.records.error.missingColumns');
    const badParams = await createRecordImport(db, admin, peopleSpec, {
      filename: 'x.csv',
      bytes: csv('Nom\nA\n'),
      params: { unit: 3 },
    });
    expect(!badParams.ok && badParams.error.code).toBe('import.records.error.params');
    expect(await count()).toBe(before);
  });
});
