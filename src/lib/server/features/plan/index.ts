/** The plan: workstreams, objectives, targets, actions, indicators, SDG and axis tags. */
export {
  ACTION_STATUSES,
  type ActionStatus,
  type ActionView,
  AXIS_CODES,
  type AxisCode,
  actionsOf,
  filterPlanTree,
  foldText,
  hasFilters,
  isActionStatus,
  isAxisCode,
  type PlanFilters,
  type PlanSummary,
  type PlanTree,
} from './plan';
export { countReferents, listOpenSdgReviews, listPlans, loadPlanTree } from './plan.queries';
export {
  type ActionEdit,
  type ActionPage,
  actionEditSchema,
  actorOf,
  editAction,
  getActionPage,
  type Result,
  resolveSdgReview,
  sdgMatrixOf,
} from './plan.service';
