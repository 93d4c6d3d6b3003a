import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import {
  answerPlaceReview,
  getPlaceReview,
  listPlaceReviews,
  loadResolverMemory,
  recordUnresolvedPlaces,
  unresolvedOf,
} from './place-review.service';
import { resolvePlaceIn } from './places';
import { loadPlaceIndex } from './places-data';

describeEachDialect('the review list of places', (get) => {
  let admin: SessionUser;
  let contributor: SessionUser;
  let viewer: SessionUser;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    contributor = await sessionUserByEmail(db, 'contributeur@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
  });

  test('an uncertain text is listed once, counted each time, answered once and then remembered', async () => {
    const { db } = get();
    const index = await loadPlaceIndex();
    // "Valencia" alone: Valencia VE and Valencia ES are comparable in size, so the resolver asks.
    const valencia = resolvePlaceIn(index, 'Valencia');
    expect(valencia.status).toBe('review');
    const unresolved = unresolvedOf([
      { text: 'Valencia', resolution: valencia },
      { text: 'Paris', resolution: resolvePlaceIn(index, 'Paris') },
    ]);
    expect(unresolved.map((u) => u.text)).toEqual(['Valencia']);

    expect(await recordUnresolvedPlaces(db, admin.institutionId, unresolved)).toBe(1);
    // Typed again with another case and spacing: the same key, counted, not listed twice.
    expect(
      await recordUnresolvedPlaces(db, admin.institutionId, [
        { text: '  VALENCIA ', candidates: valencia.candidates, occurrences: 3 },
      ]),
    ).toBe(0);

    const listed = await listPlaceReviews(db, contributor);
    if (!listed.ok) throw new Error(listed.error.code);
    const entry = listed.value.open.find((r) => r.text === 'Valencia');
    expect(entry).toMatchObject({ occurrences: 4, status: 'open', answer: null });
    const spainAt = entry?.candidates.findIndex((p) => p.country === 'ES') ?? -1;
    expect(spainAt).toBeGreaterThanOrEqual(0);

    // Before the answer, the memory knows nothing.
    const before = await loadResolverMemory(db, admin.institutionId);
    expect(resolvePlaceIn(index, 'Valencia', { memory: before }).status).toBe('review');

    const answered = await answerPlaceReview(db, contributor, entry?.id ?? '', { choice: `candidate-${spainAt}` });
    if (!answered.ok) throw new Error(answered.error.code);
    expect(answered.value.place).toMatchObject({ name: 'Valencia', country: 'ES' });

    const memory = await loadResolverMemory(db, admin.institutionId, 'en');
    const remembered = resolvePlaceIn(index, 'valencia', { memory });
    expect(remembered).toMatchObject({ status: 'resolved', reason: 'travel.place.remembered', confidence: 1 });
    expect(remembered.place).toMatchObject({ name: 'Valencia', country: 'ES', countryName: 'Spain' });
    // An answer given without a country serves the same text restricted to the answer's country, not another.
    expect(resolvePlaceIn(index, 'Valencia, Espagne', { memory }).reason).toBe('travel.place.remembered');
    expect(resolvePlaceIn(index, 'Valencia', { memory, country: 'VE' }).place?.country).toBe('VE');
    expect(resolvePlaceIn(index, 'Valencia', { memory, country: 'VE' }).reason).not.toBe('travel.place.remembered');

    const after = await listPlaceReviews(db, admin);
    if (!after.ok) throw new Error(after.error.code);
    expect(after.value.open.some((r) => r.text === 'Valencia')).toBe(false);
    expect(after.value.answered.find((r) => r.text === 'Valencia')?.answer?.country).toBe('ES');

    const audit = await db
      .selectFrom('audit_event')
      .select(['before_value', 'after_value'])
      .where('entity_type', '=', 'place_review')
      .where('entity_id', '=', entry?.id ?? '')
      .execute();
    expect(audit).toEqual([{ before_value: null, after_value: 'Valencia (ES)' }]);
  });

  test("a reviewer's search offers other places, and only an offered place can be chosen", async () => {
    const { db } = get();
    await recordUnresolvedPlaces(db, admin.institutionId, [
      { text: 'Campus Pont-de-Clix', country: 'France', candidates: [] },
    ]);
    const listed = await listPlaceReviews(db, admin);
    if (!listed.ok) throw new Error(listed.error.code);
    const entry = listed.value.open.find((r) => r.text === 'Campus Pont-de-Clix');
    if (!entry) throw new Error('not listed');
    expect(entry.countryText).toBe('France');

    const searched = await getPlaceReview(db, admin, entry.id, { search: 'Grenoble' });
    if (!searched.ok) throw new Error(searched.error.code);
    expect(searched.value.searched?.[0]).toMatchObject({ name: 'Grenoble', country: 'FR' });

    expect(await answerPlaceReview(db, admin, entry.id, { choice: 'candidate-0' })).toEqual({
      ok: false,
      error: { code: 'travel.places.error.choiceInvalid' },
    });
    expect(await answerPlaceReview(db, admin, entry.id, { choice: 'searched-0' })).toEqual({
      ok: false,
      error: { code: 'travel.places.error.searchEmpty' },
    });
    expect(await answerPlaceReview(db, admin, entry.id, { choice: 'x; drop table' })).toEqual({
      ok: false,
      error: { code: 'travel.places.error.choiceInvalid' },
    });
    const answered = await answerPlaceReview(db, admin, entry.id, { choice: 'searched-0', search: 'Grenoble' });
    if (!answered.ok) throw new Error(answered.error.code);

    const memory = await loadResolverMemory(db, admin.institutionId);
    const resolved = resolvePlaceIn(await loadPlaceIndex(), 'campus pont de clix', { memory, country: 'FR' });
    expect(resolved.place).toMatchObject({ name: 'Grenoble', country: 'FR' });
  });

  test('viewers neither read nor answer the list; another institution sees nothing', async () => {
    const { db } = get();
    expect(await listPlaceReviews(db, viewer)).toEqual({ ok: false, error: { code: 'errors.forbidden' } });
    const listed = await listPlaceReviews(db, admin);
    if (!listed.ok) throw new Error(listed.error.code);
    const id = listed.value.answered[0]?.id ?? '';
    expect(await answerPlaceReview(db, viewer, id, { choice: 'candidate-0' })).toEqual({
      ok: false,
      error: { code: 'errors.forbidden' },
    });
    const stranger = { ...admin, institutionId: 'another-institution' };
    expect(await getPlaceReview(db, stranger, id)).toEqual({ ok: false, error: { code: 'errors.notFound' } });
  });
});
