/**
 * The public pages: each call answers undefined (a 404 for the route) when the
 * slug is unknown, the portal is off or the section is not public. Everything
 * returned is aggregated or public by nature; no person, comment or unvalidated
 * value is ever loaded.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { assembleProgress, getProgressSettings, type RollUp } from '../progress';
import { type RenderedReport, type ReportDocument, type ReportFormat, renderReport } from '../reports';
import { getPublicFundReport, type PublicFundReport } from '../travel';
import { isSectionPublic, latestValidated, PORTAL_SECTIONS, type PortalSection, type PortalSettings } from './portal';
import {
  findInstitutionBySlug,
  findPublicReportVersion,
  isIdeasListPublic,
  listPublicPlans,
  listPublicReportVersions,
  listValidatedValueVersions,
  loadPublicPlanRows,
} from './portal.queries';
import { getPortalSettings } from './portal-settings.service';

/** What every public page shows in its header: the institution and the sections it publishes. */
export interface PortalHeader {
  slug: string;
  institutionName: string;
  /** The sections on, in menu order. */
  sections: PortalSection[];
  /** The ideas module's public list (owned by the ideas feature, linked from here). */
  ideas: boolean;
  licence: { name: string; url: string };
}

interface OpenPortal {
  institutionId: string;
  purpose: string | null;
  settings: PortalSettings;
  header: PortalHeader;
}

/** The institution behind a public address when its portal (and the section asked for) is public. */
export async function openPortal(
  db: Kysely<DB>,
  slug: string,
  section?: PortalSection,
): Promise<OpenPortal | undefined> {
  const institution = await findInstitutionBySlug(db, slug);
  if (!institution) return undefined;
  const settings = await getPortalSettings(db, institution.id);
  if (!settings.enabled || (section && !isSectionPublic(settings, section))) return undefined;
  return {
    institutionId: institution.id,
    purpose: settings.purposeText ?? institution.purpose_statement,
    settings,
    header: {
      slug: institution.slug,
      institutionName: institution.name,
      sections: PORTAL_SECTIONS.filter((s) => settings.sections[s]),
      ideas: await isIdeasListPublic(db, institution.id),
      licence: settings.licence,
    },
  };
}

export interface PortalHome {
  header: PortalHeader;
  purpose: string | null;
  contactUrl: string | null;
}

export async function getPortalHome(db: Kysely<DB>, slug: string): Promise<PortalHome | undefined> {
  const portal = await openPortal(db, slug);
  if (!portal) return undefined;
  return { header: portal.header, purpose: portal.purpose, contactUrl: portal.settings.contactUrl };
}

/** A roll-up as the public reads it: status, progress in whole per cent, how many indicators have data. */
export interface PublicRollUp {
  status: RollUp['status'];
  progressPercent: number | null;
  indicatorCount: number;
  withDataCount: number;
}

const publicRollUp = (r: RollUp): PublicRollUp => ({
  status: r.status,
  progressPercent: r.progress === null ? null : Math.round(r.progress * 100),
  indicatorCount: r.indicatorCount,
  withDataCount: r.withDataCount,
});

export interface PublicPlanChoice {
  plans: { id: string; title: string }[];
  plan: { id: string; title: string } | null;
}

async function choosePlan(
  db: Kysely<DB>,
  institutionId: string,
  planId?: string,
): Promise<PublicPlanChoice | undefined> {
  const plans = (await listPublicPlans(db, institutionId)).map((p) => ({ id: p.id, title: p.title }));
  const plan = planId ? plans.find((p) => p.id === planId) : plans[0];
  if (planId && !plan) return undefined;
  return { plans, plan: plan ?? null };
}

export interface PublicPlanProgress extends PublicPlanChoice {
  header: PortalHeader;
  overall: PublicRollUp | null;
  /** Indicators of the plan by status (counts only). */
  statusCounts: RollUp['statusCounts'] | null;
  workstreams: ({ id: string; code: string | null; title: string } & PublicRollUp)[];
  sdgs: ({ sdg: number } & PublicRollUp)[];
}

/**
 * Progress of one plan (the newest by default) by workstream and by SDG, from
 * VALIDATED values only (the back office also counts submitted ones), with the
 * institution's own thresholds. No indicator, action or person is listed.
 */
export async function getPublicPlanProgress(
  db: Kysely<DB>,
  slug: string,
  today: string,
  planId?: string,
): Promise<PublicPlanProgress | undefined> {
  const portal = await openPortal(db, slug, 'plan');
  if (!portal) return undefined;
  const choice = await choosePlan(db, portal.institutionId, planId);
  if (!choice) return undefined;
  if (!choice.plan)
    return { header: portal.header, ...choice, overall: null, statusCounts: null, workstreams: [], sdgs: [] };
  const [rows, versions, settings] = await Promise.all([
    loadPublicPlanRows(db, choice.plan.id),
    listValidatedValueVersions(db, choice.plan.id),
    getProgressSettings(db, portal.institutionId),
  ]);
  const report = assembleProgress(
    {
      plans: [choice.plan],
      workstreams: rows.workstreams,
      objectives: rows.objectives,
      targets: rows.targets,
      actions: rows.actions,
      actionSdgs: rows.actionSdgs,
      actionAxes: rows.actionAxes,
      indicators: rows.indicators.map((i) => ({ ...i, responsible_person_id: null })),
      values: latestValidated(versions).sort(
        (a, b) => a.indicator_id.localeCompare(b.indicator_id) || a.period_end.localeCompare(b.period_end),
      ),
    },
    today,
    settings,
  );
  return {
    header: portal.header,
    ...choice,
    overall: report.plans[0] ? publicRollUp(report.plans[0]) : null,
    statusCounts: report.statusCounts,
    workstreams: report.workstreams.map((w) => ({ id: w.id, code: w.code, title: w.title, ...publicRollUp(w) })),
    sdgs: report.sdgs.map((s) => ({ sdg: s.sdg, ...publicRollUp(s) })),
  };
}

export interface PublicSdgMatrix extends PublicPlanChoice {
  header: PortalHeader;
  /** Axis codes in the columns: every axis reached by an action, in code order. */
  axes: string[];
  /** One row per SDG (1..17): actions per axis (same order as `axes`) and in total. */
  rows: { sdg: number; counts: number[]; total: number }[];
  actionCount: number;
}

/** Actions per SDG and Plan-vert axis (the action's axes, else its workstream's), counts only. */
export async function getPublicSdgMatrix(
  db: Kysely<DB>,
  slug: string,
  planId?: string,
): Promise<PublicSdgMatrix | undefined> {
  const portal = await openPortal(db, slug, 'sdg');
  if (!portal) return undefined;
  const choice = await choosePlan(db, portal.institutionId, planId);
  if (!choice) return undefined;
  const rows = choice.plan ? await loadPublicPlanRows(db, choice.plan.id) : undefined;
  const workstreamAxis = new Map((rows?.workstreams ?? []).map((w) => [w.id, w.axis_code]));
  const axesOf = new Map<string, string[]>();
  for (const a of rows?.actionAxes ?? []) axesOf.set(a.action_id, [...(axesOf.get(a.action_id) ?? []), a.axis_code]);
  const sdgsOf = new Map<string, number[]>();
  for (const s of rows?.actionSdgs ?? []) sdgsOf.set(s.action_id, [...(sdgsOf.get(s.action_id) ?? []), s.sdg_number]);
  const cells = new Map<string, number>();
  const axisSet = new Set<string>();
  const totals = Array.from({ length: 17 }, () => 0);
  for (const action of rows?.actions ?? []) {
    const own = axesOf.get(action.id) ?? [];
    const fallback = workstreamAxis.get(action.workstream_id);
    const axes = own.length ? own : fallback ? [fallback] : [];
    for (const sdg of new Set(sdgsOf.get(action.id) ?? [])) {
      if (sdg < 1 || sdg > 17) continue;
      totals[sdg - 1]++;
      for (const axis of new Set(axes)) {
        axisSet.add(axis);
        cells.set(`${sdg}|${axis}`, (cells.get(`${sdg}|${axis}`) ?? 0) + 1);
      }
    }
  }
  const axes = [...axisSet].sort();
  return {
    header: portal.header,
    ...choice,
    axes,
    rows: totals.map((total, i) => ({
      sdg: i + 1,
      counts: axes.map((axis) => cells.get(`${i + 1}|${axis}`) ?? 0),
      total,
    })),
    actionCount: rows?.actions.length ?? 0,
  };
}

export interface PublicReports {
  header: PortalHeader;
  versions: {
    id: string;
    kind: string;
    year: number;
    number: number;
    title: string;
    lang: string;
    publishedOn: string;
  }[];
}

export async function getPublicReports(db: Kysely<DB>, slug: string): Promise<PublicReports | undefined> {
  const portal = await openPortal(db, slug, 'reports');
  if (!portal) return undefined;
  const versions = await listPublicReportVersions(db, portal.institutionId);
  return {
    header: portal.header,
    versions: versions.map((v) => ({
      id: v.id,
      kind: v.kind,
      year: Number(v.year),
      number: Number(v.number),
      title: v.title,
      lang: v.lang,
      publishedOn: v.published_at.slice(0, 10),
    })),
  };
}

export const PUBLIC_REPORT_FORMATS = ['html', 'pdf', 'docx'] as const satisfies readonly ReportFormat[];

/** A published, public report version rendered from its frozen document; undefined = 404. */
export async function renderPublicReport(
  db: Kysely<DB>,
  slug: string,
  versionId: string,
  format: (typeof PUBLIC_REPORT_FORMATS)[number],
): Promise<(RenderedReport & { filename: string }) | undefined> {
  const portal = await openPortal(db, slug, 'reports');
  if (!portal) return undefined;
  const version = await findPublicReportVersion(db, portal.institutionId, versionId);
  if (!version) return undefined;
  const doc = JSON.parse(version.document_json) as ReportDocument;
  const file = await renderReport(doc, format);
  return { ...file, filename: `${slug}-report-${version.year}-v${version.number}.${file.extension}` };
}

export async function getPublicFund(
  db: Kysely<DB>,
  slug: string,
): Promise<{ header: PortalHeader; report: PublicFundReport } | undefined> {
  const portal = await openPortal(db, slug, 'fund');
  if (!portal) return undefined;
  const report = await getPublicFundReport(db, slug);
  return report ? { header: portal.header, report } : undefined;
}
