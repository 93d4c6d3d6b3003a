/**
 * The OpenAPI 3.1 description of the JSON API, served at
 * /api/v1/openapi.json. Written by hand next to the shapes it describes
 * (api.ts); a test checks that every route under src/routes/api/v1 is
 * described and that every described path is served.
 */
import { API_SCHEMAS, ref } from './openapi-schemas';
import { TRIP_SCHEMAS } from './openapi-trips';
import { TOKEN_PREFIX } from './tokens';

const idParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const envelope = (schema: Record<string, unknown>) => ({
  type: 'object',
  required: ['data'],
  properties: { data: schema },
});
const ok = (description: string, schema: Record<string, unknown>) => ({
  description,
  content: { 'application/json': { schema: envelope(schema) } },
});
const problem = { $ref: '#/components/responses/Unauthorized' };
const notFound = { $ref: '#/components/responses/NotFound' };

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});

const secured = (summary: string, operationId: string, extra: Record<string, unknown>) => ({
  get: {
    summary,
    operationId,
    security: [{ bearerToken: [] }],
    ...extra,
    responses: {
      ...(extra.responses as object),
      '401': problem,
      ...(extra.parameters ? { '404': notFound } : {}),
    },
  },
});

/** The document; `paths` are relative to the server URL /api/v1. */
export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Trajectoire API',
    version: '1.0.0',
    description: [
      'Read access to the plans, actions, indicators and indicator values of your institution, and',
      'trips posted by expense systems (POST /trips: estimate with `dryRun`, or declare for the token owner).',
      `Authenticate with a personal token (created on /account/tokens, starting with \`${TOKEN_PREFIX}\`) in an`,
      "`Authorization: Bearer <token>` header; cookies are not accepted. A token acts with its owner's current",
      'role and institution: rows of other institutions answer 404, like unknown ids.',
      'Units: money in integer cents (`budgetCents`), indicator and target figures as decimals in the indicator `unit`.',
      'No rate limit is enforced at present; please stay under 600 requests per minute and token.',
    ].join('\n'),
  },
  servers: [{ url: '/api/v1' }],
  security: [{ bearerToken: [] }],
  paths: {
    '/plans': secured('The plans of the institution', 'listPlans', {
      responses: { '200': ok('Plans, latest first', { type: 'array', items: ref('PlanSummary') }) },
    }),
    '/plans/{planId}': secured('A plan with its whole tree', 'getPlan', {
      parameters: [idParam('planId', 'Plan id')],
      responses: { '200': ok('Workstreams, objectives, targets, actions and indicators', ref('Plan')) },
    }),
    '/actions/{actionId}': secured('An action', 'getAction', {
      parameters: [idParam('actionId', 'Action id')],
      responses: { '200': ok('The action, its pilots, SDGs, axes and indicators', ref('ActionDetail')) },
    }),
    '/indicators/{indicatorId}': secured('An indicator definition', 'getIndicator', {
      parameters: [idParam('indicatorId', 'Indicator id')],
      responses: { '200': ok('Definition: unit, direction, baseline, target, periodicity', ref('Indicator')) },
    }),
    '/indicators/{indicatorId}/values': secured('Values of an indicator', 'listIndicatorValues', {
      parameters: [
        idParam('indicatorId', 'Indicator id'),
        {
          name: 'history',
          in: 'query',
          required: false,
          description:
            'true: every version of every period (corrections included); default: the current value of each period.',
          schema: { type: 'string', enum: ['true', 'false'], default: 'false' },
        },
      ],
      responses: {
        '200': ok('Values ordered by period, then version', ref('IndicatorValueList')),
        '400': errorResponse('Invalid query parameter'),
      },
    }),
    '/trips': {
      post: {
        summary: 'Estimate or declare a trip of the token owner',
        description: [
          'The same rules as the declaration form. The body is a mission with `legs` (1 to 20 legs:',
          'from, to, mode, round trip, passengers...) or, as before legs existed, a one-leg trip.',
          '`dryRun: true` estimates without storing (200). The answer gives each leg its distance, emissions,',
          'train-first verdict and contribution, and the totals.',
          'When a flight leg is one the train-first rule asks to justify, the trip is refused without',
          '`justification` (422, with the estimate). A place not recognised with confidence is refused',
          '(422, with the leg and its candidates).',
        ].join(' '),
        operationId: 'postTrip',
        security: [{ bearerToken: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: ref('TripRequest') } } },
        responses: {
          '200': ok('Dry run: the estimate, nothing stored', ref('TripEstimate')),
          '201': {
            ...ok('Stored: the estimate with the trip id', ref('TripEstimate')),
            headers: { Location: { schema: { type: 'string' }, description: '/api/v1/trips/{tripId}' } },
          },
          '400': {
            description: 'Body not JSON, or invalid or unknown fields',
            content: { 'application/json': { schema: ref('InvalidBody') } },
          },
          '401': problem,
          '422': {
            description: 'Refused by a rule: place not resolved, justification required, no factor',
            content: { 'application/json': { schema: ref('TripError') } },
          },
        },
      },
    },
    '/trips/{tripId}': secured('A stored trip', 'getTrip', {
      parameters: [idParam('tripId', 'Trip id')],
      responses: { '200': ok('The trip you declared (any trip of the institution for an admin)', ref('StoredTrip')) },
    }),
    '/openapi.json': {
      get: {
        summary: 'This document',
        operationId: 'getOpenApi',
        security: [],
        responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } },
      },
    },
  },
  components: {
    securitySchemes: {
      bearerToken: {
        type: 'http',
        scheme: 'bearer',
        description: `Personal API token (${TOKEN_PREFIX}...), created and revoked on /account/tokens.`,
      },
    },
    responses: {
      Unauthorized: {
        ...errorResponse('Token missing, malformed, unknown or revoked'),
        headers: { 'WWW-Authenticate': { schema: { type: 'string' }, description: 'Bearer challenge (RFC 6750)' } },
      },
      NotFound: errorResponse('No such row in your institution'),
    },
    schemas: { ...API_SCHEMAS, ...TRIP_SCHEMAS },
  },
} as const;
