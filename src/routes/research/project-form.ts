/** Reads the project form (new and edit pages) into the service's input: euros with a comma, one partner a line. */
import { centsOfEurosText, freePartnersOfText, type ProjectInput } from '$lib/server/features/research';

export const PROJECT_TEXT_FIELDS = [
  'title',
  'acronym',
  'teamUnitId',
  'teamText',
  'leadPersonId',
  'startDate',
  'endDate',
  'funder',
  'programme',
  'amount',
  'description',
  'freePartners',
] as const;

export type ProjectFormValues = Record<(typeof PROJECT_TEXT_FIELDS)[number], string> & {
  sdgs: number[];
  partnerIds: string[];
};

export function readProjectForm(form: FormData): { values: ProjectFormValues; input: ProjectInput } {
  const text = Object.fromEntries(PROJECT_TEXT_FIELDS.map((f) => [f, String(form.get(f) ?? '')])) as Record<
    (typeof PROJECT_TEXT_FIELDS)[number],
    string
  >;
  const values: ProjectFormValues = {
    ...text,
    sdgs: form.getAll('sdgs').map(Number),
    partnerIds: form.getAll('partnerIds').map(String),
  };
  const amountCents = centsOfEurosText(text.amount);
  return {
    values,
    input: {
      title: text.title,
      acronym: text.acronym,
      teamUnitId: text.teamUnitId,
      teamText: text.teamText,
      leadPersonId: text.leadPersonId,
      startDate: text.startDate,
      endDate: text.endDate,
      funder: text.funder,
      programme: text.programme,
      amountCents,
      description: text.description,
      sdgs: values.sdgs,
      partnerIds: values.partnerIds,
      freePartners: freePartnersOfText(text.freePartners),
    },
  };
}
