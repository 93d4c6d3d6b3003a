import { z } from 'zod';
import {
  DEFAULT_METHOD_KEY,
  estimateTrip,
  type MethodKey,
  TRAVEL_MODES,
  travelModeSchema,
} from '../lib/server/features/travel';
import { type Cli, CliError, EXIT, type ExitCode, parseCommand } from './cli';
import { estimateJson, humanLines, placeJson, unresolvedLines } from './trip-footprint-report';

/** What --method accepts: the method keys of data/carbon, and `ademe-2025` for short. */
const METHOD_ALIASES: Readonly<Record<string, MethodKey>> = Object.freeze({
  ges1point5: 'ges1point5',
  'ademe-2025': 'ademe-base-empreinte-2025',
  'ademe-base-empreinte-2025': 'ademe-base-empreinte-2025',
});

/** A car holds a handful of people; more is a typing error, not a carpool. */
const MAX_PASSENGERS = 99;
/** contributionCents accepts 4 decimals of a euro per tonne; a price beyond this bound is a typing error. */
const MAX_PRICE_EUROS_PER_TONNE = 100_000;

const positiveInteger = z
  .string()
  .regex(/^\d{1,3}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_PASSENGERS));
const price = z
  .string()
  .regex(/^\d{1,6}([.,]\d{1,4})?$/)
  .transform((s) => Number(s.replace(',', '.')))
  .pipe(z.number().nonnegative().max(MAX_PRICE_EUROS_PER_TONNE));
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

const schema = z.object({
  positionals: z.tuple([]),
  from: z.string().trim().min(1).max(200),
  to: z.string().trim().min(1).max(200),
  // Mode and method are checked apart, to answer with the list of accepted values.
  mode: z.string().min(1),
  method: z.string().min(1).optional(),
  'round-trip': z.boolean().default(false),
  'no-contrails': z.boolean().default(false),
  passengers: positiveInteger.optional(),
  date: isoDate.optional(),
  price: price.optional(),
  json: z.boolean().default(false),
});

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  mode: { type: 'string' },
  method: { type: 'string' },
  'round-trip': { type: 'boolean' },
  'no-contrails': { type: 'boolean' },
  passengers: { type: 'string' },
  date: { type: 'string' },
  price: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/**
 * `trip-footprint --from PLACE --to PLACE --mode MODE [...]`: the footprint of one trip, with the same
 * estimate as the declaration form (places resolved offline, leg, train-first verdict, contribution).
 * Needs no database. A place not recognised with confidence exits with 2 and lists its candidates.
 */
export async function tripFootprint(cli: Cli, args: string[]): Promise<ExitCode> {
  const values = parseCommand(args, OPTIONS, schema);
  const mode = travelModeSchema.safeParse(values.mode);
  if (!mode.success) {
    throw new CliError(
      'cli.tripFootprint.unknownMode',
      { mode: values.mode, modes: TRAVEL_MODES.join(', ') },
      EXIT.usage,
    );
  }
  const methodKey = values.method === undefined ? DEFAULT_METHOD_KEY : methodKeyOf(values.method);
  const date = values.date ?? new Date().toISOString().slice(0, 10);

  const result = await estimateTrip({
    from: values.from,
    to: values.to,
    mode: mode.data,
    roundTrip: values['round-trip'],
    passengers: values.passengers,
    methodKey,
    contrails: !values['no-contrails'],
    pricePerTonneEuros: values.price,
    date,
    language: cli.locale,
  });

  if (!result.ok) {
    const unresolved = [
      { text: values.from, resolution: result.from },
      { text: values.to, resolution: result.to },
    ].filter((p) => p.resolution.status !== 'resolved');
    if (values.json) {
      cli.out(
        JSON.stringify({
          error: { code: result.error.code, message: cli.t(result.error.code) },
          from: placeJson(values.from, result.from),
          to: placeJson(values.to, result.to),
        }),
      );
    }
    if (unresolved.length === 0) {
      cli.err(cli.t(result.error.code));
      return EXIT.refused;
    }
    for (const { text, resolution } of unresolved)
      for (const line of unresolvedLines(cli, text, resolution)) cli.err(line);
    return EXIT.invalidInput;
  }

  const estimate = result.value;
  if (values.json) {
    cli.out(JSON.stringify(estimateJson(cli, values.from, values.to, estimate)));
    return EXIT.ok;
  }
  const trip = { mode: mode.data, methodKey, date, roundTrip: values['round-trip'] };
  for (const line of humanLines(cli, trip, estimate)) cli.out(line);
  return EXIT.ok;
}

function methodKeyOf(text: string): MethodKey {
  const key = Object.hasOwn(METHOD_ALIASES, text) ? METHOD_ALIASES[text] : undefined;
  if (!key) {
    throw new CliError(
      'cli.tripFootprint.unknownMethod',
      { method: text, methods: Object.keys(METHOD_ALIASES).join(', ') },
      EXIT.usage,
    );
  }
  return key;
}
