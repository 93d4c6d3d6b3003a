import { fail, redirect } from '@sveltejs/kit';
import { getConfig } from '$lib/server/config';
import {
  AGREEMENT_KINDS,
  addAgreement,
  addContact,
  canDeletePartners,
  canEditPartners,
  DEFAULT_RENEWAL_NOTICE_DAYS,
  deleteAgreement,
  deleteContact,
  deletePartner,
  getPartnerPage,
} from '$lib/server/features/partners';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

const today = () => new Date().toISOString().slice(0, 10);
const AGREEMENT_FIELDS = ['title', 'kind', 'signedOn', 'startsOn', 'endsOn', 'renewalNoticeDays'] as const;
const CONTACT_FIELDS = ['name', 'role', 'email', 'phone'] as const;
const textOf = <F extends string>(form: FormData, fields: readonly F[]) =>
  Object.fromEntries(fields.map((f) => [f, String(form.get(f) ?? '')])) as Record<F, string>;

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const page = await getPartnerPage(getDatabase().db, user, params.id, today());
  if (!page) notFound();
  return {
    ...page,
    agreementKinds: AGREEMENT_KINDS,
    defaultNoticeDays: DEFAULT_RENEWAL_NOTICE_DAYS,
    maxMb: getConfig().UPLOAD_MAX_MB,
    saved: url.searchParams.get('saved'),
  };
};

export const actions: Actions = {
  delete: async ({ locals, url, params }) => {
    const user = requireUser(locals, url);
    requireThat(canDeletePartners(user));
    const result = await deletePartner(getDatabase().db, user, params.id);
    if (!result.ok) notFound();
    redirect(303, '/partners?saved=deleted');
  },
  addAgreement: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditPartners(user));
    const maxMb = getConfig().UPLOAD_MAX_MB;
    const form = await request.formData();
    const values = textOf(form, AGREEMENT_FIELDS);
    const upload = form.get('file');
    const file =
      upload instanceof File && upload.size > 0
        ? { filename: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) }
        : undefined;
    const notice = values.renewalNoticeDays.trim();
    const result = await addAgreement(
      getDatabase().db,
      user,
      params.id,
      {
        ...values,
        kind: values.kind as (typeof AGREEMENT_KINDS)[number],
        renewalNoticeDays:
          notice === '' ? DEFAULT_RENEWAL_NOTICE_DAYS : /^\d+$/.test(notice) ? Number(notice) : Number.NaN,
      },
      { file, maxMb },
    );
    if (!result.ok) {
      if (result.error.code === 'partners.error.notFound') notFound();
      requireThat(result.error.code !== 'partners.error.forbidden');
      return fail(422, {
        agreementError: result.error.code,
        agreementParams: result.error.params ?? {},
        agreement: values,
      });
    }
    redirect(303, `/partners/${params.id}?saved=agreementAdded#agreements`);
  },
  deleteAgreement: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditPartners(user));
    const form = await request.formData();
    const result = await deleteAgreement(getDatabase().db, user, String(form.get('agreementId') ?? ''));
    if (!result.ok) notFound();
    redirect(303, `/partners/${params.id}?saved=agreementDeleted#agreements`);
  },
  addContact: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditPartners(user));
    const values = textOf(await request.formData(), CONTACT_FIELDS);
    const result = await addContact(getDatabase().db, user, params.id, values);
    if (!result.ok) {
      if (result.error.code === 'partners.error.notFound') notFound();
      requireThat(result.error.code !== 'partners.error.forbidden');
      return fail(422, { contactError: result.error.code, contact: values });
    }
    redirect(303, `/partners/${params.id}?saved=contactAdded#contacts`);
  },
  deleteContact: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    requireThat(canEditPartners(user));
    const form = await request.formData();
    const result = await deleteContact(getDatabase().db, user, String(form.get('contactId') ?? ''));
    if (!result.ok) notFound();
    redirect(303, `/partners/${params.id}?saved=contactDeleted#contacts`);
  },
};
