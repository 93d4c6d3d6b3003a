import { expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import { loadDemoIfEmpty } from '../demo';
import { loadTheImpactDemo } from './the-impact-demo';
import { THE_IMPACT_PUBLIC_EVIDENCE_SHARE, THE_IMPACT_SDGS_SUBMITTED } from './the-impact-indicators';
import { getEditionReadiness } from './views.service';

describeEachDialect('THE Impact demo', (get) => {
  test('the demo edition 2023 holds the report facts, loads once, and its readiness shows what is missing', async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    const admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    await loadTheImpactDemo(db, admin.institutionId);
    await loadTheImpactDemo(db, admin.institutionId);
    const found = await getEditionReadiness(db, admin, 2023, 'fr');
    expect(found?.view.sdgs.map((s) => s.number)).toEqual([4, 6, 12, 17]);
    expect(found?.readiness.window).toEqual({ startYear: 2019, endYear: 2023 });
    const items = found?.view.sdgs.flatMap((s) => s.metrics.flatMap((m) => m.items)) ?? [];
    expect(items).toHaveLength(6);
    const sdg17 = found?.readiness.sdgs.find((s) => s.sdg === 17);
    const report = sdg17?.metrics.find((m) => m.code === '17.3')?.items[0];
    expect(report).toMatchObject({ issues: [], earned: 3, possible: 3 });
    const climate = sdg17?.metrics.find((m) => m.code === '17.4')?.items[0];
    expect(climate?.issues).toEqual(['theImpact.issue.noPublicUrl', 'theImpact.issue.noFileNoUrl']);
  });

  test('the indicator sources read the edition of the period year: SDGs submitted and share of public evidence', async () => {
    const { db } = get();
    const admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    const year = (y: number) => ({
      periodicity: 'year' as const,
      label: String(y),
      start: `${y}-01-01`,
      end: `${y}-12-31`,
    });
    const input = (y: number) => ({ institutionId: admin.institutionId, sourceKey: null, period: year(y) });
    // SDGs 4, 6, 12 and 17.
    expect(await THE_IMPACT_SDGS_SUBMITTED.compute(db, input(2023))).toBe(4000);
    // 3 of the 6 demo items have a public address: 50 %.
    expect(await THE_IMPACT_PUBLIC_EVIDENCE_SHARE.compute(db, input(2023))).toBe(50000);
    expect(await THE_IMPACT_SDGS_SUBMITTED.compute(db, input(2024))).toBeNull();
    expect(await THE_IMPACT_PUBLIC_EVIDENCE_SHARE.compute(db, input(2024))).toBeNull();
  });
});
