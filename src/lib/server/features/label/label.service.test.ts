import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { addEvidence, removeEvidence, saveAssessmentItem, submitAssessment } from './assessment.service';
import { startAssessment } from './assessment-start.service';
import { getAssessmentView, getEvidenceOptions, getLabelOverview } from './assessment-views.service';
import { loadLabelDemo } from './label-demo';
import { getLabelDocumentDownload } from './label-files';
import {
  addCriterion,
  getReferentialPage,
  moveCriterion,
  renameCriterion,
  seedReferential,
  setCriterionRetired,
} from './referential.service';

const CURRENT_YEAR = 2026;
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describeEachDialect('label self-assessment', (get) => {
  let admin: SessionUser;
  let committee: SessionUser;
  let pilot: SessionUser;
  let viewer: SessionUser;
  /** Criterion ids by code, from the seeded list. */
  const ids = new Map<string, string>();

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    committee = await sessionUserByEmail(db, 'referent.dde@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    await loadLabelDemo(db, admin.institutionId);
    await loadLabelDemo(db, admin.institutionId);
    const page = await getReferentialPage(db, admin);
    for (const axis of page?.axes ?? []) for (const c of axis.criteria) ids.set(c.code, c.id);
  });

  test('the demo seeds the placeholder criteria once, three per axis, each with its provenance', async () => {
    const { db } = get();
    const page = await getReferentialPage(db, committee);
    expect(page?.canEdit).toBe(false);
    expect(page?.axes.map((a) => [a.code, a.criteria.length])).toEqual([
      ['strategy_governance', 3],
      ['teaching', 3],
      ['research_innovation', 3],
      ['campus_environment', 3],
      ['social_territorial', 3],
    ]);
    const all = page?.axes.flatMap((a) => a.criteria) ?? [];
    expect(
      all.every((c) => c.isPlaceholder && c.titleFr.startsWith('À compléter : libellé officiel du référentiel')),
    ).toBe(true);
    expect(all.every((c) => c.source?.includes('data/label/ddrs-referential.json'))).toBe(true);
    expect(await seedReferential(db, admin)).toEqual({ ok: false, error: { code: 'label.error.alreadySeeded' } });
    expect(await getReferentialPage(db, pilot)).toBeUndefined();
  });

  test('the officer adds, renames, reorders and retires criteria; the others cannot', async () => {
    const { db } = get();
    const added = await addCriterion(db, admin, {
      axisCode: 'teaching',
      code: 'EF-4',
      titleFr: 'Formation de tous les étudiants aux enjeux',
      titleEn: '',
    });
    if (!added.ok) throw new Error(added.error.code);
    ids.set('EF-4', added.value.id);
    expect(await addCriterion(db, admin, { axisCode: 'teaching', code: 'EF-4', titleFr: 'Bis', titleEn: '' })).toEqual({
      ok: false,
      error: { code: 'label.error.codeTaken' },
    });
    expect((await addCriterion(db, admin, { axisCode: 'nope', code: 'X-1', titleFr: 'x', titleEn: '' })).ok).toBe(
      false,
    );
    expect(
      await addCriterion(db, committee, { axisCode: 'teaching', code: 'EF-5', titleFr: 'x', titleEn: '' }),
    ).toEqual({
      ok: false,
      error: { code: 'label.error.forbidden' },
    });
    const rename = {
      criterionId: ids.get('SG-1') ?? '',
      titleFr: 'Schéma directeur DD&RS',
      titleEn: 'DD&RS master plan',
      isPlaceholder: false,
    };
    expect(await renameCriterion(db, pilot, rename)).toEqual({ ok: false, error: { code: 'label.error.forbidden' } });
    expect(await renameCriterion(db, admin, rename)).toEqual({ ok: true, value: undefined });
    expect(await moveCriterion(db, admin, added.value.id, 'up')).toEqual({ ok: true, value: undefined });

    const page = await getReferentialPage(db, admin);
    const teaching = page?.axes.find((a) => a.code === 'teaching')?.criteria.map((c) => c.code);
    expect(teaching).toEqual(['EF-1', 'EF-2', 'EF-4', 'EF-3']);
    const sg1 = page?.axes[0].criteria[0];
    expect(sg1).toMatchObject({
      titleFr: 'Schéma directeur DD&RS',
      titleEn: 'DD&RS master plan',
      isPlaceholder: false,
    });
    expect(page?.axes.find((a) => a.code === 'teaching')?.criteria[2]).toMatchObject({
      titleEn: 'Formation de tous les étudiants aux enjeux',
    });
    const audit = await db
      .selectFrom('audit_event')
      .select(['field', 'after_value'])
      .where('entity_type', '=', 'label_criterion')
      .where('entity_id', '=', ids.get('SG-1') ?? '')
      .execute();
    expect(audit).toContainEqual({ field: 'is_placeholder', after_value: '0' });
  });

  test('a year is assessed with levels, justifications and evidence, and frozen when submitted', async () => {
    const { db } = get();
    expect(
      (await startAssessment(db, committee, { year: 2025, copyPrevious: false, currentYear: CURRENT_YEAR })).ok,
    ).toBe(false);
    expect(await startAssessment(db, admin, { year: 2025, copyPrevious: true, currentYear: CURRENT_YEAR })).toEqual({
      ok: false,
      error: { code: 'label.error.noPrevious' },
    });
    expect(await startAssessment(db, admin, { year: 2025, copyPrevious: false, currentYear: CURRENT_YEAR })).toEqual({
      ok: true,
      value: { copiedFromYear: null },
    });
    expect((await startAssessment(db, admin, { year: 2025, copyPrevious: false, currentYear: CURRENT_YEAR })).ok).toBe(
      false,
    );

    const save = (user: SessionUser, code: string, level: number | null, justification = '') =>
      saveAssessmentItem(db, user, 2025, { criterionId: ids.get(code) ?? '', level, justification });
    expect(await save(committee, 'SG-1', 3)).toEqual({ ok: false, error: { code: 'label.error.forbidden' } });
    expect(await save(admin, 'SG-1', 6)).toEqual({ ok: false, error: { code: 'label.error.level' } });
    expect((await save(admin, 'SG-1', 3, 'Schéma directeur adopté en 2023')).ok).toBe(true);
    expect((await save(admin, 'SG-2', 2)).ok).toBe(true);
    expect((await save(admin, 'EF-1', 4, '=HYPERLINK("http://evil")')).ok).toBe(true);
    expect((await save(admin, 'GE-1', 2)).ok).toBe(true);
    expect((await save(admin, 'RI-3', 1)).ok).toBe(true);

    const options = await getEvidenceOptions(db, admin);
    expect(options.actions.length).toBeGreaterThan(0);
    expect(options.indicators.length).toBeGreaterThan(0);
    expect(await getEvidenceOptions(db, committee)).toEqual({ actions: [], indicators: [] });
    const criterionId = ids.get('SG-1') ?? '';
    const evidence = async (input: Parameters<typeof addEvidence>[3]) =>
      addEvidence(db, admin, 2025, input, { maxMb: 1 });
    const action = await evidence({ kind: 'action', criterionId, actionId: options.actions[0].id });
    expect(action.ok).toBe(true);
    expect((await evidence({ kind: 'indicator', criterionId, indicatorId: options.indicators[0].id })).ok).toBe(true);
    expect(
      (
        await evidence({
          kind: 'url',
          criterionId,
          url: 'https://www.imt-mines-ales.fr/schema-directeur',
          text: 'Schéma directeur',
        })
      ).ok,
    ).toBe(true);
    const file = await evidence({ kind: 'file', criterionId, filename: 'deliberation-CA.pdf', bytes: PDF });
    if (!file.ok) throw new Error(file.error.code);
    expect(await evidence({ kind: 'url', criterionId, url: 'javascript:alert(1)' })).toEqual({
      ok: false,
      error: { code: 'label.error.url' },
    });
    expect(await evidence({ kind: 'action', criterionId, actionId: 'not-ours' })).toEqual({
      ok: false,
      error: { code: 'label.error.action' },
    });
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    expect(await evidence({ kind: 'file', criterionId, filename: 'x.pdf', bytes: html })).toMatchObject({
      ok: false,
      error: { code: 'indicators.evidence.refused' },
    });

    const download = await getLabelDocumentDownload(db, committee, file.value.id);
    expect(download).toMatchObject({ contentType: 'application/pdf' });
    expect(download?.contentDisposition).toContain('deliberation-CA.pdf');
    expect(await getLabelDocumentDownload(db, pilot, file.value.id)).toBeUndefined();

    const view = await getAssessmentView(db, committee, 2025);
    expect(view?.status).toBe('draft');
    const sg = view?.axes[0];
    expect(sg?.score).toMatchObject({ criteria: 3, assessed: 2, mean: 2.5, level: 3 });
    expect(sg?.criteria[0]).toMatchObject({ code: 'SG-1', level: 3, justification: 'Schéma directeur adopté en 2023' });
    expect(sg?.criteria[0].evidence.map((e) => e.kind)).toEqual(['action', 'indicator', 'url', 'file']);
    // Axis levels 3, 4, 1, 2 and none: global mean 2.5 -> 3; 16 criteria, 5 assessed.
    expect(view?.score).toMatchObject({ axesAssessed: 4, globalMean: 2.5, globalLevel: 3 });
    expect(view?.score.gaps).toHaveLength(11);
    expect(await getAssessmentView(db, pilot, 2025)).toBeUndefined();

    const summary = await getLabelOverview(db, viewer, { currentYear: CURRENT_YEAR });
    expect(summary).toMatchObject({ canEdit: false, canReadDetail: false, years: [{ year: 2025, status: 'draft' }] });
    expect(summary.current?.axes[0].score.level).toBe(3);
    expect(JSON.stringify(summary)).not.toContain('Schéma directeur adopté');
    expect(summary.current?.axes[0].criteria[0].evidence).toEqual([]);

    expect(await removeEvidence(db, admin, 2025, action.ok ? action.value.id : '')).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await submitAssessment(db, committee, 2025)).toEqual({
      ok: false,
      error: { code: 'label.error.forbidden' },
    });
    expect(await submitAssessment(db, admin, 2025)).toEqual({ ok: true, value: undefined });

    const frozen = { ok: false, error: { code: 'label.error.frozen' } };
    expect(await save(admin, 'SG-1', 5)).toEqual(frozen);
    expect(await evidence({ kind: 'url', criterionId, url: 'https://example.org' })).toEqual(frozen);
    expect(await removeEvidence(db, admin, 2025, file.value.id)).toEqual(frozen);
    expect(await submitAssessment(db, admin, 2025)).toEqual(frozen);
    expect((await getAssessmentView(db, admin, 2025))?.axes[0].criteria[0].level).toBe(3);
  });

  test('a new year copies last year’s levels, justifications and evidence; a retired criterion stays in the past only', async () => {
    const { db } = get();
    expect((await setCriterionRetired(db, admin, ids.get('RI-3') ?? '', true)).ok).toBe(true);
    expect(await startAssessment(db, admin, { year: 2026, copyPrevious: true, currentYear: CURRENT_YEAR })).toEqual({
      ok: true,
      value: { copiedFromYear: 2025 },
    });
    const now = await getAssessmentView(db, admin, 2026);
    expect(now).toMatchObject({ status: 'draft', copiedFromYear: 2025 });
    const sg1 = now?.axes[0].criteria[0];
    expect(sg1).toMatchObject({ level: 3, justification: 'Schéma directeur adopté en 2023' });
    expect(sg1?.evidence.map((e) => e.kind)).toEqual(['indicator', 'url', 'file']);
    expect(now?.axes[2].criteria.map((c) => c.code)).toEqual(['RI-1', 'RI-2']);
    // The frozen year keeps the retired criterion and its level.
    const before = await getAssessmentView(db, admin, 2025);
    expect(before?.axes[2].criteria.find((c) => c.code === 'RI-3')).toMatchObject({ level: 1, retired: true });
    expect(before?.axes[2].score.level).toBe(1);

    // Editing the new year leaves the frozen one as it was.
    expect(
      (
        await saveAssessmentItem(db, admin, 2026, {
          criterionId: ids.get('SG-1') ?? '',
          level: 4,
          justification: 'Revu',
        })
      ).ok,
    ).toBe(true);
    expect((await getAssessmentView(db, admin, 2025))?.axes[0].criteria[0]).toMatchObject({ level: 3 });

    const overview = await getLabelOverview(db, pilot, { currentYear: CURRENT_YEAR });
    expect(overview.current?.year).toBe(2026);
    expect(overview.radar.map((v) => v.year)).toEqual([2025, 2026]);
    const older = await getLabelOverview(db, pilot, { year: 2025, currentYear: CURRENT_YEAR });
    expect(older.radar.map((v) => v.year)).toEqual([2025]);
  });
});
