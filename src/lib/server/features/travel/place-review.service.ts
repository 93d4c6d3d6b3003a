/**
 * The review list of places: every place text the resolver could not settle
 * with confidence (an import row, a declaration, an API call) is listed once
 * per institution, with how often it was met and the candidates offered. A
 * person answers it once, choosing a candidate or searching another place;
 * the answer is then remembered (ResolverMemory) for the institution's next
 * imports, declarations and API calls, and never asked again.
 *
 * Decisions:
 * - Who answers: the officer (admin), pilots and contributors — the people
 *   who enter data; the committee and viewers read only, as elsewhere.
 * - An answer is kept per (normalised name, country restriction). An answer
 *   given without a country also serves a text restricted to the answer's
 *   own country ("Montpelier" answered Montpellier FR serves "Montpelier,
 *   France"), never another country.
 * - An answer can be changed (a wrong click); it applies to later imports
 *   only: stored trips keep the place they were computed with (the trip
 *   page shows the text as typed and the place used).
 */
import type { Insertable, Kysely } from 'kysely';
import { z } from 'zod';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth';
import type { PlaceReviewTable } from './place-review.table';
import { type Place, type PlaceResolution, placeMemoryKey, type ResolverMemory, resolvePlaceIn } from './places';
import { countryName, type PlaceLanguage } from './places-countries';
import { loadPlaceIndex } from './places-data';
import { toMicro } from './trips';

export const PLACE_REVIEW_OPEN = 'open';
export const PLACE_REVIEW_ANSWERED = 'answered';
/** Keys looked up per statement, and rows inserted per statement (19 columns: under SQLite's 32,766 parameters). */
const KEYS_PER_QUERY = 500;
const ROWS_PER_INSERT = 500;

/** A text met without a confident answer, as the resolver left it. */
export interface PlaceToReview {
  text: string;
  /** The country typed beside the place, when the source has one. */
  country?: string;
  candidates: readonly Place[];
  /** How many rows or calls met it (default 1). */
  occurrences?: number;
}

export interface PlaceReviewView {
  id: string;
  text: string;
  countryText: string | null;
  occurrences: number;
  firstSeenAt: string;
  lastSeenAt: string;
  status: string;
  candidates: Place[];
  answer: Place | null;
  answeredAt: string | null;
}

export type PlaceReviewErrorCode =
  | 'errors.forbidden'
  | 'errors.notFound'
  | 'travel.places.error.choiceInvalid'
  | 'travel.places.error.searchEmpty';

export type PlaceReviewResult<T> = { ok: true; value: T } | { ok: false; error: { code: PlaceReviewErrorCode } };

/** People who enter data answer the review list; the committee and viewers read only. */
export function canReviewPlaces(user: SessionUser): boolean {
  return user.role === 'admin' || user.role === 'pilot' || user.role === 'contributor';
}

const placeSchema = z.object({
  kind: z.enum(['city', 'airport']),
  name: z.string().min(1).max(200),
  country: z.string().regex(/^[A-Z]{2}$/),
  countryName: z.string(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  iata: z.string().optional(),
  population: z.number().optional(),
});

function parseCandidates(json: string): Place[] {
  const parsed = z.array(placeSchema).safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

function answerOf(row: PlaceReviewTable, language: PlaceLanguage): Place | null {
  if (
    row.answer_kind === null ||
    row.answer_name === null ||
    row.answer_country === null ||
    row.answer_lat_micro === null ||
    row.answer_lon_micro === null
  )
    return null;
  return {
    kind: row.answer_kind === 'airport' ? 'airport' : 'city',
    name: row.answer_name,
    country: row.answer_country,
    countryName: countryName(row.answer_country, language),
    lat: row.answer_lat_micro / 1_000_000,
    lon: row.answer_lon_micro / 1_000_000,
    ...(row.answer_iata ? { iata: row.answer_iata } : {}),
  };
}

/**
 * Lists texts the resolver left uncertain, once per institution and key:
 * new ones open, known ones counted again (an answered one stays answered).
 * Runs in the caller's transaction when given one.
 */
export async function recordUnresolvedPlaces(
  db: Kysely<DB>,
  institutionId: string,
  places: readonly PlaceToReview[],
): Promise<number> {
  // One entry per key, occurrences summed; existing keys are read and new ones inserted in batches (a text met
  // before costs one update).
  const byKey = new Map<string, { key: string; country: string; place: PlaceToReview; occurrences: number }>();
  for (const place of places) {
    const key = placeMemoryKey(place.text, { country: place.country });
    if (!key) continue;
    const id = `${key.key}|${key.country}`;
    const seen = byKey.get(id);
    if (seen) seen.occurrences += place.occurrences ?? 1;
    else byKey.set(id, { ...key, place, occurrences: place.occurrences ?? 1 });
  }
  if (byKey.size === 0) return 0;
  const now = nowIso();
  const known = new Map<string, { id: string; occurrences: number }>();
  const keys = [...new Set([...byKey.values()].map((k) => k.key))];
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    const rows = await db
      .selectFrom('place_review')
      .select(['id', 'memory_key', 'country_hint', 'occurrences'])
      .where('institution_id', '=', institutionId)
      .where('memory_key', 'in', keys.slice(i, i + KEYS_PER_QUERY))
      .execute();
    for (const row of rows) known.set(`${row.memory_key}|${row.country_hint}`, row);
  }
  const fresh: Insertable<PlaceReviewTable>[] = [];
  for (const [id, entry] of byKey) {
    const existing = known.get(id);
    if (existing) {
      await db
        .updateTable('place_review')
        .set({ occurrences: existing.occurrences + entry.occurrences, last_seen_at: now })
        .where('id', '=', existing.id)
        .execute();
      continue;
    }
    fresh.push({
      id: newId(),
      institution_id: institutionId,
      memory_key: entry.key,
      country_hint: entry.country,
      text: entry.place.text.trim(),
      country_text: entry.place.country?.trim() || null,
      candidates_json: JSON.stringify(entry.place.candidates),
      occurrences: entry.occurrences,
      first_seen_at: now,
      last_seen_at: now,
      status: PLACE_REVIEW_OPEN,
      answer_kind: null,
      answer_name: null,
      answer_country: null,
      answer_lat_micro: null,
      answer_lon_micro: null,
      answer_iata: null,
      answered_at: null,
      answered_by: null,
    });
  }
  for (let i = 0; i < fresh.length; i += ROWS_PER_INSERT) {
    await db
      .insertInto('place_review')
      .values(fresh.slice(i, i + ROWS_PER_INSERT))
      .execute();
  }
  return fresh.length;
}

/** The places of a resolution pair that were not settled, ready for `recordUnresolvedPlaces`. */
export function unresolvedOf(
  pairs: readonly { text: string; country?: string; resolution: PlaceResolution }[],
): PlaceToReview[] {
  return pairs
    .filter((p) => p.resolution.status !== 'resolved' && p.text.trim() !== '')
    .map((p) => ({ text: p.text, country: p.country, candidates: p.resolution.candidates }));
}

/**
 * Every answer people gave for the institution, as the resolver's memory.
 * Loaded once per import or request: the list holds one row per distinct text.
 */
export async function loadResolverMemory(
  db: Kysely<DB>,
  institutionId: string,
  language: PlaceLanguage = 'fr',
): Promise<ResolverMemory> {
  const rows = await db
    .selectFrom('place_review')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('status', '=', PLACE_REVIEW_ANSWERED)
    .execute();
  const answers = new Map<string, Place>();
  for (const row of rows) {
    const answer = answerOf(row, language);
    if (answer) answers.set(`${row.memory_key}|${row.country_hint}`, answer);
  }
  return {
    remembered(normalizedText, country) {
      const exact = answers.get(`${normalizedText}|${country ?? ''}`);
      if (exact || !country) return exact;
      const unrestricted = answers.get(`${normalizedText}|`);
      return unrestricted?.country === country ? unrestricted : undefined;
    },
  };
}

function viewOf(row: PlaceReviewTable, language: PlaceLanguage): PlaceReviewView {
  return {
    id: row.id,
    text: row.text,
    countryText: row.country_text,
    occurrences: row.occurrences,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    status: row.status,
    candidates: parseCandidates(row.candidates_json).map((p) => ({
      ...p,
      countryName: countryName(p.country, language),
    })),
    answer: answerOf(row, language),
    answeredAt: row.answered_at,
  };
}

/** The review list: open texts first (most met first), then the answers given, newest first. */
export async function listPlaceReviews(
  db: Kysely<DB>,
  user: SessionUser,
  options: { language?: PlaceLanguage; limit?: number } = {},
): Promise<PlaceReviewResult<{ open: PlaceReviewView[]; answered: PlaceReviewView[] }>> {
  if (!canReviewPlaces(user)) return { ok: false, error: { code: 'errors.forbidden' } };
  const language = options.language ?? 'fr';
  const limit = options.limit ?? 200;
  const base = db.selectFrom('place_review').selectAll().where('institution_id', '=', user.institutionId);
  const open = await base
    .where('status', '=', PLACE_REVIEW_OPEN)
    .orderBy('occurrences', 'desc')
    .orderBy('text')
    .limit(limit)
    .execute();
  const answered = await base
    .where('status', '=', PLACE_REVIEW_ANSWERED)
    .orderBy('answered_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return {
    ok: true,
    value: { open: open.map((r) => viewOf(r, language)), answered: answered.map((r) => viewOf(r, language)) },
  };
}

/** One entry with the candidates of a new search when `search` is given (the reviewer's own words). */
export async function getPlaceReview(
  db: Kysely<DB>,
  user: SessionUser,
  reviewId: string,
  options: { language?: PlaceLanguage; search?: string } = {},
): Promise<PlaceReviewResult<{ review: PlaceReviewView; searched: Place[] | null }>> {
  if (!canReviewPlaces(user)) return { ok: false, error: { code: 'errors.forbidden' } };
  const row = await db
    .selectFrom('place_review')
    .selectAll()
    .where('id', '=', reviewId)
    .where('institution_id', '=', user.institutionId)
    .executeTakeFirst();
  if (!row) return { ok: false, error: { code: 'errors.notFound' } };
  const language = options.language ?? 'fr';
  const search = options.search?.trim();
  let searched: Place[] | null = null;
  if (search) {
    const index = await loadPlaceIndex();
    const found = resolvePlaceIn(index, search, { language });
    searched =
      found.place && !found.candidates.includes(found.place) ? [found.place, ...found.candidates] : found.candidates;
  }
  return { ok: true, value: { review: viewOf(row, language), searched } };
}

/** The reviewer's choice, as the form sends it: one of the offered places, by its position in the list sent. */
export const placeAnswerSchema = z.object({
  choice: z.string().regex(/^(candidate|searched)-\d{1,2}$/),
  search: z.string().trim().max(120).optional(),
});

/**
 * Records the answer for a listed text: a place among its candidates, or
 * among the results of the reviewer's search (re-run here, so only a real
 * place of the bundled data can be chosen). Audited; remembered from now on.
 */
export async function answerPlaceReview(
  db: Kysely<DB>,
  user: SessionUser,
  reviewId: string,
  input: z.input<typeof placeAnswerSchema>,
): Promise<PlaceReviewResult<{ place: Place }>> {
  if (!canReviewPlaces(user)) return { ok: false, error: { code: 'errors.forbidden' } };
  const parsed = placeAnswerSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: { code: 'travel.places.error.choiceInvalid' } };
  const [list, position] = parsed.data.choice.split('-') as ['candidate' | 'searched', string];
  if (list === 'searched' && !parsed.data.search)
    return { ok: false, error: { code: 'travel.places.error.searchEmpty' } };
  const found = await getPlaceReview(db, user, reviewId, {
    search: list === 'searched' ? parsed.data.search : undefined,
  });
  if (!found.ok) return found;
  const offered = list === 'candidate' ? found.value.review.candidates : (found.value.searched ?? []);
  const place = offered[Number(position)];
  if (!place) return { ok: false, error: { code: 'travel.places.error.choiceInvalid' } };
  const before = found.value.review.answer;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('place_review')
      .set({
        status: PLACE_REVIEW_ANSWERED,
        answer_kind: place.kind,
        answer_name: place.name,
        answer_country: place.country,
        answer_lat_micro: toMicro(place.lat),
        answer_lon_micro: toMicro(place.lon),
        answer_iata: place.iata ?? null,
        answered_at: nowIso(),
        answered_by: user.id,
      })
      .where('id', '=', reviewId)
      .where('institution_id', '=', user.institutionId)
      .execute();
    await recordAudit(trx, {
      institutionId: user.institutionId,
      actor: { userId: user.id, label: user.displayName },
      entityType: 'place_review',
      entityId: reviewId,
      operation: 'update',
      changes: [
        {
          field: 'answer',
          before: before ? `${before.name} (${before.country})` : null,
          after: `${place.name} (${place.country})`,
        },
      ],
    });
  });
  return { ok: true, value: { place } };
}
