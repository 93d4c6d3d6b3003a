import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';

const demoSchema = z.object({
  enabled: z.boolean(),
  sections: z.object({
    plan: z.boolean(),
    sdg: z.boolean(),
    reports: z.boolean(),
    fund: z.boolean(),
    data: z.boolean(),
  }),
  licenceName: z.string().min(1),
  licenceUrl: z.string().url(),
  contactUrl: z.string().nullable(),
});

/**
 * The demo institution's portal settings from data/demo/portal.json (invented: the
 * portal open with every section), written directly without an audit actor.
 */
export async function loadPortalDemo(db: Kysely<DB>, institutionId: string, root = process.cwd()): Promise<void> {
  const data = demoSchema.parse(JSON.parse(readFileSync(join(root, 'data/demo/portal.json'), 'utf8')));
  const bit = (b: boolean) => (b ? 1 : 0);
  await db
    .insertInto('portal_settings')
    .values({
      institution_id: institutionId,
      enabled: bit(data.enabled),
      show_plan_progress: bit(data.sections.plan),
      show_sdg_matrix: bit(data.sections.sdg),
      show_reports: bit(data.sections.reports),
      show_fund: bit(data.sections.fund),
      show_open_data: bit(data.sections.data),
      licence_name: data.licenceName,
      licence_url: data.licenceUrl,
      purpose_text: null,
      contact_url: data.contactUrl,
      updated_by: null,
      updated_at: nowIso(),
    })
    .onConflict((oc) => oc.column('institution_id').doNothing())
    .execute();
}
