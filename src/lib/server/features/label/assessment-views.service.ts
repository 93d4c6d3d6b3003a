/**
 * Reading the self-assessments: one year in full for the officer and the
 * committee (levels, justifications, evidence), the levels of the axes for
 * everyone else, and the years the radar chart overlays.
 *
 * Which criteria an assessment holds: once submitted, exactly its items (the
 * list frozen with it); while a draft, the criteria in use plus any retired
 * criterion that already has a level in it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import {
  type AssessmentScore,
  type AssessmentStatus,
  type AxisScore,
  canEditLabel,
  canReadLabelDetail,
  type EvidenceKind,
  RADAR_YEARS,
  scoreAssessment,
} from './label';
import {
  type LabelAssessmentRow,
  type LabelCriterionRow,
  type LabelItemRow,
  listActionOptionRows,
  listAssessmentRows,
  listAxisRows,
  listCriterionRows,
  listEvidenceRows,
  listIndicatorOptionRows,
  listItemRows,
} from './label.queries';

export interface EvidenceView {
  id: string;
  kind: EvidenceKind;
  label: string;
  /** The web address of a link; null for the others (their pages are reached by id). */
  url: string | null;
  actionId: string | null;
  indicatorId: string | null;
  byteSize: number | null;
}

export interface CriterionAssessment {
  criterionId: string;
  code: string;
  titleFr: string;
  titleEn: string;
  isPlaceholder: boolean;
  retired: boolean;
  level: number | null;
  justification: string | null;
  evidence: EvidenceView[];
}

export interface AxisAssessment {
  code: string;
  titleFr: string;
  titleEn: string;
  score: AxisScore;
  criteria: CriterionAssessment[];
}

export interface AssessmentView {
  year: number;
  status: AssessmentStatus;
  copiedFromYear: number | null;
  submittedAt: string | null;
  axes: AxisAssessment[];
  score: AssessmentScore;
}

type Axis = { code: string; title_fr: string; title_en: string };

/** The criteria an assessment holds, with their items (see the file's comment). */
export function criteriaOfAssessment(
  status: string,
  criteria: readonly LabelCriterionRow[],
  items: readonly LabelItemRow[],
): { criterion: LabelCriterionRow; item: LabelItemRow | undefined }[] {
  const itemOf = new Map(items.map((i) => [i.criterion_id, i]));
  return criteria
    .filter((c) => {
      const item = itemOf.get(c.id);
      if (status === 'submitted') return item !== undefined;
      return c.retired_at === null || (item !== undefined && item.level !== null);
    })
    .map((criterion) => ({ criterion, item: itemOf.get(criterion.id) }));
}

/** One assessment as the full view; evidence left empty when `withEvidence` is false. */
async function buildView(
  db: Kysely<DB>,
  assessment: LabelAssessmentRow,
  axes: readonly Axis[],
  criteria: readonly LabelCriterionRow[],
  items: readonly LabelItemRow[],
  withEvidence: boolean,
): Promise<AssessmentView> {
  const evidenceRows = withEvidence ? await listEvidenceRows(db, assessment.id) : [];
  const evidenceOf = new Map<string, EvidenceView[]>();
  for (const e of evidenceRows) {
    const list = evidenceOf.get(e.criterion_id) ?? [];
    list.push({
      id: e.id,
      kind: e.kind as EvidenceKind,
      label: e.label,
      url: e.kind === 'url' ? e.url : null,
      actionId: e.action_id,
      indicatorId: e.indicator_id,
      byteSize: e.byte_size,
    });
    evidenceOf.set(e.criterion_id, list);
  }
  const held = criteriaOfAssessment(
    assessment.status,
    criteria,
    items.filter((i) => i.assessment_id === assessment.id),
  );
  const score = scoreAssessment(
    axes.map((a) => a.code),
    held.map(({ criterion, item }) => ({
      id: criterion.id,
      axisCode: criterion.axis_code,
      level: item?.level ?? null,
    })),
  );
  return {
    year: assessment.year,
    status: assessment.status as AssessmentStatus,
    copiedFromYear: assessment.copied_from_year,
    submittedAt: assessment.submitted_at,
    score,
    axes: axes.map((a, k) => ({
      code: a.code,
      titleFr: a.title_fr,
      titleEn: a.title_en,
      score: score.axes[k],
      criteria: held
        .filter(({ criterion }) => criterion.axis_code === a.code)
        .map(({ criterion, item }) => ({
          criterionId: criterion.id,
          code: criterion.code,
          titleFr: criterion.title_fr,
          titleEn: criterion.title_en,
          isPlaceholder: criterion.is_placeholder === 1,
          retired: criterion.retired_at !== null,
          level: item?.level ?? null,
          justification: withEvidence ? (item?.justification ?? null) : null,
          evidence: evidenceOf.get(criterion.id) ?? [],
        })),
    })),
  };
}

/** One year's assessment in full, for the officer and the committee; undefined otherwise or when there is none. */
export async function getAssessmentView(
  db: Kysely<DB>,
  user: SessionUser,
  year: number,
): Promise<AssessmentView | undefined> {
  if (!canReadLabelDetail(user)) return undefined;
  const assessments = await listAssessmentRows(db, user.institutionId);
  const assessment = assessments.find((a) => a.year === year);
  if (!assessment) return undefined;
  const [axes, criteria, items] = await Promise.all([
    listAxisRows(db),
    listCriterionRows(db, user.institutionId),
    listItemRows(db, [assessment.id]),
  ]);
  return buildView(db, assessment, axes, criteria, items, true);
}

export interface LabelOverview {
  canEdit: boolean;
  canReadDetail: boolean;
  years: { year: number; status: AssessmentStatus }[];
  /** The year shown: the one asked for, else the current year's, else the latest. */
  current: AssessmentView | null;
  /** Up to three assessments, oldest first, ending with the one shown: the radar's series. */
  radar: AssessmentView[];
  hasCriteria: boolean;
}

/**
 * What /label shows: the levels of the axes, the global level, the gaps and
 * the radar for everyone signed in; justifications and evidence stay out
 * (they are on the year's page, for the officer and the committee).
 */
export async function getLabelOverview(
  db: Kysely<DB>,
  user: SessionUser,
  options: { year?: number; currentYear: number },
): Promise<LabelOverview> {
  const [assessments, axes, criteria] = await Promise.all([
    listAssessmentRows(db, user.institutionId),
    listAxisRows(db),
    listCriterionRows(db, user.institutionId),
  ]);
  const shown =
    (options.year !== undefined ? assessments.find((a) => a.year === options.year) : undefined) ??
    (options.year === undefined
      ? (assessments.find((a) => a.year === options.currentYear) ?? assessments[0])
      : undefined);
  const overlaid = shown ? assessments.filter((a) => a.year <= shown.year).slice(0, RADAR_YEARS) : [];
  const items = await listItemRows(
    db,
    overlaid.map((a) => a.id),
  );
  const radar: AssessmentView[] = [];
  for (const a of [...overlaid].reverse()) radar.push(await buildView(db, a, axes, criteria, items, false));
  return {
    canEdit: canEditLabel(user),
    canReadDetail: canReadLabelDetail(user),
    years: assessments.map((a) => ({ year: a.year, status: a.status as AssessmentStatus })),
    current: radar.at(-1) ?? null,
    radar,
    hasCriteria: criteria.length > 0,
  };
}

export interface EvidenceOptions {
  actions: { id: string; title: string; planTitle: string }[];
  indicators: { id: string; name: string; planTitle: string }[];
}

/** The institution's plan actions and indicators, for the evidence pickers (officer only). */
export async function getEvidenceOptions(db: Kysely<DB>, user: SessionUser): Promise<EvidenceOptions> {
  if (!canEditLabel(user)) return { actions: [], indicators: [] };
  const [actions, indicators] = await Promise.all([
    listActionOptionRows(db, user.institutionId),
    listIndicatorOptionRows(db, user.institutionId),
  ]);
  return {
    actions: actions.map((a) => ({ id: a.id, title: a.title, planTitle: a.plan_title })),
    indicators: indicators.map((i) => ({ id: i.id, name: i.name, planTitle: i.plan_title })),
  };
}
