/** JSON Schemas (OpenAPI 3.1 dialect) of the trips endpoints, one per shape of api-trips.ts. */
import {
  CARBON_METHODS,
  DEFAULT_METHOD_KEY,
  MAX_JUSTIFICATION_LENGTH,
  MAX_PASSENGERS,
  MAX_PURPOSE_LENGTH,
  METHOD_KEYS,
  TRAVEL_MODES,
  TRAVELLER_CATEGORIES,
} from '../travel';
import { ref } from './openapi-schemas';

const nullable = (type: string) => ({ type: [type, 'null'] });
const TRAIN_FIRST_VERDICTS = ['justification_required', 'flagged', 'ok', 'not_applicable'];

const tripRequest = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'mode', 'roundTrip', 'date'],
  properties: {
    from: {
      type: 'string',
      minLength: 1,
      maxLength: 120,
      description: 'Place as typed: city, airport name or IATA code.',
    },
    to: { type: 'string', minLength: 1, maxLength: 120 },
    fromCountry: { type: 'string', maxLength: 60, description: 'Country name or ISO 3166-1 alpha-2 code.' },
    toCountry: { type: 'string', maxLength: 60 },
    mode: { type: 'string', enum: [...TRAVEL_MODES] },
    roundTrip: { type: 'boolean' },
    passengers: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_PASSENGERS,
      default: 1,
      description: 'People sharing a car or taxi.',
    },
    method: {
      type: 'string',
      enum: [...METHOD_KEYS],
      default: DEFAULT_METHOD_KEY,
      description: `Carbon method: ${METHOD_KEYS.map((k) => `\`${k}\` (${CARBON_METHODS[k].version})`).join(', ')}.`,
    },
    contrails: { type: 'boolean', default: true, description: 'Count the effect of contrails for flights.' },
    date: { type: 'string', format: 'date' },
    purpose: { type: 'string', maxLength: MAX_PURPOSE_LENGTH },
    travellerCategory: { type: 'string', enum: [...TRAVELLER_CATEGORIES], default: 'staff' },
    justification: {
      type: 'string',
      maxLength: MAX_JUSTIFICATION_LENGTH,
      description: 'Required for a flight whose train alternative is under the train-first threshold.',
    },
    dryRun: { type: 'boolean', default: false, description: 'true: estimate only, nothing is stored (200).' },
  },
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

const tripEstimate = {
  type: 'object',
  required: [
    'from',
    'to',
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
    id: { type: 'string', description: 'Present once stored (201).' },
    from: { allOf: [ref('Place')], properties: { confidence: { type: 'number', minimum: 0, maximum: 1 } } },
    to: { allOf: [ref('Place')], properties: { confidence: { type: 'number', minimum: 0, maximum: 1 } } },
    distanceKm: { type: 'number', description: 'Corrected distance, doubled for a round trip.' },
    greatCircleKm: { type: 'number' },
    emissionsGrams: { type: 'integer', description: 'gCO2e per traveller.' },
    method: { type: 'string' },
    methodVersion: { type: 'string' },
    factor: {
      type: 'object',
      required: ['key', 'value', 'unit', 'source', 'year'],
      properties: {
        key: { type: 'string' },
        value: { type: 'number', description: 'gCO2e per unit.' },
        unit: { type: 'string', enum: ['pkm', 'vkm'] },
        source: { type: 'string' },
        year: { type: 'integer' },
      },
    },
    trainFirst: ref('TrainFirst'),
    contributionCents: { type: 'integer', description: 'Contribution to the internal carbon fund.' },
    pricePerTonneEuros: { type: 'number', description: "The institution's carbon price of the trip's year." },
  },
};

const storedPlace = {
  type: 'object',
  required: ['text', 'name', 'country'],
  properties: { text: { type: 'string' }, name: { type: 'string' }, country: { type: 'string' } },
};

const storedTrip = {
  type: 'object',
  required: ['id', 'date', 'purpose', 'travellerCategory', 'status', 'justification', 'createdAt', 'legs'],
  properties: {
    id: { type: 'string' },
    date: { type: 'string', format: 'date' },
    purpose: nullable('string'),
    travellerCategory: { type: 'string', enum: [...TRAVELLER_CATEGORIES] },
    status: { type: 'string' },
    justification: nullable('string'),
    createdAt: { type: 'string', format: 'date-time' },
    emissionsGrams: { type: 'integer' },
    contributionCents: { type: 'integer' },
    legs: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          from: storedPlace,
          to: storedPlace,
          mode: { type: 'string', enum: [...TRAVEL_MODES] },
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
            '`travel.estimate.placeNotResolved` (with `places`), `travel.trips.error.justificationRequired` (with `estimate`), or `travel.leg.*`.',
        },
        message: { type: 'string', description: "Translated into the user's language (French or English)." },
        estimate: ref('TripEstimate'),
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
          description: 'Top-level fields that are invalid or unknown.',
        },
      },
    },
  },
};

export const TRIP_SCHEMAS = {
  TripRequest: tripRequest,
  Place: place,
  TrainFirst: trainFirst,
  TripEstimate: tripEstimate,
  StoredTrip: storedTrip,
  PlaceResolution: placeResolution,
  TripError: tripError,
  InvalidBody: invalidBody,
};
