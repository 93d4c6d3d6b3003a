import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type Actor, recordAudit } from '../audit';

export interface InstitutionRef {
  id: string;
  slug: string;
  name: string;
}

export async function listInstitutions(db: Kysely<DB>): Promise<InstitutionRef[]> {
  return db.selectFrom('institution').select(['id', 'slug', 'name']).orderBy('slug').execute();
}

/** "IMT Mines Alès" -> "imt-mines-ales". */
export function slugOf(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'institution'
  );
}

/** Creates an institution (with its audit row) in one transaction. */
export async function createInstitution(db: Kysely<DB>, actor: Actor, name: string): Promise<InstitutionRef> {
  const institution = { id: newId(), slug: slugOf(name), name: name.trim() };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('institution')
      .values({ ...institution, purpose_statement: null, ambition: null, values_text: null, created_at: nowIso() })
      .execute();
    await recordAudit(trx, {
      institutionId: institution.id,
      actor,
      entityType: 'institution',
      entityId: institution.id,
      operation: 'create',
    });
  });
  return institution;
}
