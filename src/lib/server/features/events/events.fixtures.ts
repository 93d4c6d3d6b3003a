import type { EventInput } from './events';

/** A lecture of "Les Culturelles" on 25 February 2022 for 500 people, SDGs 13 and 15, signed in LSF. */
export function anEvent(overrides: Partial<EventInput> = {}): EventInput {
  return {
    title: 'Les Culturelles : Dominique Bourg',
    kind: 'lecture_series',
    seriesName: 'Les Culturelles',
    startDate: '2022-02-25',
    endDate: '',
    place: 'IMT Mines Alès',
    online: false,
    audiences: ['students', 'general_public'],
    attendance: 500,
    organiserIds: [],
    partners: 'SHVC',
    sdgs: [15, 13],
    accessibility: ['french_sign_language'],
    accessibilityNote: '',
    description: '',
    url: '',
    ...overrides,
  };
}
