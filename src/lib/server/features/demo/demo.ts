import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type Actor, recordAudit } from '../audit';
import { createUser, findSessionUserById, type Role } from '../auth';
import { AWARENESS_SEED_INDICATOR_LINKS, loadAwarenessDemo } from '../awareness';
import { EVENTS_SEED_INDICATOR_LINKS, loadEventsDemo } from '../events';
import { IDEAS_SEED_INDICATOR_LINKS, loadIdeasDemo } from '../ideas';
import { linkIndicatorsToSources, loadDemoValues, refreshComputedValues } from '../indicators';
import { loadLabelDemo } from '../label';
import { loadPartnersDemo, PARTNERS_SEED_INDICATOR_LINKS } from '../partners';
import { matchPerson } from '../people';
import { importPlanFile } from '../plan-import';
import { loadPortalDemo } from '../portal';
import { loadResearchDemo, RESEARCH_SEED_INDICATOR_LINKS } from '../research';
import { loadTeachingDemo, TEACHING_SEED_INDICATOR_LINKS } from '../teaching';
import { loadTheImpactDemo } from '../the-impact';
import { commitTripImport } from '../travel';

/** Demo files, relative to the project root (the folder `npm start` runs from). */
const DEMO_DIR = 'data/demo';
const PLAN_FILE = 'imt-mines-ales-plan-res-2023-2027.tsv';
const REPORT_FILE = 'imt-mines-ales-rapport-2022-odd17.txt';
const STRUCTURE_FILE = 'imt-mines-ales.json';
/** Invented trips of 2024 and 2025 (GES 1point5 travel file), so the travel dashboard shows something. */
const TRIPS_FILE = 'imt-mines-ales-trips.tsv';

/** One account per role, and a student; the pilot is Robert L., who pilots several actions of the 2023-2027 plan. */
export const DEMO_ACCOUNTS: readonly { role: Role; email: string; person: string | null; displayName: string }[] = [
  {
    role: 'admin',
    email: 'responsable.ddrs@demo.trajectoire.test',
    person: 'Bazin I',
    displayName: 'Bazin I. (responsable DD&RS)',
  },
  {
    role: 'committee',
    email: 'referent.dde@demo.trajectoire.test',
    person: 'Paradis J',
    displayName: 'Paradis J. (référent DDE)',
  },
  { role: 'pilot', email: 'pilote@demo.trajectoire.test', person: 'Robert L', displayName: 'Robert L. (pilote)' },
  { role: 'contributor', email: 'contributeur@demo.trajectoire.test', person: null, displayName: 'Contributeur démo' },
  { role: 'viewer', email: 'lecteur@demo.trajectoire.test', person: null, displayName: 'Lecteur démo' },
  /** A student: reads, and submits and supports ideas like every account (the viewer role). */
  { role: 'viewer', email: 'etudiant@demo.trajectoire.test', person: null, displayName: 'Élève démo' },
];

const personSchema = z.object({
  displayName: z.string(),
  familyName: z.string(),
  initials: z.string(),
  jobTitle: z.string().optional(),
});

const structureSchema = z.object({
  source: z.string(),
  institution: z.object({
    slug: z.string(),
    name: z.string(),
    purposeStatement: z.string().nullable().optional(),
    ambition: z.string().nullable().optional(),
    values: z.string().nullable().optional(),
  }),
  units: z.array(
    z.object({
      key: z.string(),
      kind: z.string(),
      name: z.string(),
      shortName: z.string().nullable().optional(),
      parent: z.string().nullable().optional(),
      purpose: z.string().nullable().optional(),
      aliases: z.array(z.string()).optional(),
    }),
  ),
  workingGroups: z.array(
    z.object({ key: z.string(), kind: z.string(), name: z.string(), purpose: z.string().nullable().optional() }),
  ),
  officer: personSchema,
  referents: z.array(personSchema.extend({ unit: z.string() })),
  teams: z
    .array(
      z.object({ name: z.string(), unit: z.string().nullable().optional(), members: z.array(z.string()).optional() }),
    )
    .optional(),
});

export type DemoStructure = z.infer<typeof structureSchema>;

export function readDemoStructure(root = process.cwd()): DemoStructure {
  return structureSchema.parse(JSON.parse(readFileSync(resolve(root, DEMO_DIR, STRUCTURE_FILE), 'utf8')));
}

async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('institution').select('id').limit(1).executeTakeFirst();
  return !row;
}

/**
 * Loads IMT Mines Alès from its own documents into an empty database: its
 * structure and governance, its 2023-2027 plan (seed spreadsheet) and its
 * 2021-2022 yearly plan (report matrix), then one account per role. With
 * `trips`, also the invented trips of 2024-2025, imported by the demo admin
 * (the server turns it on; tests that expect no trips leave it off). Does
 * nothing when the database already holds an institution.
 */
export async function loadDemoIfEmpty(
  db: Kysely<DB>,
  options: { password: string; root?: string; trips?: boolean; people?: boolean; today?: string },
): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  const root = options.root ?? process.cwd();
  const structure = readDemoStructure(root);
  const actor: Actor = { userId: null, label: 'demo' };
  const institutionId = newId();

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('institution')
      .values({
        id: institutionId,
        slug: structure.institution.slug,
        name: structure.institution.name,
        purpose_statement: structure.institution.purposeStatement ?? null,
        ambition: structure.institution.ambition ?? null,
        values_text: structure.institution.values ?? null,
        created_at: nowIso(),
      })
      .execute();
    const unitIds = new Map<string, string>();
    for (const u of structure.units) unitIds.set(u.key, newId());
    // Parents first is not guaranteed in the file: insert without parents, then link.
    for (const [position, u] of structure.units.entries()) {
      await trx
        .insertInto('org_unit')
        .values({
          id: unitIds.get(u.key)!,
          institution_id: institutionId,
          parent_id: null,
          kind: u.kind,
          name: u.name,
          short_name: u.shortName ?? null,
          purpose: u.purpose ?? null,
          aliases: JSON.stringify(u.aliases ?? []),
          position,
        })
        .execute();
    }
    for (const u of structure.units) {
      const parent = u.parent ? unitIds.get(u.parent) : undefined;
      if (parent)
        await trx.updateTable('org_unit').set({ parent_id: parent }).where('id', '=', unitIds.get(u.key)!).execute();
    }
    const addPerson = async (p: z.infer<typeof personSchema>, unitId: string | null) => {
      const id = newId();
      await trx
        .insertInto('person')
        .values({
          id,
          institution_id: institutionId,
          display_name: p.displayName,
          family_name: p.familyName,
          initials: p.initials,
          email: null,
          job_title: p.jobTitle ?? null,
          unit_id: unitId,
          created_at: nowIso(),
        })
        .execute();
      return id;
    };
    const officerId = await addPerson(structure.officer, null);
    const groupIds = new Map<string, string>();
    for (const g of structure.workingGroups) {
      const id = newId();
      groupIds.set(g.key, id);
      await trx
        .insertInto('working_group')
        .values({ id, institution_id: institutionId, kind: g.kind, name: g.name, purpose: g.purpose ?? null })
        .execute();
    }
    const committee = structure.workingGroups.find((g) => g.kind === 'steering_committee');
    if (committee) {
      const groupId = groupIds.get(committee.key)!;
      await trx
        .insertInto('working_group_member')
        .values({ id: newId(), group_id: groupId, person_id: officerId, role: 'chair', unit_id: null })
        .execute();
      for (const r of structure.referents) {
        const unitId = unitIds.get(r.unit) ?? null;
        const personId = await addPerson(r, unitId);
        await trx
          .insertInto('working_group_member')
          .values({ id: newId(), group_id: groupId, person_id: personId, role: 'referent', unit_id: unitId })
          .execute();
      }
    }
    for (const t of structure.teams ?? []) {
      await trx
        .insertInto('team')
        .values({
          id: newId(),
          institution_id: institutionId,
          name: t.name,
          unit_id: t.unit ? (unitIds.get(t.unit) ?? null) : null,
        })
        .execute();
    }
    await recordAudit(trx, {
      institutionId,
      actor,
      entityType: 'institution',
      entityId: institutionId,
      operation: 'create',
    });
  });

  for (const file of [PLAN_FILE, REPORT_FILE]) {
    const bytes = readFileSync(resolve(root, DEMO_DIR, file));
    const result = await importPlanFile(db, { institutionId, actor, bytes, filename: file });
    if (!result.ok) throw new Error(`Demo import of ${file} failed: ${result.error.code}`);
  }

  const people = await db
    .selectFrom('person')
    .select(['id', 'family_name', 'initials', 'display_name'])
    .where('institution_id', '=', institutionId)
    .execute();
  const refs = people.map((p) => ({
    id: p.id,
    familyName: p.family_name,
    initials: p.initials,
    displayName: p.display_name,
  }));
  let adminId: string | undefined;
  for (const account of DEMO_ACCOUNTS) {
    const [familyName, initials] = account.person?.split(' ') ?? [];
    const person = account.person
      ? matchPerson({ kind: 'person', label: account.person, familyName, initials }, refs)
      : undefined;
    const created = await createUser(db, {
      email: account.email,
      displayName: account.displayName,
      password: options.password,
      institutionId,
      role: account.role,
      personId: person?.id ?? null,
    });
    if (!created.ok) throw new Error(`Demo account ${account.email}: ${created.error.code}`);
    if (account.role === 'admin') adminId = created.value.id;
  }
  await loadDemoValues(db, institutionId);
  if (options.trips) await loadDemoTrips(db, root, adminId);
  if (options.people) await loadDemoPeopleAndPartners(db, institutionId, options.today);
  return true;
}

/** Every module's seed-plan indicators: the demo hands them to their module (features/indicators/source-links.ts). */
export const SEED_INDICATOR_LINKS = [
  ...AWARENESS_SEED_INDICATOR_LINKS,
  ...TEACHING_SEED_INDICATOR_LINKS,
  ...IDEAS_SEED_INDICATOR_LINKS,
  ...PARTNERS_SEED_INDICATOR_LINKS,
  ...RESEARCH_SEED_INDICATOR_LINKS,
  ...EVENTS_SEED_INDICATOR_LINKS,
];

/**
 * The people-and-partners modules' demo records (sessions, programmes, ideas,
 * partners — before research, whose projects name them —, projects,
 * publications, events, the label's placeholder criteria, a THE Impact edition,
 * the public portal opened), then the seed
 * indicators they compute, refreshed at once so the plan shows their figures.
 */
async function loadDemoPeopleAndPartners(db: Kysely<DB>, institutionId: string, today?: string): Promise<void> {
  await loadAwarenessDemo(db, institutionId);
  await loadTeachingDemo(db, institutionId);
  await loadIdeasDemo(db, institutionId);
  await loadPartnersDemo(db, institutionId);
  await loadResearchDemo(db, institutionId);
  await loadEventsDemo(db, institutionId);
  await loadLabelDemo(db, institutionId);
  await loadTheImpactDemo(db, institutionId);
  await loadPortalDemo(db, institutionId);
  await linkIndicatorsToSources(db, institutionId, SEED_INDICATOR_LINKS, { userId: null, label: 'demo' });
  await refreshComputedValues(db, { today: today ?? new Date().toISOString().slice(0, 10), institutionId });
}

/** Imports the demo trips file through the ordinary import, as the demo admin. */
async function loadDemoTrips(db: Kysely<DB>, root: string, adminId: string | undefined): Promise<void> {
  const admin = adminId ? await findSessionUserById(db, adminId) : null;
  if (!admin) throw new Error('Demo trips need the demo admin account');
  const bytes = readFileSync(resolve(root, DEMO_DIR, TRIPS_FILE));
  const result = await commitTripImport(db, admin, { bytes, filename: TRIPS_FILE });
  if (!result.ok) throw new Error(`Demo import of ${TRIPS_FILE} failed: ${result.error.code}`);
}
