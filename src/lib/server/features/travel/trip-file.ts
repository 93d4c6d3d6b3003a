/**
 * The contract between a trips file reader (GES 1point5, accounting export,
 * IATA flights) and the import: a reader turns bytes into rows, each either a
 * leg (valid or with a warning), a rejected line with its reasons, or a line
 * that is not a trip (a hotel night, a meal) skipped and counted. The import
 * then resolves places, computes every leg and stores the trips; it never
 * knows which format the legs came from.
 */
import type { Ges1point5Leg } from './ges1point5-file';
import type { CabinClass } from './modes';

/** The formats a trips import reads. */
export const TRIP_FILE_FORMATS = ['ges1point5', 'accounting', 'iata'] as const;
export type TripFileFormat = (typeof TRIP_FILE_FORMATS)[number];

export type TripFileRowStatus = 'valid' | 'warning' | 'rejected' | 'skipped';

export interface TripFileMessage {
  /** An i18n key. */
  code: string;
  params: Record<string, string | number>;
}

/**
 * One leg as a file gives it. `mission` groups legs into one trip; a format
 * whose missions are not numbers numbers them in order of first appearance
 * and keeps the original reference in `missionRef` (stored as the trip's
 * mission reference).
 */
export type TripFileLeg = Ges1point5Leg & {
  missionRef?: string;
  /** Planes only, when the file says it (IATA flights file); recorded with the leg and passed to the estimate. */
  cabinClass?: CabinClass;
};

export interface TripFileRow {
  /** 1-based line of the file (record index when a quoted cell spans lines). */
  line: number;
  status: TripFileRowStatus;
  /** Why a row is rejected, skipped or has a warning. */
  messages: TripFileMessage[];
  /** Present for valid and warning rows only. */
  leg?: TripFileLeg;
}

export interface TripFileRead {
  filename: string;
  rows: TripFileRow[];
}

export type TripFileReadResult =
  | ({ ok: true } & TripFileRead)
  | { ok: false; error: { code: string; params?: Record<string, string | number> } };

/** A reader of one format: bytes in, rows out; a file it cannot read at all comes back as an error code. */
export type TripFileReader = (bytes: Uint8Array, filename: string) => TripFileReadResult;
