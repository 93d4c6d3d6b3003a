/** Personal API tokens, the JSON API (v1) with its OpenAPI document, and the indicator values export. */
export type { ApiAction, ApiIndicator, ApiPlan, ApiPlanSummary, ApiValue } from './api';
export {
  type ApiActionDetail,
  type ApiValueList,
  apiGetAction,
  apiGetIndicator,
  apiGetPlan,
  apiListIndicatorValues,
  apiListPlans,
} from './api.service';
/** Trips posted by expense systems: estimated (dry run) or declared for the token's user, and read back. */
export {
  type ApiStoredTrip,
  type ApiTripEstimate,
  type ApiTripRequest,
  apiTripRequestSchema,
} from './api-trips';
export { answerTripPost, TRIPS_PATH } from './api-trips.http';
export { type ApiPostTripResult, apiGetTrip, apiPostTrip } from './api-trips.service';
export {
  API_ERROR_CODES,
  type ApiErrorCode,
  type ApiEvent,
  apiError,
  apiProblem,
  jsonResponse,
  serveApi,
  serveApiAs,
} from './http';
export { OPENAPI_DOCUMENT } from './openapi';
/** CSV (semicolons, BOM, CRLF) and XLSX (plain strings, never formulas) writers, shared with other spreadsheet exports. */
export { CONTENT_TYPES, type Row, toCsv, toWorkbook, toXlsx } from './spreadsheet';
export {
  type ApiTokenView,
  authenticateApiToken,
  createApiToken,
  listApiTokens,
  MAX_ACTIVE_TOKENS,
  revokeApiToken,
  tokenNameSchema,
} from './tokens';
export {
  exportIndicatorValues,
  formatMilli,
  VALUES_EXPORT_FORMATS,
  type ValuesExportFile,
  type ValuesExportFormat,
} from './values-export';
