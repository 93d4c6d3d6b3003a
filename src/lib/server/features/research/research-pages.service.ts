/** What the research pages read: projects with their SDGs and partners, the SDG check, the open-access table. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { type AuditEntry, listAuditForEntity } from '../audit';
import type { SessionUser } from '../auth';
import { type OpenAccessYear, openAccessTable } from './open-access';
import {
  canDeleteProjects,
  canEditProjects,
  canImportPublications,
  filterProjects,
  MIN_SDGS_PER_PROJECT,
  meetsSdgRule,
  type ProjectFilters,
  type ProjectStatus,
  projectStatus,
  projectsBreakingSdgRule,
} from './research';
import {
  countPublicationsByYear,
  findProject,
  listPartnerOptions,
  listPersonOptions,
  listProjectPartnerRows,
  listProjectRows,
  listProjectSdgRows,
  listResearchUnitOptions,
} from './research.queries';

export interface ProjectView {
  id: string;
  title: string;
  acronym: string | null;
  teamUnitId: string | null;
  /** The unit's short name (or name), else the free-text team. */
  teamName: string | null;
  teamText: string | null;
  leadPersonId: string | null;
  leadName: string | null;
  startDate: string | null;
  endDate: string | null;
  status: ProjectStatus;
  funder: string | null;
  programme: string | null;
  amountCents: number | null;
  description: string | null;
  sdgs: number[];
  partnerIds: string[];
  /** Every partner's name, listed ones first, in the order given. */
  partnerNames: string[];
  freePartners: string[];
  meetsRule: boolean;
  isDemo: boolean;
  version: number;
}

/** Every project of the institution as the pages show it: a fixed number of queries whatever their count. */
export async function loadProjects(db: Kysely<DB>, institutionId: string, today: string): Promise<ProjectView[]> {
  const [rows, sdgRows, partnerRows] = await Promise.all([
    listProjectRows(db, institutionId),
    listProjectSdgRows(db, institutionId),
    listProjectPartnerRows(db, institutionId),
  ]);
  const sdgsOf = new Map<string, number[]>();
  for (const r of sdgRows) sdgsOf.set(r.project_id, [...(sdgsOf.get(r.project_id) ?? []), r.sdg_number]);
  const partnersOf = new Map<string, typeof partnerRows>();
  for (const r of partnerRows) partnersOf.set(r.project_id, [...(partnersOf.get(r.project_id) ?? []), r]);
  return rows.map((r) => {
    const sdgs = sdgsOf.get(r.id) ?? [];
    const partners = partnersOf.get(r.id) ?? [];
    const listed = partners.filter((p) => p.partner_id !== null);
    const free = partners.flatMap((p) => (p.partner_name ? [p.partner_name] : []));
    return {
      id: r.id,
      title: r.title,
      acronym: r.acronym,
      teamUnitId: r.team_unit_id,
      teamName: r.team_short_name ?? r.team_name ?? r.team_text,
      teamText: r.team_text,
      leadPersonId: r.lead_person_id,
      leadName: r.lead_name,
      startDate: r.start_date,
      endDate: r.end_date,
      status: projectStatus(r.start_date, r.end_date, today),
      funder: r.funder,
      programme: r.programme,
      amountCents: r.amount_cents,
      description: r.description,
      sdgs,
      partnerIds: listed.flatMap((p) => (p.partner_id ? [p.partner_id] : [])),
      partnerNames: [...listed.map((p) => p.listed_name ?? ''), ...free],
      freePartners: free,
      meetsRule: meetsSdgRule(sdgs),
      isDemo: r.is_demo === 1,
      version: r.version,
    };
  });
}

export interface Option {
  id: string;
  name: string;
}

export interface ProjectFormOptions {
  units: Option[];
  people: Option[];
  partners: Option[];
}

/** The choices of the project form: research units, people, listed partners. */
export async function getProjectFormOptions(db: Kysely<DB>, user: SessionUser): Promise<ProjectFormOptions> {
  const [units, people, partners] = await Promise.all([
    listResearchUnitOptions(db, user.institutionId),
    listPersonOptions(db, user.institutionId),
    listPartnerOptions(db, user.institutionId),
  ]);
  return {
    units: units.map((u) => ({
      id: u.id,
      name: u.short_name && u.short_name !== u.name ? `${u.short_name} – ${u.name}` : u.name,
    })),
    people: people.map((p) => ({ id: p.id, name: p.display_name })),
    partners: partners.map((p) => ({ id: p.id, name: p.name })),
  };
}

export interface ResearchListPage {
  canEdit: boolean;
  canImport: boolean;
  projects: ProjectView[];
  total: number;
  breaking: number;
  units: Option[];
}

/** The project list with its filters applied; everyone signed in reads it. */
export async function getResearchListPage(
  db: Kysely<DB>,
  user: SessionUser,
  filters: ProjectFilters,
  today: string,
): Promise<ResearchListPage> {
  const [all, units] = await Promise.all([
    loadProjects(db, user.institutionId, today),
    listResearchUnitOptions(db, user.institutionId),
  ]);
  return {
    canEdit: canEditProjects(user),
    canImport: canImportPublications(user),
    projects: filterProjects(all, filters, today),
    total: all.length,
    breaking: all.filter((p) => !p.meetsRule).length,
    units: units.map((u) => ({ id: u.id, name: u.short_name ?? u.name })),
  };
}

export interface ProjectPage {
  project: ProjectView;
  canEdit: boolean;
  canDelete: boolean;
  history: AuditEntry[];
  options: ProjectFormOptions;
}

/** One project of the institution with its history; undefined for a missing one or another institution's. */
export async function getProjectPage(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
  today: string,
): Promise<ProjectPage | undefined> {
  if (!(await findProject(db, user.institutionId, id))) return undefined;
  const project = (await loadProjects(db, user.institutionId, today)).find((p) => p.id === id);
  if (!project) return undefined;
  const canEdit = canEditProjects(user);
  const [history, options] = await Promise.all([
    listAuditForEntity(db, 'research_project', id),
    canEdit ? getProjectFormOptions(db, user) : Promise.resolve({ units: [], people: [], partners: [] }),
  ]);
  return { project, canEdit, canDelete: canDeleteProjects(user), history, options };
}

export interface SdgCheckPage {
  minimum: number;
  total: number;
  breaking: ProjectView[];
  canEdit: boolean;
}

/** The projects with fewer than MIN_SDGS_PER_PROJECT SDGs, fewest first. */
export async function getSdgCheckPage(db: Kysely<DB>, user: SessionUser, today: string): Promise<SdgCheckPage> {
  const all = await loadProjects(db, user.institutionId, today);
  return {
    minimum: MIN_SDGS_PER_PROJECT,
    total: all.length,
    breaking: projectsBreakingSdgRule(all),
    canEdit: canEditProjects(user),
  };
}

export interface OpenAccessPage {
  years: OpenAccessYear[];
  total: number;
  canImport: boolean;
}

/** Publications by year with their open-access rates, oldest year first. */
export async function getOpenAccessPage(db: Kysely<DB>, user: SessionUser): Promise<OpenAccessPage> {
  const years = openAccessTable(await countPublicationsByYear(db, user.institutionId));
  return {
    years,
    total: years.reduce((sum, y) => sum + y.publications, 0),
    canImport: canImportPublications(user),
  };
}
