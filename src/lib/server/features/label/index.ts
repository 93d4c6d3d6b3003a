/** DD&RS label self-assessment: the institution's criteria, yearly assessments with evidence, levels per axis, radar, auditors' export. */

export {
  type AssessmentErrorCode,
  type AssessmentResult,
  addEvidence,
  removeEvidence,
  saveAssessmentItem,
  submitAssessment,
} from './assessment.service';
export { startAssessment } from './assessment-start.service';
export {
  type AssessmentView,
  type AxisAssessment,
  type CriterionAssessment,
  type EvidenceOptions,
  type EvidenceView,
  getAssessmentView,
  getEvidenceOptions,
  getLabelOverview,
  type LabelOverview,
} from './assessment-views.service';
export {
  assessmentYearChoices,
  canEditLabel,
  canReadLabelDetail,
  criterionTitle,
  distanceToLevel,
  EVIDENCE_KINDS,
  type EvidenceKind,
  LABEL_LEVELS,
  MAX_CODE_LENGTH,
  MAX_JUSTIFICATION_LENGTH,
  MAX_LINK_TEXT_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
  roundMean,
} from './label';
export { loadLabelDemo } from './label-demo';
export { buildLabelDocument } from './label-document';
export { evidenceAddress, exportLabelAssessment, LABEL_EXPORT_FORMATS, type LabelExportFormat } from './label-export';
export { getLabelDocumentDownload, type LabelDocumentDownload } from './label-files';
export { labelRadarSvg } from './label-radar';
export {
  addCriterion,
  getReferentialPage,
  moveCriterion,
  type ReferentialPage,
  renameCriterion,
  seedReferential,
  seedReferentialFor,
  setCriterionRetired,
} from './referential.service';
