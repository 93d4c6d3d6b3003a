/** The public portal: the officer's settings, the public pages (no login) and the open data files. */
export {
  canManagePortal,
  DEFAULT_LICENCE,
  DEFAULT_PORTAL_SETTINGS,
  isSectionPublic,
  latestValidated,
  PORTAL_SECTIONS,
  type PortalErrorCode,
  type PortalSection,
  type PortalSettings,
  type PortalSettingsInput,
} from './portal';
export { OPEN_DATA_FORMATS, OPEN_DATASETS, type OpenDataFormat, type OpenDataset } from './portal-data';
export { buildOpenDataFile, getOpenDataPage, type OpenDataFile } from './portal-data.service';
/** Demo: the portal open with every section (data/demo/portal.json). */
export { loadPortalDemo } from './portal-demo';
export {
  getPortalHome,
  getPublicFund,
  getPublicPlanProgress,
  getPublicReports,
  getPublicSdgMatrix,
  openPortal,
  type PortalHeader,
  type PortalHome,
  PUBLIC_REPORT_FORMATS,
  type PublicPlanProgress,
  type PublicReports,
  type PublicRollUp,
  type PublicSdgMatrix,
  renderPublicReport,
} from './portal-pages.service';
export { getPortalSettings, getPortalSettingsPage, updatePortalSettings } from './portal-settings.service';
