/**
 * The demo's THE edition (data/the-impact/demo.json): the 2023 edition with the
 * SDGs the 2022 report says the school was ranked in, and evidence items drawn
 * from the report (one invented policy, said so in the file).
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import demoData from '../../../../../data/the-impact/demo.json';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { defaultPolicyWindow, ITEM_KINDS, normaliseSdgChoice } from './the-impact';
import { findEditionRow, insertEditionRow, insertItemRows, replaceEditionSdgs } from './the-impact.queries';

const demoSchema = z.object({
  edition: z.number().int(),
  sdgs: z.array(z.number().int()),
  items: z.array(
    z.object({
      sdg: z.number().int(),
      metricCode: z.string(),
      kind: z.enum(ITEM_KINDS),
      title: z.string(),
      description: z.string().nullable(),
      createdOn: z.string().nullable(),
      reviewedOn: z.string().nullable(),
      publicUrl: z.string().nullable(),
      invented: z.boolean(),
      inventedFields: z.array(z.string()),
    }),
  ),
});

/** Inserts the demo edition into an institution that does not have it yet. */
export async function loadTheImpactDemo(db: Kysely<DB>, institutionId: string): Promise<void> {
  const demo = demoSchema.parse(demoData);
  if (await findEditionRow(db, institutionId, demo.edition)) return;
  const window = defaultPolicyWindow(demo.edition);
  const now = nowIso();
  const editionId = newId();
  await db.transaction().execute(async (trx) => {
    await insertEditionRow(trx, {
      id: editionId,
      institution_id: institutionId,
      edition: demo.edition,
      window_start_year: window.startYear,
      window_end_year: window.endYear,
      copied_from_edition: null,
      created_by: null,
      created_at: now,
    });
    await replaceEditionSdgs(trx, editionId, normaliseSdgChoice(demo.sdgs));
    await insertItemRows(
      trx,
      demo.items.map((i) => ({
        id: newId(),
        institution_id: institutionId,
        edition_id: editionId,
        sdg_number: i.sdg,
        metric_code: i.metricCode,
        kind: i.kind,
        title: i.title,
        description: i.description,
        created_on: i.createdOn,
        reviewed_on: i.reviewedOn,
        public_url: i.publicUrl,
        file_name: null,
        file_content_type: null,
        file_byte_size: null,
        file_sha256: null,
        file_base64: null,
        figure_milli: null,
        figure_unit: null,
        action_id: null,
        indicator_id: null,
        is_draft: 0,
        created_by: null,
        created_at: now,
        updated_by: null,
        updated_at: now,
      })),
    );
  });
}
