/**
 * The demo's awareness sessions (data/demo/awareness.json): the report's
 * "rentrée climat" of September 2022 (4000 participants, 35 fresqueurs over
 * two days: Bazin I. named, 34 counted) and a few invented sessions and
 * headcounts so that every page has something to show. Tables have no demo
 * marker: the file says which entries are invented.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import { academicYearOf, FACILITATOR_SKILL, identityKeyOf, isCatalogueType, isPopulation } from './awareness';
import {
  insertParticipants,
  insertSession,
  insertSkill,
  replaceAnonymousCounts,
  replaceFacilitators,
} from './awareness.queries';
import { upsertHeadcountRow } from './awareness-stats.queries';

const DEMO_FILE = 'data/demo/awareness.json';

const population = z.string().refine(isPopulation);
const demoSchema = z.object({
  source: z.string(),
  facilitators: z.array(z.object({ person: z.string(), invented: z.boolean(), source: z.string().optional() })),
  sessions: z.array(
    z.object({
      type: z.string().refine(isCatalogueType),
      title: z.string(),
      startDate: z.string(),
      endDate: z.string().optional(),
      online: z.boolean(),
      place: z.string().optional(),
      audienceNote: z.string().optional(),
      facilitators: z.array(z.string()),
      unnamedFacilitators: z.number().int().min(0),
      anonymous: z.array(z.object({ population, programme: z.string(), participants: z.number().int().positive() })),
      participants: z.array(
        z.object({
          name: z.string(),
          email: z.string().optional(),
          population,
          programme: z.string().optional(),
          year: z.number().int().optional(),
        }),
      ),
      invented: z.boolean(),
      source: z.string().optional(),
    }),
  ),
  headcounts: z.array(
    z.object({
      academicYear: z.string(),
      population,
      programme: z.string(),
      headcount: z.number().int().positive(),
      invented: z.boolean(),
      source: z.string().optional(),
    }),
  ),
});

/**
 * Loads the demo's sessions, facilitators and headcounts into an institution
 * (people found by display name); does nothing when it already has sessions.
 */
export async function loadAwarenessDemo(db: Kysely<DB>, institutionId: string, root = process.cwd()): Promise<void> {
  const already = await db
    .selectFrom('awareness_session')
    .select('id')
    .where('institution_id', '=', institutionId)
    .limit(1)
    .executeTakeFirst();
  if (already) return;
  const demo = demoSchema.parse(JSON.parse(readFileSync(resolve(root, DEMO_FILE), 'utf8')));
  const people = await db
    .selectFrom('person')
    .select(['id', 'display_name'])
    .where('institution_id', '=', institutionId)
    .execute();
  const personId = (name: string) => {
    const found = people.find((p) => p.display_name === name);
    if (!found) throw new Error(`awareness demo: no person named "${name}"`);
    return found.id;
  };
  const admin = await db
    .selectFrom('membership')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .select('app_user.id')
    .where('membership.institution_id', '=', institutionId)
    .where('membership.role', '=', 'admin')
    .orderBy('app_user.created_at')
    .orderBy('app_user.id')
    .executeTakeFirst();
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    for (const f of demo.facilitators) await insertSkill(trx, personId(f.person), FACILITATOR_SKILL, at);
    for (const s of demo.sessions) {
      const id = newId();
      await insertSession(trx, {
        id,
        institution_id: institutionId,
        type_key: s.type,
        title: s.title,
        start_date: s.startDate,
        end_date: s.endDate ?? null,
        academic_year: academicYearOf(s.startDate),
        online: s.online ? 1 : 0,
        place: s.place ?? null,
        audience_note: s.audienceNote ?? null,
        unnamed_facilitators: s.unnamedFacilitators,
        recorded_by: admin?.id ?? null,
        created_at: at,
        updated_at: at,
      });
      await replaceFacilitators(trx, id, s.facilitators.map(personId));
      await replaceAnonymousCounts(
        trx,
        id,
        s.anonymous.map((a) => ({ session_id: id, ...a })),
      );
      await insertParticipants(
        trx,
        s.participants.map((p) => ({
          id: newId(),
          session_id: id,
          person_id: null,
          identity_key: identityKeyOf({ email: p.email, name: p.name, population: p.population }),
          display_name: p.name,
          email: p.email ?? null,
          population: p.population,
          programme: p.programme ?? '',
          study_year: p.year ?? null,
          recorded_by: admin?.id ?? null,
          created_at: at,
        })),
      );
      await recordAudit(trx, {
        institutionId,
        actor: { userId: null, label: 'demo' },
        entityType: 'awareness_session',
        entityId: id,
        operation: 'create',
        changes: [{ field: 'title', before: null, after: s.title }],
      });
    }
    for (const h of demo.headcounts) {
      await upsertHeadcountRow(trx, {
        institution_id: institutionId,
        academic_year: h.academicYear,
        population: h.population,
        programme: h.programme,
        headcount: h.headcount,
        updated_by: null,
        updated_at: at,
      });
    }
  });
}
