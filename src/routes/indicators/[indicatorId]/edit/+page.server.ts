import { fail, redirect } from '@sveltejs/kit';
import {
  canEditDefinition,
  definitionEditSchema,
  getDefinitionFormOptions,
  getIndicatorPage,
  parseDecimalMilli,
  updateIndicatorDefinition,
} from '$lib/server/features/indicators';
import { getDatabase } from '$lib/server/runtime';
import { notFound, requireThat, requireUser } from '$lib/server/web';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const db = getDatabase().db;
  const page = await getIndicatorPage(db, user, params.indicatorId);
  if (!page) notFound();
  requireThat(canEditDefinition(user));
  return { definition: page.definition, options: await getDefinitionFormOptions(db, user) };
};

/** Reads the form into the service's input: French decimal commas and empty fields accepted. */
function readForm(form: FormData) {
  const text = (k: string) => {
    const v = String(form.get(k) ?? '').trim();
    return v === '' ? null : v;
  };
  const decimal = (k: string) => {
    const v = text(k);
    return v === null ? null : (parseDecimalMilli(v) ?? Number.NaN);
  };
  return {
    expectedVersion: form.get('version'),
    name: String(form.get('name') ?? ''),
    unit: text('unit'),
    direction: text('direction'),
    kind: text('kind'),
    periodicity: text('periodicity'),
    baselineValueMilli: decimal('baselineValue'),
    baselineDate: text('baselineDate'),
    targetValueMilli: decimal('targetValue'),
    targetDate: text('targetDate'),
    responsiblePersonId: text('responsiblePersonId'),
    source: text('source') ?? 'manual',
    sourceKey: text('sourceKey'),
  };
}

export const actions: Actions = {
  default: async ({ locals, url, params, request }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const raw = readForm(form);
    const typed = {
      baselineValue: String(form.get('baselineValue') ?? ''),
      targetValue: String(form.get('targetValue') ?? ''),
    };
    const parsed = definitionEditSchema.safeParse(raw);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'form')))];
      return fail(400, { error: 'indicators.definition.invalid', fields, values: { ...raw, ...typed } });
    }
    const result = await updateIndicatorDefinition(getDatabase().db, user, params.indicatorId, parsed.data);
    if (!result.ok) {
      if (result.error.code === 'indicators.definition.notFound') notFound();
      requireThat(result.error.code !== 'indicators.definition.forbidden');
      const status = result.error.code === 'indicators.definition.stale' ? 409 : 400;
      return fail(status, { error: result.error.code, fields: [] as string[], values: { ...raw, ...typed } });
    }
    redirect(303, `/indicators/${params.indicatorId}`);
  },
};
