import * as XLSX from '@e965/xlsx';
import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { createEdition, getEditionsPage, updateEditionSettings } from './editions.service';
import { createItem, deleteItem, updateItem } from './items.service';
import type { ItemInput } from './the-impact';
import { buildTheImpactDocument } from './the-impact-document';
import { exportTheImpactWorkbook } from './the-impact-export';
import { getEditionReadiness, getEditionView, getItem, getItemFileDownload } from './views.service';

const PDF = new TextEncoder().encode('%PDF-1.4\n% test\n');
const MAX_MB = 10;

/** A 17.2.1 policy without a public address, created in 2023. */
function aPolicy(overrides: Partial<ItemInput> = {}): ItemInput {
  return {
    sdg: 17,
    metricCode: '17.2.1',
    kind: 'policy',
    title: 'Contribution à la feuille de route ODD nationale',
    createdOn: '2023-05-10',
    ...overrides,
  };
}

describeEachDialect('THE Impact evidence', (get) => {
  let admin: SessionUser;
  let committee: SessionUser;
  let pilot: SessionUser;
  let contributor: SessionUser;
  let viewer: SessionUser;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    committee = await sessionUserByEmail(db, 'referent.dde@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    contributor = await sessionUserByEmail(db, 'contributeur@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
  });

  test('the officer opens an edition: SDG 17 always in, default window, audited; others cannot', async () => {
    const { db } = get();
    for (const user of [committee, pilot, contributor, viewer]) {
      expect(await createEdition(db, user, { edition: 2025, sdgs: [7] })).toEqual({
        ok: false,
        error: { code: 'theImpact.error.forbidden' },
      });
    }
    const created = await createEdition(db, admin, { edition: 2025, sdgs: [7, 12, 13] });
    if (!created.ok) throw new Error(created.error.code);
    expect(await createEdition(db, admin, { edition: 2025 })).toEqual({
      ok: false,
      error: { code: 'theImpact.error.editionExists' },
    });
    const page = await getEditionsPage(db, admin, 'fr');
    expect(page?.editions.map((e) => [e.edition, e.sdgs, e.window])).toEqual([
      [2025, [7, 12, 13, 17], { startYear: 2021, endYear: 2025 }],
    ]);
    expect(page?.choices.find((c) => c.number === 17)?.mandatory).toBe(true);
    const audit = await db
      .selectFrom('audit_event')
      .select(['field', 'after_value'])
      .where('entity_type', '=', 'the_impact_edition')
      .where('entity_id', '=', created.value.id)
      .execute();
    expect(audit).toContainEqual({ field: 'sdgs', after_value: '7, 12, 13, 17' });
  });

  test('the committee and pilots read the module; contributors and viewers do not see it', async () => {
    const { db } = get();
    expect(await getEditionsPage(db, committee, 'fr')).toBeDefined();
    expect(await getEditionsPage(db, pilot, 'fr')).toBeDefined();
    expect(await getEditionsPage(db, contributor, 'fr')).toBeUndefined();
    expect(await getEditionView(db, viewer, 2025, 'fr')).toBeUndefined();
  });

  test('a pilot adds an item with a file; the committee cannot; a link to another institution is refused', async () => {
    const { db } = get();
    expect(await createItem(db, committee, 2025, aPolicy(), { maxMb: MAX_MB })).toEqual({
      ok: false,
      error: { code: 'theImpact.error.forbidden' },
    });
    const added = await createItem(db, pilot, 2025, aPolicy(), {
      file: { filename: 'feuille.pdf', bytes: PDF },
      maxMb: MAX_MB,
    });
    if (!added.ok) throw new Error(added.error.code);
    const item = await getItem(db, committee, 2025, added.value.id);
    expect(item).toMatchObject({
      sdg: 17,
      metricCode: '17.2.1',
      kind: 'policy',
      fileName: 'feuille.pdf',
      isDraft: false,
    });
    const file = await getItemFileDownload(db, committee, 2025, added.value.id);
    expect(file?.contentType).toBe('application/pdf');
    expect(await getItemFileDownload(db, viewer, 2025, added.value.id)).toBeUndefined();

    const code = async (overrides: Partial<ItemInput>, file?: Uint8Array) => {
      const r = await createItem(db, admin, 2025, aPolicy(overrides), {
        file: file ? { filename: 'x', bytes: file } : undefined,
        maxMb: MAX_MB,
      });
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await code({ sdg: 4, metricCode: '4.3' })).toBe('theImpact.error.sdg');
    expect(await code({ metricCode: '17.1' })).toBe('theImpact.error.metric');
    expect(await code({ metricCode: '17.9' })).toBe('theImpact.error.metric');
    expect(await code({ publicUrl: 'javascript:alert(1)' })).toBe('theImpact.error.publicUrl');
    expect(await code({ createdOn: '2023-02-30' })).toBe('theImpact.error.createdOn');
    expect(await code({ figureValue: 1.2345 })).toBe('theImpact.error.figureValue');
    expect(await code({ actionId: 'no-such-action' })).toBe('theImpact.error.action');
    expect(await code({}, new TextEncoder().encode('<html><script>x</script></html>'))).toBe(
      'indicators.evidence.refused',
    );
  });

  test('the item without a public address is flagged in readiness; adding one clears it, audited', async () => {
    const { db } = get();
    const found = await getEditionReadiness(db, admin, 2025, 'fr');
    const metric = found?.readiness.sdgs.find((s) => s.sdg === 17)?.metrics.find((m) => m.code === '17.2.1');
    expect(metric?.items.map((i) => i.issues)).toEqual([['theImpact.issue.noPublicUrl']]);
    const id = metric?.items[0].item.id ?? '';
    const saved = await updateItem(db, pilot, 2025, id, aPolicy({ publicUrl: 'https://www.example.org/odd' }), {
      maxMb: MAX_MB,
    });
    expect(saved.ok).toBe(true);
    const after = await getEditionReadiness(db, admin, 2025, 'fr');
    const item = after?.readiness.sdgs.find((s) => s.sdg === 17)?.metrics.find((m) => m.code === '17.2.1')?.items[0];
    expect(item).toMatchObject({ issues: [], earned: 4, possible: 4 });
    const audit = await db
      .selectFrom('audit_event')
      .select(['operation', 'field', 'before_value', 'after_value'])
      .where('entity_type', '=', 'the_impact_item')
      .where('entity_id', '=', id)
      .where('operation', '=', 'update')
      .execute();
    expect(audit).toEqual([
      { operation: 'update', field: 'public_url', before_value: null, after_value: 'https://www.example.org/odd' },
    ]);
  });

  test('a continuous figure is stored in thousandths and read back', async () => {
    const { db } = get();
    const added = await createItem(
      db,
      admin,
      2025,
      aPolicy({
        sdg: 7,
        metricCode: '7.3',
        kind: 'figure',
        title: 'Intensité 2024',
        figureValue: 0.512,
        figureUnit: 'GJ/m²',
      }),
      { maxMb: MAX_MB },
    );
    if (!added.ok) throw new Error(added.error.code);
    const row = await db
      .selectFrom('the_impact_item')
      .select('figure_milli')
      .where('id', '=', added.value.id)
      .executeTakeFirstOrThrow();
    expect(row.figure_milli).toBe(512);
    expect((await getItem(db, admin, 2025, added.value.id))?.figure).toBe(0.512);
  });

  test('a new edition copies the last one as drafts that earn nothing until saved', async () => {
    const { db } = get();
    const created = await createEdition(db, admin, { edition: 2026, sdgs: [7, 12, 13], copyPrevious: true });
    if (!created.ok) throw new Error(created.error.code);
    expect(created.value.copied).toBe(2);
    const found = await getEditionReadiness(db, admin, 2026, 'fr');
    expect(found?.view.copiedFromEdition).toBe(2025);
    expect(found?.readiness.window).toEqual({ startYear: 2022, endYear: 2026 });
    const copy = found?.view.sdgs.find((s) => s.number === 17)?.metrics.find((m) => m.code === '17.2.1')?.items[0];
    expect(copy).toMatchObject({ isDraft: true, fileName: 'feuille.pdf', publicUrl: 'https://www.example.org/odd' });
    const checked = found?.readiness.sdgs.find((s) => s.sdg === 17)?.metrics.find((m) => m.code === '17.2.1')?.items[0];
    expect(checked).toMatchObject({ issues: ['theImpact.issue.draft'], earned: 0 });
    // The 2025 items are untouched.
    expect(
      (await getEditionView(db, admin, 2025, 'fr'))?.sdgs
        .flatMap((s) => s.metrics.flatMap((m) => m.items))
        .every((i) => !i.isDraft),
    ).toBe(true);
    // Saving confirms the draft.
    const saved = await updateItem(
      db,
      pilot,
      2026,
      copy?.id ?? '',
      aPolicy({ publicUrl: 'https://www.example.org/odd' }),
      { maxMb: MAX_MB },
    );
    expect(saved.ok).toBe(true);
    expect((await getItem(db, admin, 2026, copy?.id ?? ''))?.isDraft).toBe(false);
    // An item of 2026 is not found through 2025.
    expect(await deleteItem(db, admin, 2025, copy?.id ?? '')).toEqual({
      ok: false,
      error: { code: 'theImpact.error.notFound' },
    });
  });

  test('the officer changes the SDGs and window; SDG 17 cannot be removed', async () => {
    const { db } = get();
    const r = await updateEditionSettings(db, admin, 2026, {
      sdgs: [4, 6],
      windowStartYear: 2020,
      windowEndYear: 2026,
    });
    expect(r).toEqual({ ok: true, value: { sdgs: [4, 6, 17] } });
    expect(
      await updateEditionSettings(db, pilot, 2026, { sdgs: [4], windowStartYear: 2020, windowEndYear: 2026 }),
    ).toEqual({
      ok: false,
      error: { code: 'theImpact.error.forbidden' },
    });
    expect(
      await updateEditionSettings(db, admin, 2026, { sdgs: [4], windowStartYear: 2027, windowEndYear: 2026 }),
    ).toEqual({
      ok: false,
      error: { code: 'theImpact.error.window' },
    });
  });

  test('the workbook has a sheet per submitted SDG, the readiness summary and the simulator', async () => {
    const { db } = get();
    expect(await exportTheImpactWorkbook(db, viewer, 2025, 'fr')).toBeUndefined();
    const file = await exportTheImpactWorkbook(db, committee, 2025, 'fr');
    if (!file) throw new Error('no workbook');
    expect(file.filename).toBe('preuves-the-impact-2025.xlsx');
    const book = XLSX.read(file.bytes, { type: 'array' });
    expect(book.SheetNames).toEqual(['ODD 7', 'ODD 12', 'ODD 13', 'ODD 17', 'Complétude', 'Simulation']);
    const sdg17 = XLSX.utils.sheet_to_json<string[]>(book.Sheets['ODD 17'], { header: 1 });
    expect(sdg17[0]).toContain('Points de vigilance');
    const row = sdg17.find((r) => r[0] === '17.2.1');
    expect(row).toContain('Contribution à la feuille de route ODD nationale');
    expect(row).toContain('https://www.example.org/odd');
    expect(row).toContain('feuille.pdf');
    const missing = sdg17.find((r) => r[0] === '17.3');
    expect(missing?.at(-1)).toBe('Aucune preuve pour cet indicateur : 0 point.');
    const sim = XLSX.utils.sheet_to_json<string[]>(book.Sheets.Simulation, { header: 1 });
    expect(sim.flat()).toContain('Pas éligible au classement global.');
    const en = await exportTheImpactWorkbook(db, admin, 2025, 'en');
    expect(XLSX.read(en?.bytes, { type: 'array' }).SheetNames[0]).toBe('SDG 7');
  });

  test('the edition as a report document: readiness, simulation, then one section per SDG', async () => {
    const { db } = get();
    expect(await buildTheImpactDocument(db, viewer, 2025)).toBeUndefined();
    const doc = await buildTheImpactDocument(db, committee, 2025, {
      locale: 'fr',
      generatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(doc?.title).toBe('Preuves THE Impact, édition 2025');
    expect(doc?.sections.map((s) => s.id)).toEqual(['readiness', 'simulation', 'sdg-7', 'sdg-12', 'sdg-13', 'sdg-17']);
    const sdg17 = doc?.sections.at(-1)?.blocks.find((b) => b.kind === 'table');
    expect(JSON.stringify(sdg17)).toContain('Contribution à la feuille de route ODD nationale');
  });
});
