/**
 * The demo's label self-assessment: the starting list of criteria only
 * (data/label/ddrs-referential.json, every wording a marked placeholder). No
 * level is invented for IMT Mines Alès: its seed documents give none, and a
 * made-up maturity level would read as the school's own judgement.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { listCriterionRows } from './label.queries';
import { seedReferentialFor } from './referential.service';

/** Seeds the institution's criteria when it has none (idempotent). */
export async function loadLabelDemo(db: Kysely<DB>, institutionId: string): Promise<void> {
  if ((await listCriterionRows(db, institutionId)).length > 0) return;
  await seedReferentialFor(db, institutionId, { userId: null, label: 'demo' });
}
