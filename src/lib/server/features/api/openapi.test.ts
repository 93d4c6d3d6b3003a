import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, test } from 'vitest';
import { OPENAPI_DOCUMENT } from './openapi';

const API_ROOT = join(process.cwd(), 'src/routes/api/v1');

/** Every endpoint under src/routes/api/v1 as "method path", `[planId]` written `{planId}` as OpenAPI does. */
function servedOperations(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === '+server.ts') {
        const route = `/${relative(API_ROOT, dir).split(sep).join('/')}`;
        // The catch-all only turns unknown paths into JSON 404s; it is not an endpoint.
        if (route.includes('[...')) continue;
        const methods = [...readFileSync(path, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)];
        for (const m of methods) out.push(`${m[1].toLowerCase()} ${route.replace(/\[(\w+)\]/g, '{$1}')}`);
      }
    }
  };
  walk(API_ROOT);
  return out.sort();
}

test('every API route is described in the OpenAPI document, and every described path is served', () => {
  const described = Object.entries(OPENAPI_DOCUMENT.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method} ${path}`),
  );
  expect(described.sort()).toEqual(servedOperations());
  expect(described).toContain('get /plans/{planId}');
  expect(described).toEqual(expect.arrayContaining(['post /trips', 'get /trips/{tripId}']));
});

test('the document is OpenAPI 3.1 with a bearer scheme, and every reference resolves', () => {
  const doc = JSON.parse(JSON.stringify(OPENAPI_DOCUMENT));
  expect(doc.openapi).toBe('3.1.0');
  expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]);
  expect(refs.length).toBeGreaterThan(10);
  for (const ref of refs) {
    const target = ref.split('/').reduce((node, key) => node?.[key], doc);
    expect(target, ref).toBeDefined();
  }
});

test('every protected operation requires the token and documents the 401; path parameters are declared', () => {
  type Operation = { security: unknown[]; responses: Record<string, unknown>; parameters?: { name: string }[] };
  for (const [path, item] of Object.entries(OPENAPI_DOCUMENT.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const op = operation as Operation;
      const where = `${method} ${path}`;
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(
        names.every((n) => op.parameters?.some((p) => p.name === n)),
        where,
      ).toBe(true);
      if (path === '/openapi.json') {
        expect(op.security).toEqual([]);
        continue;
      }
      expect(op.security, where).toEqual([{ bearerToken: [] }]);
      expect(op.responses['200'], where).toBeDefined();
      expect(op.responses['401'], where).toBeDefined();
      if (names.length) expect(op.responses['404'], where).toBeDefined();
    }
  }
});

test('POST /trips documents its body and its 201, 400 and 422 answers', () => {
  const post = OPENAPI_DOCUMENT.paths['/trips'].post;
  expect(post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/TripRequest' });
  expect(Object.keys(post.responses).sort()).toEqual(['200', '201', '400', '401', '422']);
  expect(post.responses['201'].headers.Location).toBeDefined();
  const { schemas } = OPENAPI_DOCUMENT.components;
  expect(schemas.TripRequest.oneOf).toEqual([
    { $ref: '#/components/schemas/SingleLegTripRequest' },
    { $ref: '#/components/schemas/MissionRequest' },
  ]);
  expect(schemas.SingleLegTripRequest.required).toEqual(['from', 'to', 'mode', 'roundTrip', 'date']);
  expect(Object.keys(schemas.SingleLegTripRequest.properties)).toContain('dryRun');
  expect(schemas.MissionRequest.required).toEqual(['date', 'legs']);
  expect(schemas.MissionRequest.properties.legs).toMatchObject({ minItems: 1, maxItems: 20 });
  expect(schemas.TripLegRequest.required).toEqual(['from', 'to', 'mode', 'roundTrip']);
  expect(schemas.TripEstimate.required).toEqual([
    'emissionsGrams',
    'contributionCents',
    'justificationRequired',
    'legs',
  ]);
});
