/** The plan overview dashboard: statuses, progress per workstream, SDG and axis, overdue updates, recent changes. */
export {
  type DashboardPage,
  getPlanDashboard,
  OVERDUE_SHOWN,
  type OverdueUpdate,
  type PlanDashboard,
  type ProgressLine,
  RECENT_CHANGES,
  type RecentChange,
} from './dashboard.service';
