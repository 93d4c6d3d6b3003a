import { z } from 'zod';
import ademeData from '../../../../../data/carbon/ademe-base-empreinte-2025.json';
import gesData from '../../../../../data/carbon/ges1point5.json';
import { DISTANCE_RULES, TRAVEL_MODES } from './modes';

const bandSchema = z
  .object({
    minKm: z.number().nonnegative(),
    maxKm: z.number().positive().nullable(),
    minInclusive: z.boolean(),
    maxInclusive: z.boolean(),
  })
  .refine((b) => b.maxKm === null || b.maxKm > b.minKm, 'band.maxKm must exceed band.minKm');

const distanceRuleSchema = z.object({
  multiplier: z.number().positive(),
  addKm: z.number().nonnegative(),
  source: z.string().min(1),
});

/** Where a trip runs relative to the method's home country; GES 1point5 picks its train factor by it. */
export const ROUTE_SCOPES = ['domestic', 'mixed', 'abroad'] as const;
export type RouteScope = (typeof ROUTE_SCOPES)[number];

const factorSchema = z.object({
  key: z.string().min(1),
  label: z.string().min(1),
  modes: z.array(z.enum(TRAVEL_MODES)).min(1),
  scope: z.enum(ROUTE_SCOPES).optional(),
  band: bandSchema.optional(),
  unit: z.enum(['pkm', 'vkm']),
  valueGramsPerUnit: z.number().nonnegative(),
  components: z
    .object({
      construction: z.number().nonnegative().optional(),
      usage: z.number().nonnegative().optional(),
      contrails: z.number().nonnegative().optional(),
    })
    .optional(),
  source: z.string().min(1),
  sourceId: z.string().min(1).nullable(),
  year: z.number().int().min(2000).max(2100),
  uncertaintyPercent: z.number().min(0).max(100),
});

const methodSchema = z.object({
  key: z.string().min(1),
  name: z.string().min(1),
  version: z.string().min(1),
  published: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
  source: z.string().min(1),
  notes: z.array(z.string().min(1)),
  distanceRules: z.object({
    homeCountry: z.string().regex(/^[A-Z]{2}$/),
    bandUsesCorrectedOneWayDistance: z.literal(true),
    rules: z.record(z.enum(DISTANCE_RULES), distanceRuleSchema),
  }),
  factors: z.array(factorSchema).min(1),
});

export type CarbonMethod = z.infer<typeof methodSchema>;
export type EmissionFactor = z.infer<typeof factorSchema>;
export type DistanceBand = z.infer<typeof bandSchema>;
export type DistanceRule = z.infer<typeof distanceRuleSchema>;

export const METHOD_KEYS = ['ges1point5', 'ademe-base-empreinte-2025'] as const;
export type MethodKey = (typeof METHOD_KEYS)[number];

function parseMethod(key: MethodKey, data: unknown): CarbonMethod {
  const method = methodSchema.parse(data);
  if (method.key !== key) throw new Error(`Method file for ${key} declares key ${method.key}`);
  return Object.freeze(method);
}

/** The emission methods shipped in data/carbon, parsed and validated once when the module loads. */
export const CARBON_METHODS: Readonly<Record<MethodKey, CarbonMethod>> = Object.freeze({
  ges1point5: parseMethod('ges1point5', gesData),
  'ademe-base-empreinte-2025': parseMethod('ademe-base-empreinte-2025', ademeData),
});

/** GES 1point5 is the default: it is the tool French research labs already report with. */
export const DEFAULT_METHOD_KEY: MethodKey = 'ges1point5';

export function isMethodKey(value: unknown): value is MethodKey {
  return typeof value === 'string' && (METHOD_KEYS as readonly string[]).includes(value);
}

/** Parses a raw method file; exported so tests and future imports of new versions share the schema. */
export function parseCarbonMethod(data: unknown): CarbonMethod {
  return methodSchema.parse(data);
}
