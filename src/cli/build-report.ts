import { writeFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Locale } from '../lib/i18n';
import type { DB } from '../lib/server/db/schema';
import type { SessionUser } from '../lib/server/features/auth';
import {
  buildAnnualReport,
  closePdfBrowser,
  REPORT_FORMATS,
  type ReportDocument,
  type ReportFormat,
  renderReport,
} from '../lib/server/features/reports';
import { type Cli, CliError, EXIT, type ExitCode, parseCommand } from './cli';
import { withDatabase } from './database';
import { chooseInstitution } from './institutions';

export const REPORT_KINDS = ['annual', 'label', 'the-impact'] as const;
type ReportKind = (typeof REPORT_KINDS)[number];

const schema = z.object({
  positionals: z.tuple([]),
  kind: z.enum(REPORT_KINDS),
  year: z.coerce.number().int().min(2000).max(2100),
  format: z.enum(REPORT_FORMATS),
  out: z.string().min(1),
  lang: z.enum(['fr', 'en']).optional(),
  institution: z.string().min(1).optional(),
});

type Builder = (
  db: Kysely<DB>,
  institutionId: string,
  year: number,
  lang: Locale,
) => Promise<ReportDocument | undefined>;

/**
 * The reading account a builder that needs one gets: the officer's role, bound
 * to the chosen institution, no person. Builders only read with it.
 */
function cliReader(institutionId: string, lang: Locale): SessionUser {
  return { id: 'cli', email: '', displayName: 'cli', locale: lang, personId: null, institutionId, role: 'admin' };
}

/** The builder of a kind, or undefined while its feature does not export one (the label and THE evidence). */
async function builderOf(kind: ReportKind): Promise<Builder | undefined> {
  if (kind === 'annual') return buildAnnualReport;
  // Looked up at run time: the label and THE features may not export a document builder yet.
  const modulePath = kind === 'label' ? '../lib/server/features/label' : '../lib/server/features/the-impact';
  const exported = kind === 'label' ? 'buildLabelDocument' : 'buildTheImpactDocument';
  let feature: Record<string, unknown>;
  try {
    feature = (await import(/* @vite-ignore */ modulePath)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const build = feature[exported];
  if (typeof build !== 'function') return undefined;
  return (db, institutionId, year, lang) =>
    (build as (...args: unknown[]) => Promise<ReportDocument | undefined>)(db, cliReader(institutionId, lang), year, {
      locale: lang,
    });
}

export interface ReportRequest {
  kind: ReportKind;
  year: number;
  format: ReportFormat;
  out: string;
  lang: Locale;
}

/** Builds a report of the institution and writes it to `out`; the PDF engine used, if any. */
export async function writeReport(
  db: Kysely<DB>,
  institutionId: string,
  request: ReportRequest,
): Promise<{ pdfEngine?: string }> {
  const build = await builderOf(request.kind);
  if (!build) throw new CliError('cli.buildReport.kindUnavailable', { kind: request.kind }, EXIT.usage);
  const doc = await build(db, institutionId, request.year, request.lang);
  if (!doc) throw new CliError('cli.buildReport.notFound', { kind: request.kind, year: String(request.year) });
  try {
    const file = await renderReport(doc, request.format);
    try {
      writeFileSync(request.out, file.bytes);
    } catch {
      throw new CliError('cli.file.unwritable', { path: request.out });
    }
    return { pdfEngine: file.pdfEngine };
  } finally {
    await closePdfBrowser();
  }
}

/** `build-report --kind annual|label|the-impact --year YEAR --format html|pdf|docx|xlsx --out FILE [--lang fr|en] [--institution SLUG]`. */
export async function buildReport(cli: Cli, args: string[]): Promise<ExitCode> {
  const values = parseCommand(
    args,
    {
      kind: { type: 'string' },
      year: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      institution: { type: 'string' },
    },
    schema,
  );
  const lang = values.lang ?? cli.locale;
  return withDatabase(async ({ db }) => {
    const target = await chooseInstitution(db, values.institution);
    const { pdfEngine } = await writeReport(db, target.id, { ...values, lang });
    if (pdfEngine === 'pdfmake') cli.err(cli.t('cli.buildReport.pdfFallback'));
    cli.out(
      cli.t('cli.buildReport.done', {
        kind: values.kind,
        year: String(values.year),
        path: values.out,
        format: values.format,
      }),
    );
    return EXIT.ok;
  });
}
