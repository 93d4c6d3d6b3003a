import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as XLSX from '@e965/xlsx';
import type { Kysely } from 'kysely';
import { beforeAll, expect, test } from 'vitest';
import type { DB } from '../../db/schema';
import { describeEachDialect } from '../../testing/databases';
import { findSessionUserById, type SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { commitUpload, createUpload, getUpload, importPlanFile, saveUploadOptions } from './import.service';

const SEED_FILE = 'data/demo/imt-mines-ales-plan-res-2023-2027.tsv';
const MAX_MB = 10;
const TABLES = [
  'plan',
  'workstream',
  'objective',
  'target',
  'action',
  'indicator',
  'person',
  'org_unit',
  'team',
  'audit_event',
] as const;

type Counts = Record<(typeof TABLES)[number], number>;

async function countAll(db: Kysely<DB>): Promise<Counts> {
  const counts = {} as Counts;
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

async function userByEmail(db: Kysely<DB>, email: string): Promise<SessionUser> {
  const row = await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const user = await findSessionUserById(db, row.id);
  if (!user) throw new Error(`no session user for ${email}`);
  return user;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

function workbook(rows: string[][]): Uint8Array {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Plan');
  return new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

async function uploadId(db: Kysely<DB>, user: SessionUser, filename: string, bytes: Uint8Array): Promise<string> {
  const created = await createUpload(db, user, { filename, bytes, maxMb: MAX_MB });
  if (!created.ok) throw new Error(`upload refused: ${created.error.code}`);
  return created.value.id;
}

describeEachDialect('plan import flow', (get) => {
  let admin: SessionUser;
  let viewer: SessionUser;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await userByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    viewer = await userByEmail(db, 'lecteur@demo.trajectoire.test');
  });

  test('the seed plan imports with its 4 workstreams, 17 objectives and 49 actions, "Chantier 2 (suite)" inside Chantier 2', async () => {
    const { db, dialect } = get();
    const started = performance.now();
    const id = await uploadId(db, admin, 'plan-res.tsv', readFileSync(SEED_FILE));
    const view = await getUpload(db, admin, id);
    const previewed = performance.now();
    if (!view?.result.ok) throw new Error('preview refused');
    const { preview } = view.result.value;
    expect(preview.source).toBe('seed-plan');
    expect(preview).toMatchObject({ kind: 'multi_year', startYear: 2023, endYear: 2027, committable: true });
    expect(preview.counts).toMatchObject({ workstreams: 4, objectives: 17, actions: 49 });

    const committed = await commitUpload(db, admin, id);
    const done = performance.now();
    console.info(
      `[${dialect}] seed plan: upload+preview ${Math.round(previewed - started)} ms, commit ${Math.round(done - previewed)} ms, total ${Math.round(done - started)} ms`,
    );
    if (!committed.ok) throw new Error(committed.error.code);
    const planId = committed.value.planId;
    const workstreams = await db
      .selectFrom('workstream')
      .select(['id', 'code'])
      .where('plan_id', '=', planId)
      .execute();
    expect(workstreams.map((w) => w.code)).toEqual(['1', '2', '3', '4']);
    const objectives = await db
      .selectFrom('objective')
      .innerJoin('workstream', 'workstream.id', 'objective.workstream_id')
      .select('objective.id')
      .where('workstream.plan_id', '=', planId)
      .execute();
    expect(objectives).toHaveLength(17);
    const actions = await db.selectFrom('action').select(['workstream_id']).where('plan_id', '=', planId).execute();
    expect(actions).toHaveLength(49);
    const chantier2 = workstreams.find((w) => w.code === '2');
    expect(actions.filter((a) => a.workstream_id === chantier2?.id).length).toBeGreaterThan(10);
    // The demo already imported this plan: its pilots are found again, not duplicated.
    expect(committed.value.pilots.peopleCreated).toBe(0);
    expect(committed.value.pilots.peopleMatched).toBeGreaterThan(0);

    const after = await getUpload(db, admin, id);
    expect(after).toMatchObject({ status: 'committed', planId });
    expect(after?.report?.preview.counts.actions).toBe(49);
  });

  test('a second commit of the same upload is refused, even when both commits run at once', async () => {
    const { db } = get();
    const id = await uploadId(db, admin, 'plan-res.tsv', readFileSync(SEED_FILE));
    const [a, b] = await Promise.all([commitUpload(db, admin, id), commitUpload(db, admin, id)]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const refused = a.ok ? b : a;
    expect(refused.ok ? null : refused.error.code).toBe('import.plan.alreadyCommitted');
    const again = await commitUpload(db, admin, id);
    expect(again.ok ? null : again.error.code).toBe('import.plan.alreadyCommitted');
    const plans = await db.selectFrom('plan').select('id').where('source_name', '=', 'plan-res.tsv').execute();
    expect(plans).toHaveLength(2);
  });

  test('a CSV with a rejected row is previewed with the reason, then refused at commit, storing nothing', async () => {
    const { db } = get();
    const csv = [
      'Chantier;Objectif;Action;Pilote;Date de début;ODD',
      'Chantier 1 : Campus;Objectif 1 : Énergie;Isoler le gymnase;Martin P.;01/09/2024;7',
      ';;Installer des panneaux solaires;Martin P.;32/13/2024;7, 13',
      ';;Compter les vélos;;;18',
    ].join('\n');
    const before = await countAll(db);
    const id = await uploadId(db, admin, 'plan.csv', utf8(csv));
    const view = await getUpload(db, admin, id);
    if (!view?.result.ok) throw new Error('preview refused');
    const { preview } = view.result.value;
    expect(preview).toMatchObject({
      source: 'tabular',
      format: 'csv',
      delimiter: ';',
      rejectedRows: 1,
      committable: false,
    });
    expect(preview.rows.find((r) => r.row === 3)).toMatchObject({
      outcome: 'rejected',
      code: 'import.plan.invalidDate',
    });
    // SDG 18 does not exist: a warning, not a rejection.
    expect(preview.warnings).toContainEqual(expect.objectContaining({ code: 'import.plan.invalidSdg', row: 4 }));

    const committed = await commitUpload(db, admin, id);
    expect(committed).toEqual({ ok: false, error: { code: 'import.plan.hasRejectedRows', params: { count: 1 } } });
    expect(await countAll(db)).toEqual(before);
    expect((await getUpload(db, admin, id))?.status).toBe('preview');
  });

  test('a PNG or a PDF is refused by its content, whatever its name, and nothing is stored', async () => {
    const { db } = get();
    const uploads = async () => (await db.selectFrom('import_upload').select('id').execute()).length;
    const before = await uploads();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const pdf = utf8('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    for (const [bytes, detected] of [
      [png, 'PNG'],
      [pdf, 'PDF'],
    ] as const) {
      const created = await createUpload(db, admin, { filename: 'plan.csv', bytes, maxMb: MAX_MB });
      expect(created).toEqual({ ok: false, error: { code: 'import.file.unsupportedType', params: { detected } } });
    }
    expect(await uploads()).toBe(before);
  });

  test('an XLSX with French headings imports with the detected mapping, and a corrected mapping changes the result', async () => {
    const { db } = get();
    const bytes = workbook([
      ['Chantier', 'Objectif', 'Cible', 'Action', 'Pilote', 'Indicateurs', 'ODD'],
      [
        'Chantier 1 : Sobriété',
        'Objectif 1 : Numérique',
        '50% du matériel reconditionné',
        'Allonger la durée de vie des ordinateurs',
        'Azema N.',
        'Nb de postes reconditionnés',
        '12',
      ],
      ['', '', '', 'Former à la sobriété numérique', 'Azema N.', 'Nb de personnes formées', '4, 12'],
    ]);
    const detected = await uploadId(db, admin, 'plan.xlsx', bytes);
    const view = await getUpload(db, admin, detected);
    if (!view?.result.ok) throw new Error('preview refused');
    expect(view.result.value.preview).toMatchObject({
      format: 'xlsx',
      mapping: { workstream: 0, objective: 1, target: 2, action: 3, pilot: 4, indicators: 5, sdgs: 6 },
      counts: { workstreams: 1, objectives: 1, targets: 1, actions: 2, indicators: 2 },
    });
    const first = await commitUpload(db, admin, detected);
    if (!first.ok) throw new Error(first.error.code);
    const sdgsOf = (planId: string) =>
      db
        .selectFrom('action_sdg')
        .innerJoin('action', 'action.id', 'action_sdg.action_id')
        .select('sdg_number')
        .where('action.plan_id', '=', planId)
        .execute();
    expect((await sdgsOf(first.value.planId)).map((r) => r.sdg_number).sort()).toEqual([12, 12, 4].sort());

    // The user reads the indicator column as a description and ignores the SDG column.
    const corrected = await uploadId(db, admin, 'plan.xlsx', bytes);
    const mapping = { workstream: 0, objective: 1, target: 2, action: 3, pilot: 4, description: 5 };
    expect(
      await saveUploadOptions(db, admin, corrected, {
        mapping,
        title: 'Plan sobriété',
        kind: 'yearly',
        startYear: 2025,
        endYear: 2026,
      }),
    ).toBe(true);
    const remapped = await getUpload(db, admin, corrected);
    if (!remapped?.result.ok) throw new Error('preview refused');
    expect(remapped.result.value.preview).toMatchObject({
      mapping,
      counts: { actions: 2, indicators: 0 },
      title: 'Plan sobriété',
    });
    const second = await commitUpload(db, admin, corrected);
    if (!second.ok) throw new Error(second.error.code);
    expect(await sdgsOf(second.value.planId)).toEqual([]);
    const plan = await db
      .selectFrom('plan')
      .selectAll()
      .where('id', '=', second.value.planId)
      .executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ title: 'Plan sobriété', kind: 'yearly', start_year: 2025, end_year: 2026 });
    const actions = await db
      .selectFrom('action')
      .select(['title', 'description'])
      .where('plan_id', '=', second.value.planId)
      .orderBy('position')
      .execute();
    expect(actions.map((a) => a.description)).toEqual(['Nb de postes reconditionnés', 'Nb de personnes formées']);
  });

  test('a table whose headings are not recognised is kept for the mapping step, and imports once mapped', async () => {
    const { db } = get();
    const csv = 'Projet,Thème,Porteur\nRécupérer l’eau de pluie,Eau,Dupont A.\nPoser des compteurs,Eau,Dupont A.\n';
    const id = await uploadId(db, admin, 'projets.csv', utf8(csv));
    const view = await getUpload(db, admin, id);
    expect(view?.result).toEqual({
      ok: false,
      error: { code: 'import.plan.missingColumn', params: { column: 'action' } },
    });
    expect(view?.table).toMatchObject({
      source: 'tabular',
      header: ['Projet', 'Thème', 'Porteur'],
      mapping: { pilot: 2 },
    });
    await saveUploadOptions(db, admin, id, { mapping: { action: 0, workstream: 1, pilot: 2 } });
    const mapped = await getUpload(db, admin, id);
    expect(mapped?.result.ok && mapped.result.value.preview.counts).toMatchObject({ workstreams: 1, actions: 2 });
  });

  test('a workbook is read from its first sheet holding a plan, and the user may pick another sheet', async () => {
    const { db } = get();
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([['Mode d’emploi'], ['Remplissez l’onglet Plan.']]),
      'Lisez-moi',
    );
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Objectif', 'Action'],
        ['Objectif 1 : Eau', 'Poser des compteurs'],
      ]),
      'Plan',
    );
    const id = await uploadId(
      db,
      admin,
      'classeur.xlsx',
      new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer),
    );
    const view = await getUpload(db, admin, id);
    expect(view?.table).toMatchObject({ sheets: ['Lisez-moi', 'Plan'], sheet: 1 });
    expect(view?.result.ok && view.result.value.preview.counts.actions).toBe(1);
    await saveUploadOptions(db, admin, id, { sheet: 0 });
    const other = await getUpload(db, admin, id);
    expect(other?.result).toEqual({ ok: false, error: { code: 'import.plan.notAPlan' } });
    expect(other?.table?.sheet).toBe(0);
  });

  test('the title, kind and years chosen on the preview win over those read from the seed file', async () => {
    const { db } = get();
    const id = await uploadId(db, admin, 'plan-res.tsv', readFileSync(SEED_FILE));
    await saveUploadOptions(db, admin, id, {
      title: 'Plan RES révisé',
      kind: 'yearly',
      startYear: 2024,
      endYear: null,
    });
    const view = await getUpload(db, admin, id);
    expect(view?.result.ok && view.result.value.preview).toMatchObject({
      title: 'Plan RES révisé',
      kind: 'yearly',
      startYear: 2024,
      endYear: null,
    });
  });

  test('a hostile CSV is stored as inert text: formulas and markup kept literally, a huge cell cut with a warning', async () => {
    const { db } = get();
    const huge = 'a'.repeat(100_000);
    const csv = [
      'Chantier,Objectif,Action,Pilote,Indicateurs,Description',
      `"=HYPERLINK(""http://evil.test"",""clic"")",+cmd|' /C calc'!A0,<script>alert(1)</script>,Martin P.,@SUM(A1:A2),${huge}`,
    ].join('\n');
    const id = await uploadId(db, admin, 'hostile.csv', utf8(csv));
    const committed = await commitUpload(db, admin, id);
    if (!committed.ok) throw new Error(committed.error.code);
    expect(committed.value.warnings).toContainEqual(
      expect.objectContaining({ code: 'import.plan.cellTruncated', row: 2 }),
    );
    const planId = committed.value.planId;
    const workstream = await db
      .selectFrom('workstream')
      .select('title')
      .where('plan_id', '=', planId)
      .executeTakeFirstOrThrow();
    expect(workstream.title).toBe('=HYPERLINK("http://evil.test","clic")');
    const objective = await db
      .selectFrom('objective')
      .innerJoin('workstream', 'workstream.id', 'objective.workstream_id')
      .select('objective.title')
      .where('workstream.plan_id', '=', planId)
      .executeTakeFirstOrThrow();
    expect(objective.title).toBe("+cmd|' /C calc'!A0");
    const action = await db
      .selectFrom('action')
      .select(['id', 'title', 'description'])
      .where('plan_id', '=', planId)
      .executeTakeFirstOrThrow();
    expect(action.title).toBe('<script>alert(1)</script>');
    expect(action.description?.length).toBe(2000);
    const indicator = await db
      .selectFrom('indicator')
      .select('name')
      .where('action_id', '=', action.id)
      .executeTakeFirstOrThrow();
    expect(indicator.name).toBe('@SUM(A1:A2)');
  });

  test('only the officer imports: other roles get errors.forbidden and see no upload', async () => {
    const { db } = get();
    const id = await uploadId(db, admin, 'plan-res.tsv', readFileSync(SEED_FILE));
    const refused = await createUpload(db, viewer, {
      filename: 'plan-res.tsv',
      bytes: readFileSync(SEED_FILE),
      maxMb: MAX_MB,
    });
    expect(refused).toEqual({ ok: false, error: { code: 'errors.forbidden' } });
    for (const role of ['viewer', 'pilot', 'committee', 'contributor'] as const) {
      const user = { ...admin, role };
      expect(await getUpload(db, user, id)).toBeUndefined();
      expect(await saveUploadOptions(db, user, id, { title: 'x' })).toBe(false);
      expect(await commitUpload(db, user, id)).toEqual({ ok: false, error: { code: 'errors.forbidden' } });
    }
    expect(await getUpload(db, { ...admin, institutionId: 'another-institution' }, id)).toBeUndefined();
  });

  test('a crash in the middle of a commit leaves nothing behind, and the upload can be committed again', async () => {
    const { db } = get();
    const institutionId = admin.institutionId;
    const before = await countAll(db);
    // The audit row is written last and its actor must exist: a missing user fails the very last insert.
    const ghost = { userId: 'no-such-user', label: 'ghost' };
    await expect(
      importPlanFile(db, { institutionId, actor: ghost, bytes: readFileSync(SEED_FILE), filename: 'crash.tsv' }),
    ).rejects.toThrow();
    expect(await countAll(db)).toEqual(before);

    const id = await uploadId(db, admin, 'crash.tsv', readFileSync(SEED_FILE));
    await expect(commitUpload(db, { ...admin, id: 'no-such-user' }, id)).rejects.toThrow();
    expect(await countAll(db)).toEqual(before);
    expect((await getUpload(db, admin, id))?.status).toBe('preview');
    expect((await commitUpload(db, admin, id)).ok).toBe(true);
  });
});
