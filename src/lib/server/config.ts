import { z } from 'zod';

/**
 * The only reader of process.env. Parsed once; an invalid setting stops the
 * process with the variable's name. Every variable is documented in .env.example.
 */
const schema = z.object({
  DATABASE_URL: z
    .string()
    .default('file:./data/trajectoire.db')
    .refine((v) => v.startsWith('file:') || /^postgres(ql)?:\/\//.test(v) || v === ':memory:', {
      message: 'must start with file: or postgres://',
    }),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Load the IMT Mines Alès demo into an empty database (never in production). */
  TRAJECTOIRE_DEMO: z.enum(['on', 'off']).default('on'),
  /** Password of the demo accounts; printed at start. */
  TRAJECTOIRE_DEMO_PASSWORD: z.string().min(12).default('demo-trajectoire'),
  /** Session lifetime in hours. */
  SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  /** Failed logins allowed per account and per address within LOGIN_WINDOW_MINUTES. */
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Largest accepted upload, in megabytes. */
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(200).default(10),
  /** Folder for files the server keeps (uploads, backups); never the code folder in production. */
  FILES_DIR: z.string().default('./data/files'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Public address of the app, used in links inside e-mails. Defaults to ORIGIN, then http://localhost:3000. */
  PUBLIC_URL: z.string().url().optional(),
  ORIGIN: z.string().url().optional(),
  /** SMTP server for reminders and digests, e.g. smtp://user:pass@smtp.example.org:587. Empty: no e-mail is sent (logged instead). */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Trajectoire <no-reply@trajectoire.invalid>'),
  /** Run background jobs (reminders, digests) inside this server process. */
  JOBS: z.enum(['on', 'off']).default('on'),
  /** How often the in-process worker looks for due jobs, in seconds. */
  JOBS_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Language of command-line messages: English when LC_ALL or LANG starts with "en", French otherwise. */
  LANG: z.string().optional(),
  LC_ALL: z.string().optional(),
  /** Password for `create-admin` when --password is not given (keeps it out of the process list and shell history). */
  TRAJECTOIRE_ADMIN_PASSWORD: z
    .string()
    .optional()
    .transform((v) => v || undefined),
});

export type Config = Readonly<z.infer<typeof schema>>;

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}

let cached: Config | undefined;

export function getConfig(): Config {
  if (!cached) {
    try {
      cached = parseConfig(process.env);
    } catch (e) {
      console.error((e as Error).message);
      process.exit(78);
    }
  }
  return cached;
}

export function isDemoAllowed(config: Config): boolean {
  return config.TRAJECTOIRE_DEMO === 'on' && config.NODE_ENV !== 'production';
}
