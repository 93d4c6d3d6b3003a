import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import {
  ACCOUNTING_FIELDS,
  type AccountingMapping,
  canImportTrips,
  commitTripImport,
  findInstitutionTripImportProfile,
  findTripImporter,
  previewTripFile,
  proposeAccountingFileMapping,
  TRIP_FILE_FORMATS,
  type TripImportChoice,
  type TripImportCounts,
  type TripImportPreview,
  type TripImportRow,
  tripFileReaderOf,
  tripImportOptionsOf,
} from '../lib/server/features/travel';
import { type Cli, CliError, EXIT, type ExitCode, parseCommand } from './cli';
import { withDatabase } from './database';
import { chooseInstitution } from './institutions';

/** The file formats import-trips reads; others are refused with this list. */
export const TRIP_IMPORT_FORMATS = TRIP_FILE_FORMATS;

const schema = z.object({
  positionals: z.tuple([z.string().min(1)]),
  format: z.string().min(1).default('ges1point5'),
  profile: z.string().trim().min(1).max(100).optional(),
  'dry-run': z.boolean().default(false),
  json: z.boolean().default(false),
  user: z.string().trim().min(3).max(320).optional(),
  institution: z.string().min(1).optional(),
});

const OPTIONS = {
  format: { type: 'string' },
  profile: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  user: { type: 'string' },
  institution: { type: 'string' },
} as const;

type ReportedRow = {
  line: number;
  messages: { code: string; params: Record<string, string | number>; message: string }[];
};

interface TripImportReport {
  ok: boolean;
  dryRun: boolean;
  file: string;
  format: string;
  /** Accounting exports: the mapping the file was read with. */
  mapping?: AccountingMapping;
  /** Accounting exports: the saved profile it came from, else it was proposed from the header. */
  profile?: string;
  counts: TripImportCounts | null;
  rejected: ReportedRow[];
  skipped: ReportedRow[];
  tripIds?: string[];
  error?: { code: string; message: string };
}

function rowsOf(cli: Cli, rows: readonly TripImportRow[], status: TripImportRow['status']): ReportedRow[] {
  return rows
    .filter((r) => r.status === status)
    .map((r) => ({ line: r.line, messages: r.messages.map((m) => ({ ...m, message: cli.t(m.code, m.params) })) }));
}

const kg = (grams: number) => Math.round(grams / 1000);

/** Skipped lines grouped by what they were ("Hôtel": 12), in order of first appearance: a year of hotels is one line. */
function skippedSummary(rows: readonly ReportedRow[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const first = row.messages[0];
    const label = String(first?.params.category ?? first?.message ?? '');
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts];
}

/**
 * `import-trips FILE [--format ges1point5|accounting|iata] [--profile NAME]
 * [--dry-run] [--json] [--user EMAIL]`: the same all-or-nothing import as
 * /travel/import. A dry run needs no database, except to read a saved
 * --profile; an accounting export without --profile is read with the mapping
 * proposed from its header, which is printed. A commit acts as the
 * administrator named by --user, with the institution's travel settings. A
 * refused file or a rejected row exits with 2 and stores nothing.
 */
export async function importTrips(cli: Cli, args: string[]): Promise<ExitCode> {
  const values = parseCommand(args, OPTIONS, schema);
  const format = TRIP_IMPORT_FORMATS.find((f) => f === values.format);
  if (!format) {
    throw new CliError(
      'cli.importTrips.unknownFormat',
      { format: values.format, formats: TRIP_IMPORT_FORMATS.join(', ') },
      EXIT.usage,
    );
  }
  if (values.profile !== undefined && format !== 'accounting')
    throw new CliError('cli.importTrips.profileNeedsAccounting', {}, EXIT.usage);
  const dryRun = values['dry-run'];
  if (!dryRun && values.user === undefined) throw new CliError('cli.importTrips.userRequired', {}, EXIT.usage);
  const path = values.positionals[0];
  const file = basename(path);
  const report: TripImportReport = { ok: false, dryRun, file, format, counts: null, rejected: [], skipped: [] };

  const finish = (code: ExitCode): ExitCode => {
    if (values.json) cli.out(JSON.stringify(report));
    else printReport(cli, report);
    if (report.error) cli.err(cli.t('cli.import.refused', { message: report.error.message }));
    return code;
  };
  const refuse = (
    error: { code: string; params?: Record<string, string | number> },
    code: ExitCode = EXIT.invalidInput,
  ): ExitCode => {
    report.ok = false;
    report.error = { code: error.code, message: cli.t(error.code, error.params) };
    return finish(code);
  };
  const record = (preview: TripImportPreview) => {
    report.counts = preview.counts;
    report.rejected = rowsOf(cli, preview.rows, 'rejected');
    report.skipped = rowsOf(cli, preview.rows, 'skipped');
    report.ok = preview.counts.rejected === 0;
  };

  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    return refuse({ code: 'cli.file.unreadable', params: { path } });
  }

  const choiceWithoutDatabase = ():
    | TripImportChoice
    | { error: { code: string; params?: Record<string, string | number> } } => {
    if (format !== 'accounting') return { format };
    const proposed = proposeAccountingFileMapping(bytes);
    if (!proposed.ok) return { error: proposed.error };
    report.mapping = proposed.value.mapping;
    return { format, mapping: proposed.value.mapping, confirmed: true };
  };

  if (dryRun && values.profile === undefined) {
    const choice = choiceWithoutDatabase();
    if ('error' in choice) return refuse(choice.error);
    const previewed = await previewTripFile({ bytes, filename: file, reader: await tripFileReaderOf(choice) });
    if (!previewed.ok) return refuse(previewed.error);
    record(previewed.value);
    if (!report.ok) return refuse({ code: 'travel.import.hasRejectedRows', params: { count: report.rejected.length } });
    return finish(EXIT.ok);
  }

  return withDatabase(async ({ db }) => {
    const institution = await chooseInstitution(db, values.institution);
    let choice: TripImportChoice;
    if (values.profile !== undefined) {
      const profile = await findInstitutionTripImportProfile(db, institution.id, values.profile);
      if (!profile) throw new CliError('cli.importTrips.profileNotFound', { name: values.profile });
      report.profile = profile.name;
      report.mapping = profile.mapping;
      choice = { format: 'accounting', mapping: profile.mapping, confirmed: true };
    } else {
      const chosen = choiceWithoutDatabase();
      if ('error' in chosen) return refuse(chosen.error);
      choice = chosen;
    }
    const reader = await tripFileReaderOf(choice);
    if (dryRun) {
      const previewed = await previewTripFile({ bytes, filename: file, reader });
      if (!previewed.ok) return refuse(previewed.error);
      record(previewed.value);
      if (!report.ok)
        return refuse({ code: 'travel.import.hasRejectedRows', params: { count: report.rejected.length } });
      return finish(EXIT.ok);
    }
    const email = values.user ?? '';
    const user = await findTripImporter(db, institution.id, email);
    if (!user || !canImportTrips(user)) throw new CliError('cli.importTrips.userNotAdmin', { email });
    const committed = await commitTripImport(
      db,
      user,
      { bytes, filename: file, reader },
      await tripImportOptionsOf(db, user),
    );
    if (!committed.ok) {
      if (committed.preview) record(committed.preview);
      return refuse(committed.error);
    }
    record(committed.value);
    report.tripIds = committed.value.tripIds;
    return finish(EXIT.ok);
  });
}

function printReport(cli: Cli, report: TripImportReport): void {
  cli.out(cli.t('cli.importTrips.file', { file: report.file }));
  if (report.mapping && report.profile === undefined) {
    cli.out(cli.t('cli.importTrips.proposedMapping'));
    for (const field of ACCOUNTING_FIELDS) {
      const column = report.mapping[field];
      if (column) cli.out(cli.t('cli.importTrips.mappingLine', { field, column }));
    }
  }
  const counts = report.counts;
  if (counts) {
    cli.out(cli.t('cli.importTrips.counts', { ...counts }));
    if (counts.skipped > 0) cli.out(cli.t('cli.importTrips.skipped', { skipped: counts.skipped }));
    cli.out(cli.t('cli.importTrips.totals', { ...counts, kg: kg(counts.emissionsGrams) }));
  }
  if (report.skipped.length > 0) {
    cli.out(cli.t('cli.importTrips.skippedReasons'));
    for (const [label, count] of skippedSummary(report.skipped)) cli.out(`  ${label}: ${count}`);
  }
  if (report.rejected.length > 0) {
    cli.out(cli.t('cli.importTrips.rejected'));
    for (const row of report.rejected)
      for (const m of row.messages) cli.out(`  ${cli.t('cli.import.atRow', { row: row.line, message: m.message })}`);
  }
  if (report.tripIds) cli.out(cli.t('cli.importTrips.committed', { trips: report.tripIds.length }));
  else if (report.dryRun && report.ok) cli.out(cli.t('cli.importTrips.dryRun'));
}
