import { z } from 'zod';
import { apiListIndicatorValues, serveApi } from '$lib/server/features/api';
import { getDatabase } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

const querySchema = z.object({
  history: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const GET: RequestHandler = (event) =>
  serveApi(event, getDatabase().db, querySchema, (user, query) =>
    apiListIndicatorValues(getDatabase().db, user, event.params.indicatorId, query),
  );
