/**
 * Coverage: people reached at least once / headcount, per population and per
 * academic year. Pure.
 *
 * - Named participants are counted once per identity key (a person who came
 *   to two sessions of the year counts one).
 * - Anonymous counts are added as they are: nobody can tell whether the 120
 *   staff of one event came again to another, so a figure with anonymous
 *   counts is an upper bound (`anonymous > 0` says so).
 * - Without a headcount the coverage is unknown (null), never 0 or 100 %.
 * - A group ('staff') sums its categories' headcounts; it is unknown when a
 *   category with people reached has no headcount.
 * - A population's headcount is its row without programme, else the sum of
 *   its programmes' rows.
 */
import { groupOf, normaliseText, POPULATION_GROUPS, POPULATIONS, type PopulationGroup } from './awareness';

export interface Attendance {
  identityKey: string;
  population: string;
  /** '' when none. */
  programme: string;
  academicYear: string;
}

export interface AnonymousAttendance {
  population: string;
  programme: string;
  academicYear: string;
  participants: number;
}

export interface Headcount {
  academicYear: string;
  population: string;
  programme: string;
  headcount: number;
}

export interface CoverageRow {
  academicYear: string;
  /** 'group': a POPULATION_GROUPS key; 'population': a category; 'programme': a study population's programme. */
  level: 'group' | 'population' | 'programme';
  key: string;
  /** The programme as first typed (level 'programme'), else null. */
  programme: string | null;
  /** Distinct named people reached. */
  named: number;
  /** Anonymous participations added as they are. */
  anonymous: number;
  reached: number;
  headcount: number | null;
  /** reached / headcount (may pass 1 with anonymous counts), null when the headcount is unknown. */
  ratio: number | null;
}

interface Cell {
  people: Set<string>;
  anonymous: number;
}

const cellOf = (map: Map<string, Cell>, key: string): Cell => {
  let cell = map.get(key);
  if (!cell) {
    cell = { people: new Set(), anonymous: 0 };
    map.set(key, cell);
  }
  return cell;
};

const SEP = '\u0000';

export function computeCoverage(input: {
  attendances: readonly Attendance[];
  anonymous: readonly AnonymousAttendance[];
  headcounts: readonly Headcount[];
}): CoverageRow[] {
  // Keys: year|level|key|programme (normalised); programme labels kept as first seen.
  const cells = new Map<string, Cell>();
  const labels = new Map<string, string>();
  const years = new Set<string>();
  const touch = (year: string, population: string, programme: string): Cell[] => {
    years.add(year);
    const group = groupOf(population);
    const out = [cellOf(cells, [year, 'population', population, ''].join(SEP))];
    if (group) out.push(cellOf(cells, [year, 'group', group, ''].join(SEP)));
    const folded = normaliseText(programme);
    if (folded !== '') {
      const key = [year, 'programme', population, folded].join(SEP);
      if (!labels.has(key)) labels.set(key, programme.trim());
      out.push(cellOf(cells, key));
    }
    return out;
  };
  for (const a of input.attendances) {
    for (const cell of touch(a.academicYear, a.population, a.programme)) cell.people.add(a.identityKey);
  }
  for (const a of input.anonymous) {
    for (const cell of touch(a.academicYear, a.population, a.programme)) cell.anonymous += a.participants;
  }

  // Headcounts: whole population, and per programme.
  const whole = new Map<string, number>();
  const byProgramme = new Map<string, number>();
  const programmeSums = new Map<string, number>();
  for (const h of input.headcounts) {
    years.add(h.academicYear);
    const folded = normaliseText(h.programme);
    if (folded === '') {
      whole.set([h.academicYear, h.population].join(SEP), h.headcount);
    } else {
      const key = [h.academicYear, 'programme', h.population, folded].join(SEP);
      byProgramme.set(key, h.headcount);
      if (!labels.has(key)) labels.set(key, h.programme.trim());
      const sumKey = [h.academicYear, h.population].join(SEP);
      programmeSums.set(sumKey, (programmeSums.get(sumKey) ?? 0) + h.headcount);
    }
  }
  const populationHeadcount = (year: string, population: string): number | null =>
    whole.get([year, population].join(SEP)) ?? programmeSums.get([year, population].join(SEP)) ?? null;

  const rows: CoverageRow[] = [];
  const row = (
    academicYear: string,
    level: CoverageRow['level'],
    key: string,
    programme: string | null,
    cell: Cell | undefined,
    headcount: number | null,
  ) => {
    const named = cell?.people.size ?? 0;
    const anonymous = cell?.anonymous ?? 0;
    const reached = named + anonymous;
    if (reached === 0 && headcount === null) return;
    rows.push({
      academicYear,
      level,
      key,
      programme,
      named,
      anonymous,
      reached,
      headcount,
      ratio: headcount === null || headcount === 0 ? null : reached / headcount,
    });
  };

  for (const year of [...years].sort().reverse()) {
    for (const group of POPULATION_GROUPS) {
      row(year, 'group', group, null, cells.get([year, 'group', group, ''].join(SEP)), groupHeadcount(year, group));
      for (const p of POPULATIONS.filter((q) => q.group === group)) {
        row(
          year,
          'population',
          p.key,
          null,
          cells.get([year, 'population', p.key, ''].join(SEP)),
          populationHeadcount(year, p.key),
        );
        const prefix = [year, 'programme', p.key, ''].join(SEP);
        const programmeKeys = new Set(
          [...cells.keys(), ...byProgramme.keys()].filter((k) => k.startsWith(prefix)).sort(),
        );
        for (const k of programmeKeys)
          row(year, 'programme', p.key, labels.get(k) ?? '', cells.get(k), byProgramme.get(k) ?? null);
      }
    }
  }
  return rows;

  function groupHeadcount(year: string, group: PopulationGroup): number | null {
    let total = 0;
    for (const p of POPULATIONS.filter((q) => q.group === group)) {
      const cell = cells.get([year, 'population', p.key, ''].join(SEP));
      const reached = (cell?.people.size ?? 0) + (cell?.anonymous ?? 0);
      const headcount = populationHeadcount(year, p.key);
      if (headcount === null && reached > 0) return null;
      total += headcount ?? 0;
    }
    return total > 0 ? total : null;
  }
}

/** A coverage ratio as percent x 1000 (0.4213 -> 42130), null when unknown. */
export function ratioPercentMilli(ratio: number | null): number | null {
  return ratio === null ? null : Math.round(ratio * 100_000);
}
