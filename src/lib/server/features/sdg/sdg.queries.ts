import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AXIS_CATALOGUE, SDG_CATALOGUE } from './sdg';

/** Upserts the SDGs and axes from the data files (idempotent, run at every start). */
export async function syncReferenceData(db: Kysely<DB>): Promise<void> {
  for (const g of SDG_CATALOGUE.goals) {
    await db
      .insertInto('sdg')
      .values({ number: g.number, title_fr: g.titleFr, title_en: g.titleEn, colour: g.colour })
      .onConflict((oc) =>
        oc.column('number').doUpdateSet({ title_fr: g.titleFr, title_en: g.titleEn, colour: g.colour }),
      )
      .execute();
  }
  for (const a of AXIS_CATALOGUE.axes) {
    await db
      .insertInto('plan_axis')
      .values({ code: a.code, position: a.position, title_fr: a.titleFr, title_en: a.titleEn })
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({ position: a.position, title_fr: a.titleFr, title_en: a.titleEn }),
      )
      .execute();
  }
}
