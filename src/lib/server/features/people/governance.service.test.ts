import type { Kysely } from 'kysely';
import { beforeAll, expect, test } from 'vitest';
import type { DB } from '../../db/schema';
import { describeEachDialect } from '../../testing/databases';
import { findSessionUserById, type SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { countReferents } from '../plan';
import { loadGovernance } from './governance.queries';
import {
  createWorkingGroup,
  institutionProfileSchema,
  setDirectorateReferent,
  updateInstitutionProfile,
} from './governance.service';
import { addGroupMember, removeGroupMember } from './group-members.service';
import { buildUnitTree } from './people';
import { listUnits } from './people.queries';
import { getPersonPage, updatePerson } from './people.service';

async function sessionUserByEmail(db: Kysely<DB>, email: string): Promise<SessionUser> {
  const row = await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const user = await findSessionUserById(db, row.id);
  if (!user) throw new Error(`no session user for ${email}`);
  return user;
}

async function personId(db: Kysely<DB>, familyName: string): Promise<string> {
  return (await db.selectFrom('person').select('id').where('family_name', '=', familyName).executeTakeFirstOrThrow())
    .id;
}

async function unitId(db: Kysely<DB>, shortName: string): Promise<string> {
  return (await db.selectFrom('org_unit').select('id').where('short_name', '=', shortName).executeTakeFirstOrThrow())
    .id;
}

describeEachDialect('people and governance', (get) => {
  let admin: SessionUser;
  let institutionId: string;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    institutionId = (await db.selectFrom('institution').select('id').executeTakeFirstOrThrow()).id;
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
  });

  test('the demo unit tree has the six directorates at the top with their services below', async () => {
    const { db } = get();
    const tree = buildUnitTree(await listUnits(db, institutionId));
    const directorates = tree.filter((u) => u.kind === 'directorate');
    expect(directorates.map((d) => d.shortName)).toEqual(['SG', 'DE', 'DFA', 'DRED', 'DDE', 'DIR COM']);
    const sg = directorates.find((d) => d.shortName === 'SG');
    expect(sg?.children.map((c) => c.kind)).toEqual(['service', 'service', 'service', 'service', 'service', 'service']);
    expect(sg?.children.map((c) => c.shortName)).toContain('Div Immob');
    const dred = directorates.find((d) => d.shortName === 'DRED');
    const creer = dred?.children.find((c) => c.shortName === 'CREER');
    expect(creer?.kind).toBe('research_centre');
    expect(creer?.children.map((c) => c.kind)).toContain('research_team');
  });

  test('setting a referent twice for a directorate keeps one referent, and the history says who replaced whom', async () => {
    const { db } = get();
    const de = await unitId(db, 'DE');
    const before = await countReferents(db, institutionId);
    const bazin = await personId(db, 'Bazin');
    const taguet = await personId(db, 'Taguet');
    expect(await setDirectorateReferent(db, admin, { unitId: de, personId: bazin })).toEqual({
      ok: true,
      value: { changed: true },
    });
    expect(await setDirectorateReferent(db, admin, { unitId: de, personId: taguet })).toEqual({
      ok: true,
      value: { changed: true },
    });
    expect(await setDirectorateReferent(db, admin, { unitId: de, personId: taguet })).toEqual({
      ok: true,
      value: { changed: false },
    });
    expect(await countReferents(db, institutionId)).toBe(before);
    const seat = (await loadGovernance(db, institutionId))?.committee?.seats.find((s) => s.unitId === de);
    expect(seat?.referent?.personId).toBe(taguet);
    const history = await db
      .selectFrom('audit_event')
      .select(['before_value', 'after_value'])
      .where('entity_type', '=', 'working_group')
      .where('field', '=', 'referent')
      .orderBy('at')
      .execute();
    expect(history).toEqual([
      { before_value: 'Enrech C. (DE)', after_value: 'Bazin I. (DE)' },
      { before_value: 'Bazin I. (DE)', after_value: 'Taguet A. (DE)' },
    ]);
  });

  test('only a directorate gets a referent, and only the officer seats one', async () => {
    const { db } = get();
    const rh = await unitId(db, 'RH');
    const de = await unitId(db, 'DE');
    const bazin = await personId(db, 'Bazin');
    expect(await setDirectorateReferent(db, admin, { unitId: rh, personId: bazin })).toEqual({
      ok: false,
      error: { code: 'governance.referent.notDirectorate' },
    });
    const committee = await sessionUserByEmail(db, 'referent.dde@demo.trajectoire.test');
    expect(await setDirectorateReferent(db, committee, { unitId: de, personId: bazin })).toEqual({
      ok: false,
      error: { code: 'governance.forbidden' },
    });
  });

  test('editing the institution profile writes one history row per changed field and refuses a stale form', async () => {
    const { db } = get();
    const view = await loadGovernance(db, institutionId);
    if (!view) throw new Error('no institution');
    const input = {
      purposeStatement: view.institution.purposeStatement,
      ambition: 'Neutralité carbone en 2040.',
      values: 'Audace.',
    };
    expect(await updateInstitutionProfile(db, admin, input, view.institution.stamp)).toEqual({
      ok: true,
      value: { changed: 2 },
    });
    const rows = await db
      .selectFrom('audit_event')
      .select(['field', 'after_value', 'actor_user_id'])
      .where('entity_type', '=', 'institution')
      .where('operation', '=', 'update')
      .orderBy('field')
      .execute();
    expect(rows).toEqual([
      { field: 'ambition', after_value: 'Neutralité carbone en 2040.', actor_user_id: admin.id },
      { field: 'values_text', after_value: 'Audace.', actor_user_id: admin.id },
    ]);
    expect(await updateInstitutionProfile(db, admin, { ...input, values: 'Partage.' }, view.institution.stamp)).toEqual(
      {
        ok: false,
        error: { code: 'governance.profile.conflict' },
      },
    );
  });

  test('a profile sent back untouched by a browser (CRLF line breaks) records no change', async () => {
    const { db } = get();
    const view = await loadGovernance(db, institutionId);
    if (!view) throw new Error('no institution');
    const crlf = (s: string | null) => s?.replace(/\n/g, '\r\n') ?? null;
    const { purposeStatement, ambition, values } = view.institution;
    const input = institutionProfileSchema.parse({
      purposeStatement: crlf(purposeStatement),
      ambition: crlf(ambition),
      values: crlf(`${values}\nPartage.`),
    });
    expect(await updateInstitutionProfile(db, admin, input, view.institution.stamp)).toEqual({
      ok: true,
      value: { changed: 1 },
    });
    const again = await loadGovernance(db, institutionId);
    expect(again?.institution.values).toBe(`${values}\nPartage.`);
  });

  test('a working group is created with its purpose and gains and loses members; a second committee is refused', async () => {
    const { db } = get();
    const created = await createWorkingGroup(db, admin, {
      kind: 'working_group',
      name: 'Mobilités',
      purpose: 'Réduire les trajets en voiture.',
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const robert = await personId(db, 'Robert');
    const added = await addGroupMember(db, admin, { groupId: created.value.id, personId: robert });
    expect(added.ok).toBe(true);
    expect(await addGroupMember(db, admin, { groupId: created.value.id, personId: robert })).toEqual({
      ok: false,
      error: { code: 'governance.member.duplicate' },
    });
    let group = (await loadGovernance(db, institutionId))?.groups.find((g) => g.id === created.value.id);
    expect(group?.purpose).toBe('Réduire les trajets en voiture.');
    expect(group?.members.map((m) => m.displayName)).toEqual(['Robert L.']);
    if (added.ok) expect((await removeGroupMember(db, admin, added.value.id)).ok).toBe(true);
    group = (await loadGovernance(db, institutionId))?.groups.find((g) => g.id === created.value.id);
    expect(group?.members).toEqual([]);
    expect(
      await createWorkingGroup(db, admin, { kind: 'steering_committee', name: 'Autre COPIL', purpose: null }),
    ).toEqual({
      ok: false,
      error: { code: 'governance.committee.exists' },
    });
  });

  test('a person edit records each changed field, and a stale form is refused', async () => {
    const { db } = get();
    const robert = await personId(db, 'Robert');
    const dircom = await unitId(db, 'DIR COM');
    const page = await getPersonPage(db, admin, robert);
    if (!page) throw new Error('no person');
    expect(page.actions.map((a) => a.title)).toContainEqual(expect.stringMatching(/^Compostage des déchets/));
    const input = {
      displayName: 'Robert L.',
      familyName: 'Robert',
      initials: 'L',
      email: 'l.robert@example.test',
      jobTitle: 'Chargé de communication',
      unitId: dircom,
    };
    const r = await updatePerson(db, admin, robert, input, page.stamp);
    expect(r).toEqual({ ok: true, value: { changed: 2 } });
    const after = await getPersonPage(db, admin, robert);
    expect(after?.history.map((h) => h.field).sort()).toEqual(['email', 'job_title']);
    expect(await updatePerson(db, admin, robert, { ...input, jobTitle: 'Autre' }, page.stamp)).toEqual({
      ok: false,
      error: { code: 'people.person.conflict' },
    });
  });
});
