import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../lib/server/db/schema';
import { exportInstitutionTrips, TRIPS_EXPORT_FORMATS, type TripsExportFormat } from '../lib/server/features/travel';
import { type Cli, CliError, EXIT, type ExitCode, parseCommand } from './cli';
import { withDatabase } from './database';
import { chooseInstitution } from './institutions';

const schema = z.object({
  positionals: z.tuple([]),
  format: z.enum(TRIPS_EXPORT_FORMATS).optional(),
  out: z.string().min(1),
  institution: z.string().min(1).optional(),
});

/** The format a file name implies: .csv, .xlsx, or .tsv for the GES 1point5 file. */
function formatOfExtension(path: string): TripsExportFormat | undefined {
  const extension = extname(path).slice(1).toLowerCase();
  if (extension === 'tsv') return 'ges1point5';
  return extension === 'csv' || extension === 'xlsx' ? extension : undefined;
}

/** Writes every trip of the institution to `out`, as the administrator would see them; the database is the caller's. */
export async function writeTripsExport(
  cli: Cli,
  db: Kysely<DB>,
  options: { format: TripsExportFormat; out: string; institution?: string },
): Promise<ExitCode> {
  const target = await chooseInstitution(db, options.institution);
  const file = await exportInstitutionTrips(db, target.id, options.format, { locale: cli.locale });
  try {
    writeFileSync(options.out, file.bytes);
  } catch {
    throw new CliError('cli.file.unwritable', { path: options.out });
  }
  cli.out(cli.t('cli.exportTrips.done', { count: file.legCount - file.omittedLegs, path: options.out }));
  if (file.omittedLegs > 0) cli.out(cli.t('cli.exportTrips.omitted', { count: file.omittedLegs }));
  return EXIT.ok;
}

/** `export-trips --format ges1point5|csv|xlsx --out FILE [--institution SLUG]`; the format defaults to the file's extension. */
export async function exportTrips(cli: Cli, args: string[]): Promise<ExitCode> {
  const values = parseCommand(
    args,
    { format: { type: 'string' }, out: { type: 'string' }, institution: { type: 'string' } },
    schema,
  );
  const format = values.format ?? formatOfExtension(values.out);
  if (!format) throw new CliError('cli.error.option', { option: '--format' }, EXIT.usage);
  return withDatabase(({ db }) =>
    writeTripsExport(cli, db, { format, out: values.out, institution: values.institution }),
  );
}
