import { beforeAll, expect, test } from 'vitest';
import { catalogues } from '../../../i18n';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { type Periodicity, parsePeriod, sourceOptions } from '../indicators';
import { storePublications } from './hal-import';
import type { Publication } from './open-access';
import { aProjectInput } from './research.fixtures';
import { createProject } from './research.service';
import {
  ACTIVE_PROJECTS,
  OPEN_ACCESS_RATE,
  PROJECTS_WITH_THREE_SDGS,
  RESEARCH_INDICATOR_SOURCES,
  RESEARCH_SEED_INDICATOR_LINKS,
} from './research-indicators';

test('every research source is registered and has a label in both languages', () => {
  const offered = sourceOptions().map((o) => o.key);
  for (const source of RESEARCH_INDICATOR_SOURCES) {
    expect(offered, source.key).toContain(source.key);
    expect(catalogues.fr[source.labelKey], source.labelKey).toBeTruthy();
    expect(catalogues.en[source.labelKey], source.labelKey).toBeTruthy();
    expect(source.periodicities).toContain('year');
  }
  for (const link of RESEARCH_SEED_INDICATOR_LINKS) {
    expect(RESEARCH_INDICATOR_SOURCES.map((s) => s.key)).toContain(link.source);
  }
});

const pub = (
  halId: string,
  year: number,
  fullText: boolean,
  openAccess: boolean,
  openLicence: boolean,
): Publication => ({
  halId,
  title: null,
  docType: 'ART',
  year,
  fullText,
  openAccess,
  licence: openLicence ? 'CC BY' : null,
  openLicence,
});

describeEachDialect('research indicator sources', (get) => {
  let admin: SessionUser;
  const period = (periodicity: Periodicity, label: string) => {
    const p = parsePeriod(periodicity, label);
    if (!p) throw new Error(`bad period ${label}`);
    return p;
  };
  const compute = (
    source: typeof OPEN_ACCESS_RATE,
    periodicity: Periodicity,
    label: string,
    sourceKey: string | null = null,
  ) => source.compute(get().db, { institutionId: admin.institutionId, sourceKey, period: period(periodicity, label) });

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
  });

  test('no project and no publication: every source answers "no data"', async () => {
    expect(await compute(OPEN_ACCESS_RATE, 'year', '2021')).toBeNull();
    expect(await compute(PROJECTS_WITH_THREE_SDGS, 'year', '2025')).toBeNull();
    expect(await compute(ACTIVE_PROJECTS, 'year', '2025')).toBeNull();
  });

  test('open-access rate of a year: full texts, full text or flag, or open licences / publications, x 1000', async () => {
    const { db } = get();
    await db
      .transaction()
      .execute((trx) =>
        storePublications(trx, admin.institutionId, [
          pub('h1', 2021, true, true, true),
          pub('h2', 2021, false, true, false),
          pub('h3', 2021, false, false, false),
          pub('h4', 2020, true, true, false),
        ]),
      );
    // 1 of 3 = 33.333 %.
    expect(await compute(OPEN_ACCESS_RATE, 'year', '2021')).toBe(33333);
    expect(await compute(OPEN_ACCESS_RATE, 'year', '2021', 'openAccess')).toBe(66667);
    expect(await compute(OPEN_ACCESS_RATE, 'year', '2021', 'openLicence')).toBe(33333);
    expect(await compute(OPEN_ACCESS_RATE, 'year', '2020')).toBe(100000);
    expect(await compute(OPEN_ACCESS_RATE, 'year', '2019')).toBeNull();
    await expect(compute(OPEN_ACCESS_RATE, 'year', '2021', 'nonsense')).rejects.toThrow(/source_key/);
  });

  test('projects active in a period and the share of them with at least 3 SDGs', async () => {
    const { db } = get();
    const add = async (startDate: string | null, endDate: string | null, sdgs: number[]) => {
      const r = await createProject(db, admin, aProjectInput({ startDate, endDate, sdgs }));
      if (!r.ok) throw new Error(r.error.code);
    };
    await add('2023-01-01', '2025-06-30', [6, 12, 13]);
    await add('2025-03-01', null, [3]);
    await add('2026-01-01', '2027-12-31', [1, 2, 3, 4]);
    await add(null, '2022-12-31', [9, 10, 11]);

    // 2025: the first two; one meets the rule.
    expect(await compute(ACTIVE_PROJECTS, 'year', '2025')).toBe(2000);
    expect(await compute(PROJECTS_WITH_THREE_SDGS, 'year', '2025')).toBe(50000);
    // 2025-2026 academic year (Sept 2025 - Aug 2026): the second and third.
    expect(await compute(ACTIVE_PROJECTS, 'academic_year', '2025-2026')).toBe(2000);
    expect(await compute(PROJECTS_WITH_THREE_SDGS, 'academic_year', '2025-2026')).toBe(50000);
    // 2022: only the one without a start date (ended 2022-12-31), which meets the rule.
    expect(await compute(ACTIVE_PROJECTS, 'year', '2022')).toBe(1000);
    expect(await compute(PROJECTS_WITH_THREE_SDGS, 'year', '2022')).toBe(100000);
    // 2030: only the open-ended one, with a single SDG.
    expect(await compute(ACTIVE_PROJECTS, 'year', '2030')).toBe(1000);
    expect(await compute(PROJECTS_WITH_THREE_SDGS, 'year', '2030')).toBe(0);
  });
});
