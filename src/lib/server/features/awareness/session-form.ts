/** The session forms' fields read from a FormData (pure): what the service parses, and the values to show back. */
import {
  type AnonymousCountInput,
  POPULATION_KEYS,
  parseCount,
  type SessionInput,
  STUDY_POPULATIONS,
} from './awareness';

export interface SessionFormValues {
  typeKey: string;
  title: string;
  startDate: string;
  endDate: string;
  online: boolean;
  place: string;
  audienceNote: string;
  facilitatorIds: string[];
  unnamedFacilitators: string;
  counts: Record<string, string>;
  programme: string;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export function readSessionForm(form: FormData): { input: SessionInput; values: SessionFormValues } {
  const values: SessionFormValues = {
    typeKey: text(form, 'typeKey'),
    title: text(form, 'title'),
    startDate: text(form, 'startDate'),
    endDate: text(form, 'endDate'),
    online: form.get('online') === 'on',
    place: text(form, 'place'),
    audienceNote: text(form, 'audienceNote'),
    facilitatorIds: form.getAll('facilitatorIds').map(String),
    unnamedFacilitators: text(form, 'unnamedFacilitators'),
    counts: Object.fromEntries(POPULATION_KEYS.map((p) => [p, text(form, `count_${p}`)])),
    programme: text(form, 'programme'),
  };
  return {
    values,
    input: {
      typeKey: values.typeKey,
      title: values.title,
      startDate: values.startDate,
      endDate: values.endDate,
      online: values.online,
      place: values.place,
      audienceNote: values.audienceNote,
      facilitatorIds: values.facilitatorIds,
      unnamedFacilitators: parseCount(values.unnamedFacilitators),
    },
  };
}

/** The large-event form's counts: one box per population; the programme applies to the study populations. */
export function countsOf(values: SessionFormValues): AnonymousCountInput[] {
  return POPULATION_KEYS.map((population) => ({
    population,
    programme: STUDY_POPULATIONS.includes(population) ? values.programme : '',
    participants: parseCount(values.counts[population] ?? ''),
  }));
}
