/** Choosing (and, for the first administrator, creating) the institution a command works on. */
import type { Kysely } from 'kysely';
import type { DB } from '../lib/server/db/schema';
import type { Actor } from '../lib/server/features/audit';
import {
  createInstitution as createInstitutionFor,
  type InstitutionRef,
  listInstitutions,
} from '../lib/server/features/institution';
import { CliError } from './cli';

export { type InstitutionRef, listInstitutions, slugOf } from '../lib/server/features/institution';

export const CLI_ACTOR: Actor = { userId: null, label: 'cli' };

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

export function createInstitution(db: Kysely<DB>, name: string): Promise<InstitutionRef> {
  return createInstitutionFor(db, CLI_ACTOR, name);
}
