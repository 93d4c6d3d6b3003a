import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { buildAnnualReport } from './annual-builder';
import { getAnnualReportPage, getPublishedDocument, getReportsIndex } from './annual-views';
import { flattenSections, plainText, type ReportDocument } from './document';
import {
  addReportComment,
  copyLastYearNarrative,
  moveReportTo,
  publishAnnualReport,
  resolveReportComment,
  saveReportNarrative,
  selectReportSdgs,
} from './reports.service';

const YEAR = 2025;
const GENERATED_AT = '2026-01-15T09:00:00.000Z';

/** Every text of a document (titles, paragraphs, narratives, table cells), for "is it in there" checks. */
function textsOf(doc: ReportDocument): string[] {
  return flattenSections(doc.sections).flatMap((s) => [
    s.title,
    ...s.blocks.flatMap((b) => {
      if (b.kind === 'paragraph') return [plainText(b.runs)];
      if (b.kind === 'narrative')
        return b.blocks.map((n) =>
          n.kind === 'subheading' ? n.text : n.kind === 'paragraph' ? plainText(n.runs) : '',
        );
      if (b.kind === 'table')
        return b.rows.flat().map((c) => (c === null ? '' : typeof c === 'string' ? c : c.display));
      return [];
    }),
  ]);
}

describeEachDialect('annual report by SDG', (get) => {
  let admin: SessionUser;
  let committee: SessionUser;
  let pilot: SessionUser;
  let viewer: SessionUser;
  let sdg: number;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    committee = await sessionUserByEmail(db, 'referent.dde@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    const page = await getAnnualReportPage(db, admin, YEAR);
    if (!page) throw new Error('the officer reads the report page');
    sdg = page.actionCounts.findIndex((n) => n > 0) + 1;
    expect(sdg).toBeGreaterThan(0);
  });

  test('the builder gives a chapter per selected SDG with its actions and narrative, from live data', async () => {
    const { db } = get();
    expect(await selectReportSdgs(db, admin, YEAR, [sdg, 17])).toEqual({ ok: true, value: undefined });
    const saved = await saveReportNarrative(db, admin, YEAR, {
      blockKey: `sdg:${sdg}`,
      markdown: 'Une année **décisive** pour cet objectif.\n\n- premier point',
      expectedVersion: 0,
    });
    expect(saved.ok).toBe(true);

    const doc = await buildAnnualReport(db, admin.institutionId, YEAR, 'fr', { generatedAt: GENERATED_AT });
    if (!doc) throw new Error('no document');
    expect(doc.sections.map((s) => s.id)).toEqual(['purpose', 'governance', 'plan', 'matrix', `sdg-${sdg}`, 'sdg-17']);
    const tagged = await db
      .selectFrom('action')
      .innerJoin('action_sdg', 'action_sdg.action_id', 'action.id')
      .innerJoin('plan', 'plan.id', 'action.plan_id')
      .select('action.title')
      .where('action_sdg.sdg_number', '=', sdg)
      .where('plan.start_year', '<=', YEAR)
      .where('plan.end_year', '>=', YEAR)
      .execute();
    const chapter = doc.sections.find((s) => s.id === `sdg-${sdg}`);
    const actionsTable = chapter?.sections?.find((s) => s.id === `sdg-${sdg}-actions`)?.blocks[0];
    if (actionsTable?.kind !== 'table') throw new Error('no actions table');
    const listed = actionsTable.rows.map((r) => r[0]);
    for (const { title } of tagged) expect(listed).toContain(title);
    const chapterTexts = textsOf({ ...doc, sections: chapter ? [chapter] : [] });
    expect(chapterTexts).toContain('Une année décisive pour cet objectif.');
    expect(tagged.length).toBeGreaterThan(0);
    expect(doc.meta).toMatchObject({ year: YEAR, version: 'brouillon', generatedAt: GENERATED_AT });
  });

  test('publishing freezes the document: later edits leave version 1 alone, publishing again makes version 2', async () => {
    const { db } = get();
    const page = await getAnnualReportPage(db, admin, YEAR);
    const block = page?.narratives.find((n) => n.key === 'purpose');
    expect(
      await saveReportNarrative(db, admin, YEAR, {
        blockKey: 'purpose',
        markdown: 'Texte publié en version 1.',
        expectedVersion: block?.version ?? 0,
      }),
    ).toMatchObject({ ok: true });
    const first = await publishAnnualReport(db, admin, YEAR, 'fr', { generatedAt: GENERATED_AT });
    expect(first).toEqual({ ok: true, value: { number: 1 } });

    const v1Block = (await getAnnualReportPage(db, admin, YEAR))?.narratives.find((n) => n.key === 'purpose');
    expect(
      await saveReportNarrative(db, admin, YEAR, {
        blockKey: 'purpose',
        markdown: 'Texte modifié après la publication.',
        expectedVersion: v1Block?.version ?? 0,
      }),
    ).toMatchObject({ ok: true });
    const v1 = await getPublishedDocument(db, viewer, YEAR, 1);
    if (!v1) throw new Error('version 1 is readable');
    expect(textsOf(v1)).toContain('Texte publié en version 1.');
    expect(textsOf(v1)).not.toContain('Texte modifié après la publication.');
    expect(v1.meta.version).toBe('1');
    expect((await getAnnualReportPage(db, admin, YEAR))?.status).toBe('draft');

    expect(await publishAnnualReport(db, admin, YEAR, 'fr')).toEqual({ ok: true, value: { number: 2 } });
    const v2 = await getPublishedDocument(db, viewer, YEAR, 2);
    expect(v2 && textsOf(v2)).toContain('Texte modifié après la publication.');
    const index = await getReportsIndex(db, viewer);
    expect(index.years.find((y) => y.year === YEAR)?.versions.map((v) => v.number)).toEqual([2, 1]);
    expect(await getPublishedDocument(db, viewer, YEAR, 3)).toBeUndefined();
  });

  test('a narrative edited meanwhile is refused rather than overwritten', async () => {
    const { db } = get();
    expect(
      await saveReportNarrative(db, admin, YEAR, { blockKey: 'purpose', markdown: 'perdu', expectedVersion: 1 }),
    ).toEqual({ ok: false, error: { code: 'reports.error.conflict' } });
    expect(
      await saveReportNarrative(db, admin, YEAR, { blockKey: 'sdg:99', markdown: 'x', expectedVersion: 0 }),
    ).toEqual({ ok: false, error: { code: 'reports.error.narrative' } });
  });

  test("copying last year's text starts this year's block from it, and the diff shows what changed", async () => {
    const { db } = get();
    expect(await copyLastYearNarrative(db, admin, 2030, 'governance')).toEqual({
      ok: false,
      error: { code: 'reports.error.noLastYear' },
    });
    await saveReportNarrative(db, admin, 2029, {
      blockKey: 'governance',
      markdown: 'Le comité se réunit.\nBilan 2029.',
      expectedVersion: 0,
    });
    expect(await copyLastYearNarrative(db, admin, 2030, 'governance')).toEqual({ ok: true, value: undefined });
    let block = (await getAnnualReportPage(db, admin, 2030))?.narratives.find((n) => n.key === 'governance');
    expect(block).toMatchObject({
      markdown: 'Le comité se réunit.\nBilan 2029.',
      lastYear: 'Le comité se réunit.\nBilan 2029.',
    });
    await saveReportNarrative(db, admin, 2030, {
      blockKey: 'governance',
      markdown: 'Le comité se réunit.\nBilan 2030.',
      expectedVersion: block?.version ?? 0,
    });
    block = (await getAnnualReportPage(db, admin, 2030))?.narratives.find((n) => n.key === 'governance');
    expect(block?.diff).toEqual([
      { op: 'same', text: 'Le comité se réunit.' },
      { op: 'removed', text: 'Bilan 2029.' },
      { op: 'added', text: 'Bilan 2030.' },
    ]);
    const audited = await db
      .selectFrom('audit_event')
      .select('field')
      .where('entity_type', '=', 'report_narrative')
      .where('field', '=', 'governance')
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(3);
  });

  test('only the officer edits and publishes; the committee and pilots comment; a viewer reads published versions only', async () => {
    const { db } = get();
    const forbidden = { ok: false, error: { code: 'reports.error.forbidden' } };
    expect(await selectReportSdgs(db, committee, YEAR, [1])).toEqual(forbidden);
    expect(await saveReportNarrative(db, pilot, YEAR, { blockKey: 'plan', markdown: 'x', expectedVersion: 0 })).toEqual(
      forbidden,
    );
    expect(await publishAnnualReport(db, committee, YEAR, 'fr')).toEqual(forbidden);
    expect(await moveReportTo(db, pilot, YEAR, 'in_review')).toEqual(forbidden);
    expect(await addReportComment(db, viewer, YEAR, { blockKey: 'plan', body: 'x' })).toEqual(forbidden);
    expect(await getAnnualReportPage(db, viewer, YEAR)).toBeUndefined();

    expect(await moveReportTo(db, admin, YEAR, 'in_review')).toEqual({ ok: true, value: undefined });
    expect(await moveReportTo(db, admin, YEAR, 'in_review')).toEqual({
      ok: false,
      error: { code: 'reports.error.status' },
    });
    const byPilot = await addReportComment(db, pilot, YEAR, { blockKey: 'plan', body: 'Chiffre à vérifier.' });
    const byCommittee = await addReportComment(db, committee, YEAR, { blockKey: 'plan', body: 'À compléter.' });
    if (!byPilot.ok || !byCommittee.ok) throw new Error('reviewers comment');
    // A pilot resolves only their own comments; the officer resolves any.
    expect(await resolveReportComment(db, pilot, YEAR, byCommittee.value.id)).toEqual({
      ok: false,
      error: { code: 'reports.error.notFound' },
    });
    expect(await resolveReportComment(db, pilot, YEAR, byPilot.value.id)).toEqual({ ok: true, value: undefined });
    expect(await resolveReportComment(db, admin, YEAR, byCommittee.value.id)).toEqual({ ok: true, value: undefined });
    const comments = (await getAnnualReportPage(db, committee, YEAR))?.comments ?? [];
    expect(comments.filter((c) => c.body === 'Chiffre à vérifier.' || c.body === 'À compléter.')).toHaveLength(2);
    expect(comments.every((c) => c.resolvedAt !== null)).toBe(true);

    const viewerIndex = await getReportsIndex(db, viewer);
    expect(viewerIndex.years.every((y) => y.versions.length > 0)).toBe(true);
    expect(viewerIndex.canEdit).toBe(false);
  });
});
