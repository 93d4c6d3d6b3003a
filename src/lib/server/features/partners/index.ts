/** Partnerships: partners, the institution's roles, SDGs, agreements with renewal reminders, contacts. */

export { listAgreementsEndingFrom, listOfficers } from './agreements.queries';
export {
  addAgreement,
  addContact,
  checkAgreementFile,
  deleteAgreement,
  deleteContact,
  getAgreementFile,
} from './agreements.service';
export {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  type AgreementKind,
  type AgreementStatus,
  agreementStatus,
  canDeletePartners,
  canEditPartners,
  canExportContacts,
  canSeeContacts,
  DEFAULT_RENEWAL_NOTICE_DAYS,
  isRenewalReminderDue,
  MAX_CONTACT_TEXT_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_DETAIL_LENGTH,
  MAX_NAME_LENGTH,
  MAX_RENEWAL_NOTICE_DAYS,
  MAX_URL_LENGTH,
  PARTNER_KINDS,
  PARTNER_ROLES,
  type PartnerFilter,
  type PartnerInput,
  type PartnerKind,
  type PartnerRole,
  partnerFilterSchema,
  renewalReminderDate,
  renewalReminderKey,
} from './partners';
export { createPartner, deletePartner, editPartner } from './partners.service';
export { loadPartnersDemo } from './partners-demo';
export { exportPartners, PARTNERS_EXPORT_FORMATS, type PartnersExportFormat } from './partners-export';
export { PARTNER_IMPORT_COLUMNS, PARTNERS_IMPORT } from './partners-import';
export {
  PARTNERS_INDICATOR_SOURCES,
  PARTNERS_SEED_INDICATOR_LINKS,
} from './partners-indicators';
export {
  type AgreementView,
  type ContactView,
  getPartnerPage,
  getPartnersListPage,
  getSdgPartnersPage,
  type PartnerView,
} from './partners-pages.service';
