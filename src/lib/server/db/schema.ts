import type { ApiTables } from '../features/api/api.table';
import type { AuditTables } from '../features/audit/audit.table';
import type { AuthTables } from '../features/auth/auth.table';
import type { AwarenessTables } from '../features/awareness/awareness.table';
import type { EventTables } from '../features/events/events.table';
import type { IdeaTables } from '../features/ideas/ideas.table';
import type { IndicatorTables } from '../features/indicators/indicators.table';
import type { InstitutionTables } from '../features/institution/institution.table';
import type { LabelTables } from '../features/label/label.table';
import type { NotificationTables } from '../features/notifications/notifications.table';
import type { PartnerTables } from '../features/partners/partners.table';
import type { PeopleTables } from '../features/people/people.table';
import type { PlanTables } from '../features/plan/plan.table';
import type { ImportTables } from '../features/plan-import/import.table';
import type { PortalTables } from '../features/portal/portal.table';
import type { ReportTables } from '../features/reports/reports.table';
import type { ResearchTables } from '../features/research/research.table';
import type { SdgTables } from '../features/sdg/sdg.table';
import type { TeachingTables } from '../features/teaching/teaching.table';
import type { TheImpactTables } from '../features/the-impact/the-impact.table';
import type { FundTables } from '../features/travel/fund.table';
import type { MobilityTables } from '../features/travel/mobility.table';
import type { PlaceReviewTables } from '../features/travel/place-review.table';
import type { TravelTables } from '../features/travel/travel.table';
import type { TravelSettingsTables } from '../features/travel/travel-settings.table';
import type { TripImportProfileTables } from '../features/travel/trip-import-profiles.table';

/** The whole database, assembled from each feature's table interfaces. */
export interface DB
  extends InstitutionTables,
    PeopleTables,
    SdgTables,
    PlanTables,
    AuthTables,
    AuditTables,
    ImportTables,
    IndicatorTables,
    NotificationTables,
    ApiTables,
    TravelTables,
    FundTables,
    MobilityTables,
    PlaceReviewTables,
    TravelSettingsTables,
    TripImportProfileTables,
    AwarenessTables,
    TeachingTables,
    IdeaTables,
    PartnerTables,
    EventTables,
    ResearchTables,
    LabelTables,
    ReportTables,
    PortalTables,
    TheImpactTables {}
