/** Business travel: carbon methods as data, distance rules, per-leg footprint, train-first check and carbon contribution. */

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
export {
  type EstimateErrorCode,
  type EstimateInput,
  type EstimateResult,
  estimateTrip,
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
// --- places (geography resolver, src/lib/server/features/travel/places*.ts): exports are added below this line ---
/** Resolves a typed place or IATA code to coordinates from the offline geodata. */
export {
  type Place,
  type PlaceReason,
  type PlaceResolution,
  type PlaceResolutionStatus,
  RESOLVED_CONFIDENCE,
  type ResolvePlaceOptions,
  type ResolverMemory,
  resolvePlace,
  resolvePlaceIn,
} from './places';
export { countryName, findCountryCode, type PlaceLanguage } from './places-countries';
/** Loads the geodata indexes once; pass the result to resolvePlaceIn for batches. */
export { loadPlaceIndex, type PlaceIndex } from './places-data';
export {
  DEFAULT_TRAIN_FIRST_RULE,
  estimateTrainHours,
  TRAIN_TIME_MODEL,
  type TrainFirstRule,
  type TrainFirstVerdict,
  trainFirstCheck,
  trainFirstVerdict,
} from './train-first';
// --- declared trips (src/lib/server/features/travel/trips*.ts) ---
/** What a trip declaration form sends, and the pseudonym reports use for travellers. */
export {
  type DeclareTripInput,
  declareTripSchema,
  MAX_JUSTIFICATION_LENGTH,
  MAX_PASSENGERS,
  MAX_PURPOSE_LENGTH,
  TRAVELLER_CATEGORIES,
  type TravellerCategory,
  travellerKeyOf,
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
  type TripLegView,
  type TripSummary,
  type TripView,
} from './trips.service';
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
export {
  canImportTrips,
  commitTripImport,
  findTripImporter,
  previewTripFile,
  previewTripImport,
  type TripImportCommitResult,
  type TripImportCounts,
  type TripImportMessage,
  type TripImportPreview,
  type TripImportPreviewResult,
  type TripImportRow,
} from './trips-import';
/** The web flow of a trips import: the file kept in import_upload between preview and commit. */
export {
  commitTripImportUpload,
  createTripImport,
  getTripImport,
  TRIP_IMPORT_SOURCE,
  type TripImportView,
} from './trips-import-upload';
