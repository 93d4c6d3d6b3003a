/** SDG catalogue, Plan-vert axes and their synchronisation into the database. */
export { AXIS_CATALOGUE, type Axis, isSdgNumber, SDG_CATALOGUE, type Sdg, textColourOn } from './sdg';
export { syncReferenceData } from './sdg.queries';
/** SDG views: the plan's actions x SDG matrix with its coverage, the page of one SDG, the review of imported rows. */
export {
  countActionsPerSdg,
  coverageOf,
  loadPlanTrees,
  rawCellsView,
  SDG_COUNT,
  type SdgActionEntry,
  type SdgCoverage,
  type SdgMatrixGroup,
  type SdgMatrixRow,
  type SdgMatrixView,
  type SdgOverview,
  type SdgPageView,
  sdgMatrixView,
  sdgOverviewOf,
  sdgPageView,
} from './sdg-views';
