/**
 * Teaching programmes, their courses and students' feedback on a course.
 * Academic years are stored by their first calendar year (2022 = 2022-2023,
 * 1 September to 31 August); booleans are integers 0/1; hours are integer
 * minutes. `is_demo` = 1 marks a figure invented for the demo (never set by a form).
 */
export interface TeachingProgrammeTable {
  id: string;
  institution_id: string;
  name: string;
  /** A TEACHING_LEVELS key: bachelor | master | engineer | doctorate | apprenticeship | continuing | other. */
  level: string;
  /** The teaching department (an org_unit), when one runs it. */
  department_id: string | null;
  /** First academic year the programme runs (its first calendar year); null = since always. */
  active_from_year: number | null;
  /** Last academic year the programme runs (its first calendar year); null = still running. */
  active_to_year: number | null;
  student_count: number | null;
  /** 1 when the programme is marked as addressing social and environmental responsibility (RES). */
  addresses_res: number;
  /** First academic year it addresses RES (its first calendar year); null = every year it runs. */
  res_since_year: number | null;
  res_evidence: string | null;
  res_evidence_url: string | null;
  is_demo: number;
  /** Optimistic versioning: an edit carries the version it started from. */
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface TeachingCourseTable {
  id: string;
  institution_id: string;
  programme_id: string;
  name: string;
  /** Teaching hours in integer minutes (16 h = 960); null when not known. */
  hours_minutes: number | null;
  /** Year of study or semester as the institution writes it ("S1", "2e année", "S6-S7"). */
  semester: string | null;
  department_id: string | null;
  /** Bounds of the course itself, within its programme's (first calendar year); null = open. */
  active_from_year: number | null;
  active_to_year: number | null;
  addresses_res: number;
  res_evidence: string | null;
  res_evidence_url: string | null;
  is_demo: number;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Students' feedback on a course for one academic year: at most one row per course and year. */
export interface TeachingFeedbackTable {
  id: string;
  institution_id: string;
  course_id: string;
  /** First calendar year of the academic year. */
  academic_year: number;
  /** Students enrolled in the course that year (at least 1). */
  enrolled: number;
  /** Students who answered the feedback survey (0 to enrolled). */
  respondents: number;
  /** Respondents who said they linked the course to RES (0 to respondents), when the survey asked. */
  res_link_count: number | null;
  is_demo: number;
  created_by: string | null;
  created_at: string;
}

export interface TeachingTables {
  teaching_programme: TeachingProgrammeTable;
  teaching_course: TeachingCourseTable;
  teaching_feedback: TeachingFeedbackTable;
}
