/**
 * The demo's partners (data/demo/partners.json): the competitiveness clusters
 * of the 2022 report with their SDG and the institution's roles as the report
 * words them, the academic partners and the local authorities sitting on the
 * school board. Agreements and contacts are invented and stored with
 * `is_demo` = 1 where the table has the marker. Load before the research demo,
 * which links its projects' partners by name.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';
import { addAgreement, addContact } from './agreements.service';
import { AGREEMENT_KINDS, DEFAULT_RENEWAL_NOTICE_DAYS, PARTNER_KINDS, PARTNER_ROLES } from './partners';
import { insertParsedPartner, parsePartner } from './partners.service';

const DEMO_FILE = 'data/demo/partners.json';
const DEMO_ACTOR = 'Démo';

const demoSchema = z.object({
  partners: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(PARTNER_KINDS),
      roles: z.array(z.object({ role: z.enum(PARTNER_ROLES), detail: z.string().nullable() })),
      sdgs: z.array(z.number().int().min(1).max(17)),
      startedOn: z.string().nullable().optional(),
      endedOn: z.string().nullable().optional(),
      website: z.string().nullable().optional(),
      description: z.string().nullable().optional(),
      invented: z.boolean().optional(),
      agreements: z
        .array(
          z.object({
            title: z.string(),
            kind: z.enum(AGREEMENT_KINDS),
            signedOn: z.string().nullable(),
            startsOn: z.string().nullable(),
            endsOn: z.string().nullable(),
            renewalNoticeDays: z.number().int().default(DEFAULT_RENEWAL_NOTICE_DAYS),
            invented: z.boolean().optional(),
          }),
        )
        .default([]),
      contacts: z
        .array(
          z.object({
            name: z.string(),
            role: z.string().nullable(),
            email: z.string().nullable(),
            phone: z.string().nullable(),
            invented: z.boolean().optional(),
          }),
        )
        .default([]),
    }),
  ),
});

/** Loads the demo's partners, agreements and contacts into an institution (the demo's own). */
export async function loadPartnersDemo(db: Kysely<DB>, institutionId: string, root = process.cwd()): Promise<void> {
  const demo = demoSchema.parse(JSON.parse(readFileSync(resolve(root, DEMO_FILE), 'utf8')));
  const actor = { id: '', institutionId, displayName: DEMO_ACTOR, role: 'admin' as const };
  for (const p of demo.partners) {
    const parsed = parsePartner({
      name: p.name,
      kind: p.kind,
      roles: p.roles,
      startedOn: p.startedOn ?? null,
      endedOn: p.endedOn ?? null,
      website: p.website ?? null,
      description: p.description ?? null,
      sdgs: p.sdgs,
    });
    if (!parsed.ok) throw new Error(`demo partner ${p.name}: ${parsed.error.code}`);
    const id = await db
      .transaction()
      .execute((trx) =>
        insertParsedPartner(trx, actor, parsed.value, { isDemo: p.invented === true, actorLabel: DEMO_ACTOR }),
      );
    for (const a of p.agreements) {
      const added = await addAgreement(db, actor, id, a, {
        maxMb: 1,
        isDemo: a.invented === true,
        actorLabel: DEMO_ACTOR,
      });
      if (!added.ok) throw new Error(`demo agreement ${a.title}: ${added.error.code}`);
    }
    for (const c of p.contacts) {
      const added = await addContact(db, actor, id, c);
      if (!added.ok) throw new Error(`demo contact ${c.name}: ${added.error.code}`);
    }
  }
}
