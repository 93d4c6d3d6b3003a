import { z } from 'zod';
import { migrateDownAll, migrateToLatest } from '../lib/server/db/migrate';
import { syncReferenceData } from '../lib/server/features/sdg';
import { type Cli, EXIT, type ExitCode, parseCommand } from './cli';
import { openConfiguredDatabase } from './database';

const schema = z.object({ positionals: z.tuple([]), down: z.boolean().default(false) });

/** "Up 2026-11-25T1000_create_x: Success" (migrate.ts) -> a translated line; an unexpected shape is shown as it is. */
function describeResult(cli: Cli, result: string): string {
  const match = /^(up|down) (.+): (\w+)$/i.exec(result);
  if (!match) return result;
  const [, direction, name, status] = match;
  if (status.toLowerCase() !== 'success') return cli.t('cli.migrate.failed', { name, status });
  return cli.t(direction.toLowerCase() === 'up' ? 'cli.migrate.applied' : 'cli.migrate.rolledBack', { name });
}

/**
 * `migrate` brings the schema to the latest version and syncs the reference
 * data (SDGs, axes). `migrate --down` rolls every migration back, which
 * DELETES ALL DATA, without asking: it exists for tests and development.
 */
export async function migrate(cli: Cli, args: string[]): Promise<ExitCode> {
  const values = parseCommand(args, { down: { type: 'boolean' } }, schema);
  const database = openConfiguredDatabase();
  try {
    const results = values.down ? await migrateDownAll(database.db) : await migrateToLatest(database.db);
    if (!values.down) await syncReferenceData(database.db);
    for (const result of results) cli.out(describeResult(cli, result));
    if (results.length === 0) cli.out(cli.t(values.down ? 'cli.migrate.nothingToRollBack' : 'cli.migrate.upToDate'));
    return EXIT.ok;
  } finally {
    await database.close();
  }
}
