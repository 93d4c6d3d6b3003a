import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { IDEA_STATUSES } from './ideas';

const demoSchema = z.object({
  source: z.string(),
  ideas: z.array(
    z.object({
      title: z.string().min(1),
      description: z.string().min(1),
      author: z.string().email(),
      anonymous: z.boolean(),
      sdgs: z.array(z.number().int().min(1).max(17)),
      axis: z.string().nullable(),
      submittedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      status: z.enum(IDEA_STATUSES),
      answer: z.string().nullable(),
      supporters: z.array(z.string().email()),
      comment: z.object({ author: z.string().email(), body: z.string().min(1) }).optional(),
      invented: z.boolean(),
    }),
  ),
});

/** The path from received to each demo status, as the history shows it. */
const PATHS: Record<(typeof IDEA_STATUSES)[number], string[]> = {
  received: [],
  under_study: ['under_study'],
  accepted: ['under_study', 'accepted'],
  rejected: ['under_study', 'rejected'],
  turned_into_action: ['under_study', 'accepted', 'turned_into_action'],
  done: ['under_study', 'accepted', 'done'],
};

/**
 * Demo ideas from data/demo/ideas.json (the report's idea box; the ideas are
 * invented and say so in the file), written directly: no status mail is queued.
 */
export async function loadIdeasDemo(db: Kysely<DB>, institutionId: string, root = process.cwd()): Promise<void> {
  const data = demoSchema.parse(JSON.parse(readFileSync(join(root, 'data/demo/ideas.json'), 'utf8')));
  const users = await db.selectFrom('app_user').select(['id', 'email', 'display_name']).execute();
  const userOf = (email: string) => users.find((u) => u.email === email);
  const officer = userOf('responsable.ddrs@demo.trajectoire.test');
  await db.transaction().execute(async (trx) => {
    for (const idea of data.ideas) {
      const author = userOf(idea.author);
      if (!author) continue;
      const id = newId();
      const at = `${idea.submittedOn}T09:00:00.000Z`;
      await trx
        .insertInto('idea')
        .values({
          id,
          institution_id: institutionId,
          title: idea.title,
          description: idea.description,
          anonymous: idea.anonymous ? 1 : 0,
          author_user_id: author.id,
          axis_code: idea.axis,
          status: idea.status,
          public_answer: idea.answer,
          moderation_state: 'visible',
          moderation_reason: null,
          moderated_by: null,
          moderated_at: null,
          merged_into_id: null,
          action_id: null,
          submitted_on: idea.submittedOn,
          created_at: at,
          updated_at: at,
        })
        .execute();
      if (idea.sdgs.length) {
        await trx
          .insertInto('idea_sdg')
          .values([...new Set(idea.sdgs)].map((n) => ({ idea_id: id, sdg_number: n })))
          .execute();
      }
      const steps = [null, ...PATHS[idea.status]];
      for (const [i, to] of steps.entries()) {
        const last = i === steps.length - 1;
        await trx
          .insertInto('idea_status_change')
          .values({
            id: newId(),
            idea_id: id,
            from_status: i === 0 ? null : (steps[i - 1] ?? 'received'),
            to_status: to ?? 'received',
            answer: last && i > 0 ? idea.answer : null,
            changed_by: i === 0 ? null : (officer?.id ?? null),
            changed_by_label: i === 0 ? '' : (officer?.display_name ?? 'demo'),
            changed_at: `${idea.submittedOn}T${String(9 + i).padStart(2, '0')}:00:00.000Z`,
          })
          .execute();
      }
      for (const email of idea.supporters) {
        const supporter = userOf(email);
        if (supporter && supporter.id !== author.id) {
          await trx.insertInto('idea_support').values({ idea_id: id, user_id: supporter.id, created_at: at }).execute();
        }
      }
      const commenter = idea.comment ? userOf(idea.comment.author) : undefined;
      if (idea.comment && commenter) {
        await trx
          .insertInto('idea_comment')
          .values({
            id: newId(),
            idea_id: id,
            author_user_id: commenter.id,
            author_label: commenter.display_name,
            body: idea.comment.body,
            moderation_state: 'visible',
            moderation_reason: null,
            moderated_by: null,
            moderated_at: null,
            created_at: at,
          })
          .execute();
      }
    }
  });
}
