/** Institutions held by the deployment (one or several). */
export { createInstitution, type InstitutionRef, listInstitutions, slugOf } from './institution.service';
