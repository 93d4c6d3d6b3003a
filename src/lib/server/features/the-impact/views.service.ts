import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { checkEvidenceFile } from '../indicators';
import { checkReadiness, type EditionReadiness, type ReadinessItemInput } from './readiness';
import {
  canEditTheImpactItems,
  canManageTheImpactEditions,
  canReadTheImpact,
  FIGURE_SCALE,
  type ItemKind,
  type MetricKind,
  metricsOfSdg,
  metricTitle,
  type PolicyWindow,
} from './the-impact';
import {
  findEditionRow,
  findItemRow,
  type ItemListRow,
  listActionOptionRows,
  listEditionSdgNumbers,
  listIndicatorOptionRows,
  listItemRows,
  listSdgTitles,
} from './the-impact.queries';

export interface ItemView {
  id: string;
  sdg: number;
  metricCode: string;
  kind: ItemKind;
  title: string;
  description: string | null;
  createdOn: string | null;
  reviewedOn: string | null;
  publicUrl: string | null;
  fileName: string | null;
  fileByteSize: number | null;
  figure: number | null;
  figureUnit: string | null;
  actionId: string | null;
  indicatorId: string | null;
  isDraft: boolean;
}

export interface MetricView {
  code: string;
  kind: MetricKind;
  weight: number;
  unverified: boolean;
  codeInferred: boolean;
  title: string;
  items: ItemView[];
}

export interface EditionView {
  id: string;
  edition: number;
  window: PolicyWindow;
  copiedFromEdition: number | null;
  canEdit: boolean;
  canManage: boolean;
  sdgs: { number: number; title: string; metrics: MetricView[] }[];
}

export function toItemView(r: ItemListRow): ItemView {
  return {
    id: r.id,
    sdg: r.sdg_number,
    metricCode: r.metric_code,
    kind: r.kind as ItemKind,
    title: r.title,
    description: r.description,
    createdOn: r.created_on,
    reviewedOn: r.reviewed_on,
    publicUrl: r.public_url,
    fileName: r.file_name,
    fileByteSize: r.file_byte_size,
    figure: r.figure_milli === null ? null : Number(r.figure_milli) / FIGURE_SCALE,
    figureUnit: r.figure_unit,
    actionId: r.action_id,
    indicatorId: r.indicator_id,
    isDraft: r.is_draft === 1,
  };
}

export function toReadinessInput(i: ItemView): ReadinessItemInput {
  return {
    id: i.id,
    sdg: i.sdg,
    metricCode: i.metricCode,
    kind: i.kind,
    title: i.title,
    createdOn: i.createdOn,
    reviewedOn: i.reviewedOn,
    publicUrl: i.publicUrl,
    hasFile: i.fileName !== null,
    figureMilli: i.figure === null ? null : Math.round(i.figure * FIGURE_SCALE),
    isDraft: i.isDraft,
  };
}

/** An edition with its SDGs, their metrics and items, for readers; undefined when absent or not allowed (same answer). */
export async function getEditionView(
  db: Kysely<DB>,
  user: SessionUser,
  edition: number,
  locale: string,
): Promise<EditionView | undefined> {
  if (!canReadTheImpact(user)) return undefined;
  const row = await findEditionRow(db, user.institutionId, edition);
  if (!row) return undefined;
  const [sdgRows, itemRows, titles] = await Promise.all([
    listEditionSdgNumbers(db, [row.id]),
    listItemRows(db, row.id),
    listSdgTitles(db),
  ]);
  const items = itemRows.map(toItemView);
  return {
    id: row.id,
    edition: row.edition,
    window: { startYear: row.window_start_year, endYear: row.window_end_year },
    copiedFromEdition: row.copied_from_edition,
    canEdit: canEditTheImpactItems(user),
    canManage: canManageTheImpactEditions(user),
    sdgs: sdgRows.map(({ sdg_number: n }) => {
      const t = titles.find((s) => s.number === n);
      return {
        number: n,
        title: (locale === 'en' ? t?.title_en : t?.title_fr) ?? String(n),
        metrics: metricsOfSdg(n).map((m) => ({
          code: m.code,
          kind: m.kind,
          weight: m.weight,
          unverified: m.unverified,
          codeInferred: m.codeInferred ?? false,
          title: metricTitle(m, locale),
          items: items.filter((i) => i.sdg === n && i.metricCode === m.code),
        })),
      };
    }),
  };
}

/** The edition and its readiness check. */
export async function getEditionReadiness(
  db: Kysely<DB>,
  user: SessionUser,
  edition: number,
  locale: string,
): Promise<{ view: EditionView; readiness: EditionReadiness } | undefined> {
  const view = await getEditionView(db, user, edition, locale);
  if (!view) return undefined;
  const items = view.sdgs.flatMap((s) => s.metrics.flatMap((m) => m.items.map(toReadinessInput)));
  const readiness = checkReadiness(
    view.sdgs.map((s) => s.number),
    items,
    view.window,
  );
  return { view, readiness };
}

/** One item of an edition, for its page. */
export async function getItem(
  db: Kysely<DB>,
  user: SessionUser,
  edition: number,
  id: string,
): Promise<ItemView | undefined> {
  if (!canReadTheImpact(user)) return undefined;
  const row = await findEditionRow(db, user.institutionId, edition);
  const item = row ? await findItemRow(db, user.institutionId, row.id, id) : undefined;
  return item ? toItemView(item) : undefined;
}

export interface ItemOptions {
  actions: { id: string; title: string; planTitle: string }[];
  indicators: { id: string; name: string; planTitle: string }[];
}

/** The plan's actions and indicators an item may point to. */
export async function getItemOptions(db: Kysely<DB>, user: SessionUser): Promise<ItemOptions> {
  if (!canReadTheImpact(user)) return { actions: [], indicators: [] };
  const [actions, indicators] = await Promise.all([
    listActionOptionRows(db, user.institutionId),
    listIndicatorOptionRows(db, user.institutionId),
  ]);
  return {
    actions: actions.map((a) => ({ id: a.id, title: a.title, planTitle: a.plan_title })),
    indicators: indicators.map((i) => ({ id: i.id, name: i.name, planTitle: i.plan_title })),
  };
}

/** The file of an item, typed by its bytes again at download (a row altered in the database serves nothing unsafe). */
export async function getItemFileDownload(
  db: Kysely<DB>,
  user: SessionUser,
  edition: number,
  id: string,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; contentType: string; filename: string } | undefined> {
  if (!canReadTheImpact(user)) return undefined;
  const row = await findEditionRow(db, user.institutionId, edition);
  const item = row ? await findItemRow(db, user.institutionId, row.id, id) : undefined;
  if (!item?.file_base64) return undefined;
  const bytes = new Uint8Array(Buffer.from(item.file_base64, 'base64'));
  const detected = checkEvidenceFile(bytes, Number.POSITIVE_INFINITY);
  if (!detected.ok) return undefined;
  const stem = (item.file_name ?? 'document').replace(/\.[A-Za-z0-9]{1,8}$/, '') || 'document';
  return { bytes, contentType: detected.value.contentType, filename: `${stem}.${detected.value.extension}` };
}
