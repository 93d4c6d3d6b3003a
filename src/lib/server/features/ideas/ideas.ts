/**
 * The idea box's pure rules: statuses and their allowed transitions, who may
 * do what, how an author is shown, input schemas. No I/O.
 */
import { z } from 'zod';
import type { SessionUser } from '../auth';

export const IDEA_STATUSES = ['received', 'under_study', 'accepted', 'rejected', 'turned_into_action', 'done'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

export const MODERATION_STATES = ['visible', 'hidden', 'pending_review'] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

/** Statuses whose idea has had an answer: the public list shows only these. */
export const ANSWERED_STATUSES: readonly IdeaStatus[] = ['accepted', 'rejected', 'turned_into_action', 'done'];

/**
 * Allowed moves. A rejected idea may be studied again; turned_into_action is
 * reached only by turning the idea into a plan action (turnIdeaIntoAction),
 * never by a plain status change, so the link to the action always exists.
 */
const TRANSITIONS: Record<IdeaStatus, readonly IdeaStatus[]> = {
  received: ['under_study', 'rejected'],
  under_study: ['accepted', 'rejected'],
  accepted: ['done'],
  rejected: ['under_study'],
  turned_into_action: ['done'],
  done: [],
};

/** Statuses from which an idea may be turned into an action in one step. */
export const TURNABLE_STATUSES: readonly IdeaStatus[] = ['under_study', 'accepted'];

export function isIdeaStatus(v: unknown): v is IdeaStatus {
  return typeof v === 'string' && (IDEA_STATUSES as readonly string[]).includes(v);
}

/** The statuses an officer may pick next with a plain status change. */
export function nextStatuses(from: IdeaStatus): readonly IdeaStatus[] {
  return TRANSITIONS[from];
}

/** Accepting and rejecting are explained to the author and, when the list is public, to everyone. */
export function needsPublicAnswer(to: IdeaStatus): boolean {
  return to === 'accepted' || to === 'rejected';
}

export type TransitionCheck =
  | { ok: true }
  | { ok: false; error: { code: 'ideas.error.transition' | 'ideas.error.answerRequired' } };

/** Whether `from` -> `to` is allowed with this answer (trimmed; empty means none). */
export function checkStatusChange(from: IdeaStatus, to: IdeaStatus, answer: string | null): TransitionCheck {
  if (!TRANSITIONS[from].includes(to)) return { ok: false, error: { code: 'ideas.error.transition' } };
  if (needsPublicAnswer(to) && !(answer ?? '').trim()) {
    return { ok: false, error: { code: 'ideas.error.answerRequired' } };
  }
  return { ok: true };
}

export function canTurnIntoAction(status: IdeaStatus): boolean {
  return TURNABLE_STATUSES.includes(status);
}

/**
 * Everyone signed in takes part (staff and students, the viewer accounts): submit, support, comment, report.
 * Moderation, answers, status changes, turning into actions, settings and exports: the officer's.
 */
export function canManageIdeas(user: SessionUser): boolean {
  return user.role === 'admin';
}

/** An item is shown in lists and to other users only when visible. */
export function isShownToOthers(state: string): boolean {
  return state === 'visible';
}

/** Hidden automatically once the unreviewed reports reach the institution's threshold. */
export function reachesReportThreshold(openReports: number, threshold: number): boolean {
  return openReports >= threshold;
}

/**
 * The author's name as others may read it: null for an anonymous idea (shown
 * as "Anonyme"), whoever reads, the officer included.
 */
export function visibleAuthorName(idea: { anonymous: number; authorName: string | null }): string | null {
  return idea.anonymous === 1 ? null : idea.authorName;
}

export const MAX_TITLE_LENGTH = 160;
export const MAX_DESCRIPTION_LENGTH = 4000;
export const MAX_COMMENT_LENGTH = 2000;
export const MAX_ANSWER_LENGTH = 2000;
export const MAX_REASON_LENGTH = 500;
export const MAX_ATTACHMENTS = 3;
export const ATTACHMENT_MAX_MB = 5;
/** PDF, PNG, JPEG, ODT and DOCX only, judged by the bytes (features/indicators/evidence.ts). */
export const ATTACHMENT_EXTENSIONS = ['pdf', 'png', 'jpg', 'odt', 'docx'] as const;
export const DEFAULT_REPORT_THRESHOLD = 3;
export const MAX_REPORT_THRESHOLD = 100;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const submitIdeaSchema = z.object({
  title: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
  description: z.string().trim().min(1).max(MAX_DESCRIPTION_LENGTH),
  sdgs: z.array(z.coerce.number().int().min(1).max(17)).max(17).default([]),
  axisCode: z.preprocess(blankToUndefined, z.string().max(64).optional()),
  anonymous: z.boolean(),
});
export type SubmitIdeaInput = z.input<typeof submitIdeaSchema>;

export const statusChangeSchema = z.object({
  to: z.enum(IDEA_STATUSES),
  answer: z.preprocess(blankToUndefined, z.string().trim().max(MAX_ANSWER_LENGTH).optional()),
});

export const commentSchema = z.string().trim().min(1).max(MAX_COMMENT_LENGTH);
export const reasonSchema = z.string().trim().min(1).max(MAX_REASON_LENGTH);
export const optionalReasonSchema = z.preprocess(blankToUndefined, z.string().trim().max(MAX_REASON_LENGTH).optional());

export const ideaSettingsSchema = z.object({
  reportThreshold: z.coerce.number().int().min(1).max(MAX_REPORT_THRESHOLD),
  publicList: z.boolean(),
});

export const IDEA_SORTS = ['date', 'supports'] as const;
export const ideaFiltersSchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(IDEA_STATUSES).optional()).catch(undefined),
  sdg: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(17).optional()).catch(undefined),
  axis: z.preprocess(blankToUndefined, z.string().max(64).optional()).catch(undefined),
  mine: z
    .preprocess((v) => v === '1' || v === 'on' || v === true, z.boolean())
    .catch(false)
    .default(false),
  sort: z.enum(IDEA_SORTS).catch('date').default('date'),
});
export type IdeaFilters = z.output<typeof ideaFiltersSchema>;
