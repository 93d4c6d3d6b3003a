import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import * as m1000 from './migrations/2026-11-25T1000_create_institution_and_people';
import * as m1010 from './migrations/2026-11-25T1010_create_reference_data';
import * as m1020 from './migrations/2026-11-25T1020_create_plan';
import * as m1030 from './migrations/2026-11-25T1030_create_auth';
import * as m1040 from './migrations/2026-11-25T1040_create_audit_and_import';
import * as m1100 from './migrations/2026-11-25T1100_create_indicator_values';
import * as m0900 from './migrations/2026-11-26T0900_add_dashboard_indexes';
import * as m1000trips from './migrations/2026-11-26T1000_create_trips';
import * as m1100fund from './migrations/2026-11-26T1100_create_carbon_fund';
import * as m1200travelSettings from './migrations/2026-11-26T1200_create_travel_settings';
import * as m1300tripProfiles from './migrations/2026-11-26T1300_create_trip_import_profiles';
import * as m1400mobility from './migrations/2026-11-26T1400_create_mobility_and_video';
import * as m1500places from './migrations/2026-11-26T1500_create_place_reviews';
import * as m1600legdate from './migrations/2026-11-26T1600_add_leg_date';
import * as m1700awareness from './migrations/2026-11-26T1700_create_awareness';
import * as m1800teaching from './migrations/2026-11-26T1800_create_teaching';
import * as m1900ideas from './migrations/2026-11-26T1900_create_ideas';
import * as m2000partners from './migrations/2026-11-26T2000_create_partners';
import * as m2100research from './migrations/2026-11-26T2100_create_research';
import * as m2200events from './migrations/2026-11-26T2200_create_events';
import * as m2300label from './migrations/2026-11-26T2300_create_label_assessment';
import * as m0900theImpact from './migrations/2026-11-27T0900_create_the_impact';
import * as m1000reports from './migrations/2026-11-27T1000_create_reports';
import * as m1100portal from './migrations/2026-11-27T1100_create_portal_settings';

/** One migration tree for SQLite and PostgreSQL, listed statically so the built server carries it. */
export const migrations: Record<string, Migration> = {
  '2026-11-25T1000_create_institution_and_people': m1000,
  '2026-11-25T1010_create_reference_data': m1010,
  '2026-11-25T1020_create_plan': m1020,
  '2026-11-25T1030_create_auth': m1030,
  '2026-11-25T1040_create_audit_and_import': m1040,
  '2026-11-25T1100_create_indicator_values': m1100,
  '2026-11-26T0900_add_dashboard_indexes': m0900,
  '2026-11-26T1000_create_trips': m1000trips,
  '2026-11-26T1100_create_carbon_fund': m1100fund,
  '2026-11-26T1200_create_travel_settings': m1200travelSettings,
  '2026-11-26T1300_create_trip_import_profiles': m1300tripProfiles,
  '2026-11-26T1400_create_mobility_and_video': m1400mobility,
  '2026-11-26T1500_create_place_reviews': m1500places,
  '2026-11-26T1600_add_leg_date': m1600legdate,
  '2026-11-26T1700_create_awareness': m1700awareness,
  '2026-11-26T1800_create_teaching': m1800teaching,
  '2026-11-26T1900_create_ideas': m1900ideas,
  '2026-11-26T2000_create_partners': m2000partners,
  '2026-11-26T2100_create_research': m2100research,
  '2026-11-26T2200_create_events': m2200events,
  '2026-11-26T2300_create_label_assessment': m2300label,
  '2026-11-27T0900_create_the_impact': m0900theImpact,
  '2026-11-27T1000_create_reports': m1000reports,
  '2026-11-27T1100_create_portal_settings': m1100portal,
};

function migratorFor(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return (result.results ?? []).map((r) => `${r.direction} ${r.migrationName}: ${r.status}`);
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return unwrap(await migratorFor(db).migrateToLatest());
}

export async function migrateDownAll(db: Kysely<any>): Promise<string[]> {
  const { NO_MIGRATIONS } = await import('kysely');
  return unwrap(await migratorFor(db).migrateTo(NO_MIGRATIONS));
}
