/** THE Impact Rankings: editions and their SDGs, evidence items per metric, the readiness check, the score simulator and the workbook. */
export {
  createEdition,
  type EditionSummary,
  type EditionsPage,
  getEditionsPage,
  listEditions,
  updateEditionSettings,
} from './editions.service';
export { createItem, deleteItem, type ItemFile, updateItem } from './items.service';
export { checkItem, checkReadiness, type EditionReadiness, type ItemIssue, type MetricIssue } from './readiness';
export { parseScoreText, type Simulation, simulateOverall } from './simulator';
export { getSimulatorPage, type SimulatorPage } from './simulator.service';
export {
  CATALOGUE_SDGS,
  canEditTheImpactItems,
  canManageTheImpactEditions,
  canReadTheImpact,
  defaultPolicyWindow,
  editionSchema,
  findMetric,
  ITEM_KINDS,
  type ItemKind,
  MANDATORY_SDG,
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_UNIT_LENGTH,
  MAX_URL_LENGTH,
  metricsOfSdg,
  metricTitle,
  THE_CATALOGUE,
} from './the-impact';
export { loadTheImpactDemo } from './the-impact-demo';
export { buildTheImpactDocument } from './the-impact-document';
export { exportTheImpactWorkbook } from './the-impact-export';
export {
  type EditionView,
  getEditionReadiness,
  getEditionView,
  getItem,
  getItemFileDownload,
  getItemOptions,
  type ItemView,
} from './views.service';
