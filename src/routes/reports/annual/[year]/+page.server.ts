import { fail, redirect } from '@sveltejs/kit';
import {
  addReportComment,
  canEditReport,
  canReview,
  copyLastYearNarrative,
  getAnnualReportPage,
  getDraftDocument,
  isChromiumAvailable,
  MAX_COMMENT_LENGTH,
  MAX_NARRATIVE_LENGTH,
  moveReportTo,
  publishAnnualReport,
  renderHtmlBody,
  resolveReportComment,
  saveReportNarrative,
  selectReportSdgs,
} from '$lib/server/features/reports';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import { reportYearSchema } from '../../report-file';
import type { Actions, PageServerLoad } from './$types';

function yearOf(raw: string): number {
  const year = reportYearSchema.safeParse(raw);
  if (!year.success) notFound();
  return year.data;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const year = yearOf(params.year);
  const db = getDatabase().db;
  const page = await getAnnualReportPage(db, user, year);
  if (!page) notFound();
  const doc = await getDraftDocument(db, user, year, locals.locale);
  return {
    ...page,
    preview: doc ? renderHtmlBody(doc) : '',
    pdfTagged: isChromiumAvailable(),
    limits: { narrative: MAX_NARRATIVE_LENGTH, comment: MAX_COMMENT_LENGTH },
    saved: url.searchParams.get('saved'),
    number: url.searchParams.get('number'),
  };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');
const done = (year: number, saved: string, anchor: string, extra = '') =>
  redirect(303, `/reports/annual/${year}?saved=${saved}${extra}#${anchor}`);
const anchorOf = (blockKey: string) => `block-${blockKey.replace(':', '-')}`;

/** Refusals other than "forbidden" come back to the form as translated errors. */
function refuse(code: string, block: string, typed: { markdown?: string; body?: string } = {}) {
  requireThat(code !== 'reports.error.forbidden');
  return fail(code === 'reports.error.notFound' ? 404 : 422, {
    error: code,
    block,
    markdown: typed.markdown ?? null,
    body: typed.body ?? null,
  });
}

export const actions: Actions = {
  sdgs: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditReport(user));
    const year = yearOf(params.year);
    const form = await request.formData();
    const result = await selectReportSdgs(getDatabase().db, user, year, form.getAll('sdgs').map(String));
    if (!result.ok) return refuse(result.error.code, 'sdgs');
    done(year, 'sdgs', 'sdgs');
  },
  narrative: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditReport(user));
    const year = yearOf(params.year);
    const form = await request.formData();
    const blockKey = text(form, 'blockKey');
    const result = await saveReportNarrative(getDatabase().db, user, year, {
      blockKey,
      markdown: text(form, 'markdown'),
      expectedVersion: Number(text(form, 'expectedVersion')),
    });
    if (!result.ok) return refuse(result.error.code, blockKey, { markdown: text(form, 'markdown') });
    done(year, 'narrative', anchorOf(blockKey));
  },
  copy: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditReport(user));
    const year = yearOf(params.year);
    const blockKey = text(await request.formData(), 'blockKey');
    const result = await copyLastYearNarrative(getDatabase().db, user, year, blockKey);
    if (!result.ok) return refuse(result.error.code, blockKey);
    done(year, 'copied', anchorOf(blockKey));
  },
  status: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditReport(user));
    const year = yearOf(params.year);
    const result = await moveReportTo(getDatabase().db, user, year, text(await request.formData(), 'to'));
    if (!result.ok) return refuse(result.error.code, 'workflow');
    done(year, 'status', 'workflow');
  },
  publish: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    requireThat(canEditReport(user));
    const year = yearOf(params.year);
    const result = await publishAnnualReport(getDatabase().db, user, year, locals.locale);
    if (!result.ok) return refuse(result.error.code, 'workflow');
    done(year, 'published', 'versions', `&number=${result.value.number}`);
  },
  comment: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canReview(user));
    const year = yearOf(params.year);
    const form = await request.formData();
    const blockKey = text(form, 'blockKey');
    const result = await addReportComment(getDatabase().db, user, year, { blockKey, body: text(form, 'body') });
    if (!result.ok) return refuse(result.error.code, `comment:${blockKey}`, { body: text(form, 'body') });
    done(year, 'comment', anchorOf(blockKey));
  },
  resolve: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canReview(user));
    const year = yearOf(params.year);
    const form = await request.formData();
    const result = await resolveReportComment(getDatabase().db, user, year, text(form, 'commentId'));
    if (!result.ok) notFound();
    done(year, 'resolved', anchorOf(text(form, 'blockKey')));
  },
};
