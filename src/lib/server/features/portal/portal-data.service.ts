import type { Kysely } from 'kysely';
import { type Locale, translate } from '../../../i18n';
import { nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { CONTENT_TYPES, toCsv } from '../api';
import { neutraliseCell } from '../plan-export';
import { latestValidated } from './portal';
import { listPublicPlans, listValidatedValueVersions, loadPublicPlanRows } from './portal.queries';
import {
  cellText,
  DATASET_COLUMNS,
  type OpenDataFormat,
  type OpenDataset,
  type PlanData,
  RECORD_BUILDERS,
} from './portal-data';
import { openPortal, type PortalHeader } from './portal-pages.service';

export interface OpenDataFile {
  bytes: Uint8Array;
  contentType: string;
  filename: string;
  licence: { name: string; url: string };
}

/** The open data page: the files on offer and the licence. */
export async function getOpenDataPage(
  db: Kysely<DB>,
  slug: string,
): Promise<{ header: PortalHeader; datasets: readonly OpenDataset[] } | undefined> {
  const portal = await openPortal(db, slug, 'data');
  if (!portal) return undefined;
  return { header: portal.header, datasets: Object.keys(DATASET_COLUMNS) as OpenDataset[] };
}

async function loadPlanData(db: Kysely<DB>, institutionId: string): Promise<PlanData[]> {
  const plans = await listPublicPlans(db, institutionId);
  return Promise.all(
    plans.map(async (p) => {
      const [rows, versions] = await Promise.all([loadPublicPlanRows(db, p.id), listValidatedValueVersions(db, p.id)]);
      return { plan: { id: p.id, title: p.title }, rows, values: latestValidated(versions) };
    }),
  );
}

/**
 * One open data file of every plan of the institution, or undefined (404) when
 * the portal or its open data section is not public. The licence is in the
 * file itself: a `licence` column in CSV, the metadata header in JSON.
 */
export async function buildOpenDataFile(
  db: Kysely<DB>,
  slug: string,
  dataset: OpenDataset,
  format: OpenDataFormat,
  locale: Locale,
): Promise<OpenDataFile | undefined> {
  const portal = await openPortal(db, slug, 'data');
  if (!portal) return undefined;
  const records = (await loadPlanData(db, portal.institutionId)).flatMap(RECORD_BUILDERS[dataset]);
  const licence = portal.settings.licence;
  const filename = `${slug}-${dataset}.${format}`;
  if (format === 'json') {
    const body = {
      metadata: {
        title: translate(locale, `portal.data.dataset.${dataset}`),
        institution: portal.header.institutionName,
        licence: licence.name,
        licence_url: licence.url,
        generated_at: nowIso(),
        source: `/public/${slug}/data`,
      },
      records,
    };
    return {
      bytes: new TextEncoder().encode(`${JSON.stringify(body, null, 1)}\n`),
      contentType: 'application/json; charset=utf-8',
      filename,
      licence,
    };
  }
  const columns = DATASET_COLUMNS[dataset];
  const licenceCell = `${licence.name} (${licence.url})`;
  const heading = [...columns, 'licence'].map((c) => translate(locale, `portal.data.column.${c}`));
  const rows = records.map((r) => [
    ...columns.map((c) => neutraliseCell(cellText(r[c] ?? null, locale === 'fr'))),
    neutraliseCell(licenceCell),
  ]);
  // A file without a record still states its licence, on a row of its own.
  const body = rows.length ? rows : [[...columns.map(() => ''), neutraliseCell(licenceCell)]];
  return { bytes: toCsv([heading, ...body]), contentType: CONTENT_TYPES.csv, filename, licence };
}
