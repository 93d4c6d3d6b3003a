/**
 * The declaration form as the browser sends it: mission fields, then legs
 * named `legs.<i>.<field>`. Read into the values the page shows back (every
 * typed value kept, as text), then parsed once with the declaration schema;
 * each failing field gets an i18n key.
 */
import { DEFAULT_METHOD_KEY, declareTripSchema, MAX_TRIP_LEGS, type TripInput } from '$lib/server/features/travel';

export interface LegValues {
  from: string;
  to: string;
  mode: string;
  cabinClass: string;
  roundTrip: boolean;
  passengers: string;
  /** '' means the mission's date. */
  date: string;
}

export interface TripFormValues {
  date: string;
  category: string;
  unitId: string;
  purpose: string;
  justification: string;
  method: string;
  contrails: boolean;
  legs: LegValues[];
}

export const LEG_FIELDS = ['from', 'to', 'mode', 'cabinClass', 'passengers', 'date'] as const;
export type LegField = (typeof LEG_FIELDS)[number];
export const MISSION_FIELDS = ['date', 'category', 'unitId', 'purpose', 'justification', 'method'] as const;
export type MissionField = (typeof MISSION_FIELDS)[number];

/** i18n keys of the fields that failed, mission-level and leg by leg (same order as the legs). */
export interface TripFormErrors {
  mission: Partial<Record<MissionField, string>>;
  legs: Partial<Record<LegField, string>>[];
}

const LEG_ERROR: Record<LegField, string> = {
  from: 'travel.footprint.error.from',
  to: 'travel.footprint.error.to',
  mode: 'travel.footprint.error.mode',
  cabinClass: 'travel.footprint.error.cabinClass',
  passengers: 'travel.footprint.error.passengers',
  date: 'travel.footprint.error.legDate',
};

const MISSION_ERROR: Record<MissionField, string> = {
  date: 'travel.trips.error.date',
  category: 'travel.trips.error.category',
  unitId: 'travel.trips.error.unknownUnit',
  purpose: 'travel.trips.error.purpose',
  justification: 'travel.trips.error.justificationLength',
  method: 'travel.footprint.error.method',
};

const FIRST_MODE = 'plane';
const CABIN_DEFAULT = 'economy';

/** A new leg: it starts where the previous one ended, by the same mode. */
export function nextLeg(previous?: LegValues): LegValues {
  return {
    from: previous?.to ?? '',
    to: '',
    mode: previous?.mode ?? FIRST_MODE,
    cabinClass: previous?.cabinClass ?? CABIN_DEFAULT,
    roundTrip: false,
    passengers: '1',
    date: '',
  };
}

export function emptyTripForm(today: string, unitId: string | null): TripFormValues {
  return {
    date: today,
    category: 'staff',
    unitId: unitId ?? '',
    purpose: '',
    justification: '',
    method: DEFAULT_METHOD_KEY,
    contrails: true,
    legs: [nextLeg()],
  };
}

/** Every value the browser sent, legs in the order of their index (at most MAX_TRIP_LEGS). */
export function readTripForm(form: FormData): TripFormValues {
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === 'string' ? value : '';
  };
  const indexes = new Set<number>();
  for (const key of form.keys()) {
    const match = /^legs\.(\d{1,3})\./.exec(key);
    if (match) indexes.add(Number(match[1]));
  }
  const legs = [...indexes]
    .sort((a, b) => a - b)
    .slice(0, MAX_TRIP_LEGS)
    .map((i) => ({
      from: text(`legs.${i}.from`),
      to: text(`legs.${i}.to`),
      mode: text(`legs.${i}.mode`),
      cabinClass: text(`legs.${i}.cabinClass`),
      roundTrip: form.has(`legs.${i}.roundTrip`),
      passengers: text(`legs.${i}.passengers`),
      date: text(`legs.${i}.date`),
    }));
  return {
    date: text('date'),
    category: text('category'),
    unitId: text('unitId'),
    purpose: text('purpose'),
    justification: text('justification'),
    method: text('method'),
    contrails: form.has('contrails'),
    legs: legs.length ? legs : [nextLeg()],
  };
}

/** The first legacy single-leg query (`?from=…&to=…&mode=…`) as form values, or undefined without one. */
export function readLegacyQuery(params: URLSearchParams, base: TripFormValues): TripFormValues | undefined {
  if (!params.has('from') && !params.has('to')) return undefined;
  return {
    ...base,
    method: params.get('method') ?? base.method,
    contrails: params.has('method') ? params.has('contrails') : base.contrails,
    legs: [
      {
        ...nextLeg(),
        from: params.get('from') ?? '',
        to: params.get('to') ?? '',
        mode: params.get('mode') ?? FIRST_MODE,
        roundTrip: params.has('roundTrip'),
        passengers: params.get('passengers') ?? '1',
      },
    ],
  };
}

export type ParsedTripForm = { ok: true; input: TripInput } | { ok: false; errors: TripFormErrors };

export const noErrors = (legCount: number): TripFormErrors => ({
  mission: {},
  legs: Array.from({ length: legCount }, () => ({})),
});

export function hasErrors(errors: TripFormErrors): boolean {
  return Object.keys(errors.mission).length > 0 || errors.legs.some((l) => Object.keys(l).length > 0);
}

const isLegField = (field: unknown): field is LegField => (LEG_FIELDS as readonly unknown[]).includes(field);
const isMissionField = (field: unknown): field is MissionField =>
  (MISSION_FIELDS as readonly unknown[]).includes(field);

/** The values as a mission, or the i18n key of every field in error. */
export function parseTripForm(values: TripFormValues): ParsedTripForm {
  const parsed = declareTripSchema.safeParse({
    date: values.date,
    purpose: values.purpose,
    category: values.category,
    unitId: values.unitId,
    justification: values.justification,
    method: values.method,
    contrails: values.contrails,
    legs: values.legs.map((leg) => ({
      from: leg.from,
      to: leg.to,
      mode: leg.mode,
      // The class is asked of every leg (no script to hide it) but only means something for a flight.
      cabinClass: leg.mode === 'plane' && leg.cabinClass !== '' ? leg.cabinClass : undefined,
      roundTrip: leg.roundTrip,
      // An empty box means one person: the field only matters for cars and taxis.
      passengers: leg.passengers.trim() === '' ? 1 : leg.passengers,
      date: leg.date === '' ? undefined : leg.date,
    })),
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors = noErrors(values.legs.length);
  for (const issue of parsed.error.issues) {
    const [head, index, field] = issue.path;
    if (head === 'legs' && typeof index === 'number' && isLegField(field)) {
      errors.legs[index] ??= {};
      errors.legs[index][field] ??= LEG_ERROR[field];
    } else if (isMissionField(head)) {
      errors.mission[head] ??= MISSION_ERROR[head];
    }
  }
  return { ok: false, errors };
}

/** A candidate chosen on the page: `<leg>.<from|to>=<text>`, the text that re-runs the estimate with that place. */
export function applyPick(values: TripFormValues, pick: string | null): TripFormValues {
  const match = pick ? /^(\d{1,2})\.(from|to)=(.+)$/s.exec(pick) : null;
  if (!match) return values;
  const index = Number(match[1]);
  const field = match[2] as 'from' | 'to';
  if (!values.legs[index]) return values;
  const legs = values.legs.map((leg, i) => (i === index ? { ...leg, [field]: match[3] } : leg));
  return { ...values, legs };
}

/** The value of a candidate's button, read back by applyPick. */
export const pickValue = (index: number, field: 'from' | 'to', text: string) => `${index}.${field}=${text}`;
