/**
 * Choosing (and, for the first administrator, creating) the institution a
 * command works on. The queries belong in features/institution once that
 * feature has a public door; they are here until then.
 */
import type { Kysely } from 'kysely';
import { newId, nowIso } from '../lib/server/db/ids';
import type { DB } from '../lib/server/db/schema';
import { type Actor, recordAudit } from '../lib/server/features/audit';
import { CliError } from './cli';

export interface InstitutionRef {
  id: string;
  slug: string;
  name: string;
}

export const CLI_ACTOR: Actor = { userId: null, label: 'cli' };

export async function listInstitutions(db: Kysely<DB>): Promise<InstitutionRef[]> {
  return db.selectFrom('institution').select(['id', 'slug', 'name']).orderBy('slug').execute();
}

/**
 * The institution named by `slug`, else the only one. Refused when the slug is
 * unknown, when there is none (create one first) or several (name one).
 */
export async function chooseInstitution(db: Kysely<DB>, slug: string | undefined): Promise<InstitutionRef> {
  const institutions = await listInstitutions(db);
  const slugs = institutions.map((i) => i.slug).join(', ');
  if (slug !== undefined) {
    const found = institutions.find((i) => i.slug === slug);
    if (!found) throw new CliError('cli.institution.unknown', { slug, slugs: slugs || '—' });
    return found;
  }
  if (institutions.length === 0) throw new CliError('cli.institution.none');
  if (institutions.length > 1) throw new CliError('cli.institution.several', { slugs });
  return institutions[0];
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

export async function createInstitution(db: Kysely<DB>, name: string): Promise<InstitutionRef> {
  const institution = { id: newId(), slug: slugOf(name), name: name.trim() };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('institution')
      .values({ ...institution, purpose_statement: null, ambition: null, values_text: null, created_at: nowIso() })
      .execute();
    await recordAudit(trx, {
      institutionId: institution.id,
      actor: CLI_ACTOR,
      entityType: 'institution',
      entityId: institution.id,
      operation: 'create',
    });
  });
  return institution;
}
