/** Business travel: carbon methods as data, distance rules, per-leg footprint, train-first check and carbon contribution. */

/** Reads an accounting or expense export through a column mapping; non-trip expenses are skipped and counted. */
export {
  ACCOUNTING_FILE_CODES,
  ACCOUNTING_ROW_CODES,
  accountingFileReader,
  proposeAccountingFileMapping,
  readAccountingFile,
} from './accounting-file';
export {
  ACCOUNTING_FIELDS,
  type AccountingField,
  type AccountingMapping,
  accountingMappingSchema,
  missingAccountingFields,
  proposeAccountingMapping,
} from './accounting-mapping';
export { contributionCents, FRENCH_CARBON_VALUES, suggestedCarbonPrice } from './compensation';
export {
  type Coordinates,
  correctedKm,
  EARTH_RADIUS_KM,
  greatCircleKm,
  isInBand,
  isValidCoordinates,
  routeScopeOf,
} from './distance';
/** One trip described in words → places, leg, train-first verdict and contribution (nothing stored). */
/** The estimate of a trip against a loaded place index, or with places already resolved (synchronous). */
export {
  type EstimateErrorCode,
  type EstimateInput,
  type EstimateResult,
  estimateResolvedTrip,
  estimateTrip,
  estimateTripIn,
  type TripEstimate,
} from './estimate.service';
export {
  type AppliedFactor,
  type CalculationStep,
  computeLeg,
  findFactor,
  type Leg,
  type LegErrorCode,
  type LegInput,
  type LegPoint,
  type LegResult,
} from './footprint';
// --- compensation fund (src/lib/server/features/travel/fund*.ts) ---
/** The institution's internal carbon price per year and the compensation fund's ledger, private and public. */
export {
  addFundEntry,
  type CarbonPrice,
  carbonPriceSchema,
  FUND_ENTRY_KINDS,
  type FundEntryErrorCode,
  type FundEntryInput,
  type FundEntryKind,
  type FundEntryView,
  type FundYear,
  fundEntrySchema,
  getCarbonPrice,
  getFundLedger,
  getPublicFundPath,
  getPublicFundReport,
  MAX_CARBON_PRICE_EUROS,
  MAX_FUND_DESCRIPTION_LENGTH,
  MAX_FUND_LABEL_LENGTH,
  type PublicFundReport,
  type PublicFundYear,
  setCarbonPrice,
} from './fund.service';
// --- fund entries corrections (fund-entries.service.ts) ---
export { deleteFundEntry, getFundEntry, updateFundEntry } from './fund-entries.service';
// --- GES 1point5 travel file (src/lib/server/features/travel/ges1point5-*.ts) ---
/** Reads (line by line, with reasons) and writes the GES 1point5 tab-separated travel file; no database. */
export {
  GES1POINT5_FILE_CODES,
  GES1POINT5_ROW_CODES,
  type Ges1point5Counts,
  type Ges1point5Export,
  type Ges1point5Leg,
  type Ges1point5Message,
  type Ges1point5Read,
  type Ges1point5ReadResult,
  type Ges1point5Row,
  type Ges1point5RowCode,
  type Ges1point5RowStatus,
  MAX_GES1POINT5_CELL_CHARS,
  MAX_GES1POINT5_LEGS,
  readGes1point5File,
  writeGes1point5File,
} from './ges1point5-file';
export { GES1POINT5_HEADER, GES1POINT5_TRAIN_MODE } from './ges1point5-format';
/** Reads a file of flights by IATA airport code (header synonyms, cabin class, one row per traveller). */
export { IATA_FILE_CODES, IATA_ROW_CODES, iataFileReader, readIataFile } from './iata-file';
export {
  CARBON_METHODS,
  type CarbonMethod,
  DEFAULT_METHOD_KEY,
  type DistanceBand,
  type DistanceRule,
  type EmissionFactor,
  isMethodKey,
  METHOD_KEYS,
  type MethodKey,
  parseCarbonMethod,
  ROUTE_SCOPES,
  type RouteScope,
} from './methods';
export {
  CABIN_CLASSES,
  type CabinClass,
  DISTANCE_RULE_OF_MODE,
  DISTANCE_RULES,
  type DistanceRuleKey,
  isTravelMode,
  TRAVEL_MODES,
  type TravelMode,
  travelModeSchema,
} from './modes';
// --- place review list and remembered answers (place-review.*) ---
export {
  answerPlaceReview,
  canReviewPlaces,
  getPlaceReview,
  listPlaceReviews,
  loadResolverMemory,
  type PlaceReviewView,
  type PlaceToReview,
  recordUnresolvedPlaces,
  unresolvedOf,
} from './place-review.service';
// --- places (geography resolver, src/lib/server/features/travel/places*.ts): exports are added below this line ---
/** Resolves a typed place or IATA code to coordinates from the offline geodata. */
export {
  type Place,
  type PlaceReason,
  type PlaceResolution,
  type PlaceResolutionStatus,
  placeMemoryKey,
  RESOLVED_CONFIDENCE,
  type ResolvePlaceOptions,
  type ResolverMemory,
  resolvePlace,
  resolvePlaceIn,
} from './places';
export { countryName, findCountryCode, type PlaceLanguage } from './places-countries';
/** Loads the geodata indexes once; pass the result to resolvePlaceIn for batches. */
export { loadPlaceIndex, type PlaceIndex } from './places-data';
// --- students abroad, video meetings and travel indicators (student-mobility*, video-meetings*, travel-indicators*) ---
/** Students' international mobilities with their rail pre-routing aid (admin records; the student as a pseudonym). */
export {
  academicYearOf,
  candidateTextOf,
  canRecordMobility,
  MAX_DESTINATION_LENGTH,
  MAX_PROGRAMME_LENGTH,
  MAX_RAIL_AID_EUROS,
  MAX_STUDENT_REF_LENGTH,
  parseEurosText,
  type RecordMobilityInput,
  studentKeyOf,
} from './student-mobility';
export {
  deleteStudentMobility,
  getMobilityPage,
  type MobilityErrorCode,
  type MobilityPage,
  type RecordMobilityResult,
  recordStudentMobility,
  type StudentMobilityView,
} from './student-mobility.service';
export {
  DEFAULT_TRAIN_FIRST_RULE,
  estimateTrainHours,
  TRAIN_TIME_MODEL,
  type TrainFirstRule,
  type TrainFirstVerdict,
  trainFirstCheck,
  trainFirstVerdict,
} from './train-first';
// --- travel dashboard (src/lib/server/features/travel/travel-dashboard*.ts) ---
/** A year of business travel summed by mode, unit, purpose, month and traveller category, in the user's scope. */
export {
  foldPurpose,
  getTravelDashboard,
  type PurposeGroup,
  TOP_PURPOSES,
  TRAVEL_DASHBOARD_INSTITUTION_ROLES,
  type TravelDashboard,
  type TravelFigures,
} from './travel-dashboard.service';
/** The travel module's indicator sources (registered in indicators/sources.ts). */
export {
  DOMESTIC_FLIGHTS_AVOIDED,
  FLIGHTS_COMPENSATED,
  PER_PERSON,
  percentMilli,
  STUDENTS_RAIL_AID_SHARE,
  TRAVEL_EMISSIONS,
  TRAVEL_INDICATOR_SOURCES,
  VIDEO_INTERVIEW_SHARE,
} from './travel-indicators';
// --- travel settings and recomputation (src/lib/server/features/travel/travel-settings*.ts, trip-recompute*.ts) ---
/** The institution's method, contrails, train-first thresholds and naming choice; defaults while none is saved. */
export {
  DEFAULT_TRAVEL_SETTINGS,
  hoursAndMinutes,
  MAX_TRAIN_THRESHOLD_MINUTES,
  minutesFromForm,
  type TravelSettings,
  type TravelSettingsInput,
  type TravelSettingsView,
  travelSettingsInputSchema,
} from './travel-settings';
/** Reads and saves the travel settings (admin only); a change recomputes the stored trips in the same transaction. */
export {
  canManageTravelSettings,
  getTravelSettings,
  getTravelSettingsView,
  type TravelSettingsErrorCode,
  type UpdateTravelSettingsResult,
  updateTravelSettings,
} from './travel-settings.service';
// --- trips file formats: accounting export, IATA flights, saved mappings (accounting-*.ts, iata-file.ts, trip-file*.ts, trip-import-profiles*.ts) ---
/** The reader contract every trips file format implements, and the formats. */
export {
  TRIP_FILE_FORMATS,
  type TripFileFormat,
  type TripFileLeg,
  type TripFileReader,
  type TripFileReadResult,
  type TripFileRow,
} from './trip-file';
/** The chosen format (and mapping) of a trips file as a reader; stored with an upload. */
export {
  type TripImportChoice,
  tripFileFormatSchema,
  tripFileReaderOf,
  tripImportChoiceSchema,
} from './trip-file-readers';
/** Saved column mappings by name (admin only, audited). */
export {
  deleteTripImportProfile,
  findInstitutionTripImportProfile,
  findTripImportProfileByName,
  getTripImportProfile,
  listTripImportProfiles,
  MAX_PROFILE_NAME_LENGTH,
  renameTripImportProfile,
  saveTripImportProfile,
  type TripImportProfile,
  type TripImportProfileErrorCode,
  type TripImportProfileInput,
  type TripImportProfileResult,
  tripImportProfileSchema,
} from './trip-import-profiles.service';
export { RECOMPUTE_REASONS, RecomputeLegError, type RecomputeReason } from './trip-recompute';
/** Recomputes stored legs (settings change, new factor set; all or nothing) and reads the changelog. */
export {
  type CarbonMethods,
  findTravelRecompute,
  type ListRecomputesResult,
  listTravelRecomputes,
  type OutdatedTripsReport,
  RECOMPUTE_PAGE_SIZE,
  type RecomputeOptions,
  type RecomputeRun,
  recomputeAllOutdatedTrips,
  recomputeInstitutionTrips,
  recomputeOutdatedTrips,
} from './trip-recompute.service';
export type { FactorGroup, RecomputeDetails } from './trip-recompute-tally';
// --- declared trips (src/lib/server/features/travel/trips*.ts) ---
/** What a trip declaration sends (a mission with its legs, or the older one-leg shape), and the travellers' pseudonym. */
export {
  type DeclareTripInput,
  declareTripSchema,
  MAX_COUNTRY_LENGTH,
  MAX_JUSTIFICATION_LENGTH,
  MAX_PASSENGERS,
  MAX_PLACE_LENGTH,
  MAX_PURPOSE_LENGTH,
  MAX_TRIP_LEGS,
  MAX_UNIT_ID_LENGTH,
  type SingleLegTripInput,
  singleLegTrip,
  singleLegTripSchema,
  TRAVELLER_CATEGORIES,
  type TravellerCategory,
  type TripInput,
  type TripLegInput,
  toTripInput,
  travellerKeyOf,
  tripLegSchema,
} from './trips';
/** Declared trips: stored with every figure of their estimate, read by their declarer or the admin. */
export {
  type DeclareTripErrorCode,
  type DeclareTripResult,
  declareTrip,
  estimateTripToDeclare,
  getTrip,
  type ListTrainFirstFlagsResult,
  listTrainFirstFlags,
  listTrips,
  TRAIN_FIRST_FLAG_VERDICTS,
  type TrainFirstFlag,
  type TrainFirstFlagVerdict,
  type TripFormOptions,
  type TripLegView,
  type TripSummary,
  type TripView,
  tripFormOptions,
} from './trips.service';
// --- multi-leg declaration (src/lib/server/features/travel/trips*.ts): missions with several legs ---
// The schemas and limits of trips.ts are exported with the declared trips above: the API reads them while
// this index loads (trips-export imports the API), so they must come before trips-export.
/** Every leg of a mission estimated and priced, as a declaration stores it. */
export type {
  CarbonSettings,
  MissionEstimate,
  MissionEstimateRefusal,
  MissionEstimateResult,
  MissionLegEstimate,
} from './trips-estimate.service';
/** Stored trips as CSV/XLSX (one row per leg, every figure traced) or as the GES 1point5 travel file. */
export {
  exportInstitutionTrips,
  exportTrips,
  TRIPS_EXPORT_FORMATS,
  type TripsExportFile,
  type TripsExportFormat,
} from './trips-export';
// --- trips import (src/lib/server/features/travel/trips-import.ts) ---
/** Imports a GES 1point5 travel file, all or nothing, with a row-by-row report (admin only). */
// --- trips import engine, format-agnostic and batched (trips-import*.ts, estimate.service.ts) ---
/** Import options (resolver memory, the institution's travel settings), the review list and the default reader. */
export {
  type CommitTripImportOptions,
  canImportTrips,
  commitTripImport,
  DEFAULT_TRIP_IMPORT_SETTINGS,
  findTripImporter,
  MAX_UNRESOLVED_LINES,
  type PreviewTripFileOptions,
  previewTripFile,
  previewTripImport,
  readGes1point5Trips,
  type TripImportCommitResult,
  type TripImportCounts,
  type TripImportError,
  type TripImportInput,
  type TripImportMessage,
  type TripImportOptions,
  type TripImportPreview,
  type TripImportPreviewResult,
  type TripImportRow,
  type TripImportRowStatus,
  type TripImportSettings,
  type UnresolvedPlace,
} from './trips-import';
/** The web flow of a trips import: the file kept in import_upload between preview and commit. */
/** The mapping step of a stored accounting export. */
export {
  commitTripImportUpload,
  createTripImport,
  getTripImport,
  saveTripImportMapping,
  TRIP_IMPORT_SOURCE,
  type TripImportMappingStep,
  type TripImportView,
  tripImportOptionsOf,
} from './trips-import-upload';
/** Meetings held by videoconference instead of a trip (or in person, for the shares), with the emissions avoided. */
export {
  canRecordVideoMeeting,
  MAX_MEETING_PARTICIPANTS,
  MAX_MEETING_PLACE_LENGTH,
  MEETING_KINDS,
  type MeetingKind,
  type RecordVideoMeetingInput,
} from './video-meetings';
export {
  deleteVideoMeeting,
  getVideoPage,
  type RecordVideoMeetingResult,
  recordVideoMeeting,
  type VideoMeetingErrorCode,
  type VideoMeetingView,
  type VideoPage,
} from './video-meetings.service';
