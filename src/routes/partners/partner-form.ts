/** Reads the partner form (new and edit pages) into the service's input, and a stored partner back into the form. */
import type { PartnerInput, PartnerRole, PartnerView } from '$lib/server/features/partners';
import { PARTNER_ROLES } from '$lib/server/features/partners';

export const PARTNER_TEXT_FIELDS = ['name', 'kind', 'startedOn', 'endedOn', 'website', 'description'] as const;

export type PartnerFormValues = Record<(typeof PARTNER_TEXT_FIELDS)[number], string> & {
  roles: string[];
  details: Record<string, string>;
  sdgs: number[];
};

export function readPartnerForm(form: FormData): { values: PartnerFormValues; input: PartnerInput } {
  const text = Object.fromEntries(PARTNER_TEXT_FIELDS.map((f) => [f, String(form.get(f) ?? '')])) as Record<
    (typeof PARTNER_TEXT_FIELDS)[number],
    string
  >;
  const roles = form.getAll('roles').map(String);
  const details = Object.fromEntries(PARTNER_ROLES.map((r) => [r, String(form.get(`roleDetail-${r}`) ?? '')]));
  const values: PartnerFormValues = { ...text, roles, details, sdgs: form.getAll('sdgs').map(Number) };
  return {
    values,
    input: {
      ...text,
      kind: text.kind as PartnerInput['kind'],
      roles: roles.map((role) => ({ role: role as PartnerRole, detail: details[role] ?? '' })),
      sdgs: values.sdgs,
    },
  };
}

export function emptyPartnerForm(): PartnerFormValues {
  return {
    ...(Object.fromEntries(PARTNER_TEXT_FIELDS.map((f) => [f, ''])) as Record<
      (typeof PARTNER_TEXT_FIELDS)[number],
      string
    >),
    kind: 'company',
    roles: [],
    details: {},
    sdgs: [],
  };
}

export function formOfPartner(p: PartnerView): PartnerFormValues {
  return {
    name: p.name,
    kind: p.kind,
    startedOn: p.startedOn ?? '',
    endedOn: p.endedOn ?? '',
    website: p.website ?? '',
    description: p.description ?? '',
    roles: p.roles.map((r) => r.role),
    details: Object.fromEntries(p.roles.map((r) => [r.role, r.detail ?? ''])),
    sdgs: p.sdgs,
  };
}
