/**
 * The annual report's workflow: the officer selects the SDGs and writes the
 * narratives (copying last year's text if wished), submits for review,
 * reviewers comment, and publishing freezes the built document as version N.
 */
import type { Kysely } from 'kysely';
import type { Locale } from '../../../i18n';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import { actionCountsBySdg, type BuildAnnualOptions, buildAnnualReport } from './annual-builder';
import {
  type CommentInput,
  canEditReport,
  canMoveTo,
  canResolveComment,
  canReview,
  commentInputSchema,
  isReportStatus,
  type NarrativeInput,
  narrativeInputSchema,
  parseSdgs,
  REPORT_KIND_ANNUAL,
  type ReportStatus,
  sdgSelectionSchema,
} from './annual-report';
import {
  findComment,
  findNarrative,
  findReport,
  insertComment,
  insertNarrative,
  insertReport,
  insertVersion,
  lastVersionNumber,
  markCommentResolved,
  type ReportRow,
  updateNarrative,
  updateReport,
} from './reports.queries';

export type ReportErrorCode =
  | 'reports.error.forbidden'
  | 'reports.error.notFound'
  | 'reports.error.conflict'
  | 'reports.error.sdgs'
  | 'reports.error.narrative'
  | 'reports.error.comment'
  | 'reports.error.status'
  | 'reports.error.noLastYear';

export type ReportResult<T = undefined> = { ok: true; value: T } | { ok: false; error: { code: ReportErrorCode } };

const fail = (code: ReportErrorCode) => ({ ok: false, error: { code } }) as const;
const actorOf = (user: SessionUser) => ({ userId: user.id, label: user.displayName });

/** The year's report, created as a draft (SDGs: those the plan's actions carry) on first use. */
async function ensureReport(db: Kysely<DB>, user: SessionUser, year: number): Promise<ReportRow> {
  const existing = await findReport(db, user.institutionId, REPORT_KIND_ANNUAL, year);
  if (existing) return existing;
  const counts = await actionCountsBySdg(db, user.institutionId, year);
  const now = nowIso();
  const row: ReportRow = {
    id: newId(),
    institution_id: user.institutionId,
    kind: REPORT_KIND_ANNUAL,
    year,
    status: 'draft',
    sdgs_json: JSON.stringify(counts.flatMap((n, i) => (n > 0 ? [i + 1] : []))),
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await insertReport(db, row);
  await recordAudit(db, {
    institutionId: user.institutionId,
    actor: actorOf(user),
    entityType: 'report',
    entityId: row.id,
    operation: 'create',
    changes: [{ field: 'year', before: null, after: String(year) }],
  });
  return row;
}

/** An edit of a published report opens the next version's draft. */
const statusAfterEdit = (status: string): ReportStatus => (status === 'in_review' ? 'in_review' : 'draft');

export async function selectReportSdgs(
  db: Kysely<DB>,
  user: SessionUser,
  year: number,
  sdgs: unknown,
): Promise<ReportResult> {
  if (!canEditReport(user)) return fail('reports.error.forbidden');
  const parsed = sdgSelectionSchema.safeParse(sdgs);
  if (!parsed.success) return fail('reports.error.sdgs');
  const selection = [...new Set(parsed.data)].sort((a, b) => a - b);
  return db.transaction().execute(async (trx) => {
    const report = await ensureReport(trx, user, year);
    const before = parseSdgs(report.sdgs_json);
    const updated = await updateReport(trx, report.id, report.version, {
      sdgs_json: JSON.stringify(selection),
      status: statusAfterEdit(report.status),
      updated_at: nowIso(),
    });
    if (!updated) return fail('reports.error.conflict');
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'report',
      entityId: report.id,
      operation: 'update',
      changes: [{ field: 'sdgs', before: before.join(','), after: selection.join(',') }],
    });
    return { ok: true, value: undefined } as const;
  });
}

async function writeNarrative(
  trx: Kysely<DB>,
  user: SessionUser,
  report: ReportRow,
  blockKey: string,
  markdown: string,
  expectedVersion: number,
): Promise<ReportResult> {
  const existing = await findNarrative(trx, report.id, blockKey);
  const now = nowIso();
  if (existing) {
    if (existing.version !== expectedVersion) return fail('reports.error.conflict');
    if (!(await updateNarrative(trx, existing.id, expectedVersion, { markdown, updated_by: user.id, updated_at: now })))
      return fail('reports.error.conflict');
  } else {
    if (expectedVersion !== 0) return fail('reports.error.conflict');
    await insertNarrative(trx, {
      id: newId(),
      report_id: report.id,
      block_key: blockKey,
      markdown,
      updated_by: user.id,
      updated_at: now,
      version: 1,
    });
  }
  await updateReport(trx, report.id, report.version, { status: statusAfterEdit(report.status), updated_at: now });
  await recordAudit(trx, {
    institutionId: user.institutionId,
    actor: actorOf(user),
    entityType: 'report_narrative',
    entityId: `${report.id}:${blockKey}`,
    operation: existing ? 'update' : 'create',
    changes: [{ field: blockKey, before: existing?.markdown ?? null, after: markdown }],
  });
  return { ok: true, value: undefined };
}

/** Saves a narrative block (admin), refused when it changed since the editor opened it. */
export async function saveReportNarrative(
  db: Kysely<DB>,
  user: SessionUser,
  year: number,
  input: NarrativeInput,
): Promise<ReportResult> {
  if (!canEditReport(user)) return fail('reports.error.forbidden');
  const parsed = narrativeInputSchema.safeParse(input);
  if (!parsed.success) return fail('reports.error.narrative');
  const { blockKey, markdown, expectedVersion } = parsed.data;
  return db.transaction().execute(async (trx) => {
    const report = await ensureReport(trx, user, year);
    return writeNarrative(trx, user, report, blockKey, markdown.replace(/\r\n?/g, '\n'), expectedVersion);
  });
}

/** Starts this year's block from last year's text (admin); refused when last year has none. */
export async function copyLastYearNarrative(
  db: Kysely<DB>,
  user: SessionUser,
  year: number,
  blockKey: string,
): Promise<ReportResult> {
  if (!canEditReport(user)) return fail('reports.error.forbidden');
  return db.transaction().execute(async (trx) => {
    const previous = await findReport(trx, user.institutionId, REPORT_KIND_ANNUAL, year - 1);
    const source = previous ? await findNarrative(trx, previous.id, blockKey) : undefined;
    if (!source || source.markdown.trim() === '') return fail('reports.error.noLastYear');
    const report = await ensureReport(trx, user, year);
    const current = await findNarrative(trx, report.id, blockKey);
    return writeNarrative(trx, user, report, blockKey, source.markdown, current?.version ?? 0);
  });
}

/** Submits for review, or takes back to draft (admin). */
export async function moveReportTo(db: Kysely<DB>, user: SessionUser, year: number, to: string): Promise<ReportResult> {
  if (!canEditReport(user)) return fail('reports.error.forbidden');
  if (!isReportStatus(to)) return fail('reports.error.status');
  return db.transaction().execute(async (trx) => {
    const report = await ensureReport(trx, user, year);
    if (!isReportStatus(report.status) || !canMoveTo(report.status, to)) return fail('reports.error.status');
    if (!(await updateReport(trx, report.id, report.version, { status: to, updated_at: nowIso() })))
      return fail('reports.error.conflict');
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'report',
      entityId: report.id,
      operation: 'update',
      changes: [{ field: 'status', before: report.status, after: to }],
    });
    return { ok: true, value: undefined } as const;
  });
}

/** A review comment on a block (officer, committee, pilots) of an existing report. */
export async function addReportComment(
  db: Kysely<DB>,
  user: SessionUser,
  year: number,
  input: CommentInput,
): Promise<ReportResult<{ id: string }>> {
  if (!canReview(user)) return fail('reports.error.forbidden');
  const parsed = commentInputSchema.safeParse(input);
  if (!parsed.success) return fail('reports.error.comment');
  const report = await findReport(db, user.institutionId, REPORT_KIND_ANNUAL, year);
  if (!report) return fail('reports.error.notFound');
  const id = newId();
  await insertComment(db, {
    id,
    report_id: report.id,
    block_key: parsed.data.blockKey,
    author_user_id: user.id,
    author_label: user.displayName,
    body: parsed.data.body,
    created_at: nowIso(),
    resolved_at: null,
    resolved_by: null,
  });
  return { ok: true, value: { id } };
}

/** Marks a comment resolved (the officer, or its author). */
export async function resolveReportComment(
  db: Kysely<DB>,
  user: SessionUser,
  year: number,
  commentId: string,
): Promise<ReportResult> {
  if (!canReview(user)) return fail('reports.error.forbidden');
  const report = await findReport(db, user.institutionId, REPORT_KIND_ANNUAL, year);
  const comment = report ? await findComment(db, report.id, commentId) : undefined;
  if (!comment) return fail('reports.error.notFound');
  if (!canResolveComment(user, comment.author_user_id)) return fail('reports.error.notFound');
  await markCommentResolved(db, comment.id, user.id, nowIso());
  return { ok: true, value: undefined };
}

/**
 * Publishes the report (admin): builds it from live data now and freezes the
 * document as the next version number; later edits never change it.
 */
export async function publishAnnualReport(
  db: Kysely<DB>,
  user: SessionUser,
  year: number,
  lang: Locale,
  options: Pick<BuildAnnualOptions, 'generatedAt' | 'today'> = {},
): Promise<ReportResult<{ number: number }>> {
  if (!canEditReport(user)) return fail('reports.error.forbidden');
  return db.transaction().execute(async (trx) => {
    const report = await ensureReport(trx, user, year);
    const number = (await lastVersionNumber(trx, report.id)) + 1;
    const publishedAt = options.generatedAt ?? nowIso();
    const doc = await buildAnnualReport(trx, user.institutionId, year, lang, {
      ...options,
      generatedAt: publishedAt,
      version: String(number),
    });
    if (!doc) return fail('reports.error.notFound');
    if (!(await updateReport(trx, report.id, report.version, { status: 'published', updated_at: nowIso() })))
      return fail('reports.error.conflict');
    await insertVersion(trx, {
      id: newId(),
      report_id: report.id,
      institution_id: user.institutionId,
      kind: REPORT_KIND_ANNUAL,
      year,
      number,
      title: doc.title,
      lang,
      published_at: publishedAt,
      published_by: user.id,
      document_json: JSON.stringify(doc),
      is_public: 1,
    });
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: actorOf(user),
      entityType: 'report',
      entityId: report.id,
      operation: 'update',
      changes: [
        { field: 'status', before: report.status, after: 'published' },
        { field: 'published_version', before: number > 1 ? String(number - 1) : null, after: String(number) },
      ],
    });
    return { ok: true, value: { number } } as const;
  });
}
