import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { getConfig } from '../lib/server/config';
import { type ImportMessage, importPlanFile, previewPlanFile } from '../lib/server/features/plan-import';
import { type Cli, CliError, EXIT, type ExitCode, parseCommand } from './cli';
import { withDatabase } from './database';
import { type ImportReport, reportOf, summaryLines, toReportMessage } from './import-report';
import { CLI_ACTOR, chooseInstitution } from './institutions';

const schema = z.object({
  positionals: z.tuple([z.string().min(1)]),
  'dry-run': z.boolean().default(false),
  json: z.boolean().default(false),
  institution: z.string().min(1).optional(),
});

/**
 * `import-plan FILE [--dry-run] [--json] [--institution SLUG]`: the same
 * readers and all-or-nothing commit as the web import. A file refused, or one
 * with a rejected row, exits with 2 and stores nothing.
 */
export async function importPlan(cli: Cli, args: string[]): Promise<ExitCode> {
  const values = parseCommand(
    args,
    { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, institution: { type: 'string' } },
    schema,
  );
  const { positionals, json, institution } = values;
  const dryRun = values['dry-run'];
  const path = positionals[0];
  const file = basename(path);
  const finish = (report: ImportReport, code: ExitCode): ExitCode => {
    if (json) cli.out(JSON.stringify(report));
    else for (const l of summaryLines(cli, report)) cli.out(l);
    if (report.error) cli.err(cli.t('cli.import.refused', { message: report.error.message }));
    return code;
  };
  // The report of a refusal: with --json too, stdout carries the one JSON object, with the reason.
  const refuse = (report: ImportReport, error: ImportMessage, code: ExitCode = EXIT.invalidInput): ExitCode => {
    report.ok = false;
    report.error = toReportMessage(cli, error);
    return finish(report, code);
  };

  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    return refuse(reportOf(cli, file, dryRun, null), { code: 'cli.file.unreadable', params: { path } });
  }
  const previewed = previewPlanFile(bytes, file, {}, getConfig().UPLOAD_MAX_MB);
  if (!previewed.ok) return refuse(reportOf(cli, file, dryRun, null), previewed.error);
  const report = reportOf(cli, file, dryRun, previewed.value.preview);
  if (!report.ok) {
    return refuse(report, { code: 'import.plan.hasRejectedRows', params: { count: report.rowErrors.length } });
  }
  // A dry run reads the file only; it opens the database just to check an institution that was named.
  if (dryRun && institution === undefined) return finish(report, EXIT.ok);

  return withDatabase(async ({ db }) => {
    let target: Awaited<ReturnType<typeof chooseInstitution>>;
    try {
      target = await chooseInstitution(db, institution);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      return refuse(report, { code: e.code, params: e.params }, e.exitCode);
    }
    if (dryRun) return finish(report, EXIT.ok);
    const imported = await importPlanFile(db, {
      institutionId: target.id,
      actor: CLI_ACTOR,
      bytes,
      filename: file,
      maxMb: getConfig().UPLOAD_MAX_MB,
    });
    if (!imported.ok) return refuse(report, imported.error);
    const { planId, pilots, warnings } = imported.value;
    report.planId = planId;
    report.warnings = warnings.map((w) => toReportMessage(cli, w));
    report.pilots = {
      peopleMatched: pilots.peopleMatched,
      peopleCreated: pilots.peopleCreated,
      unitsCreated: pilots.unitsCreated,
      teamsCreated: pilots.teamsCreated,
    };
    return finish(report, EXIT.ok);
  });
}
