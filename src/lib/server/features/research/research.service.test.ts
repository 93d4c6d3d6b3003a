import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { aPartner, aProjectInput, unitId } from './research.fixtures';
import { createProject, deleteProject, editProject } from './research.service';
import { exportResearch, projectsTable } from './research-export';
import { getProjectPage, getResearchListPage, getSdgCheckPage, loadProjects } from './research-pages.service';

const TODAY = '2026-11-26';

describeEachDialect('research projects', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  let contributor: SessionUser;
  let committee: SessionUser;
  let viewer: SessionUser;
  let pch: string;
  let partnerId: string;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    contributor = await sessionUserByEmail(db, 'contributeur@demo.trajectoire.test');
    committee = await sessionUserByEmail(db, 'referent.dde@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    pch = await unitId(db, admin.institutionId, 'PCH');
    partnerId = await aPartner(db, admin.institutionId, 'Université de test');
  });

  test('a contributor records a project with 2 SDGs and partners: stored, audited, listed by the SDG check', async () => {
    const { db } = get();
    const created = await createProject(
      db,
      contributor,
      aProjectInput({ teamUnitId: pch, partnerIds: [partnerId], freePartners: ['UMR LMGC'] }),
    );
    if (!created.ok) throw new Error(created.error.code);
    const id = created.value.id;

    const [project] = (await loadProjects(db, admin.institutionId, TODAY)).filter((p) => p.id === id);
    expect(project).toMatchObject({
      title: 'Composites biosourcés',
      teamName: 'PCH',
      status: 'active',
      amountCents: 12_000_050,
      sdgs: [9, 12],
      partnerIds: [partnerId],
      partnerNames: ['Université de test', 'UMR LMGC'],
      meetsRule: false,
      version: 1,
    });
    const check = await getSdgCheckPage(db, viewer, TODAY);
    expect(check.minimum).toBe(3);
    expect(check.breaking.map((p) => p.id)).toContain(id);

    const audit = await db
      .selectFrom('audit_event')
      .select(['operation', 'field', 'after_value'])
      .where('entity_type', '=', 'research_project')
      .where('entity_id', '=', id)
      .execute();
    expect(audit).toContainEqual({ operation: 'create', field: 'sdgs', after_value: '9, 12' });
    expect(audit).toContainEqual({ operation: 'create', field: 'free_partners', after_value: 'UMR LMGC' });
  });

  test('the committee and viewers read projects but cannot record them', async () => {
    const { db } = get();
    for (const user of [committee, viewer]) {
      expect(await createProject(db, user, aProjectInput())).toEqual({
        ok: false,
        error: { code: 'research.project.error.forbidden' },
      });
    }
    expect((await getResearchListPage(db, viewer, { ruleBroken: false }, TODAY)).canEdit).toBe(false);
  });

  test('a team that is not a research unit, or a partner of no list, is refused', async () => {
    const { db } = get();
    const sg = await unitId(db, admin.institutionId, 'SG');
    const code = async (input: Parameters<typeof aProjectInput>[0]) => {
      const r = await createProject(db, pilot, aProjectInput(input));
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await code({ teamUnitId: sg })).toBe('research.project.error.team');
    expect(await code({ partnerIds: ['no-such-partner'] })).toBe('research.project.error.partners');
    expect(await code({ leadPersonId: 'nobody' })).toBe('research.project.error.lead');
    expect(await code({ startDate: '2026-01-01', endDate: '2025-01-01' })).toBe('research.project.error.endDate');
    expect(await code({ teamText: 'Équipe d’une UMR partenaire' })).toBe('ok');
  });

  test('a pilot adds a third SDG: the project meets the rule, the change is in its history; a stale edit is refused', async () => {
    const { db } = get();
    const created = await createProject(db, contributor, aProjectInput({ title: 'À compléter' }));
    if (!created.ok) throw new Error(created.error.code);
    const id = created.value.id;
    const edited = await editProject(db, pilot, id, 1, aProjectInput({ title: 'À compléter', sdgs: [9, 12, 13] }));
    expect(edited).toEqual({ ok: true, value: { version: 2, changed: 1 } });
    expect(await editProject(db, pilot, id, 1, aProjectInput({ title: 'Autre' }))).toEqual({
      ok: false,
      error: { code: 'research.project.error.stale' },
    });

    const page = await getProjectPage(db, pilot, id, TODAY);
    expect(page?.project).toMatchObject({ title: 'À compléter', sdgs: [9, 12, 13], meetsRule: true, version: 2 });
    expect(page?.history.find((h) => h.operation === 'update')).toMatchObject({
      field: 'sdgs',
      before: '9, 12',
      after: '9, 12, 13',
    });
    expect((await getSdgCheckPage(db, pilot, TODAY)).breaking.map((p) => p.id)).not.toContain(id);
    expect(await editProject(db, viewer, id, 2, aProjectInput())).toMatchObject({
      error: { code: 'research.project.error.forbidden' },
    });
  });

  test('only the officer deletes a project; its values stay in the history; another institution sees nothing', async () => {
    const { db } = get();
    const created = await createProject(db, pilot, aProjectInput({ title: 'À supprimer' }));
    if (!created.ok) throw new Error(created.error.code);
    const id = created.value.id;
    expect(await deleteProject(db, pilot, id)).toMatchObject({ error: { code: 'research.project.error.forbidden' } });
    const stranger = { ...admin, institutionId: 'another-institution' };
    expect(await getProjectPage(db, stranger, id, TODAY)).toBeUndefined();
    expect(await deleteProject(db, stranger, id)).toMatchObject({ error: { code: 'research.project.error.notFound' } });
    expect(await deleteProject(db, admin, id)).toEqual({ ok: true, value: null });
    expect(await getProjectPage(db, admin, id, TODAY)).toBeUndefined();
    const gone = await db
      .selectFrom('audit_event')
      .select(['field', 'before_value'])
      .where('entity_id', '=', id)
      .where('operation', '=', 'delete')
      .execute();
    expect(gone).toContainEqual({ field: 'title', before_value: 'À supprimer' });
    const links = await db
      .selectFrom('research_project_sdg')
      .select('sdg_number')
      .where('project_id', '=', id)
      .execute();
    expect(links).toEqual([]);
  });

  test('the list filters by team, SDG, status and broken rule', async () => {
    const { db } = get();
    await createProject(
      db,
      pilot,
      aProjectInput({ title: 'Futur', startDate: '2030-01-01', endDate: null, sdgs: [1, 2, 3] }),
    );
    const titles = async (filters: Parameters<typeof getResearchListPage>[2]) =>
      (await getResearchListPage(db, viewer, filters, TODAY)).projects.map((p) => p.title);
    expect(await titles({ ruleBroken: false, status: 'planned' })).toEqual(['Futur']);
    expect(await titles({ ruleBroken: false, team: pch })).toEqual(['Composites biosourcés']);
    expect(await titles({ ruleBroken: false, sdg: 13 })).toEqual(['À compléter']);
    expect(await titles({ ruleBroken: true })).not.toContain('Futur');
  });

  test('the projects export has their SDGs, partners and the rule, headings in the reader language', async () => {
    const { db } = get();
    const projects = await loadProjects(db, admin.institutionId, TODAY);
    const [fr] = projectsTable(projects, 'fr');
    const en = projectsTable(projects, 'en');
    expect(fr).toContain('3 ODD minimum');
    expect(en[0]).toContain('3 SDGs minimum');
    const row = en.find((r) => r[0] === 'Composites biosourcés');
    expect(row).toEqual(expect.arrayContaining(['9, 12', 'Université de test ; UMR LMGC', 'no', '120000,5']));

    const file = await exportResearch(db, viewer, 'projects', 'csv', { locale: 'fr', today: TODAY });
    expect(file.filename).toBe(`projets-recherche-${TODAY}.csv`);
    expect(new TextDecoder().decode(file.bytes)).toContain('Composites biosourcés');
    expect(file.rowCount).toBe(projects.length);
  });
});
