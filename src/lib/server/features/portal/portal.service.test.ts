import { beforeAll, describe, expect, test } from 'vitest';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { DEFAULT_LICENCE, latestValidated } from './portal';
import { allPublic, decode, seedPortalFixture } from './portal.fixtures';
import { buildOpenDataFile, getOpenDataPage } from './portal-data.service';
import { getPortalHome, getPublicPlanProgress, getPublicReports, getPublicSdgMatrix } from './portal-pages.service';
import { getPortalSettings, updatePortalSettings } from './portal-settings.service';

const TODAY = '2026-11-26';

describe('latestValidated', () => {
  const v = (period: string, version: number, state: string) => ({ indicator_id: 'i', period, version, state });
  test('the published value of a period is its latest validated version, not a newer draft', () => {
    const rows = [
      v('2024', 1, 'validated'),
      v('2024', 2, 'draft'),
      v('2025', 1, 'submitted'),
      v('2023', 1, 'validated'),
      v('2023', 2, 'validated'),
    ];
    expect(latestValidated(rows).map((r) => `${r.period}v${r.version}`)).toEqual(['2024v1', '2023v2']);
  });
});

describeEachDialect('public portal', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  let slug: string;
  let indicatorId: string;
  let planId: string;

  beforeAll(async () => {
    ({ admin, pilot, slug, indicatorId, planId } = await seedPortalFixture(get().db));
  });

  test('the portal is off until the officer opens it: every public page is a 404, like an unknown slug', async () => {
    const { db } = get();
    expect((await getPortalSettings(db, admin.institutionId)).enabled).toBe(false);
    expect(await getPortalHome(db, slug)).toBeUndefined();
    expect(await getPublicPlanProgress(db, slug, TODAY)).toBeUndefined();
    expect(await getOpenDataPage(db, slug)).toBeUndefined();
    expect(await buildOpenDataFile(db, slug, 'plan', 'csv', 'fr')).toBeUndefined();
    expect(await getPortalHome(db, 'no-such-institution')).toBeUndefined();
  });

  test('only the officer changes the settings; a bad licence address is refused; changes are audited', async () => {
    const { db } = get();
    expect(await updatePortalSettings(db, pilot, allPublic())).toEqual({
      ok: false,
      error: { code: 'portal.error.forbidden' },
    });
    expect(await updatePortalSettings(db, admin, allPublic({ licenceUrl: 'javascript:alert(1)' }))).toEqual({
      ok: false,
      error: { code: 'portal.error.licenceUrl' },
    });
    expect(await updatePortalSettings(db, admin, allPublic({ contactUrl: 'ftp://x' }))).toEqual({
      ok: false,
      error: { code: 'portal.error.contactUrl' },
    });
    const saved = await updatePortalSettings(db, admin, allPublic({ contactUrl: 'mailto:ddrs@example.org' }));
    expect(saved.ok).toBe(true);
    const audit = await db
      .selectFrom('audit_event')
      .select(['field', 'after_value', 'actor_user_id'])
      .where('entity_type', '=', 'portal_settings')
      .where('entity_id', '=', admin.institutionId)
      .execute();
    expect(audit).toContainEqual({ field: 'enabled', after_value: '1', actor_user_id: admin.id });
    expect(audit).toContainEqual({
      field: 'contact_url',
      after_value: 'mailto:ddrs@example.org',
      actor_user_id: admin.id,
    });
    expect(await updatePortalSettings(db, admin, allPublic({ contactUrl: 'mailto:ddrs@example.org' }))).toEqual({
      ok: true,
      value: { changed: 0 },
    });
  });

  test('a section turned off answers 404 while the others stay public', async () => {
    const { db } = get();
    await updatePortalSettings(
      db,
      admin,
      allPublic({ sections: { plan: false, sdg: true, reports: true, fund: true, data: false } }),
    );
    expect(await getPublicPlanProgress(db, slug, TODAY)).toBeUndefined();
    expect(await getOpenDataPage(db, slug)).toBeUndefined();
    expect(await buildOpenDataFile(db, slug, 'values', 'json', 'en')).toBeUndefined();
    const home = await getPortalHome(db, slug);
    expect(home?.header.sections).toEqual(['sdg', 'reports', 'fund']);
    expect(await getPublicSdgMatrix(db, slug)).toBeDefined();
    expect(await getPublicReports(db, slug)).toEqual({ header: home?.header, versions: [] });
    await updatePortalSettings(db, admin, allPublic());
  });

  test('every open data file states its licence: a column in CSV, the metadata header in JSON', async () => {
    const { db } = get();
    for (const dataset of ['plan', 'indicators', 'values'] as const) {
      const csv = await decode(await buildOpenDataFile(db, slug, dataset, 'csv', 'fr'));
      const [heading, first] = csv.replace(/^\uFEFF/, '').split('\r\n');
      expect(heading.split(';').at(-1)).toBe('Licence');
      expect(first).toContain(`${DEFAULT_LICENCE.name} (${DEFAULT_LICENCE.url})`);
      const json = JSON.parse(await decode(await buildOpenDataFile(db, slug, dataset, 'json', 'en')));
      expect(json.metadata).toMatchObject({ licence: DEFAULT_LICENCE.name, licence_url: DEFAULT_LICENCE.url });
      expect(json.metadata.generated_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(json.records.length).toBeGreaterThan(0);
    }
    const plan = JSON.parse(await decode(await buildOpenDataFile(db, slug, 'plan', 'json', 'en')));
    expect(new Set(plan.records.map((r: { level: string }) => r.level))).toEqual(
      new Set(['workstream', 'objective', 'target', 'action']),
    );
    expect(plan.records.some((r: { sdgs: number[] }) => r.sdgs.length > 0)).toBe(true);
  });

  test('only validated values are published: the validated version stays when a newer draft exists', async () => {
    const { db } = get();
    const json = JSON.parse(await decode(await buildOpenDataFile(db, slug, 'values', 'json', 'en')));
    const mine = json.records.filter((r: { indicator_id: string }) => r.indicator_id === indicatorId);
    expect(mine.filter((r: { period: string }) => r.period >= '2031')).toEqual([
      expect.objectContaining({ period: '2031', value: 424242.125, validated_on: '2031-02-01' }),
    ]);
    const progress = await getPublicPlanProgress(db, slug, TODAY, planId);
    expect(progress?.plan?.id).toBe(planId);
    expect(progress?.workstreams.length).toBeGreaterThan(0);
    // The demo's validated values reach every workstream; the indicators' statuses are counted.
    expect(progress?.workstreams.every((w) => w.withDataCount > 0)).toBe(true);
    expect((progress?.statusCounts?.on_track ?? 0) + (progress?.statusCounts?.achieved ?? 0)).toBeGreaterThan(0);
    expect(progress?.sdgs.length).toBeGreaterThan(0);
  });
});
