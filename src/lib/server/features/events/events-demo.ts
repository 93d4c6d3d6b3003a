/**
 * The demo's events (data/demo/events.json): the report's Fête de la science,
 * Pint of Science and Culturelles, and two invented events so that the plan's
 * years have figures. Organisers are found by their name in the directory.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import eventsData from '../../../../../data/demo/events.json';
import type { DB } from '../../db/schema';
import { hasAnyEvent, listPersonOptions } from './events.queries';
import { insertParsedEvent, parseEvent } from './events.service';

const demoEventSchema = z.object({
  title: z.string(),
  kind: z.string(),
  seriesName: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  place: z.string().nullable(),
  online: z.boolean(),
  audiences: z.array(z.string()),
  attendance: z.number().nullable(),
  organisers: z.array(z.string()),
  partners: z.string().nullable(),
  sdgs: z.array(z.number()),
  accessibility: z.array(z.string()),
  accessibilityNote: z.string().nullable(),
  description: z.string().nullable(),
  url: z.string().nullable(),
  invented: z.boolean(),
  inventedFields: z.array(z.string()),
});
const demoFileSchema = z.object({ source: z.string(), note: z.string(), events: z.array(demoEventSchema) });

/** The demo file, validated (a broken file stops the demo with the reason). */
export function demoEvents(): z.output<typeof demoFileSchema>['events'] {
  return demoFileSchema.parse(eventsData).events;
}

/** Inserts the demo events into an institution that has none; events with an invented fact are marked demo. */
export async function loadEventsDemo(db: Kysely<DB>, institutionId: string): Promise<void> {
  if (await hasAnyEvent(db, institutionId)) return;
  const people = new Map((await listPersonOptions(db, institutionId)).map((p) => [p.display_name, p.id]));
  const actor = { id: '', institutionId, displayName: 'demo' };
  await db.transaction().execute(async (trx) => {
    for (const e of demoEvents()) {
      const organiserIds = e.organisers.map((name) => {
        const id = people.get(name);
        if (!id) throw new Error(`demo event "${e.title}": no person named ${name}`);
        return id;
      });
      const parsed = parseEvent({ ...e, organiserIds } as Parameters<typeof parseEvent>[0]);
      if (!parsed.ok) throw new Error(`demo event "${e.title}": ${parsed.error.code}`);
      await insertParsedEvent(trx, actor, parsed.value, {
        isDemo: e.invented || e.inventedFields.length > 0,
        actorLabel: 'demo',
      });
    }
  });
}
