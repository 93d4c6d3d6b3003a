/**
 * The teaching forms' fields as typed (strings), read from a posted form and
 * written back into the boxes: a refused form shows what was sent, an edit
 * form starts from the stored record. Parsing happens in the service.
 */
import type {
  CourseFields,
  CourseInput,
  FeedbackInput,
  ProgrammeFields,
  ProgrammeInput,
} from '$lib/server/features/teaching';

export const PROGRAMME_FIELDS = [
  'name',
  'level',
  'departmentId',
  'activeFrom',
  'activeTo',
  'studentCount',
  'addressesRes',
  'resSince',
  'resEvidence',
  'resEvidenceUrl',
] as const;
export const COURSE_FIELDS = [
  'name',
  'hours',
  'semester',
  'departmentId',
  'activeFrom',
  'activeTo',
  'addressesRes',
  'resEvidence',
  'resEvidenceUrl',
] as const;
export const FEEDBACK_FIELDS = ['courseId', 'academicYear', 'enrolled', 'respondents', 'resLinkCount'] as const;

export type FormValues = Record<string, string>;

export function valuesOf(form: FormData, fields: readonly string[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f, String(form.get(f) ?? '')]));
}

export function programmeInputOf(v: FormValues): ProgrammeInput {
  return {
    name: v.name ?? '',
    level: (v.level ?? '') as ProgrammeInput['level'],
    departmentId: v.departmentId,
    activeFrom: v.activeFrom,
    activeTo: v.activeTo,
    studentCount: v.studentCount,
    addressesRes: v.addressesRes === 'yes',
    resSince: v.resSince,
    resEvidence: v.resEvidence,
    resEvidenceUrl: v.resEvidenceUrl,
  };
}

export function courseInputOf(v: FormValues): CourseInput {
  return {
    name: v.name ?? '',
    hours: v.hours,
    semester: v.semester,
    departmentId: v.departmentId,
    activeFrom: v.activeFrom,
    activeTo: v.activeTo,
    addressesRes: v.addressesRes === 'yes',
    resEvidence: v.resEvidence,
    resEvidenceUrl: v.resEvidenceUrl,
  };
}

export function feedbackInputOf(v: FormValues): FeedbackInput {
  return {
    academicYear: v.academicYear,
    enrolled: v.enrolled,
    respondents: v.respondents,
    resLinkCount: v.resLinkCount,
  };
}

const yearText = (y: number | null) => (y === null ? '' : `${y}-${y + 1}`);
const decimalText = (n: number, locale: string) => (locale === 'fr' ? String(n).replace('.', ',') : String(n));

/** A stored programme as the edit form's values. */
export function programmeValuesOf(p: ProgrammeFields): FormValues {
  return {
    name: p.name,
    level: p.level,
    departmentId: p.departmentId ?? '',
    activeFrom: yearText(p.activeFromYear),
    activeTo: yearText(p.activeToYear),
    studentCount: p.studentCount === null ? '' : String(p.studentCount),
    addressesRes: p.addressesRes ? 'yes' : '',
    resSince: yearText(p.resSinceYear),
    resEvidence: p.resEvidence ?? '',
    resEvidenceUrl: p.resEvidenceUrl ?? '',
  };
}

/** A stored course as the edit form's values, hours with the reader's decimal separator. */
export function courseValuesOf(c: CourseFields, locale: string): FormValues {
  return {
    name: c.name,
    hours: c.hoursMinutes === null ? '' : decimalText(Math.round((c.hoursMinutes / 60) * 100) / 100, locale),
    semester: c.semester ?? '',
    departmentId: c.departmentId ?? '',
    activeFrom: yearText(c.activeFromYear),
    activeTo: yearText(c.activeToYear),
    addressesRes: c.addressesRes ? 'yes' : '',
    resEvidence: c.resEvidence ?? '',
    resEvidenceUrl: c.resEvidenceUrl ?? '',
  };
}
