import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { listPlans, loadPlanTree } from '../plan';
import { exportBaseName, infoTable, neutraliseTable, planTable } from './plan-export';
import { CONTENT_TYPES, toCsv, toXlsx } from './plan-export-files';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  /** ASCII only, safe in a Content-Disposition header and on any file system. */
  filename: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
  actionCount: number;
  planTitle: string;
}

/** The action sheet's header sits under the title line and one line per means. */
function headerRowOf(meansCount: number): number {
  return 1 + meansCount;
}

/**
 * A plan of the institution as a file the importer reads back (XLSX with an
 * "Infos" sheet, or CSV); undefined when the plan does not exist or belongs
 * to another institution.
 */
export async function exportPlan(
  db: Kysely<DB>,
  input: { institutionId: string; planId: string; format: ExportFormat; now?: Date },
): Promise<ExportFile | undefined> {
  const tree = await loadPlanTree(db, input.institutionId, input.planId);
  if (!tree) return undefined;
  const exportedOn = (input.now ?? new Date()).toISOString().slice(0, 10);
  const table = neutraliseTable(planTable(tree));
  const base = exportBaseName(tree.plan.title, exportedOn);
  const bytes =
    input.format === 'csv'
      ? toCsv(table)
      : toXlsx(
          [
            { name: 'Actions', rows: table, headerRow: headerRowOf(tree.means.length) },
            { name: 'Infos', rows: neutraliseTable(infoTable(tree, exportedOn)) },
          ],
          tree.plan.title,
        );
  return {
    filename: `${base}.${input.format}`,
    contentType: CONTENT_TYPES[input.format],
    bytes,
    actionCount: tree.plan.actionCount,
    planTitle: tree.plan.title,
  };
}

/** The plan exported when none is named: the multi-year plan starting last (the first one listed for a tie). */
export async function findDefaultExportPlanId(db: Kysely<DB>, institutionId: string): Promise<string | undefined> {
  const plans = await listPlans(db, institutionId);
  return (plans.find((p) => p.kind === 'multi_year') ?? plans[0])?.id;
}
