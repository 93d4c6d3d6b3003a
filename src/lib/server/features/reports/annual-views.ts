/**
 * What the report pages and downloads read: the list of years and versions,
 * the year's editing page (SDGs, narratives with last year's text and the
 * diff, comments), the draft document and the frozen published versions.
 */
import type { Kysely } from 'kysely';
import type { Locale } from '../../../i18n';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { actionCountsBySdg, type BuildAnnualOptions, buildAnnualReport } from './annual-builder';
import { type DiffLine, lineDiff } from './annual-diff';
import {
  canEditReport,
  canReadDraft,
  canReadPublished,
  canResolveComment,
  canReview,
  FRONT_BLOCK_KEYS,
  parseSdgs,
  REPORT_KIND_ANNUAL,
  sdgBlockKey,
} from './annual-report';
import type { ReportDocument } from './document';
import {
  findReport,
  findVersion,
  listComments,
  listNarratives,
  listReports,
  listVersionSummaries,
} from './reports.queries';

export interface VersionSummary {
  number: number;
  title: string;
  lang: string;
  publishedAt: string;
  isPublic: boolean;
}

export interface ReportYearSummary {
  year: number;
  /** null for a year with only... never: a year appears once a report exists. */
  status: string;
  updatedAt: string;
  versions: VersionSummary[];
}

export interface ReportsIndex {
  canEdit: boolean;
  canReadDraft: boolean;
  years: ReportYearSummary[];
}

/** Every annual report of the institution with its versions; drafts' statuses only for those who read drafts. */
export async function getReportsIndex(db: Kysely<DB>, user: SessionUser): Promise<ReportsIndex> {
  const [reports, versions] = await Promise.all([
    listReports(db, user.institutionId, REPORT_KIND_ANNUAL),
    listVersionSummaries(db, user.institutionId, REPORT_KIND_ANNUAL),
  ]);
  const readsDrafts = canReadDraft(user) || canReview(user);
  const years = reports
    .map((r) => ({
      year: r.year,
      status: r.status,
      updatedAt: r.updated_at,
      versions: versions
        .filter((v) => v.report_id === r.id)
        .map((v) => ({
          number: v.number,
          title: v.title,
          lang: v.lang,
          publishedAt: v.published_at,
          isPublic: v.is_public === 1,
        })),
    }))
    .filter((y) => readsDrafts || y.versions.length > 0);
  return { canEdit: canEditReport(user), canReadDraft: canReadDraft(user), years };
}

export interface NarrativeView {
  key: string;
  markdown: string;
  /** 0 when not written yet. */
  version: number;
  updatedAt: string | null;
  lastYear: string | null;
  /** Last year's text against this year's, when both exist. */
  diff: DiffLine[] | null;
}

export interface CommentView {
  id: string;
  blockKey: string;
  authorLabel: string;
  body: string;
  createdAt: string;
  resolvedAt: string | null;
  canResolve: boolean;
}

export interface AnnualReportPage {
  year: number;
  exists: boolean;
  status: string;
  canEdit: boolean;
  canComment: boolean;
  canDownloadDraft: boolean;
  selectedSdgs: number[];
  /** Actions per SDG in the year's plans (index 0 = SDG 1). */
  actionCounts: number[];
  narratives: NarrativeView[];
  comments: CommentView[];
  versions: VersionSummary[];
}

/** The editing page of a year's report, for reviewers (officer, committee, pilots); undefined for others. */
export async function getAnnualReportPage(
  db: Kysely<DB>,
  user: SessionUser,
  year: number,
): Promise<AnnualReportPage | undefined> {
  if (!canReview(user)) return undefined;
  const [report, previous, actionCounts, versions] = await Promise.all([
    findReport(db, user.institutionId, REPORT_KIND_ANNUAL, year),
    findReport(db, user.institutionId, REPORT_KIND_ANNUAL, year - 1),
    actionCountsBySdg(db, user.institutionId, year),
    listVersionSummaries(db, user.institutionId, REPORT_KIND_ANNUAL),
  ]);
  const [current, last, comments] = await Promise.all([
    report ? listNarratives(db, report.id) : [],
    previous ? listNarratives(db, previous.id) : [],
    report ? listComments(db, report.id) : [],
  ]);
  const selectedSdgs = report ? parseSdgs(report.sdgs_json) : actionCounts.flatMap((n, i) => (n > 0 ? [i + 1] : []));
  const keys = [...FRONT_BLOCK_KEYS, ...selectedSdgs.map(sdgBlockKey)];
  const narratives = keys.map((key) => {
    const row = current.find((n) => n.block_key === key);
    const lastYear = last.find((n) => n.block_key === key)?.markdown ?? null;
    return {
      key,
      markdown: row?.markdown ?? '',
      version: row?.version ?? 0,
      updatedAt: row?.updated_at ?? null,
      lastYear,
      diff: lastYear !== null && row ? lineDiff(lastYear, row.markdown) : null,
    };
  });
  return {
    year,
    exists: report !== undefined,
    status: report?.status ?? 'draft',
    canEdit: canEditReport(user),
    canComment: canReview(user) && report !== undefined,
    canDownloadDraft: canReadDraft(user),
    selectedSdgs,
    actionCounts,
    narratives,
    comments: comments.map((c) => ({
      id: c.id,
      blockKey: c.block_key,
      authorLabel: c.author_label,
      body: c.body,
      createdAt: c.created_at,
      resolvedAt: c.resolved_at,
      canResolve: c.resolved_at === null && canResolveComment(user, c.author_user_id),
    })),
    versions: versions
      .filter((v) => v.year === year)
      .map((v) => ({
        number: v.number,
        title: v.title,
        lang: v.lang,
        publishedAt: v.published_at,
        isPublic: v.is_public === 1,
      })),
  };
}

/** The draft built now from live data (reviewers see the preview; officer and committee download it). */
export async function getDraftDocument(
  db: Kysely<DB>,
  user: SessionUser,
  year: number,
  lang: Locale,
  options: BuildAnnualOptions = {},
): Promise<ReportDocument | undefined> {
  if (!canReview(user)) return undefined;
  return buildAnnualReport(db, user.institutionId, year, lang, options);
}

/** A published version exactly as frozen (never rebuilt); undefined when it does not exist. */
export async function getPublishedDocument(
  db: Kysely<DB>,
  user: SessionUser,
  year: number,
  number: number,
): Promise<ReportDocument | undefined> {
  if (!canReadPublished(user)) return undefined;
  const version = await findVersion(db, user.institutionId, REPORT_KIND_ANNUAL, year, number);
  return version ? (JSON.parse(version.document_json) as ReportDocument) : undefined;
}
