/**
 * The annual report by SDG, pure rules: who may do what, the workflow's
 * statuses, the narrative block keys and the inputs parsed at the edge.
 */
import { z } from 'zod';
import type { SessionUser } from '../auth';

export const REPORT_KIND_ANNUAL = 'annual';
export const REPORT_STATUSES = ['draft', 'in_review', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The front matter's narrative blocks, in reading order; each selected SDG adds 'sdg:N'. */
export const FRONT_BLOCK_KEYS = ['purpose', 'governance', 'plan'] as const;
export const MAX_NARRATIVE_LENGTH = 20_000;
export const MAX_COMMENT_LENGTH = 2_000;
export const FIRST_REPORT_YEAR = 2000;
export const LAST_REPORT_YEAR = 2100;

export function sdgBlockKey(sdg: number): string {
  return `sdg:${sdg}`;
}

export function isBlockKey(key: string): boolean {
  if ((FRONT_BLOCK_KEYS as readonly string[]).includes(key)) return true;
  const m = /^sdg:(\d{1,2})$/.exec(key);
  return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 17;
}

export function isReportYear(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_REPORT_YEAR && year <= LAST_REPORT_YEAR;
}

/** The officer edits, submits and publishes. */
export function canEditReport(user: SessionUser): boolean {
  return user.role === 'admin';
}

/** The officer and the committee read drafts and download them. */
export function canReadDraft(user: SessionUser): boolean {
  return user.role === 'admin' || user.role === 'committee';
}

/** Reviewers: the officer, the committee and the pilots read the draft page and comment. */
export function canReview(user: SessionUser): boolean {
  return user.role === 'admin' || user.role === 'committee' || user.role === 'pilot';
}

/** A comment is resolved by the officer or by its author. */
export function canResolveComment(user: SessionUser, authorUserId: string | null): boolean {
  return user.role === 'admin' || (canReview(user) && authorUserId === user.id);
}

/** Published versions are read by every signed-in member of the institution. */
export function canReadPublished(_user: SessionUser): boolean {
  return true;
}

/** The selected SDGs stored as JSON, tolerant of a damaged value (an empty selection). */
export function parseSdgs(json: string): number[] {
  try {
    const value: unknown = JSON.parse(json);
    const parsed = z.array(z.number().int().min(1).max(17)).safeParse(value);
    return parsed.success ? [...new Set(parsed.data)].sort((a, b) => a - b) : [];
  } catch {
    return [];
  }
}

export const sdgSelectionSchema = z.array(z.coerce.number().int().min(1).max(17)).max(17);

export const narrativeInputSchema = z.object({
  blockKey: z.string().refine(isBlockKey),
  markdown: z.string().max(MAX_NARRATIVE_LENGTH),
  /** The version the editor started from; 0 for a block not written yet. */
  expectedVersion: z.coerce.number().int().min(0),
});
export type NarrativeInput = z.input<typeof narrativeInputSchema>;

export const commentInputSchema = z.object({
  blockKey: z.string().refine(isBlockKey),
  body: z.string().trim().min(1).max(MAX_COMMENT_LENGTH),
});
export type CommentInput = z.input<typeof commentInputSchema>;

/** Which status transitions the officer may ask for; publishing has its own use case. */
export function canMoveTo(from: ReportStatus, to: ReportStatus): boolean {
  if (to === 'in_review') return from === 'draft' || from === 'published';
  if (to === 'draft') return from === 'in_review' || from === 'published';
  return false;
}

export function isReportStatus(value: string): value is ReportStatus {
  return (REPORT_STATUSES as readonly string[]).includes(value);
}
