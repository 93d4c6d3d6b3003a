/**
 * Publications read from a HAL export and their open-access rates by year.
 * Pure: the import spec (hal-import.ts) and the pages call these.
 *
 * HAL's CSV export names its columns after the Solr fields chosen by whoever
 * exported (halId_s, docType_s, producedDateY_i or publicationDateY_i,
 * submitType_s, openAccess_bool, licence_s, title_s); hand-made tables use
 * plain headings (année, texte intégral, licence...). Both are accepted.
 */

/** The earliest and latest publication years accepted: catches a date typed in the wrong column. */
export const MIN_PUBLICATION_YEAR = 1900;
export const MAX_PUBLICATION_YEAR = 2100;
export const MAX_HAL_ID_LENGTH = 64;

/** HAL submitType_s: 'file' = full text deposited, 'notice' = reference only, 'annex' = annexes only. */
export const HAL_SUBMIT_TYPES = ['file', 'notice', 'annex'] as const;

export interface Publication {
  halId: string;
  title: string | null;
  docType: string | null;
  year: number;
  fullText: boolean;
  openAccess: boolean;
  licence: string | null;
  openLicence: boolean;
}

/** "oui", "yes", "true", "1", "x" -> true; "non", "no", "false", "0", "" -> false; anything else undefined. */
export function booleanOfCell(raw: string): boolean | undefined {
  const text = raw.trim().toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  if (['oui', 'yes', 'true', 'vrai', '1', 'x', 'y', 'o'].includes(text)) return true;
  if (['non', 'no', 'false', 'faux', '0', '', 'n'].includes(text)) return false;
  return undefined;
}

/**
 * Whether a licence is open: Creative Commons (any variant, written as a name,
 * "CC BY 4.0", "cc-by-nc" or a creativecommons.org address) or the French
 * Licence Ouverte / Etalab. "Copyright" and an empty cell are not.
 */
export function isOpenLicence(licence: string | null): boolean {
  if (licence === null) return false;
  const text = licence.toLowerCase();
  return (
    text.includes('creativecommons') ||
    text.includes('creative commons') ||
    /(^|[^a-z])cc[\s_-]?(by|0|zero|pdm)([^a-z]|$)/.test(text) ||
    text.includes('etalab') ||
    text.includes('licence ouverte') ||
    text.includes('open licence')
  );
}

export function isHalId(text: string): boolean {
  return text.length <= MAX_HAL_ID_LENGTH && /^[A-Za-z0-9][A-Za-z0-9._-]+$/.test(text);
}

export function yearOfCell(raw: string): number | undefined {
  // HAL writes years as integers; a spreadsheet may have turned them into "2021.0".
  const text = raw.trim().replace(/\.0+$/, '');
  if (!/^\d{4}$/.test(text)) return undefined;
  const year = Number(text);
  return year >= MIN_PUBLICATION_YEAR && year <= MAX_PUBLICATION_YEAR ? year : undefined;
}

/** Counts of one year's publications. */
export interface OpenAccessCounts {
  year: number;
  publications: number;
  /** Full text deposited in HAL. */
  fullText: number;
  /** Full text deposited, or flagged open access by HAL. */
  openAccess: number;
  /** Under an open licence (Creative Commons, Etalab). */
  openLicence: number;
}

export interface OpenAccessYear extends OpenAccessCounts {
  /** Fractions (0.4 = 40 %), null without publications. */
  fullTextRate: number | null;
  openAccessRate: number | null;
  openLicenceRate: number | null;
}

const rate = (part: number, total: number) => (total === 0 ? null : part / total);

/** Rates of each year's counts, oldest year first. */
export function openAccessTable(counts: readonly OpenAccessCounts[]): OpenAccessYear[] {
  return [...counts]
    .sort((a, b) => a.year - b.year)
    .map((c) => ({
      ...c,
      fullTextRate: rate(c.fullText, c.publications),
      openAccessRate: rate(c.openAccess, c.publications),
      openLicenceRate: rate(c.openLicence, c.publications),
    }));
}

/** Counts of publications by year, for a list held in memory (tests, the demo's checks). */
export function countByYear(publications: readonly Publication[]): OpenAccessCounts[] {
  const byYear = new Map<number, OpenAccessCounts>();
  for (const p of publications) {
    const c = byYear.get(p.year) ?? { year: p.year, publications: 0, fullText: 0, openAccess: 0, openLicence: 0 };
    c.publications++;
    if (p.fullText) c.fullText++;
    if (p.fullText || p.openAccess) c.openAccess++;
    if (p.openLicence) c.openLicence++;
    byYear.set(p.year, c);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}
