import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';
import { newId, nowIso } from '../../db/ids';
import { type Actor, recordAudit } from '../audit';
import { UNIT_KINDS } from './people';

export const personInputSchema = z.object({
  displayName: z.string().trim().min(1).max(200),
  familyName: z.string().trim().max(200).nullable(),
  initials: z.string().trim().max(10).nullable(),
  email: z.string().trim().email().max(320).nullable(),
  jobTitle: z.string().trim().max(200).nullable(),
  unitId: z.string().nullable(),
});
export type PersonInput = z.infer<typeof personInputSchema>;

export const unitInputSchema = z.object({
  name: z.string().trim().min(1).max(300),
  shortName: z.string().trim().max(50).nullable(),
  kind: z.enum(UNIT_KINDS),
  parentId: z.string().nullable(),
  purpose: z.string().trim().max(5000).nullable(),
});
export type UnitInput = z.infer<typeof unitInputSchema>;

export async function createPerson(db: Kysely<DB>, actor: Actor, institutionId: string, input: PersonInput): Promise<string> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('person')
      .values({
        id,
        institution_id: institutionId,
        display_name: input.displayName,
        family_name: input.familyName,
        initials: input.initials,
        email: input.email,
        job_title: input.jobTitle,
        unit_id: input.unitId,
        created_at: nowIso(),
      })
      .execute();
    await recordAudit(trx, {
      institutionId,
      actor,
      entityType: 'person',
      entityId: id,
      operation: 'create',
      changes: [{ field: 'display_name', before: null, after: input.displayName }],
    });
  });
  return id;
}

export async function createUnit(db: Kysely<DB>, actor: Actor, institutionId: string, input: UnitInput): Promise<string> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    if (input.parentId) {
      await trx
        .selectFrom('org_unit')
        .select('id')
        .where('id', '=', input.parentId)
        .where('institution_id', '=', institutionId)
        .executeTakeFirstOrThrow();
    }
    await trx
      .insertInto('org_unit')
      .values({
        id,
        institution_id: institutionId,
        parent_id: input.parentId,
        kind: input.kind,
        name: input.name,
        short_name: input.shortName,
        purpose: input.purpose,
        aliases: '[]',
        position: 1000,
      })
      .execute();
    await recordAudit(trx, {
      institutionId,
      actor,
      entityType: 'org_unit',
      entityId: id,
      operation: 'create',
      changes: [{ field: 'name', before: null, after: input.name }],
    });
  });
  return id;
}
