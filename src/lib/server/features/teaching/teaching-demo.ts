/**
 * The demo's programmes and courses, from the 2022 report's section B
 * (data/demo/teaching.json). A record or figure the report does not give is
 * flagged "invented" in the file and stored with is_demo = 1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';
import { insertCourseWithAudit, writeFeedback } from './courses.service';
import { insertProgrammeWithAudit, type Writer } from './programmes.service';
import { courseInputSchema, feedbackInputSchema, programmeInputSchema } from './teaching-forms';

export const TEACHING_DEMO_FILE = 'data/demo/teaching.json';

const courseSchema = z.object({
  name: z.string(),
  semester: z.string().optional(),
  hours: z.number().optional(),
  department: z.string().optional(),
  activeFrom: z.string().optional(),
  addressesRes: z.boolean(),
  resEvidence: z.string().optional(),
  resEvidenceUrl: z.string().optional(),
  invented: z.boolean().optional(),
  note: z.string().optional(),
});

const demoSchema = z.object({
  source: z.string(),
  programmes: z.array(
    z.object({
      name: z.string(),
      level: z.string(),
      department: z.string().optional(),
      activeFrom: z.string().optional(),
      studentCount: z.number().int().optional(),
      addressesRes: z.boolean(),
      resEvidence: z.string().optional(),
      resEvidenceUrl: z.string().optional(),
      invented: z.boolean().optional(),
      note: z.string().optional(),
      courses: z.array(courseSchema).default([]),
      feedback: z
        .array(
          z.object({
            course: z.string(),
            academicYear: z.string(),
            enrolled: z.number().int(),
            respondents: z.number().int(),
            resLinkCount: z.number().int().optional(),
            invented: z.boolean().optional(),
          }),
        )
        .default([]),
    }),
  ),
});

export function readTeachingDemo(root: string = process.cwd()) {
  return demoSchema.parse(JSON.parse(readFileSync(join(root, TEACHING_DEMO_FILE), 'utf8')));
}

/** Inserts the demo programmes, courses and feedback of an institution (departments found by short name). */
export async function loadTeachingDemo(db: Kysely<DB>, institutionId: string, root?: string): Promise<void> {
  const demo = readTeachingDemo(root);
  const writer: Writer = { institutionId, userId: null, actor: { userId: null, label: 'demo' } };
  const units = await db
    .selectFrom('org_unit')
    .select(['id', 'short_name'])
    .where('institution_id', '=', institutionId)
    .execute();
  const unitOf = (shortName: string | undefined) => {
    if (!shortName) return '';
    const unit = units.find((u) => u.short_name === shortName);
    if (!unit) throw new Error(`${TEACHING_DEMO_FILE}: no unit ${shortName}`);
    return unit.id;
  };
  await db.transaction().execute(async (trx) => {
    for (const p of demo.programmes) {
      const programme = programmeInputSchema.parse({
        name: p.name,
        level: p.level,
        departmentId: unitOf(p.department),
        activeFrom: p.activeFrom ?? '',
        activeTo: '',
        studentCount: p.studentCount === undefined ? '' : String(p.studentCount),
        resSince: '',
        addressesRes: p.addressesRes,
        resEvidence: p.resEvidence ?? '',
        resEvidenceUrl: p.resEvidenceUrl ?? '',
      });
      const programmeId = await insertProgrammeWithAudit(trx, writer, programme, { isDemo: p.invented === true });
      const courseIds = new Map<string, string>();
      for (const c of p.courses) {
        const course = courseInputSchema.parse({
          name: c.name,
          hours: c.hours === undefined ? '' : String(c.hours),
          semester: c.semester ?? '',
          departmentId: unitOf(c.department),
          activeFrom: c.activeFrom ?? '',
          activeTo: '',
          addressesRes: c.addressesRes,
          resEvidence: c.resEvidence ?? '',
          resEvidenceUrl: c.resEvidenceUrl ?? '',
        });
        courseIds.set(
          c.name,
          await insertCourseWithAudit(trx, writer, programmeId, course, { isDemo: c.invented === true }),
        );
      }
      for (const f of p.feedback) {
        const courseId = courseIds.get(f.course);
        if (!courseId) throw new Error(`${TEACHING_DEMO_FILE}: no course ${f.course} in ${p.name}`);
        const fields = feedbackInputSchema.parse({
          academicYear: f.academicYear,
          enrolled: String(f.enrolled),
          respondents: String(f.respondents),
          resLinkCount: f.resLinkCount === undefined ? '' : String(f.resLinkCount),
        });
        await writeFeedback(trx, writer, courseId, fields, { isDemo: f.invented === true });
      }
    }
  });
}
