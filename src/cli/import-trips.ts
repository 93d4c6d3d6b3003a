import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import {
  canImportTrips,
  commitTripImport,
  findTripImporter,
  previewTripFile,
  type TripImportCounts,
  type TripImportPreview,
} from '../lib/server/features/travel';
import { type Cli, CliError, EXIT, type ExitCode, parseCommand } from './cli';
import { withDatabase } from './database';
import { chooseInstitution } from './institutions';

/** The file formats import-trips reads; others are refused with this list. */
export const TRIP_IMPORT_FORMATS = ['ges1point5'] as const;

const schema = z.object({
  positionals: z.tuple([z.string().min(1)]),
  format: z.string().min(1).default('ges1point5'),
  'dry-run': z.boolean().default(false),
  json: z.boolean().default(false),
  user: z.string().trim().min(3).max(320).optional(),
  institution: z.string().min(1).optional(),
});

const OPTIONS = {
  format: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  user: { type: 'string' },
  institution: { type: 'string' },
} as const;

interface TripImportReport {
  ok: boolean;
  dryRun: boolean;
  file: string;
  counts: TripImportCounts | null;
  rejected: { line: number; messages: { code: string; params: Record<string, string | number>; message: string }[] }[];
  tripIds?: string[];
  error?: { code: string; message: string };
}

function reportOf(cli: Cli, file: string, dryRun: boolean, preview: TripImportPreview | null): TripImportReport {
  return {
    ok: preview !== null && preview.counts.rejected === 0,
    dryRun,
    file,
    counts: preview?.counts ?? null,
    rejected: (preview?.rows ?? [])
      .filter((r) => r.status === 'rejected')
      .map((r) => ({ line: r.line, messages: r.messages.map((m) => ({ ...m, message: cli.t(m.code, m.params) })) })),
  };
}

const kg = (grams: number) => Math.round(grams / 1000);

/**
 * `import-trips FILE [--format ges1point5] [--dry-run] [--json] [--user EMAIL]`:
 * the same all-or-nothing import as /travel/import. A dry run needs no
 * database; a commit acts as the administrator named by --user. A refused file
 * or a rejected row exits with 2 and stores nothing.
 */
export async function importTrips(cli: Cli, args: string[]): Promise<ExitCode> {
  const values = parseCommand(args, OPTIONS, schema);
  if (!(TRIP_IMPORT_FORMATS as readonly string[]).includes(values.format)) {
    throw new CliError(
      'cli.importTrips.unsupportedFormat',
      { format: values.format, formats: TRIP_IMPORT_FORMATS.join(', ') },
      EXIT.usage,
    );
  }
  const dryRun = values['dry-run'];
  if (!dryRun && values.user === undefined) throw new CliError('cli.importTrips.userRequired', {}, EXIT.usage);
  const path = values.positionals[0];
  const file = basename(path);
  const finish = (report: TripImportReport, code: ExitCode): ExitCode => {
    if (values.json) cli.out(JSON.stringify(report));
    else {
      cli.out(cli.t('cli.importTrips.file', { file }));
      if (report.counts) {
        cli.out(cli.t('cli.importTrips.counts', { ...report.counts }));
        cli.out(cli.t('cli.importTrips.totals', { ...report.counts, kg: kg(report.counts.emissionsGrams) }));
      }
      if (report.rejected.length > 0) {
        cli.out(cli.t('cli.importTrips.rejected'));
        for (const row of report.rejected)
          for (const m of row.messages)
            cli.out(`  ${cli.t('cli.import.atRow', { row: row.line, message: m.message })}`);
      }
      if (report.tripIds) cli.out(cli.t('cli.importTrips.committed', { trips: report.tripIds.length }));
      else if (dryRun && report.ok) cli.out(cli.t('cli.importTrips.dryRun'));
    }
    if (report.error) cli.err(cli.t('cli.import.refused', { message: report.error.message }));
    return code;
  };
  const refuse = (
    report: TripImportReport,
    error: { code: string; params?: Record<string, string | number> },
    code: ExitCode = EXIT.invalidInput,
  ): ExitCode => {
    report.ok = false;
    report.error = { code: error.code, message: cli.t(error.code, error.params) };
    return finish(report, code);
  };

  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    return refuse(reportOf(cli, file, dryRun, null), { code: 'cli.file.unreadable', params: { path } });
  }
  const previewed = await previewTripFile({ bytes, filename: file });
  if (!previewed.ok) return refuse(reportOf(cli, file, dryRun, null), previewed.error);
  const report = reportOf(cli, file, dryRun, previewed.value);
  if (!report.ok) {
    return refuse(report, { code: 'travel.import.hasRejectedRows', params: { count: report.rejected.length } });
  }
  if (dryRun) return finish(report, EXIT.ok);

  return withDatabase(async ({ db }) => {
    const institution = await chooseInstitution(db, values.institution);
    const email = values.user ?? '';
    const user = await findTripImporter(db, institution.id, email);
    if (!user || !canImportTrips(user)) throw new CliError('cli.importTrips.userNotAdmin', { email });
    const committed = await commitTripImport(db, user, { bytes, filename: file });
    if (!committed.ok) return refuse(report, committed.error);
    report.tripIds = committed.value.tripIds;
    return finish(report, EXIT.ok);
  });
}
