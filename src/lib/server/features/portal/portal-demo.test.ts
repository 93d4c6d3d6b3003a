import { beforeAll, expect, test } from 'vitest';
import { describeEachDialect } from '../../testing/databases';
import { loadDemoIfEmpty } from '../demo';
import { loadPortalDemo } from './index';
import { getPortalHome } from './portal-pages.service';
import { getPortalSettings } from './portal-settings.service';

describeEachDialect('portal demo', (get) => {
  let institution: { id: string; slug: string };

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    institution = await db.selectFrom('institution').select(['id', 'slug']).executeTakeFirstOrThrow();
  });

  test('the demo opens the portal with every section, and loading it twice changes nothing', async () => {
    const { db } = get();
    await loadPortalDemo(db, institution.id);
    await loadPortalDemo(db, institution.id);
    const settings = await getPortalSettings(db, institution.id);
    expect(settings.enabled).toBe(true);
    expect(Object.values(settings.sections).every(Boolean)).toBe(true);
    expect((await getPortalHome(db, institution.slug))?.header.sections).toEqual([
      'plan',
      'sdg',
      'reports',
      'fund',
      'data',
    ]);
  });
});
