import type { FundEntryInput } from '$lib/server/features/travel';
import { decimalOf } from '$lib/server/web';

/** What the entry form sent, as typed (to show it again on an error), and the service's input. */
export function readFundEntryForm(form: FormData) {
  const values = {
    kind: String(form.get('kind') ?? ''),
    date: String(form.get('date') ?? ''),
    amount: String(form.get('amount') ?? ''),
    label: String(form.get('label') ?? ''),
    description: String(form.get('description') ?? ''),
    sdgs: form.getAll('sdgs').map(Number),
  };
  const input: FundEntryInput = {
    // The service parses the kind (zod) and answers fund.error.kind for anything else.
    kind: values.kind as FundEntryInput['kind'],
    date: values.date,
    amountEuros: decimalOf(values.amount),
    label: values.label,
    description: values.description,
    sdgs: values.sdgs,
  };
  return { values, input };
}
