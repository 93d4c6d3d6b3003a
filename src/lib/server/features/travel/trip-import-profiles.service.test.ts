import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import {
  deleteTripImportProfile,
  findTripImportProfileByName,
  listTripImportProfiles,
  renameTripImportProfile,
  saveTripImportProfile,
} from './trip-import-profiles.service';

const SIFAC = { date: 'Date', category: 'Nature', fromPlace: 'Départ', toPlace: 'Arrivée' };

describeEachDialect('trip import profiles', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
  });

  const auditOf = (id: string) =>
    get()
      .db.selectFrom('audit_event')
      .select(['operation', 'field', 'before_value', 'after_value'])
      .where('entity_type', '=', 'trip_import_profile')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();

  test('the admin saves a mapping under a name, finds it again, and the creation is audited', async () => {
    const { db } = get();
    const saved = await saveTripImportProfile(db, admin, {
      name: ' Export Sifac ',
      format: 'accounting',
      mapping: SIFAC,
    });
    if (!saved.ok) throw new Error(saved.error.code);
    expect(saved.value.created).toBe(true);
    const found = await findTripImportProfileByName(db, admin, 'Export Sifac');
    expect(found).toMatchObject({ id: saved.value.id, name: 'Export Sifac', format: 'accounting', mapping: SIFAC });
    expect((await auditOf(saved.value.id)).map((a) => [a.operation, a.field])).toEqual([
      ['create', 'name'],
      ['create', 'format'],
      ['create', 'mapping'],
    ]);
  });

  test('saving under an existing name replaces its mapping; saving it unchanged writes nothing', async () => {
    const { db } = get();
    const first = await saveTripImportProfile(db, admin, { name: 'Notilus', format: 'accounting', mapping: SIFAC });
    if (!first.ok) throw new Error(first.error.code);
    const changed = { ...SIFAC, missionRef: 'N° OM' };
    const second = await saveTripImportProfile(db, admin, { name: 'Notilus', format: 'accounting', mapping: changed });
    expect(second).toEqual({ ok: true, value: { id: first.value.id, created: false } });
    expect(await saveTripImportProfile(db, admin, { name: 'Notilus', format: 'accounting', mapping: changed })).toEqual(
      second,
    );
    expect((await findTripImportProfileByName(db, admin, 'Notilus'))?.mapping).toEqual(changed);
    // create (3 rows) + one update; the unchanged save added nothing.
    expect((await auditOf(first.value.id)).map((a) => a.operation)).toEqual(['create', 'create', 'create', 'update']);
  });

  test('a rename onto another profile name is refused by the unique constraint', async () => {
    const { db } = get();
    const a = await saveTripImportProfile(db, admin, { name: 'A', format: 'accounting', mapping: SIFAC });
    const b = await saveTripImportProfile(db, admin, { name: 'B', format: 'accounting', mapping: SIFAC });
    if (!a.ok || !b.ok) throw new Error('not saved');
    expect(await renameTripImportProfile(db, admin, b.value.id, 'A')).toEqual({
      ok: false,
      error: { code: 'travel.import.profile.nameTaken' },
    });
    expect(await renameTripImportProfile(db, admin, b.value.id, 'C')).toEqual({ ok: true, value: { changed: true } });
    expect((await listTripImportProfiles(db, admin)).map((p) => p.name)).toEqual(expect.arrayContaining(['A', 'C']));
  });

  test('delete removes the profile and keeps its trace; a second delete finds nothing', async () => {
    const { db } = get();
    const saved = await saveTripImportProfile(db, admin, { name: 'Old', format: 'accounting', mapping: SIFAC });
    if (!saved.ok) throw new Error(saved.error.code);
    expect(await deleteTripImportProfile(db, admin, saved.value.id)).toEqual({ ok: true, value: { name: 'Old' } });
    expect(await findTripImportProfileByName(db, admin, 'Old')).toBeUndefined();
    expect((await auditOf(saved.value.id)).at(-1)).toMatchObject({ operation: 'delete' });
    expect(await deleteTripImportProfile(db, admin, saved.value.id)).toEqual({
      ok: false,
      error: { code: 'travel.import.profile.notFound' },
    });
  });

  test('a pilot can neither save, list nor delete profiles; a bad mapping or name is refused', async () => {
    const { db } = get();
    expect(await saveTripImportProfile(db, pilot, { name: 'P', format: 'accounting', mapping: SIFAC })).toEqual({
      ok: false,
      error: { code: 'travel.import.profile.forbidden' },
    });
    expect(await listTripImportProfiles(db, pilot)).toEqual([]);
    const saved = await saveTripImportProfile(db, admin, { name: 'Kept', format: 'accounting', mapping: SIFAC });
    if (!saved.ok) throw new Error(saved.error.code);
    expect((await deleteTripImportProfile(db, pilot, saved.value.id)).ok).toBe(false);
    for (const input of [
      { name: '', format: 'accounting', mapping: SIFAC },
      { name: 'x'.repeat(101), format: 'accounting', mapping: SIFAC },
      { name: 'Bad', format: 'accounting', mapping: { colour: 'Date' } },
      { name: 'Bad', format: 'iata', mapping: SIFAC },
    ])
      expect(await saveTripImportProfile(db, admin, input)).toEqual({
        ok: false,
        error: { code: 'travel.import.profile.invalid' },
      });
  });
});
