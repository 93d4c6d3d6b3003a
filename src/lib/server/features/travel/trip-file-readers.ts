/**
 * Which reader reads a trips file: the format the user chose and, for an
 * accounting export, its column mapping. The choice is stored with an upload
 * (`import_upload.mapping_json`) so that the preview and the commit read the
 * file exactly the same way, and the CLI builds the same choice from its flags.
 */
import { z } from 'zod';
import { accountingFileReader } from './accounting-file';
import { accountingMappingSchema } from './accounting-mapping';
import { iataFileReader } from './iata-file';
import { loadPlaceIndex } from './places-data';
import { TRIP_FILE_FORMATS, type TripFileReader } from './trip-file';
import { readGes1point5Trips } from './trips-import';

export const tripFileFormatSchema = z.enum(TRIP_FILE_FORMATS);

/** A format and what reading it needs; `confirmed` says the user checked the accounting mapping. */
export const tripImportChoiceSchema = z.discriminatedUnion('format', [
  z.object({ format: z.literal('ges1point5') }),
  z.object({ format: z.literal('iata') }),
  z.object({ format: z.literal('accounting'), mapping: accountingMappingSchema, confirmed: z.boolean() }),
]);
export type TripImportChoice = z.infer<typeof tripImportChoiceSchema>;

/** The reader of a choice. The IATA reader checks codes against the offline airport list (loaded once per process). */
export async function tripFileReaderOf(choice: TripImportChoice): Promise<TripFileReader> {
  switch (choice.format) {
    case 'ges1point5':
      return readGes1point5Trips;
    case 'accounting':
      return accountingFileReader(choice.mapping);
    case 'iata': {
      const index = await loadPlaceIndex();
      return iataFileReader({ isKnownAirport: (code) => index.airportsByIata.has(code) });
    }
  }
}
