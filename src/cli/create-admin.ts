import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { createUser, MIN_PASSWORD_LENGTH } from '../lib/server/features/auth';
import { type Cli, CliError, EXIT, type ExitCode, parseCommand } from './cli';
import { withDatabase } from './database';
import { cliEnv } from './env';
import { chooseInstitution, createInstitution, listInstitutions } from './institutions';

const schema = z.object({
  positionals: z.tuple([]),
  email: z.string().trim().pipe(z.email().max(254)),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(1).optional(),
  institution: z.string().min(1).optional(),
  institutionName: z.string().trim().min(1).max(200).optional(),
});

/** 18 random bytes: 24 URL-safe characters, well above the 12-character minimum. */
function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * `create-admin --email E --name N [--password P] [--institution SLUG] [--institution-name NAME]`.
 * The password comes from --password, else TRAJECTOIRE_ADMIN_PASSWORD, else is generated and printed once.
 * On an empty database the institution named by --institution-name is created first.
 */
export async function createAdmin(cli: Cli, args: string[]): Promise<ExitCode> {
  const values = parseCommand(
    args,
    {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      institution: { type: 'string' },
      'institution-name': { type: 'string' },
    },
    z.preprocess((v) => {
      const { 'institution-name': institutionName, ...rest } = v as Record<string, unknown>;
      return { ...rest, institutionName };
    }, schema),
  );
  const { email, name, institution, institutionName } = values;
  const given = values.password ?? cliEnv().TRAJECTOIRE_ADMIN_PASSWORD;
  const password = given ?? generatePassword();
  // Checked before anything is written, so that a refused password never leaves an institution without administrator.
  if (password.length < MIN_PASSWORD_LENGTH) throw new CliError('auth.user.passwordTooShort', {}, EXIT.usage);

  return withDatabase(async ({ db }) => {
    const existing = await listInstitutions(db);
    let target: Awaited<ReturnType<typeof chooseInstitution>>;
    if (existing.length === 0) {
      if (!institutionName) throw new CliError('cli.createAdmin.institutionNameRequired', {}, EXIT.usage);
      target = await createInstitution(db, institutionName);
      cli.out(cli.t('cli.createAdmin.institutionCreated', { name: target.name, slug: target.slug }));
    } else {
      target = await chooseInstitution(db, institution);
    }
    const created = await createUser(db, {
      email,
      displayName: name,
      password,
      institutionId: target.id,
      role: 'admin',
    });
    if (!created.ok) throw new CliError(created.error.code);
    cli.out(cli.t('cli.createAdmin.done', { email: email.toLowerCase(), name: target.name }));
    if (!given) cli.out(cli.t('cli.createAdmin.generatedPassword', { password }));
    return EXIT.ok;
  });
}
