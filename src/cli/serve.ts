import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { type Cli, CliError, parseCommand } from './cli';

const schema = z.object({
  positionals: z.tuple([]),
  port: z.coerce.number().int().min(1).max(65_535).optional(),
  host: z.string().min(1).optional(),
});

/** Large enough for the biggest upload UPLOAD_MAX_MB allows by default (10 MB) plus form overhead. */
const DEFAULT_BODY_SIZE_LIMIT = String(12 * 1024 * 1024);

/**
 * `serve [--port N] [--host H]`: runs the built server (build/index.js) with
 * the defaults of `npm start`. The process keeps running until stopped.
 */
export async function serve(_cli: Cli, args: string[]): Promise<'running'> {
  const values = parseCommand(args, { port: { type: 'string' }, host: { type: 'string' } }, schema);
  const built = resolve('build/index.js');
  if (!existsSync(built)) throw new CliError('cli.serve.notBuilt', { path: built });
  // The Node adapter reads its settings from the environment.
  if (values.port !== undefined) process.env.PORT = String(values.port);
  if (values.host !== undefined) process.env.HOST = values.host;
  process.env.PORT ??= '3000';
  process.env.HOST ??= '0.0.0.0';
  // SvelteKit's CSRF check compares the Origin header with this: it must be the address users type.
  process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
  process.env.BODY_SIZE_LIMIT ??= DEFAULT_BODY_SIZE_LIMIT;
  await import(pathToFileURL(built).href);
  return 'running';
}
