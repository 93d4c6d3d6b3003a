import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import { loadDemoIfEmpty } from '../demo';
import { countByYear, openAccessTable } from './open-access';
import { loadResearchDemo, readDemoPublications } from './research-demo';
import { getOpenAccessPage, getSdgCheckPage, loadProjects } from './research-pages.service';

const round = (rate: number | null) => (rate === null ? null : Math.round(rate * 100));

test("the demo HAL file reproduces the report's figures: deposits 40 % in 2020 and 36 % in 2021", () => {
  const years = openAccessTable(
    countByYear(readDemoPublications(readFileSync('data/demo/hal-publications.csv', 'utf8'))),
  );
  expect(years.map((y) => [y.year, y.publications, round(y.fullTextRate), round(y.openLicenceRate)])).toEqual([
    [2020, 50, 40, 20],
    // 112 articles, 35 % under a free licence (report, part C.3).
    [2021, 112, 36, 35],
    [2022, 60, 45, 40],
    [2023, 48, 50, 42],
    [2024, 52, 56, 48],
  ]);
});

describeEachDialect('research demo', (get) => {
  test('the demo loads the teams projects, three of them breaking the 3-SDG rule, and the HAL publications', async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    const admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    await loadResearchDemo(db, admin.institutionId);

    const projects = await loadProjects(db, admin.institutionId, '2026-11-26');
    expect(projects).toHaveLength(8);
    expect(projects.every((p) => p.isDemo)).toBe(true);
    expect(projects.find((p) => p.acronym === 'MOVE-AVC')?.teamName).toBe('EuroMov DHM');
    expect(projects.filter((p) => p.teamUnitId === null)).toEqual([]);
    expect(projects.find((p) => p.acronym === 'ODEURISK')?.status).toBe('planned');
    expect(projects.find((p) => p.acronym === 'VISIO-BE')?.status).toBe('ended');

    const check = await getSdgCheckPage(db, admin, '2026-11-26');
    // One SDG first, then two, by title ("Émissions..." before "Odeurs...").
    expect(check.breaking.map((p) => p.acronym)).toEqual(['HOPICAMP', 'QAI-MAT', 'ODEURISK']);

    const open = await getOpenAccessPage(db, admin);
    expect(open.total).toBe(322);
    expect(open.years.map((y) => [y.year, round(y.fullTextRate)])).toEqual([
      [2020, 40],
      [2021, 36],
      [2022, 45],
      [2023, 50],
      [2024, 56],
    ]);
  });
});
