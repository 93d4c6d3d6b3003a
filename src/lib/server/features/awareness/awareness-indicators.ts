/**
 * Awareness sessions feeding indicators: three IndicatorSource entries
 * computed from sessions and their attendance. Values are x 1000 integers; a
 * percentage is its number of percent x 1000. Definitions:
 * docs/indicator-sources.md ("Awareness sessions").
 *
 * Only types come from the indicators feature: its registry imports this
 * file, so a value imported back would make a cycle.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Period } from '../indicators/periods';
import type { SeedIndicatorLink } from '../indicators/source-links';
import type { IndicatorSource } from '../indicators/sources';
import { academicYearOf, isCatalogueType, populationsOf, TEACHER_POPULATIONS } from './awareness';
import {
  countScope,
  listAnonymousAttendances,
  listAttendances,
  listHeadcountRows,
  type SessionScope,
} from './awareness-stats.queries';
import { computeCoverage, ratioPercentMilli } from './coverage';

const MILLI = 1000;

/** source_key "climate_fresk,digital_fresk" -> the type keys; empty -> every type. Custom keys are accepted. */
export function typeKeysOf(sourceKey: string | null): string[] {
  const keys = (sourceKey ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  for (const k of keys) {
    if (!isCatalogueType(k) && !k.startsWith('custom_')) throw new Error(`source_key "${k}" is not a session type`);
  }
  return keys;
}

const periodScope = (period: Period, typeKeys: readonly string[] = []): SessionScope => ({
  start: period.start,
  end: period.end,
  typeKeys,
});

/**
 * Participations in sessions that started in the period: named participants
 * plus anonymous counts (a person at two sessions counts two). source_key:
 * comma-separated session types, empty for all. No figure when the
 * institution recorded no session at all in the period.
 */
export const AWARENESS_PARTICIPANTS: IndicatorSource = {
  key: 'awareness.participants',
  labelKey: 'awareness.indicators.source.participants',
  periodicities: ['year', 'academic_year', 'quarter', 'month'],
  async compute(db, { institutionId, sourceKey, period }) {
    const typeKeys = typeKeysOf(sourceKey);
    const all = await countScope(db, institutionId, periodScope(period));
    if (all.sessions === 0) return null;
    const counts = typeKeys.length === 0 ? all : await countScope(db, institutionId, periodScope(period, typeKeys));
    return (counts.named + counts.anonymous) * MILLI;
  },
};

async function coverageOf(db: Kysely<DB>, institutionId: string, period: Period, key: string) {
  // Everyone reached in the period is compared with the headcount of the academic year the period ends in.
  const headcountYear = academicYearOf(period.end);
  const scope = periodScope(period);
  const [attendances, anonymous, headcounts] = await Promise.all([
    listAttendances(db, institutionId, scope),
    listAnonymousAttendances(db, institutionId, scope),
    listHeadcountRows(db, institutionId, headcountYear),
  ]);
  const rows = computeCoverage({
    attendances: attendances.map((a) => ({
      identityKey: a.identity_key,
      population: a.population,
      programme: a.programme,
      academicYear: headcountYear,
    })),
    anonymous: anonymous.map((a) => ({
      population: a.population,
      programme: a.programme,
      academicYear: headcountYear,
      participants: a.participants,
    })),
    headcounts: headcounts.map((h) => ({
      academicYear: h.academic_year,
      population: h.population,
      programme: h.programme,
      headcount: h.headcount,
    })),
  });
  return rows.find((r) => r.programme === null && r.key === key);
}

/**
 * Percentage of a population reached at least once by a session that started
 * in the period (named people once each, anonymous counts as they are: an
 * upper bound), over the headcount of the academic year containing the
 * period's end. source_key: a population group ('staff', 'student',
 * 'apprentice', 'external') or category ('teacher_researcher'...). No figure
 * without a headcount.
 */
export const AWARENESS_COVERAGE: IndicatorSource = {
  key: 'awareness.coverage',
  labelKey: 'awareness.indicators.source.coverage',
  periodicities: ['academic_year', 'year'],
  async compute(db, { institutionId, sourceKey, period }) {
    const key = sourceKey?.trim() ?? '';
    if (populationsOf(key).length === 0) throw new Error(`source_key "${key}" is not a population`);
    const row = await coverageOf(db, institutionId, period, key);
    return ratioPercentMilli(row?.ratio ?? null);
  },
};

/**
 * Distinct teachers and teacher-researchers who attended a teacher_training
 * session started in the period (anonymous counts of those populations added
 * as they are). No figure when no teacher training took place in the period.
 */
export const AWARENESS_TEACHERS_TRAINED: IndicatorSource = {
  key: 'awareness.teachersTrained',
  labelKey: 'awareness.indicators.source.teachersTrained',
  periodicities: ['academic_year', 'year'],
  async compute(db, { institutionId, period }) {
    const scope = periodScope(period, ['teacher_training']);
    if ((await countScope(db, institutionId, scope)).sessions === 0) return null;
    const [attendances, anonymous] = await Promise.all([
      listAttendances(db, institutionId, scope),
      listAnonymousAttendances(db, institutionId, scope),
    ]);
    const teachers = new Set(
      attendances.filter((a) => TEACHER_POPULATIONS.includes(a.population as never)).map((a) => a.identity_key),
    );
    const unnamed = anonymous
      .filter((a) => TEACHER_POPULATIONS.includes(a.population as never))
      .reduce((s, a) => s + a.participants, 0);
    return (teachers.size + unnamed) * MILLI;
  },
};

/** The awareness module's sources, in the order the definition form lists them. */
export const AWARENESS_INDICATOR_SOURCES: readonly IndicatorSource[] = [
  AWARENESS_PARTICIPANTS,
  AWARENESS_COVERAGE,
  AWARENESS_TEACHERS_TRAINED,
];

/** Indicators of the seed plan (data/demo/imt-mines-ales-plan-res-2023-2027.tsv) these sources compute. */
export const AWARENESS_SEED_INDICATOR_LINKS: readonly SeedIndicatorLink[] = [
  {
    actionIncludes: 'Sensibilisation « Transition écologique »',
    indicatorIncludes: 'Nb de personnes ayant participées',
    source: 'awareness.participants',
    sourceKey: 'climate_fresk,digital_fresk',
  },
  {
    actionIncludes: 'Sensibilisation « Sobriété énergétique »',
    indicatorIncludes: 'Nb de personnes ayant participées',
    source: 'awareness.participants',
    sourceKey: 'energy_sobriety',
  },
  {
    actionIncludes: 'Sensibilisation « Déchets »',
    indicatorIncludes: 'Nb de personnes ayant participées',
    source: 'awareness.participants',
    sourceKey: 'waste',
  },
  {
    actionIncludes: 'atelier « Ma terre en 180 min »',
    indicatorIncludes: "Nb de personnes des laboratoires ayant participées à l'atelier",
    source: 'awareness.participants',
    sourceKey: 'earth_180',
  },
  {
    actionIncludes: 'Formation de toutes catégories du personnel',
    indicatorIncludes: 'Nb de personnes ayant suivi la formation',
    source: 'awareness.participants',
    sourceKey: 'staff_training',
  },
];
