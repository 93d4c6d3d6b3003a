import { z } from 'zod';

/**
 * The few environment variables only the command line reads (the server's
 * settings go through src/lib/server/config.ts). Parsed once, like the config.
 */
const schema = z.object({
  LANG: z.string().optional(),
  LC_ALL: z.string().optional(),
  /** Password for `create-admin` when --password is not given (keeps it out of the process list and shell history). */
  TRAJECTOIRE_ADMIN_PASSWORD: z
    .string()
    .optional()
    .transform((v) => v || undefined),
});

export type CliEnv = Readonly<z.infer<typeof schema>>;

let cached: CliEnv | undefined;

export function cliEnv(): CliEnv {
  cached ??= Object.freeze(schema.parse(process.env));
  return cached;
}
