import { getConfig } from '$lib/server/config';
import type { ItemFile, ItemKind } from '$lib/server/features/the-impact';
import { decimalOf } from '$lib/server/web';

const MIB = 1024 * 1024;
const FORM_OVERHEAD_BYTES = 64 * 1024;
const FIELDS = [
  'metric',
  'kind',
  'title',
  'description',
  'createdOn',
  'reviewedOn',
  'publicUrl',
  'figure',
  'figureUnit',
  'actionId',
  'indicatorId',
] as const;
export type ItemFormValues = Record<(typeof FIELDS)[number], string>;

/** The item form as sent (multipart, with an optional file), or a refusal when the body is too large to read. */
export async function readItemForm(request: Request) {
  const maxMb = getConfig().UPLOAD_MAX_MB;
  if (Number(request.headers.get('content-length') ?? 0) > maxMb * MIB + FORM_OVERHEAD_BYTES) {
    return { ok: false as const, maxMb };
  }
  const form = await request.formData();
  const values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? '').trim()])) as ItemFormValues;
  const upload = form.get('file');
  const file: ItemFile | undefined =
    upload instanceof File && upload.size > 0
      ? { filename: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) }
      : undefined;
  const [sdg, metricCode] = values.metric.split('|');
  const input = {
    sdg: Number(sdg),
    metricCode: metricCode ?? '',
    kind: values.kind as ItemKind,
    title: values.title,
    description: values.description,
    createdOn: values.createdOn,
    reviewedOn: values.reviewedOn,
    publicUrl: values.publicUrl,
    figureValue: values.figure === '' ? undefined : decimalOf(values.figure),
    figureUnit: values.figureUnit,
    actionId: values.actionId,
    indicatorId: values.indicatorId,
  };
  return { ok: true as const, maxMb, values, input, file, removeFile: form.get('removeFile') === 'yes', form };
}
