/** JSON Schemas (OpenAPI 3.1 dialect) of the trips endpoints, one per shape of api-trips.ts. */
import {
  CABIN_CLASSES,
  CARBON_METHODS,
  DEFAULT_METHOD_KEY,
  MAX_COUNTRY_LENGTH,
  MAX_JUSTIFICATION_LENGTH,
  MAX_PASSENGERS,
  MAX_PLACE_LENGTH,
  MAX_PURPOSE_LENGTH,
  MAX_TRIP_LEGS,
  MAX_UNIT_ID_LENGTH,
  METHOD_KEYS,
  TRAVEL_MODES,
  TRAVELLER_CATEGORIES,
} from '../travel';
import { ref } from './openapi-schemas';

const nullable = (type: string) => ({ type: [type, 'null'] });
const TRAIN_FIRST_VERDICTS = ['justification_required', 'flagged', 'ok', 'not_applicable'];

const placeText = (description?: string) => ({
  type: 'string',
  minLength: 1,
  maxLength: MAX_PLACE_LENGTH,
  ...(description ? { description } : {}),
});
const countryText = {
  type: 'string',
  maxLength: MAX_COUNTRY_LENGTH,
  description: 'Country name or ISO 3166-1 alpha-2 code.',
};

/** What a leg and the one-leg body share. */
const legProperties = {
  from: placeText('Place as typed: city, airport name or IATA code.'),
  to: placeText(),
  fromCountry: countryText,
  toCountry: { type: 'string', maxLength: MAX_COUNTRY_LENGTH },
  mode: { type: 'string', enum: [...TRAVEL_MODES] },
  roundTrip: { type: 'boolean' },
  passengers: {
    type: 'integer',
    minimum: 1,
    maximum: MAX_PASSENGERS,
    default: 1,
    description: 'People sharing a car or taxi.',
  },
};

/** What a mission and the one-leg body share. */
const missionProperties = {
  method: {
    type: 'string',
    enum: [...METHOD_KEYS],
    default: DEFAULT_METHOD_KEY,
    description: `Accepted for compatibility and ignored: trips are computed with the institution's method (${METHOD_KEYS.map((k) => `\`${k}\` (${CARBON_METHODS[k].version})`).join(', ')}), returned in each leg's \`method\`.`,
  },
  contrails: {
    type: 'boolean',
    default: true,
    description: "Accepted for compatibility and ignored: the institution's settings decide whether contrails count.",
  },
  date: { type: 'string', format: 'date', description: 'Date of departure.' },
  purpose: { type: 'string', maxLength: MAX_PURPOSE_LENGTH },
  travellerCategory: { type: 'string', enum: [...TRAVELLER_CATEGORIES], default: 'staff' },
  justification: {
    type: 'string',
    maxLength: MAX_JUSTIFICATION_LENGTH,
    description: 'Required when a flight leg has a train alternative under the train-first threshold.',
  },
  dryRun: { type: 'boolean', default: false, description: 'true: estimate only, nothing is stored (200).' },
};

const tripLegRequest = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'mode', 'roundTrip'],
  properties: {
    ...legProperties,
    cabinClass: { type: 'string', enum: [...CABIN_CLASSES], description: 'Recorded for planes; not weighted yet.' },
    date: { type: 'string', format: 'date', description: "The leg's day; the mission's date when absent." },
  },
};

const singleLegTripRequest = {
  type: 'object',
  title: 'One-leg trip',
  additionalProperties: false,
  required: ['from', 'to', 'mode', 'roundTrip', 'date'],
  properties: { ...legProperties, ...missionProperties },
};

const missionRequest = {
  type: 'object',
  title: 'Mission with legs',
  additionalProperties: false,
  required: ['date', 'legs'],
  properties: {
    ...missionProperties,
    unitId: {
      type: 'string',
      maxLength: MAX_UNIT_ID_LENGTH,
      description:
        "Organisational unit the trip is charged to (an id of your institution); the traveller's own unit when absent.",
    },
    legs: { type: 'array', minItems: 1, maxItems: MAX_TRIP_LEGS, items: ref('TripLegRequest') },
  },
};

/** Told apart by `legs`: a body with `legs` is a mission, any other the one-leg trip. */
const tripRequest = {
  oneOf: [ref('SingleLegTripRequest'), ref('MissionRequest')],
  description:
    'A one-leg trip (the first body, still accepted) or a mission with `legs`; a body with `legs` is a mission.',
};

const place = {
  type: 'object',
  required: ['name', 'country', 'lat', 'lon'],
  properties: {
    name: { type: 'string' },
    country: { type: 'string', description: 'ISO 3166-1 alpha-2' },
    lat: { type: 'number' },
    lon: { type: 'number' },
    iata: { type: 'string' },
  },
};

const trainFirst = {
  type: 'object',
  required: ['verdict'],
  properties: {
    verdict: { type: 'string', enum: TRAIN_FIRST_VERDICTS },
    trainHours: { type: 'number', description: 'Estimated train time replacing a flight; absent for other modes.' },
  },
};

const estimatedPlace = {
  allOf: [ref('Place')],
  properties: { confidence: { type: 'number', minimum: 0, maximum: 1 } },
};
const factor = {
  type: 'object',
  required: ['key', 'value', 'unit', 'source', 'year'],
  properties: {
    key: { type: 'string' },
    value: { type: 'number', description: 'gCO2e per unit.' },
    unit: { type: 'string', enum: ['pkm', 'vkm'] },
    source: { type: 'string' },
    year: { type: 'integer' },
  },
};

const legEstimate = {
  type: 'object',
  required: [
    'position',
    'from',
    'to',
    'mode',
    'roundTrip',
    'passengers',
    'date',
    'distanceKm',
    'greatCircleKm',
    'emissionsGrams',
    'method',
    'methodVersion',
    'factor',
    'trainFirst',
    'contributionCents',
    'pricePerTonneEuros',
  ],
  properties: {
    position: { type: 'integer', minimum: 0, description: '0-based order of the leg in the mission.' },
    from: estimatedPlace,
    to: estimatedPlace,
    mode: { type: 'string', enum: [...TRAVEL_MODES] },
    cabinClass: { type: 'string', enum: [...CABIN_CLASSES] },
    roundTrip: { type: 'boolean' },
    passengers: { type: 'integer' },
    date: { type: 'string', format: 'date' },
    distanceKm: { type: 'number', description: 'Corrected distance, doubled for a round trip.' },
    greatCircleKm: { type: 'number' },
    emissionsGrams: { type: 'integer', description: 'gCO2e per traveller.' },
    method: { type: 'string' },
    methodVersion: { type: 'string' },
    factor,
    trainFirst: ref('TrainFirst'),
    contributionCents: { type: 'integer', description: 'Contribution of this leg to the internal carbon fund.' },
    pricePerTonneEuros: { type: 'number', description: "The institution's carbon price of the leg's year." },
  },
};

const tripEstimate = {
  type: 'object',
  required: ['emissionsGrams', 'contributionCents', 'justificationRequired', 'legs'],
  description:
    "Totals and legs. A one-leg body also gets its leg's figures at the top level (`from`, `to`, `distanceKm`, `greatCircleKm`, `method`, `methodVersion`, `factor`, `trainFirst`, `pricePerTonneEuros`), as before legs existed.",
  properties: {
    id: { type: 'string', description: 'Present once stored (201).' },
    emissionsGrams: { type: 'integer', description: 'Total of the legs, gCO2e per traveller.' },
    contributionCents: { type: 'integer', description: 'Total contribution to the internal carbon fund.' },
    justificationRequired: {
      type: 'boolean',
      description: 'A flight leg has a train alternative under the train-first threshold.',
    },
    legs: { type: 'array', items: ref('LegEstimate') },
    from: estimatedPlace,
    to: estimatedPlace,
    distanceKm: { type: 'number' },
    greatCircleKm: { type: 'number' },
    method: { type: 'string' },
    methodVersion: { type: 'string' },
    factor,
    trainFirst: ref('TrainFirst'),
    pricePerTonneEuros: { type: 'number' },
  },
};

const storedPlace = {
  type: 'object',
  required: ['text', 'name', 'country'],
  properties: { text: { type: 'string' }, name: { type: 'string' }, country: { type: 'string' } },
};

const storedTrip = {
  type: 'object',
  required: ['id', 'date', 'purpose', 'travellerCategory', 'status', 'justification', 'unitId', 'createdAt', 'legs'],
  properties: {
    id: { type: 'string' },
    date: { type: 'string', format: 'date' },
    purpose: nullable('string'),
    travellerCategory: { type: 'string', enum: [...TRAVELLER_CATEGORIES] },
    status: { type: 'string' },
    justification: nullable('string'),
    unitId: { ...nullable('string'), description: 'Organisational unit the trip is charged to.' },
    createdAt: { type: 'string', format: 'date-time' },
    emissionsGrams: { type: 'integer' },
    contributionCents: { type: 'integer' },
    legs: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          position: { type: 'integer', minimum: 0 },
          from: storedPlace,
          to: storedPlace,
          mode: { type: 'string', enum: [...TRAVEL_MODES] },
          cabinClass: { type: ['string', 'null'], enum: [...CABIN_CLASSES, null] },
          roundTrip: { type: 'boolean' },
          passengers: { type: 'integer' },
          contrails: { type: 'boolean' },
          distanceKm: { type: 'number' },
          greatCircleKm: { type: 'number' },
          emissionsGrams: { type: 'integer' },
          method: { type: 'string' },
          methodVersion: { type: 'string' },
          factor: {
            type: 'object',
            properties: {
              key: { type: 'string' },
              value: { type: 'number' },
              unit: { type: 'string' },
              source: { type: 'string' },
            },
          },
          trainFirst: ref('TrainFirst'),
          contributionCents: { type: 'integer' },
          pricePerTonneEuros: { type: 'number' },
        },
      },
    },
  },
};

const placeResolution = {
  type: 'object',
  required: ['text', 'status', 'reason', 'confidence', 'candidates'],
  properties: {
    text: { type: 'string' },
    status: { type: 'string', enum: ['resolved', 'review', 'unknown'] },
    reason: { type: 'string', description: 'i18n key under travel.place.*' },
    confidence: { type: 'number' },
    candidates: { type: 'array', items: ref('Place') },
  },
};

const tripError = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          description:
            '`travel.estimate.placeNotResolved` (with `leg` and `places`), `travel.trips.error.justificationRequired` (with `estimate`), `travel.trips.error.unknownUnit`, or `travel.leg.*` (with `leg`).',
        },
        message: { type: 'string', description: "Translated into the user's language (French or English)." },
        estimate: ref('TripEstimate'),
        leg: { type: 'integer', minimum: 0, description: '0-based position of the leg that could not be computed.' },
        places: {
          type: 'object',
          properties: { from: ref('PlaceResolution'), to: ref('PlaceResolution') },
        },
      },
    },
  },
};

const invalidBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'fields'],
      properties: {
        code: { type: 'string', enum: ['api.error.invalidBody'] },
        message: { type: 'string' },
        fields: {
          type: 'array',
          items: { type: 'string' },
          description: 'Fields that are invalid or unknown: `date`, or `legs.1.mode` inside a leg.',
        },
      },
    },
  },
};

export const TRIP_SCHEMAS = {
  TripRequest: tripRequest,
  SingleLegTripRequest: singleLegTripRequest,
  MissionRequest: missionRequest,
  TripLegRequest: tripLegRequest,
  LegEstimate: legEstimate,
  Place: place,
  TrainFirst: trainFirst,
  TripEstimate: tripEstimate,
  StoredTrip: storedTrip,
  PlaceResolution: placeResolution,
  TripError: tripError,
  InvalidBody: invalidBody,
};
