import { z } from 'zod';
import { apiGetTrip, serveApi } from '$lib/server/features/api';
import { getDatabase } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
  serveApi(event, getDatabase().db, z.object({}), (user) => apiGetTrip(getDatabase().db, user, event.params.tripId));
