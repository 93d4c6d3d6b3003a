import * as XLSX from '@e965/xlsx';
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { getActionPage } from '../plan';
import { submitIdea } from './ideas.service';
import { findIdeaOfAction, turnIdeaIntoAction } from './ideas-action.service';
import { exportIdeas } from './ideas-export';
import { getIdeaPage, getPublicIdeas } from './ideas-pages.service';
import { updateIdeaSettings } from './ideas-settings.service';
import { changeIdeaStatus } from './ideas-status.service';
import { listObjectiveOptions } from './ideas-views.queries';

function xlsxRows(bytes: Uint8Array): string[][] {
  const workbook = XLSX.read(bytes, { type: 'array' });
  const sheet = workbook.Sheets[workbook.SheetNames[0]];
  return XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, defval: '', raw: false });
}

describeEachDialect('ideas: turning into an action, export, public list', (get) => {
  let admin: SessionUser;
  let viewer: SessionUser;
  let contributor: SessionUser;
  let ideaId: string;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    contributor = await sessionUserByEmail(db, 'contributeur@demo.trajectoire.test');
    const submitted = await submitIdea(db, viewer, {
      title: 'Fontaines à eau',
      description: 'Une fontaine par bâtiment.',
      sdgs: [6, 12],
      axisCode: 'campus_environment',
      anonymous: true,
    });
    if (!submitted.ok) throw new Error(submitted.error.code);
    ideaId = submitted.value.id;
  });

  test('the officer turns an accepted idea into an action in one step, linked both ways', async () => {
    const { db } = get();
    const [objective] = await listObjectiveOptions(db, admin.institutionId);
    expect(objective).toBeDefined();
    // Not from "received", and never by a viewer.
    expect(await turnIdeaIntoAction(db, admin, ideaId, { objectiveId: objective.id })).toEqual({
      ok: false,
      error: { code: 'ideas.error.transition' },
    });
    await changeIdeaStatus(db, admin, ideaId, { to: 'under_study' });
    await changeIdeaStatus(db, admin, ideaId, { to: 'accepted', answer: 'Deux fontaines en 2027.' });
    expect(await turnIdeaIntoAction(db, viewer, ideaId, { objectiveId: objective.id })).toEqual({
      ok: false,
      error: { code: 'ideas.error.forbidden' },
    });
    expect(await turnIdeaIntoAction(db, admin, ideaId, { objectiveId: 'nope' })).toEqual({
      ok: false,
      error: { code: 'ideas.error.objective' },
    });
    const turned = await turnIdeaIntoAction(db, admin, ideaId, { objectiveId: objective.id });
    if (!turned.ok) throw new Error(turned.error.code);

    const action = await getActionPage(db, admin, turned.value.actionId);
    expect(action?.action).toMatchObject({
      title: 'Fontaines à eau',
      status: 'not_started',
      sdgs: [6, 12],
      axes: ['campus_environment'],
      objectiveId: objective.id,
    });
    expect(action?.description).toBe('Une fontaine par bâtiment.');
    expect(await findIdeaOfAction(db, admin.institutionId, turned.value.actionId)).toEqual({
      id: ideaId,
      title: 'Fontaines à eau',
    });
    const idea = await getIdeaPage(db, viewer, ideaId);
    expect(idea?.status).toBe('turned_into_action');
    expect(idea?.action).toEqual({ id: turned.value.actionId, title: 'Fontaines à eau' });
    expect(idea?.history.at(-1)).toMatchObject({ fromStatus: 'accepted', toStatus: 'turned_into_action' });
    // Only once.
    expect((await turnIdeaIntoAction(db, admin, ideaId, { objectiveId: objective.id })).ok).toBe(false);
  });

  test('CSV and XLSX exports write "Anonyme" for an anonymous author and never the name; the officer’s only', async () => {
    const { db } = get();
    await submitIdea(db, contributor, { title: 'Signée', description: 'd', sdgs: [], anonymous: false });
    expect(await exportIdeas(db, viewer, 'csv', { locale: 'fr' })).toBeUndefined();
    const csv = await exportIdeas(db, admin, 'csv', { locale: 'fr', now: new Date('2026-11-26T10:00:00Z') });
    expect(csv?.filename).toBe('idees-2026-11-26.csv');
    const rows = parse(Buffer.from(csv?.bytes ?? []).toString('utf8'), { delimiter: ';', bom: true }) as string[][];
    const author = rows[0].indexOf('Auteur');
    const title = rows[0].indexOf('Titre');
    const anonymousRow = rows.find((r) => r[title] === 'Fontaines à eau');
    expect(anonymousRow?.[author]).toBe('Anonyme');
    expect(rows.find((r) => r[title] === 'Signée')?.[author]).toBe(contributor.displayName);
    expect(Buffer.from(csv?.bytes ?? []).toString('utf8')).not.toContain(viewer.displayName);

    const xlsx = await exportIdeas(db, admin, 'xlsx', { locale: 'en' });
    const sheet = xlsxRows(xlsx?.bytes ?? new Uint8Array());
    const xAuthor = sheet[0].indexOf('Author');
    expect(sheet.find((r) => r.includes('Fontaines à eau'))?.[xAuthor]).toBe('Anonymous');
    expect(JSON.stringify(sheet)).not.toContain(viewer.displayName);
  });

  test('the public list is off by default, then shows answered ideas without any author name', async () => {
    const { db } = get();
    const slug = (await db.selectFrom('institution').select('slug').executeTakeFirstOrThrow()).slug;
    expect(await getPublicIdeas(db, slug)).toBeUndefined();
    await updateIdeaSettings(db, admin, { reportThreshold: 3, publicList: true });
    const page = await getPublicIdeas(db, slug);
    expect(page?.ideas.map((i) => i.title)).toEqual(['Fontaines à eau']);
    expect(page?.ideas[0]).toMatchObject({ status: 'turned_into_action', publicAnswer: 'Deux fontaines en 2027.' });
    expect(JSON.stringify(page)).not.toContain(viewer.displayName);
    expect(JSON.stringify(page)).not.toContain(contributor.displayName);
    expect(await getPublicIdeas(db, 'no-such-school')).toBeUndefined();
  });
});
