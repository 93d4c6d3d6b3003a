/**
 * `npm run cli -- <command> [options]`: administration from a terminal, with
 * the same services as the web pages. Messages follow LANG / LC_ALL (English
 * when it starts with "en", French otherwise). Exit codes: see EXIT in cli.ts.
 */
import { type Cli, CliError, createCli, EXIT, type ExitCode } from './cli';

type Command = (cli: Cli, args: string[]) => Promise<ExitCode | 'running'>;

interface CommandEntry {
  /** Key of the command's --help text. */
  help: string;
  /** Loaded on demand: the database drivers and SheetJS take seconds to load, and `--help` needs none of them. */
  load: () => Promise<Command>;
}

const COMMANDS: Record<string, CommandEntry> = {
  serve: { help: 'cli.serve.help', load: async () => (await import('./serve')).serve },
  migrate: { help: 'cli.migrate.help', load: async () => (await import('./migrate')).migrate },
  'import-plan': { help: 'cli.importPlan.help', load: async () => (await import('./import-plan')).importPlan },
  'import-trips': { help: 'cli.importTrips.help', load: async () => (await import('./import-trips')).importTrips },
  'export-plan': { help: 'cli.exportPlan.help', load: async () => (await import('./export-plan')).exportPlan },
  'export-trips': { help: 'cli.exportTrips.help', load: async () => (await import('./export-trips')).exportTrips },
  'create-admin': { help: 'cli.createAdmin.help', load: async () => (await import('./create-admin')).createAdmin },
  backup: { help: 'cli.backup.help', load: async () => (await import('./backup')).backup },
  restore: { help: 'cli.restore.help', load: async () => (await import('./restore')).restore },
  'recompute-trips': {
    help: 'cli.recomputeTrips.help',
    load: async () => (await import('./recompute-trips')).recomputeTrips,
  },
  'trip-footprint': {
    help: 'cli.tripFootprint.help',
    load: async () => (await import('./trip-footprint')).tripFootprint,
  },
  'build-report': { help: 'cli.buildReport.help', load: async () => (await import('./build-report')).buildReport },
};

async function main(argv: string[]): Promise<void> {
  const cli = createCli();
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    cli.out(cli.t('cli.help'));
    process.exitCode = name === undefined ? EXIT.usage : EXIT.ok;
    return;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    cli.err(cli.t('cli.error.unknownCommand', { command: name }));
    cli.err(cli.t('cli.error.seeHelp'));
    process.exitCode = EXIT.usage;
    return;
  }
  if (args.includes('--help') || args.includes('-h')) {
    cli.out(cli.t(entry.help));
    process.exitCode = EXIT.ok;
    return;
  }
  try {
    const command = await entry.load();
    const code = await command(cli, args);
    // A running server keeps the process alive; every other command ends here.
    if (code !== 'running') process.exitCode = code;
  } catch (e) {
    if (e instanceof CliError) {
      cli.err(cli.t(e.code, e.params));
      if (e.exitCode === EXIT.usage) cli.err(cli.t('cli.error.seeCommandHelp', { command: name }));
      process.exitCode = e.exitCode;
      return;
    }
    // A bug or an unreachable database: say so plainly, with the detail for whoever fixes it.
    cli.err(cli.t('cli.error.unexpected', { detail: e instanceof Error ? e.message : String(e) }));
    if (e instanceof Error && e.stack) cli.err(e.stack);
    process.exitCode = EXIT.failure;
  }
}

await main(process.argv.slice(2));
