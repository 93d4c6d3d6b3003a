import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { z } from 'zod';
import {
  EXPORT_FORMATS,
  exportPlan as exportPlanFile,
  findDefaultExportPlanId,
} from '../lib/server/features/plan-export';
import { type Cli, CliError, EXIT, type ExitCode, parseCommand } from './cli';
import { withDatabase } from './database';
import { chooseInstitution } from './institutions';

const schema = z.object({
  positionals: z.tuple([]),
  format: z.enum(EXPORT_FORMATS).optional(),
  out: z.string().min(1),
  plan: z.string().min(1).max(64).optional(),
  institution: z.string().min(1).optional(),
});

/** `export-plan --format xlsx|csv --out FILE [--plan ID] [--institution SLUG]`; the format defaults to the file's extension. */
export async function exportPlan(cli: Cli, args: string[]): Promise<ExitCode> {
  const values = parseCommand(
    args,
    { format: { type: 'string' }, out: { type: 'string' }, plan: { type: 'string' }, institution: { type: 'string' } },
    schema,
  );
  const { out, plan, institution } = values;
  const fromExtension = z.enum(EXPORT_FORMATS).safeParse(extname(out).slice(1).toLowerCase());
  const format = values.format ?? (fromExtension.success ? fromExtension.data : undefined);
  if (!format) throw new CliError('cli.error.option', { option: '--format' }, EXIT.usage);

  return withDatabase(async ({ db }) => {
    const target = await chooseInstitution(db, institution);
    const planId = plan ?? (await findDefaultExportPlanId(db, target.id));
    const file = planId ? await exportPlanFile(db, { institutionId: target.id, planId, format }) : undefined;
    if (!file) throw new CliError(plan ? 'cli.exportPlan.planNotFound' : 'cli.exportPlan.noPlan', { plan: plan ?? '' });
    try {
      writeFileSync(out, file.bytes);
    } catch {
      throw new CliError('cli.file.unwritable', { path: out });
    }
    cli.out(cli.t('cli.exportPlan.done', { title: file.planTitle, count: file.actionCount, path: out }));
    return EXIT.ok;
  });
}
