/**
 * Business travel feeding indicators: five IndicatorSource entries computed
 * from the module's own records (declared and imported trips, video meetings,
 * student mobilities). Values are x 1000 integers; a percentage is its number
 * of percent x 1000. Definitions: docs/indicator-sources.md.
 *
 * Only types come from the indicators feature: its registry imports this file,
 * so a value imported back would make a cycle.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { IndicatorSource, Period } from '../indicators';
import { academicYearOf, academicYearsStartingBetween } from './student-mobility';
import { countStudentMobilities } from './student-mobility.queries';
import {
  countCompensatedFlightLegs,
  countDomesticFlights,
  countTrips,
  type DateRange,
  findFirstTripDate,
  sumTripEmissions,
} from './travel-indicators.queries';
import { countVideoMeetings } from './video-meetings.queries';

const MILLI = 1000;

/** part / total as percent x 1000 (2 of 3 -> 66667); null without a total. */
export function percentMilli(part: number, total: number): number | null {
  return total === 0 ? null : Math.round((part * 100 * MILLI) / total);
}

/** source_key as the officer typed it: surrounding spaces and an empty box mean no setting. */
function settingOf(sourceKey: string | null): string | null {
  const text = sourceKey?.trim() ?? '';
  return text === '' ? null : text;
}

/** Number of flight legs (mode plane) of the period whose contribution to the internal fund is above zero. */
export const FLIGHTS_COMPENSATED: IndicatorSource = {
  key: 'travel.flightsCompensated',
  labelKey: 'travel.indicators.source.flightsCompensated',
  pageHref: '/travel/fund',
  periodicities: ['year', 'academic_year', 'quarter', 'month'],
  async compute(db, { institutionId, period }) {
    if ((await countTrips(db, institutionId, period)) === 0) return null;
    return (await countCompensatedFlightLegs(db, institutionId, period)) * MILLI;
  },
};

/** Percentage of the period's international recruitment interviews held by videoconference. */
export const VIDEO_INTERVIEW_SHARE: IndicatorSource = {
  key: 'travel.videoInterviewShare',
  labelKey: 'travel.indicators.source.videoInterviewShare',
  pageHref: '/travel/video',
  periodicities: ['year', 'academic_year', 'quarter', 'month'],
  async compute(db, { institutionId, period }) {
    const counts = await countVideoMeetings(db, institutionId, period, {
      kind: 'recruitment_interview',
      international: true,
    });
    return percentMilli(counts.byVideo, counts.meetings);
  },
};

/**
 * The reference period of the same periodicity: the year, or the academic year
 * starting in the reference year ("2019" -> 2019, or 2019-2020).
 */
function referenceRange(period: Period, year: number): DateRange {
  return period.periodicity === 'academic_year'
    ? { start: `${year}-09-01`, end: `${year + 1}-08-31` }
    : { start: `${year}-01-01`, end: `${year}-12-31` };
}

/** The reference year of source_key ("2019"), else the (academic) year of the institution's first trip. */
async function referenceYear(
  db: Kysely<DB>,
  institutionId: string,
  period: Period,
  sourceKey: string | null,
): Promise<number | null> {
  const setting = settingOf(sourceKey);
  if (setting !== null) {
    if (!/^\d{4}$/.test(setting)) throw new Error(`source_key "${setting}" is not a reference year`);
    return Number(setting);
  }
  const first = await findFirstTripDate(db, institutionId);
  if (first === undefined) return null;
  return Number((period.periodicity === 'academic_year' ? academicYearOf(first) : first).slice(0, 4));
}

/**
 * Domestic flights (plane legs within France, a round trip counting two) of the
 * reference period minus those of the period: positive when fewer flights were
 * taken. No figure when either period has no trip at all.
 */
export const DOMESTIC_FLIGHTS_AVOIDED: IndicatorSource = {
  key: 'travel.domesticFlightsAvoided',
  labelKey: 'travel.indicators.source.domesticFlightsAvoided',
  pageHref: '/travel',
  periodicities: ['year', 'academic_year'],
  async compute(db, { institutionId, sourceKey, period }) {
    const year = await referenceYear(db, institutionId, period, sourceKey);
    if (year === null) return null;
    const reference = referenceRange(period, year);
    if ((await countTrips(db, institutionId, period)) === 0) return null;
    if ((await countTrips(db, institutionId, reference)) === 0) return null;
    const before = await countDomesticFlights(db, institutionId, reference);
    const now = await countDomesticFlights(db, institutionId, period);
    return (before - now) * MILLI;
  },
};

/**
 * Percentage of the period's student mobilities with a rail aid above zero. A
 * mobility counts in the period of its departure date; without one, in the
 * period where its academic year starts (1 September).
 */
export const STUDENTS_RAIL_AID_SHARE: IndicatorSource = {
  key: 'travel.studentsRailAidShare',
  labelKey: 'travel.indicators.source.studentsRailAidShare',
  pageHref: '/travel/mobility',
  periodicities: ['year', 'academic_year'],
  async compute(db, { institutionId, period }) {
    const counts = await countStudentMobilities(db, institutionId, {
      start: period.start,
      end: period.end,
      academicYears: academicYearsStartingBetween(period.start, period.end),
    });
    return percentMilli(counts.withAid, counts.mobilities);
  },
};

export const PER_PERSON = 'perPerson';

/**
 * Emissions of the trips dated in the period, in kg CO2e (x 1000: grams). With
 * source_key "perPerson", per distinct traveller of the period (their
 * pseudonym): the institution's headcount is not held by Trajectoire.
 */
export const TRAVEL_EMISSIONS: IndicatorSource = {
  key: 'travel.emissions',
  labelKey: 'travel.indicators.source.emissions',
  pageHref: '/travel',
  periodicities: ['year', 'academic_year', 'quarter', 'month'],
  async compute(db, { institutionId, sourceKey, period }) {
    const setting = settingOf(sourceKey);
    if (setting !== null && setting !== PER_PERSON) throw new Error(`source_key "${setting}" is not "${PER_PERSON}"`);
    const { grams, travellers } = await sumTripEmissions(db, institutionId, period);
    if (travellers === 0) return null;
    // kg x 1000 = grams: the sum is already the stored figure.
    return setting === PER_PERSON ? Math.round(grams / travellers) : grams;
  },
};

/** The travel module's sources, in the order the definition form lists them. */
export const TRAVEL_INDICATOR_SOURCES: readonly IndicatorSource[] = [
  TRAVEL_EMISSIONS,
  FLIGHTS_COMPENSATED,
  DOMESTIC_FLIGHTS_AVOIDED,
  VIDEO_INTERVIEW_SHARE,
  STUDENTS_RAIL_AID_SHARE,
];
