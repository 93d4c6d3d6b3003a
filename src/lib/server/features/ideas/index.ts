/** The idea box: ideas signed or anonymous, supports, comments, moderation, answers, turning into actions, export. */
export {
  ATTACHMENT_MAX_MB,
  canManageIdeas,
  IDEA_SORTS,
  IDEA_STATUSES,
  type IdeaFilters,
  type IdeaStatus,
  ideaFiltersSchema,
  MAX_ANSWER_LENGTH,
  MAX_ATTACHMENTS,
  MAX_COMMENT_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_REASON_LENGTH,
  MAX_REPORT_THRESHOLD,
  MAX_TITLE_LENGTH,
  needsPublicAnswer,
  nextStatuses,
} from './ideas';
export { commentIdea, submitIdea, supportIdea, withdrawSupport } from './ideas.service';
/** The one-step conversion into a plan action, and the way back from an action to its idea. */
export { findIdeaOfAction, turnIdeaIntoAction } from './ideas-action.service';
/** Demo ideas from data/demo/ideas.json. */
export { loadIdeasDemo } from './ideas-demo';
/** CSV/XLSX of every idea, anonymity kept. */
export { exportIdeas, IDEAS_EXPORT_FORMATS, type IdeasExportFormat } from './ideas-export';
export { IDEAS_INDICATOR_SOURCES, IDEAS_SEED_INDICATOR_LINKS } from './ideas-indicators';
/** Reports, hiding, merging, the moderation queue and the audited reveal of an anonymous author. */
export {
  getModerationQueue,
  type ModerationQueue,
  mergeIdea,
  moderateItem,
  reportItem,
  revealIdeaAuthor,
} from './ideas-moderation.service';
/** What the pages read: list, detail, "My ideas", attachments and the public list. */
export {
  getIdeaAttachment,
  getIdeaPage,
  getPublicIdeas,
  type IdeaListItem,
  type IdeaPage,
  listIdeas,
  listMyIdeas,
  type MyIdea,
  type PublicIdea,
} from './ideas-pages.service';
export { getIdeaSettings, getIdeaSettingsPage, type IdeaSettings, updateIdeaSettings } from './ideas-settings.service';
export { changeIdeaStatus } from './ideas-status.service';
