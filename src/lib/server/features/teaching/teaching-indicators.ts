import type { SeedIndicatorLink } from '../indicators/source-links';
/**
 * Teaching feeding indicators: three IndicatorSource entries computed from the
 * module's records. Values are x 1000 integers; a percentage is its number of
 * percent x 1000. A period holds the academic years that start (1 September)
 * within it: the academic year itself, or for a calendar year the one starting
 * that September. Definitions: docs/indicator-sources.md.
 *
 * Only types come from the indicators feature: its registry imports this file,
 * so a value imported back would make a cycle.
 */
import type { IndicatorSource } from '../indicators/sources';
import { academicYearsStartingBetween, addressesResIn, isActiveIn, percentMilli } from './teaching';
import { listCourseHoursFacts, listProgrammeResFacts, sumFeedbackByYear } from './teaching.queries';

const MINUTES_PER_HOUR = 60;
const MILLI = 1000;
/** source_key of teaching.feedbackRate giving the share of respondents who linked the course to RES. */
export const RES_LINK = 'resLink';

function settingOf(sourceKey: string | null): string | null {
  const text = sourceKey?.trim() ?? '';
  return text === '' ? null : text;
}

/** Percent (x 1000) of the programmes running in the period's academic year that address RES that year. */
export const RES_PROGRAMME_SHARE: IndicatorSource = {
  key: 'teaching.resProgrammeShare',
  labelKey: 'teaching.indicators.source.resProgrammeShare',
  periodicities: ['academic_year', 'year'],
  async compute(db, { institutionId, period }) {
    const [year] = academicYearsStartingBetween(period.start, period.end);
    if (year === undefined) return null;
    const rows = await listProgrammeResFacts(db, institutionId);
    const programmes = rows.map((r) => ({
      addressesRes: r.addresses_res === 1,
      resSinceYear: r.res_since_year,
      activeFromYear: r.active_from_year,
      activeToYear: r.active_to_year,
    }));
    const active = programmes.filter((p) => isActiveIn(p, year));
    return percentMilli(active.filter((p) => addressesResIn(p, year)).length, active.length);
  },
};

/**
 * Hours (x 1000) of the courses marked RES running in the period's academic
 * year: the course and its programme both run that year. Courses without hours
 * add nothing. No figure when no course with hours runs that year.
 */
export const RES_COURSE_HOURS: IndicatorSource = {
  key: 'teaching.resCourseHours',
  labelKey: 'teaching.indicators.source.resCourseHours',
  periodicities: ['academic_year', 'year'],
  async compute(db, { institutionId, period }) {
    const [year] = academicYearsStartingBetween(period.start, period.end);
    if (year === undefined) return null;
    const rows = await listCourseHoursFacts(db, institutionId);
    const running = rows.filter(
      (r) =>
        r.hours_minutes !== null &&
        isActiveIn({ activeFromYear: r.active_from_year, activeToYear: r.active_to_year }, year) &&
        isActiveIn({ activeFromYear: r.programme_from_year, activeToYear: r.programme_to_year }, year),
    );
    if (running.length === 0) return null;
    const minutes = running.filter((r) => r.addresses_res === 1).reduce((sum, r) => sum + (r.hours_minutes ?? 0), 0);
    return Math.round((minutes * MILLI) / MINUTES_PER_HOUR);
  },
};

/**
 * Percent (x 1000) of the enrolled students who answered the feedback survey
 * of their course, over every course with feedback in the period's academic
 * year. With source_key "resLink": percent of the respondents (of the surveys
 * that asked) who linked the course to RES.
 */
export const FEEDBACK_RATE: IndicatorSource = {
  key: 'teaching.feedbackRate',
  labelKey: 'teaching.indicators.source.feedbackRate',
  periodicities: ['academic_year', 'year'],
  async compute(db, { institutionId, sourceKey, period }) {
    const setting = settingOf(sourceKey);
    if (setting !== null && setting !== RES_LINK) throw new Error(`source_key "${setting}" is not "${RES_LINK}"`);
    const years = academicYearsStartingBetween(period.start, period.end);
    const [totals] = await sumFeedbackByYear(db, institutionId, years);
    if (!totals) return null;
    return setting === RES_LINK
      ? percentMilli(totals.resLinks, totals.askedRes)
      : percentMilli(totals.respondents, totals.enrolled);
  },
};

/** The teaching module's sources, in the order the definition form lists them. */
export const TEACHING_INDICATOR_SOURCES: readonly IndicatorSource[] = [
  RES_PROGRAMME_SHARE,
  RES_COURSE_HOURS,
  FEEDBACK_RATE,
];

/**
 * The seed plan's indicators these sources compute (data/demo/imt-mines-ales-plan-res-2023-2027.tsv,
 * chantier 2, objectif 2 "Formation", target "50% des formations adressent la RES"). The seed has no
 * indicator measuring the target itself (share of programmes): see the module's notes in the report.
 */
export const TEACHING_SEED_INDICATOR_LINKS: readonly SeedIndicatorLink[] = [
  {
    actionIncludes: "Accompagnement des enseignants à l'introduction de la RES",
    indicatorIncludes: "% d'élèves ayant fait le lien entre cet enseignement et la RES",
    source: FEEDBACK_RATE.key,
    sourceKey: RES_LINK,
  },
  {
    // The plan's target "50 % des formations adressent la RES" has no indicator of its own: the demo creates it.
    actionIncludes: '',
    indicatorIncludes: 'Part des formations adressant la RES',
    source: RES_PROGRAMME_SHARE.key,
    sourceKey: null,
    create: {
      name: 'Part des formations adressant la RES',
      unit: '%',
      kind: 'percentage',
      targetIncludes: '50% des formations adressent la RES',
    },
  },
];
