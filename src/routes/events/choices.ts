/** The choices the event form offers: kinds, audiences, accessibility features and the institution's people. */
import type { Kysely } from 'kysely';
import type { DB } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/features/auth';
import {
  ACCESSIBILITY_FEATURES,
  EVENT_AUDIENCES,
  EVENT_KINDS,
  listOrganiserChoices,
} from '$lib/server/features/events';

export async function eventFormChoices(db: Kysely<DB>, user: SessionUser) {
  return {
    kinds: EVENT_KINDS,
    audiences: EVENT_AUDIENCES,
    features: ACCESSIBILITY_FEATURES,
    people: await listOrganiserChoices(db, user),
  };
}
