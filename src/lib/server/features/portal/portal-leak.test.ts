import { beforeAll, expect, test } from 'vitest';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { allPublic, decode, seedPortalFixture, seedPrivateData } from './portal.fixtures';
import { buildOpenDataFile, getOpenDataPage } from './portal-data.service';
import {
  getPortalHome,
  getPublicFund,
  getPublicPlanProgress,
  getPublicReports,
  getPublicSdgMatrix,
} from './portal-pages.service';
import { updatePortalSettings } from './portal-settings.service';

const TODAY = '2026-11-26';

describeEachDialect('public portal leaks', (get) => {
  let admin: SessionUser;
  let slug: string;

  beforeAll(async () => {
    ({ admin, slug } = await seedPortalFixture(get().db));
    await updatePortalSettings(get().db, admin, allPublic());
  });

  test('nothing private leaks: no person, e-mail, comment, unvalidated value, idea author or trip', async () => {
    const { db } = get();
    const secrets = await seedPrivateData(db, admin);
    const outputs: string[] = [];
    const push = (x: unknown) => outputs.push(JSON.stringify(x));
    push(await getPortalHome(db, slug));
    for (const p of await db
      .selectFrom('plan')
      .select('id')
      .where('institution_id', '=', admin.institutionId)
      .execute()) {
      push(await getPublicPlanProgress(db, slug, TODAY, p.id));
      push(await getPublicSdgMatrix(db, slug, p.id));
    }
    push(await getPublicReports(db, slug));
    push(await getPublicFund(db, slug));
    push(await getOpenDataPage(db, slug));
    for (const dataset of ['plan', 'indicators', 'values'] as const) {
      for (const format of ['csv', 'json'] as const) {
        for (const locale of ['fr', 'en'] as const) {
          outputs.push(await decode(await buildOpenDataFile(db, slug, dataset, format, locale)));
        }
      }
    }
    const all = outputs.join('\n');
    expect(all).toContain('424242'); // the validated value is there: the check below is not vacuous
    for (const secret of secrets) expect(all, `leaked: ${secret}`).not.toContain(secret);
  });
});
