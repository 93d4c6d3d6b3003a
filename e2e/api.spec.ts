import { type APIRequestContext, expect, test } from '@playwright/test';
import { expectAccessible, logIn, measure, visit } from './support';

const TOKEN_NAME = 'Script e2e';

interface ApiAction {
  id: string;
  indicators: { id: string; name: string; unit: string | null }[];
}

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

async function getJson(request: APIRequestContext, path: string, token: string) {
  const response = await request.get(path, { headers: bearer(token) });
  expect(response.status(), path).toBe(200);
  expect(response.headers()['content-type']).toContain('application/json');
  expect(response.headers()['cache-control']).toBe('no-store');
  return (await response.json()).data;
}

test('a user creates a token, reads the API with it alone, then revokes it', async ({ page, request }) => {
  await logIn(page, 'viewer');
  await visit(page, '/account/tokens', 'API tokens');
  await page.getByLabel('Nom du jeton').fill(TOKEN_NAME);
  await page.getByRole('button', { name: 'Créer le jeton' }).click();
  const shown = page.getByTestId('new-token');
  await expect(shown).toHaveText(/^trj_[A-Za-z0-9_-]{43}$/);
  const token = (await shown.textContent()) ?? '';
  await expect(page.getByText('il ne sera plus jamais affiché', { exact: false })).toBeVisible();
  await expectAccessible(page);

  // Shown once: the list shows the name, never the token.
  await page.goto('/account/tokens');
  await expect(page.getByRole('row').filter({ hasText: TOKEN_NAME })).toContainText('Actif');
  expect(await page.content()).not.toContain(token);

  // The session cookie alone does not open the API (no CSRF surface).
  const withCookieOnly = await page.request.get('/api/v1/plans');
  expect(withCookieOnly.status()).toBe(401);

  const plans = await getJson(request, '/api/v1/plans', token);
  expect(plans.map((p: { title: string }) => p.title)).toContain("Plan d'action RES 2023/2027");
  const multiYear = plans.find((p: { kind: string }) => p.kind === 'multi_year');
  expect(multiYear).toMatchObject({ id: expect.any(String), actionCount: 49, startYear: 2023, endYear: 2027 });

  const plan = await getJson(request, `/api/v1/plans/${multiYear.id}`, token);
  expect(plan.workstreams).toHaveLength(4);
  const actions: ApiAction[] = plan.workstreams.flatMap(
    (w: { objectives: { actions: ApiAction[] }[]; actions: ApiAction[] }) => [
      ...w.objectives.flatMap((o) => o.actions),
      ...w.actions,
    ],
  );
  const measured = actions.find((a) => a.indicators.length > 0);
  if (!measured) throw new Error('no action with an indicator in the demo plan');

  const action = await getJson(request, `/api/v1/actions/${measured.id}`, token);
  expect(action).toMatchObject({ id: measured.id, plan: { id: multiYear.id }, pilots: expect.any(Array) });
  expect(action).toHaveProperty('budgetCents');

  const indicatorId = measured.indicators[0].id;
  const indicator = await getJson(request, `/api/v1/indicators/${indicatorId}`, token);
  expect(indicator).toMatchObject({ id: indicatorId, planId: multiYear.id, baseline: expect.any(Object) });
  const values = await getJson(request, `/api/v1/indicators/${indicatorId}/values`, token);
  expect(values).toMatchObject({ indicatorId, history: false, values: expect.any(Array) });
  const history = await getJson(request, `/api/v1/indicators/${indicatorId}/values?history=true`, token);
  expect(history.history).toBe(true);
  expect(history.values.length).toBeGreaterThanOrEqual(values.values.length);

  for (const path of ['/api/v1/plans/unknown', '/api/v1/actions/unknown', '/api/v1/indicators/unknown/values']) {
    const response = await request.get(path, { headers: bearer(token) });
    expect(response.status(), path).toBe(404);
    expect((await response.json()).error.code).toBe('api.error.notFound');
  }
  const bad = await request.get(`/api/v1/indicators/${indicatorId}/values?history=perhaps`, { headers: bearer(token) });
  expect(bad.status()).toBe(400);

  const anonymous = await request.get('/api/v1/plans');
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()['www-authenticate']).toMatch(/^Bearer/);
  expect((await anonymous.json()).error).toMatchObject({ code: 'api.error.unauthorized', message: expect.any(String) });

  await page.getByRole('button', { name: `Révoquer — ${TOKEN_NAME}` }).click();
  await expect(page.getByRole('status')).toContainText('Jeton révoqué');
  await expect(page.getByRole('row').filter({ hasText: TOKEN_NAME })).toContainText('Révoqué le');
  await expectAccessible(page);
  const revoked = await request.get('/api/v1/plans', { headers: bearer(token) });
  expect(revoked.status()).toBe(401);
  expect(revoked.headers()['www-authenticate']).toContain('invalid_token');
});

test('the OpenAPI document and the API page are public', async ({ page, request }) => {
  const response = await request.get('/api/v1/openapi.json');
  expect(response.status()).toBe(200);
  const doc = await response.json();
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      '/plans',
      '/plans/{planId}',
      '/indicators/{indicatorId}/values',
      '/trips',
      '/trips/{tripId}',
    ]),
  );
  expect(Object.keys(doc.paths['/trips'])).toEqual(['post']);
  await visit(page, '/api/docs', 'API documentation');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('API de Trajectoire');
  await expect(page.getByRole('link', { name: /openapi\.json/ })).toHaveAttribute('href', '/api/v1/openapi.json');
});

test('a signed-in user downloads the indicator values of a plan', async ({ page }) => {
  await logIn(page, 'admin');
  await visit(page, '/exports', 'exports');
  await page.getByLabel('Plan', { exact: true }).selectOption({ label: "Plan d'action RES 2023/2027" });
  await page.getByLabel('CSV', { exact: false }).check();
  await page.getByLabel('Inclure toutes les versions', { exact: false }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Télécharger les valeurs' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^valeurs-historique-plan-d-action-res-2023-2027-\d{4}-\d\d-\d\d\.csv$/);
  const response = await page.request.get(`${new URL(download.url()).pathname}${new URL(download.url()).search}`);
  const bytes = await response.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString('utf8')).toContain('Plan;Chantier;Objectif;Action;Indicateur');
  await measure(page, 'exports');
});

test('plans are read-only through the API, which keeps every version of a corrected value with its reason', async ({
  page,
  request,
}) => {
  await logIn(page, 'committee');
  await page.goto('/account/tokens');
  await page.getByLabel('Nom du jeton').fill('Lecture seule');
  await page.getByRole('button', { name: 'Créer le jeton' }).click();
  const token = (await page.getByTestId('new-token').textContent()) ?? '';

  // Trips are the only thing the API writes (POST /api/v1/trips); plans stay read-only.
  for (const method of ['post', 'put', 'delete', 'patch'] as const) {
    const response = await request[method]('/api/v1/plans', { headers: bearer(token), data: {} });
    expect(response.status(), method).toBe(405);
  }

  // The demo corrected the 2024 fossile-energy figure after validation: 280 000 then 310 000 kWhef.
  const plans = await getJson(request, '/api/v1/plans', token);
  const plan = await getJson(
    request,
    `/api/v1/plans/${plans.find((p: { kind: string }) => p.kind === 'multi_year').id}`,
    token,
  );
  const indicators: { id: string; name: string }[] = plan.workstreams.flatMap(
    (w: { objectives: { actions: ApiAction[] }[]; actions: ApiAction[] }) =>
      [...w.objectives.flatMap((o) => o.actions), ...w.actions].flatMap((a) => a.indicators),
  );
  const fossil = indicators.find((i) => i.name === "Kwhef d'origine fossile économisés");
  if (!fossil) throw new Error('demo indicator missing');
  const path = `/api/v1/indicators/${fossil.id}/values`;
  const current = (await getJson(request, path, token)).values.filter((v: { period: string }) => v.period === '2024');
  expect(current).toEqual([expect.objectContaining({ version: 2, current: true, value: 310000, demo: true })]);
  const all = (await getJson(request, `${path}?history=true`, token)).values.filter(
    (v: { period: string }) => v.period === '2024',
  );
  expect(all).toEqual([
    expect.objectContaining({ version: 1, current: false, value: 280000, state: 'validated' }),
    expect.objectContaining({
      version: 2,
      current: true,
      value: 310000,
      changeReason: expect.stringMatching(/^Relevé corrigé/),
    }),
  ]);

  await page.getByRole('button', { name: 'Révoquer — Lecture seule' }).click();
  await expect(page.getByRole('status')).toContainText('Jeton révoqué');
});

test('an expense system estimates, then declares a trip with a token, and reads it back', async ({ page, request }) => {
  await logIn(page, 'viewer');
  await page.goto('/account/tokens');
  await page.getByLabel('Nom du jeton').fill('Notes de frais');
  await page.getByRole('button', { name: 'Créer le jeton' }).click();
  const token = (await page.getByTestId('new-token').textContent()) ?? '';
  const flight = { from: 'Alès', to: 'CDG', mode: 'plane', roundTrip: true, date: '2026-03-12', purpose: 'Colloque' };
  // No Origin header and a JSON body: SvelteKit's CSRF check (form content types only) does not apply.
  const post = (data: unknown, headers: Record<string, string> = bearer(token)) =>
    request.post('/api/v1/trips', { headers, data });

  const dryRun = await post({ ...flight, dryRun: true });
  expect(dryRun.status()).toBe(200);
  expect(dryRun.headers()['cache-control']).toBe('no-store');
  const estimate = (await dryRun.json()).data;
  expect(estimate).toMatchObject({
    from: { name: 'Alès', country: 'FR', confidence: expect.any(Number) },
    to: { iata: 'CDG', country: 'FR' },
    trainFirst: { verdict: 'justification_required', trainHours: expect.any(Number) },
    factor: { key: expect.any(String), year: expect.any(Number) },
  });
  expect(estimate.id).toBeUndefined();
  expect(dryRun.headers().location).toBeUndefined();

  const refused = await post(flight);
  expect(refused.status()).toBe(422);
  const refusal = (await refused.json()).error;
  expect(refusal).toMatchObject({
    code: 'travel.trips.error.justificationRequired',
    message: expect.stringContaining('justifi'),
    estimate: { emissionsGrams: estimate.emissionsGrams },
  });

  const unknownPlace = await post({ ...flight, from: 'Xyzzyville' });
  expect(unknownPlace.status()).toBe(422);
  expect((await unknownPlace.json()).error).toMatchObject({
    code: 'travel.estimate.placeNotResolved',
    places: { from: { status: 'unknown', candidates: [] } },
  });

  const invalid = await post({ ...flight, mode: 'rocket', roundTrip: 'yes' });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error).toMatchObject({ code: 'api.error.invalidBody', fields: ['mode', 'roundTrip'] });

  const created = await post({ ...flight, justification: 'Correspondance vers un vol international' });
  expect(created.status()).toBe(201);
  const trip = (await created.json()).data;
  expect(trip).toMatchObject({ id: expect.any(String), emissionsGrams: estimate.emissionsGrams });
  expect(created.headers().location).toBe(`/api/v1/trips/${trip.id}`);
  const stored = await getJson(request, created.headers().location, token);
  expect(stored).toMatchObject({
    id: trip.id,
    date: '2026-03-12',
    justification: 'Correspondance vers un vol international',
    emissionsGrams: trip.emissionsGrams,
    legs: [{ mode: 'plane', from: { text: 'Alès' }, to: { text: 'CDG' } }],
  });
  const unknown = await request.get('/api/v1/trips/unknown', { headers: bearer(token) });
  expect(unknown.status()).toBe(404);

  // The declared trip is the user's own: it shows on their trips page.
  await page.goto(`/travel/trips/${trip.id}`);
  await expect(page.getByText('Correspondance vers un vol international')).toBeVisible();

  const anonymous = await post(flight, {});
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()['www-authenticate']).toMatch(/^Bearer/);
  // The session cookie alone does not open the API, for writes either.
  const withCookieOnly = await page.request.post('/api/v1/trips', { data: { ...flight, dryRun: true } });
  expect(withCookieOnly.status()).toBe(401);

  for (const method of ['put', 'delete'] as const) {
    const response = await request[method]('/api/v1/trips', { headers: bearer(token), data: {} });
    expect(response.status(), method).toBe(405);
  }

  await page.goto('/account/tokens');
  await page.getByRole('button', { name: 'Révoquer — Notes de frais' }).click();
  await expect(page.getByRole('status')).toContainText('Jeton révoqué');
});

test('an expense system declares a mission of several legs and reads each leg back', async ({ page, request }) => {
  await logIn(page, 'viewer');
  await page.goto('/account/tokens');
  await page.getByLabel('Nom du jeton').fill('Missions');
  await page.getByRole('button', { name: 'Créer le jeton' }).click();
  const token = (await page.getByTestId('new-token').textContent()) ?? '';
  const post = (data: unknown) => request.post('/api/v1/trips', { headers: bearer(token), data });
  const legs = [
    { from: 'Nîmes', to: 'Paris', mode: 'train_high_speed', roundTrip: false },
    { from: 'Paris', to: 'Bruxelles', mode: 'plane', roundTrip: false, cabinClass: 'economy' },
  ];
  const mission = { date: '2026-06-02', purpose: 'Projet européen', justification: 'Retour le soir même', legs };

  const dryRun = await post({ ...mission, dryRun: true });
  expect(dryRun.status()).toBe(200);
  const estimate = (await dryRun.json()).data;
  // Nîmes → Paris: 694.855 rail-km at 3.3 g (TGV) = 2293 g; Paris → Brussels: 359.315 km at 258.6 g = 92919 g.
  expect(estimate).toMatchObject({
    emissionsGrams: 2293 + 92919,
    justificationRequired: true,
    legs: [
      { position: 0, mode: 'train_high_speed', emissionsGrams: 2293, trainFirst: { verdict: 'not_applicable' } },
      { position: 1, mode: 'plane', emissionsGrams: 92919, trainFirst: { verdict: 'justification_required' } },
    ],
  });
  expect(estimate.contributionCents).toBe(estimate.legs[0].contributionCents + estimate.legs[1].contributionCents);
  expect(estimate.from).toBeUndefined();

  const invalid = await post({ ...mission, legs: [legs[0], { ...legs[1], mode: 'rocket' }] });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error).toMatchObject({ code: 'api.error.invalidBody', fields: ['legs.1.mode'] });

  const unknownPlace = await post({ ...mission, legs: [legs[0], { ...legs[1], to: 'Xyzzyville' }] });
  expect(unknownPlace.status()).toBe(422);
  expect((await unknownPlace.json()).error).toMatchObject({
    code: 'travel.estimate.placeNotResolved',
    leg: 1,
    places: { from: { text: 'Paris', status: 'resolved' }, to: { text: 'Xyzzyville', status: 'unknown' } },
  });

  const refused = await post({ ...mission, justification: undefined });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error).toMatchObject({
    code: 'travel.trips.error.justificationRequired',
    estimate: { justificationRequired: true, legs: [{ position: 0 }, { position: 1 }] },
  });

  const created = await post(mission);
  expect(created.status()).toBe(201);
  const stored = await getJson(request, created.headers().location, token);
  expect(stored).toMatchObject({
    date: '2026-06-02',
    emissionsGrams: estimate.emissionsGrams,
    legs: [
      { position: 0, from: { name: 'Nîmes' }, to: { name: 'Paris' }, cabinClass: null },
      { position: 1, from: { name: 'Paris' }, to: { name: 'Brussels', country: 'BE' }, cabinClass: 'economy' },
    ],
  });

  await page.goto(`/travel/trips/${stored.id}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Trajet 1 : Nîmes → Paris' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Trajet 2 : Paris → Brussels' })).toBeVisible();
  await expectAccessible(page);

  await page.goto('/account/tokens');
  await page.getByRole('button', { name: 'Révoquer — Missions' }).click();
  await expect(page.getByRole('status')).toContainText('Jeton révoqué');
});
